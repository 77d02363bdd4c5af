import { execFile } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { node24Path, REPO_ROOT } from '@ecs-delivery/testkit';

const run = promisify(execFile);

/** How an act run ended, and everything it printed. */
export interface ActRun {
  ok: boolean;
  log: string;
}

/**
 * Runs `act` with `args` in the caller repository `cwd`, with Node 24 first on PATH (act runs the `node` it finds,
 * whatever an action declares): a failed workflow is an answer, a killed or unstartable act an error.
 */
export async function runAct(act: string, args: readonly string[], cwd: string): Promise<ActRun> {
  const env = { ...process.env, PATH: `${dirname(node24Path())}:${process.env['PATH'] ?? ''}` };
  try {
    const out = await run(act, [...args], { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
    return { ok: true, log: `${out.stdout}\n${out.stderr}` };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; killed?: boolean };
    if (e.killed === true || e.stdout === undefined) throw err;
    return { ok: false, log: `${e.stdout}\n${e.stderr ?? ''}` };
  }
}

/** For a failure message: the end of act's log. */
export const actTail = (r: ActRun): string => r.log.slice(-8000);

/** This repository as a release commit holds it (its workflows, each action's action.yml and dist/), under root/lib. */
export function releaseCopy(root: string): string {
  const lib = join(root, 'lib');
  cpSync(join(REPO_ROOT, '.github'), join(lib, '.github'), { recursive: true });
  for (const name of readdirSync(join(REPO_ROOT, 'actions'))) {
    for (const part of ['action.yml', 'dist']) {
      cpSync(join(REPO_ROOT, 'actions', name, part), join(lib, 'actions', name, part), { recursive: true });
    }
  }
  return lib;
}
