import { count, countSpread, medianWithin, seconds, secondsSpread } from './lib/format';
import { countByAction, formatCounts } from './lib/sim';
import {
  breakerTimes,
  callTime,
  crashThresholdCrossed,
  finishedAt,
  migrationExitedAt,
  runVerdictCase,
  type VerdictCase,
  type VerdictRun,
} from './lib/verdict-runs';
import { median, type BenchOptions, type Figure, type Section } from './table';

/**
 * Time to verdict: from the transition that decides a deploy, in the simulator's own timestamps at real time
 * (time scale 1), to deploy-ecs's exit as the bench sees it. Each run is one deploy on a fresh simulator.
 */

const TARGET_MS = 500;
const SERVICE = 'web';
const NEW_IMAGE = `*/shop/${SERVICE}:v2`;

interface Lag {
  /** The figure's name. */
  name: string;
  /** The transition's name in a run's `transitions`, and what the lag ends at (default the exit). */
  from: string;
  to?: (run: VerdictRun) => number;
  /** Whether the 0.5-s target applies (a lag that includes ECS's own work has none). */
  targeted: boolean;
}

interface Case extends VerdictCase {
  title: string;
  lags: Lag[];
}

const CASES: Case[] = [
  {
    title: '(a) steady state',
    seed: { name: SERVICE, tags: ['v1', 'v2'] },
    rules: [],
    outcome: 'succeeded',
    transitions: async (sim) => ({ completed: await finishedAt(sim, SERVICE) }),
    lags: [{ name: 'deployment COMPLETED → exit', from: 'completed', targeted: true }],
  },
  {
    title: '(b) circuit breaker',
    seed: { name: SERVICE, tags: ['v1', 'v2'], circuitBreaker: { enable: true, rollback: true } },
    rules: [
      {
        image: NEW_IMAGE,
        task: {
          startSeconds: 1,
          failToStart: 'CannotStartContainerError: exec /app/server: exec format error',
        },
      },
    ],
    outcome: 'rolled_back',
    transitions: async (sim) => {
      const { tripped, rolledBack } = await breakerTimes(sim, SERVICE);
      return { tripped, rolledBack };
    },
    lags: [
      { name: "ECS's rollback ROLLBACK_SUCCESSFUL → exit", from: 'rolledBack', targeted: true },
      { name: 'breaker trip (deployment FAILED) → exit', from: 'tripped', targeted: false },
    ],
  },
  {
    title: '(c) crash loop, no circuit breaker',
    seed: { name: SERVICE, tags: ['v1', 'v2'], circuitBreaker: false },
    rules: [
      {
        image: NEW_IMAGE,
        task: { startSeconds: 1, exitCode: 1, afterSeconds: 2, logs: ['panic: no config'] },
      },
    ],
    inputs: { 'rollback-on-failure': 'false' },
    outcome: 'failed',
    transitions: async (sim, timed) => ({
      crossed: (await crashThresholdCrossed(sim, SERVICE, timed.run.outputs['task-definition-arn'] ?? ''))
        .crossed,
    }),
    lags: [{ name: 'threshold-th crash (stoppingAt) → exit', from: 'crossed', targeted: true }],
  },
  {
    title: '(d) migration exits 3',
    seed: { name: SERVICE, tags: ['v1', 'v2'] },
    rules: [{ command: 'npm run migrate*', task: { startSeconds: 1, exitCode: 3, afterSeconds: 2 } }],
    inputs: { 'migrate-command': 'npm run migrate' },
    outcome: 'failed',
    transitions: async (sim) => ({ stopped: await migrationExitedAt(sim) }),
    lags: [{ name: 'migration container exit → exit', from: 'stopped', targeted: true }],
  },
  {
    title: '(d) migration exits 0',
    seed: { name: SERVICE, tags: ['v1', 'v2'] },
    rules: [{ command: 'npm run migrate*', task: { startSeconds: 1, exitCode: 0, afterSeconds: 2 } }],
    inputs: { 'migrate-command': 'npm run migrate' },
    outcome: 'succeeded',
    transitions: async (sim) => ({ stopped: await migrationExitedAt(sim) }),
    lags: [
      {
        name: 'migration container exit → UpdateService answered',
        from: 'stopped',
        to: (run) => callTime(run.timed, 'ecs:UpdateService'),
        targeted: true,
      },
    ],
  },
];

export async function measure(options: BenchOptions): Promise<Section> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const c of CASES) {
    const runs: VerdictRun[] = [];
    for (let i = 0; i < options.runs; i++) runs.push(await runVerdictCase(c));
    for (const lag of c.lags) {
      const values = runs.map((r) => (lag.to?.(r) ?? r.timed.exitedAt) - r.transitions[lag.from]!);
      figures.push({
        name: `${c.title}: ${lag.name}`,
        value: secondsSpread(values),
        ...(lag.targeted ? { target: `≤ ${seconds(TARGET_MS)}`, met: medianWithin(values, TARGET_MS) } : {}),
      });
    }
    const calls = runs.map((r) => r.timed.calls.length);
    figures.push({ name: `${c.title}: AWS calls of the run`, value: countSpread(calls) });
    const byAction = new Map<string, number>();
    for (const action of new Set(runs.flatMap((r) => [...countByAction(r.timed.calls).keys()])))
      byAction.set(action, median(runs.map((r) => countByAction(r.timed.calls).get(action) ?? 0)));
    notes.push(
      `${c.title}: run ${secondsSpread(runs.map((r) => r.timed.exitedAt - r.timed.startedAt))}; median calls by action: ${formatCounts(
        new Map([...byAction].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
      )}`,
    );
  }
  notes.unshift(
    'each run: a fresh simulator at time scale 1, a two-task Fargate service of cluster shop, deploy-ecs run from its dist/ on Node 24 as the runner does (post step off)',
    "transition times are the simulator's timestamps (ECS API, millisecond precision) mapped to real time; exit: when the bench saw the action's process end",
    "(a) ServiceDeployment finishedAt (SUCCESSFUL); (b) ServiceDeployment rollback.startedAt (the trip) and finishedAt (ROLLBACK_SUCCESSFUL); (c) the stoppingAt of the crashed task that reaches the threshold; (d) the migration task's executionStoppedAt (its container's exit; stoppedAt follows 3 s later)",
    `calls: every AWS call the simulator answered between the step's start and its exit (median over ${count(options.runs)} run(s))`,
  );
  return { title: 'Time to verdict (simulator at real time)', figures, notes };
}
