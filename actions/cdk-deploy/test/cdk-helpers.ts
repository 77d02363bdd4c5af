import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, type ActionRun, type RunActionOptions, type SimHandle } from '@ecs-delivery/testkit';

/** The test app (plain JavaScript): run from here, so it finds this repository's aws-cdk-lib. */
export const FIXTURE = join(__dirname, 'fixtures', 'app');
export const APP = `node ${join(FIXTURE, 'app.js')}`;
export const STACK = 'ShopInfra';

/**
 * A workspace with the app's directories: `infra` holds the fixture's cdk.json (its committed context) and
 * each variant `infra-<name>` adds its context to it (`broaden`, `fail`).
 */
export function workspace(variants: Record<string, Record<string, string>> = {}): string {
  const ws = mkdtempSync(join(tmpdir(), 'cdk-deploy-ws-'));
  const base = JSON.parse(readFileSync(join(FIXTURE, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  for (const [dir, context] of Object.entries({ infra: {}, ...variants })) {
    mkdirSync(join(ws, dir), { recursive: true });
    writeFileSync(
      join(ws, dir, 'cdk.json'),
      JSON.stringify({ ...base, context: { ...base.context, ...context } }, null, 2),
    );
  }
  return ws;
}

/** A synth takes ~20 s on a loaded machine: the step's timeout leaves room for two and a deploy. */
export const STEP_TIMEOUT_MS = 240_000;

/** Runs cdk-deploy's bundle in `ws` with the fixture app, a CDK_HOME of its own (toolkit caches keyed by key id). */
export async function runCdk(
  sim: SimHandle,
  ws: string,
  inputs: Record<string, string>,
  options: Omit<RunActionOptions, 'sim' | 'inputs' | 'cwd'> = {},
): Promise<ActionRun> {
  const home = mkdtempSync(join(tmpdir(), 'cdk-home-'));
  const run = await runAction('cdk-deploy', {
    sim,
    cwd: ws,
    inputs: { app: APP, 'working-directory': 'infra', ...inputs },
    timeoutMs: STEP_TIMEOUT_MS,
    // Under docs/iam.md's cdk-deploy policy, but for bootstrapping, which an administrator does (docs/iam.md).
    ...(inputs['bootstrap'] === 'true' ? { iamPolicy: false as const } : {}),
    ...options,
    env: { CDK_HOME: home, ...options.env },
  });
  // CDK_DEPLOY_E2E_LOGS=<dir> keeps every run's log, for a failure that needs reading.
  const logs = process.env['CDK_DEPLOY_E2E_LOGS'];
  if (logs !== undefined) {
    mkdirSync(logs, { recursive: true });
    writeFileSync(
      join(logs, `${Date.now()}-${inputs['mode'] ?? 'deploy'}.log`),
      `${run.log}\n\n${run.summary}`,
    );
  }
  return run;
}

/** The `service:Action` names of the AWS calls the simulator recorded since `since` (epoch ms). */
export async function actionsSince(sim: SimHandle, since: number): Promise<string[]> {
  return (await sim.calls({ since })).map((c) => `${c.service}:${c.action}`);
}

/** The error annotations' messages. */
export function errors(run: ActionRun): string[] {
  return run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
}
