import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, type ActionRun, type SimHandle } from '@ecs-delivery/testkit';
import { countSpread, secondsSpread } from './lib/format';
import { actionDir, repoRoot } from './lib/repo';
import { callsBetween, countByAction, formatCounts, withSim } from './lib/sim';
import { stampRecorder, type StampRecorder, type Stamps } from './lib/stamps';
import { median, type BenchOptions, type Figure, type Section } from './table';

/**
 * cdk-deploy: how long after its process starts the CDK toolkit speaks (the toolkit is a bundle of its own,
 * loaded only once the inputs are valid), and the wall time of a deploy that changes nothing, with the app of
 * actions/cdk-deploy's end-to-end tests on the simulator.
 */

/** The app of cdk-deploy's end-to-end tests (plain JavaScript, using this repository's aws-cdk-lib). */
const fixture = (): string => join(repoRoot(), 'actions', 'cdk-deploy', 'test', 'fixtures', 'app');

/** The line after which the toolkit speaks: the action opens the synthesis group, then hands over to it. */
const BEFORE_TOOLKIT = '::group::Synthesize';

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'cdk-bench-ws-'));
  mkdirSync(join(ws, 'infra'));
  writeFileSync(join(ws, 'infra', 'cdk.json'), readFileSync(join(fixture(), 'cdk.json')));
  return ws;
}

interface CdkRun {
  run: ActionRun;
  stamps: Stamps;
  startedAt: number;
  exitedAt: number;
}

async function runCdk(
  sim: SimHandle,
  ws: string,
  inputs: Record<string, string>,
  stamps: StampRecorder,
): Promise<CdkRun> {
  const home = mkdtempSync(join(tmpdir(), 'cdk-bench-home-'));
  try {
    const startedAt = Date.now();
    const run = await runAction(
      { dir: actionDir('cdk-deploy') },
      {
        sim,
        cwd: ws,
        inputs: { app: `node ${join(fixture(), 'app.js')}`, 'working-directory': 'infra', ...inputs },
        timeoutMs: 300_000,
        post: false,
        iamPolicy: false,
        env: { CDK_HOME: home, ...stamps.env },
      },
    );
    const exitedAt = Date.now();
    if (run.exitCode !== 0)
      throw new Error(
        `cdk-deploy ${JSON.stringify(inputs)} failed:\n${run.log.split('\n').slice(-30).join('\n')}`,
      );
    return { run, stamps: stamps.read(), startedAt, exitedAt };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** ms from the process's start to its first toolkit message. */
function firstToolkitMessage(s: Stamps): number {
  const i = s.lines.findIndex((l) => l.text === BEFORE_TOOLKIT);
  const line = i >= 0 ? s.lines[i + 1] : undefined;
  if (line === undefined) throw new Error(`no line after ${BEFORE_TOOLKIT}: the log has changed`);
  return line.at - s.origin;
}

/** ms from the process's start to the first line `pattern` matches. */
function lineAt(s: Stamps, pattern: RegExp): number {
  const line = s.lines.find((l) => pattern.test(l.text));
  return line === undefined ? NaN : line.at - s.origin;
}

export async function measure(options: BenchOptions): Promise<Section> {
  const stamps = stampRecorder();
  const ws = workspace();
  try {
    // CloudFormation's waits run on the simulator clock: the first deploy (creating the stack) goes fast, and
    // the measured ones at real time.
    return await withSim(async (sim) => {
      const first = await runCdk(
        sim,
        ws,
        { mode: 'deploy', bootstrap: 'true', 'approve-broadening': 'true' },
        stamps,
      );
      await sim.clock({ timeScale: 1 });
      const runs: CdkRun[] = [];
      for (let i = 0; i < options.runs; i++) {
        const r = await runCdk(sim, ws, { mode: 'deploy' }, stamps);
        if (r.run.outputs['has-changes'] !== 'false')
          throw new Error('the second deploy was not a no-change one');
        runs.push(r);
      }
      const calls = await Promise.all(runs.map((r) => callsBetween(sim, r.startedAt, r.exitedAt)));
      const byAction = new Map<string, number>();
      for (const action of new Set(calls.flatMap((c) => [...countByAction(c).keys()])))
        byAction.set(action, median(calls.map((c) => countByAction(c).get(action) ?? 0)));
      const figures: Figure[] = [
        {
          name: 'start-up: process start → first toolkit message',
          value: secondsSpread(runs.map((r) => firstToolkitMessage(r.stamps))),
        },
        {
          name: 'no-change deploy: wall time (main step)',
          value: secondsSpread(runs.map((r) => r.run.mainMs)),
        },
        {
          name: 'no-change deploy: process start → synthesis done',
          value: secondsSpread(runs.map((r) => lineAt(r.stamps, /^\s*Synthesis time:/))),
        },
        {
          name: 'no-change deploy: AWS calls',
          value: countSpread(calls.map((c) => c.length)),
        },
      ];
      return {
        title: 'cdk-deploy',
        figures,
        notes: [
          `start-up: from the step process's start (performance.timeOrigin) to the first line the toolkit's IoHost writes (the one after "${BEFORE_TOOLKIT}"), in the no-change deploys`,
          'no-change deploy: mode deploy of the same app after a first deploy (bootstrap, stack created); has-changes false, no change set executed; simulator at real time',
          `first deploy (bootstrap + create, simulator at time scale 200): ${secondsSpread([first.run.mainMs])}, its start-up ${secondsSpread([firstToolkitMessage(first.stamps)])}`,
          `no-change deploy, median calls by action: ${formatCounts(new Map([...byAction].sort((a, b) => b[1] - a[1])))}`,
        ],
      };
    }, 200);
  } finally {
    stamps.dispose();
    rmSync(ws, { recursive: true, force: true });
  }
}
