import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
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

/** The upload-artifact the reusable workflows pin; act cannot fetch it offline. */
export const UPLOAD_ARTIFACT = 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02';

/** A stand-in for actions/upload-artifact that copies the file under `$ARTIFACT_DIR/<name>/`, where a test reads it. */
export function uploadStandIn(root: string): string {
  const dir = join(root, 'upload-artifact');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'action.yml'),
    'name: upload-artifact stand-in\ninputs: { name: { default: artifact }, path: { required: true }, if-no-files-found: { default: warn } }\nruns: { using: node20, main: index.js }\n',
  );
  writeFileSync(
    join(dir, 'index.js'),
    "const fs = require('fs'), path = require('path');\nconst dir = path.join(process.env.ARTIFACT_DIR, process.env['INPUT_NAME']);\nfs.mkdirSync(dir, { recursive: true });\nfs.copyFileSync(process.env['INPUT_PATH'], path.join(dir, path.basename(process.env['INPUT_PATH'])));\n",
  );
  return dir;
}

/** This repository as its v1.0.0 release commit holds it ({@link releaseCopy}, references pinned to the tag). */
export async function pinnedRelease(root: string): Promise<string> {
  const lib = releaseCopy(root);
  await run('node', [join(REPO_ROOT, 'scripts', 'release.mjs'), '--pin', 'v1.0.0', '--dir', lib]);
  return lib;
}

/** `git` in `cwd` (a CI identity for commits), answering its trimmed stdout. */
export function gitIn(gitTool: string, cwd: () => string): (...args: string[]) => Promise<string> {
  return async (...args) =>
    String(
      (
        (await run(gitTool, ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], {
          cwd: cwd(),
        })) as { stdout: string }
      ).stdout,
    ).trim();
}

/** Makes the caller checkout a repository of one commit on main, whose origin is `repository` on GitHub. */
export async function commitCaller(
  git: (...args: string[]) => Promise<string>,
  repository: string,
  message: string,
): Promise<void> {
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-qm', message);
  await git('remote', 'add', 'origin', `https://github.com/${repository}`);
}

/** What an act run of a caller workflow against the simulator is given. */
export interface CallerActRun {
  /** The event and its options (`['push']`, `['workflow_dispatch', '-e', file]`). */
  event: readonly string[];
  workflow: string;
  /** This repository's release copy ({@link pinnedRelease}) and the upload-artifact stand-in. */
  lib: string;
  upload: string;
  simUrl: string;
  oidc: { requestUrl: string; requestToken: string };
  /** Where the upload-artifact stand-in writes. */
  artifactDir: string;
  /** Repository variables (`--var NAME=value`). */
  vars?: Record<string, string>;
  /** More act options. */
  extra?: readonly string[];
  /** The job's GITHUB_TOKEN (a test that proves it is never printed names its own). */
  token?: string;
}

/**
 * act's arguments for a caller workflow that calls this repository's reusable workflows at `@v1` (and their pinned
 * `@v1.0.0`) from the release copy, on this machine (`-self-hosted`), with the simulator behind AWS, GitHub's REST
 * API and the OIDC token.
 */
export function callerActArgs(o: CallerActRun): string[] {
  return [
    ...o.event,
    '-W',
    o.workflow,
    '-P',
    'ubuntu-latest=-self-hosted',
    '--local-repository',
    `ecs-delivery/ecs-delivery@v1=${o.lib}`,
    '--local-repository',
    `ecs-delivery/ecs-delivery@v1.0.0=${o.lib}`,
    '--local-repository',
    `${UPLOAD_ARTIFACT}=${o.upload}`,
    ...Object.entries(o.vars ?? {}).flatMap(([name, value]) => ['--var', `${name}=${value}`]),
    '--env',
    `ACTIONS_ID_TOKEN_REQUEST_URL=${o.oidc.requestUrl}`,
    '--env',
    `ACTIONS_ID_TOKEN_REQUEST_TOKEN=${o.oidc.requestToken}`,
    '--env',
    `GITHUB_API_URL=${o.simUrl}/_github/api`,
    '--env',
    `AWS_ENDPOINT_URL=${o.simUrl}`,
    '--env',
    `ARTIFACT_DIR=${o.artifactDir}`,
    ...(o.extra ?? []),
    '-s',
    `GITHUB_TOKEN=${o.token ?? 'ghs_actConformanceToken000000000000'}`,
  ];
}
