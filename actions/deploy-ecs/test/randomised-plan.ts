/**
 * What a randomised run of deploy-ecs is made of, picked from its seed: a scenario and a mix of faults, as the
 * simulator's scenario rules (see randomised.ts, which runs and judges them).
 */

/** The base seed when `RANDOMISED_SEED` is not set. */
export const DEFAULT_BASE_SEED = 20261203;

export type ScenarioKind = 'healthy' | 'crash' | 'slow-start' | 'failing-health-check' | 'failing-migration';
export const SCENARIOS: readonly ScenarioKind[] = [
  'healthy',
  'crash',
  'slow-start',
  'failing-health-check',
  'failing-migration',
];

/** The fault kinds a run may draw; `expiring-session` is a short role session on the fast clock. */
export type FaultKind =
  'throttle' | '5xx' | 'latency' | 'drop' | 'lost-mutation' | 'lost-read' | 'expiring-session';

/** One run, everything picked from its seed. */
export interface RunPlan {
  seed: number;
  scenario: ScenarioKind;
  /** How the crash happens: the essential container never reaches RUNNING, or exits after it (a crash loop). */
  crash?: 'before-running' | 'crash-loop';
  /** The circuit breaker counts exits after RUNNING (then ECS rolls a crash loop back itself). */
  countExitsAfterRunning?: boolean;
  /** A migration runs before the update (always for `failing-migration`). */
  migration: boolean;
  /** For slow start: how long the new tasks take to start, in simulated seconds. */
  startSeconds?: number;
  faultKinds: FaultKind[];
  /** The simulator's scenario rules: the scenario's, then the faults'. */
  rules: Record<string, unknown>[];
  /** After a successful deploy, the rollback action takes the service back. */
  rollbackAfter: boolean;
}

/** mulberry32: a small, fast, seedable PRNG giving numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const round = (n: number, places = 2): number => Number(n.toFixed(places));

/** The AWS calls deploy-ecs makes that a fault may strike (reads, mutations, authentication). */
const READS = [
  'ecs:DescribeServices',
  'ecs:DescribeTaskDefinition',
  'ecs:DescribeTasks',
  'ecs:DescribeServiceDeployments',
  'ecs:ListServiceDeployments',
  'ecs:DescribeClusters',
  'ecs:ListTasks',
  'logs:GetLogEvents',
];
const MUTATIONS = [
  'ecs:RegisterTaskDefinition',
  'ecs:UpdateService',
  'ecs:RunTask',
  'ecs:StopServiceDeployment',
];

/** Where a 5xx or a dropped connection may strike: mostly all of ECS or its most frequent call. */
const EVERYWHERE = [
  'ecs:*',
  'ecs:*',
  'ecs:*',
  'ecs:DescribeServices',
  'ecs:DescribeServices',
  'sts:*',
  'logs:*',
  ...READS,
];

/** Picks one run from its seed. */
export function planRun(seed: number): RunPlan {
  const random = mulberry32(seed);
  const chance = (p: number): boolean => random() < p;
  const between = (lo: number, hi: number): number => lo + random() * (hi - lo);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const scenario = pick(SCENARIOS);
  const image = '*/shop/web:v2';
  const rules: Record<string, unknown>[] = [];
  const plan: RunPlan = { seed, scenario, migration: false, faultKinds: [], rules, rollbackAfter: false };

  switch (scenario) {
    case 'healthy':
      break;
    case 'slow-start':
      plan.startSeconds = Math.round(between(120, 1200));
      rules.push({ image, task: { startSeconds: plan.startSeconds } });
      break;
    case 'crash':
      plan.crash = chance(0.5) ? 'before-running' : 'crash-loop';
      if (plan.crash === 'before-running') {
        rules.push({
          image,
          task: { failToStart: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)' },
        });
      } else {
        plan.countExitsAfterRunning = chance(0.3);
        if (plan.countExitsAfterRunning) rules.push({ circuitBreaker: { countExitsAfterRunning: true } });
        // Before the 10 simulated seconds after which ECS counts a task as a success.
        rules.push({
          image,
          task: {
            exitCode: pick([1, 137]),
            afterSeconds: Math.round(between(2, 8)),
            logs: ['panic: no config'],
          },
        });
      }
      break;
    case 'failing-health-check':
      rules.push({ image, task: { healthCheck: 'fail' } });
      break;
    case 'failing-migration':
      plan.migration = true;
      rules.push({
        command: 'npm run migrate*',
        task: {
          exitCode: pick([1, 3]),
          afterSeconds: Math.round(between(1, 30)),
          logs: ['migration 042 failed'],
        },
      });
      break;
  }
  if (scenario === 'healthy' || scenario === 'slow-start') {
    plan.migration = chance(0.4);
    if (plan.migration) {
      rules.push({
        command: 'npm run migrate*',
        task: { exitCode: 0, afterSeconds: Math.round(between(1, 30)), logs: ['3 migrations applied'] },
      });
    }
    plan.rollbackAfter = chance(0.25);
  }

  // Each fault kind is in a run's mix with its own chance, so runs see anything from none to all of them.
  if (chance(0.5)) {
    plan.faultKinds.push('throttle');
    rules.push({
      api: pick(['ecs:*', 'ecs:*', 'sts:*', 'logs:*']),
      fault: { throttle: round(between(0.05, 0.3)) },
    });
  }
  if (chance(0.4)) {
    plan.faultKinds.push('5xx');
    rules.push({ api: pick(EVERYWHERE), fault: { error5xx: round(between(0.03, 0.12)) } });
  }
  if (chance(0.3)) {
    plan.faultKinds.push('latency');
    rules.push({
      api: pick(['ecs:*', ...READS, ...MUTATIONS]),
      fault: { latencyMs: Math.round(between(10, 120)) },
    });
  }
  if (chance(0.4)) {
    plan.faultKinds.push('drop');
    rules.push({ api: pick(EVERYWHERE), fault: { drop: round(between(0.02, 0.1)) } });
  }
  if (chance(0.5)) {
    plan.faultKinds.push('lost-mutation');
    const api = pick(MUTATIONS);
    // Most often the first call is the one lost (`times`), sometimes any call may be, as often as it is drawn.
    const fault = chance(0.6)
      ? { loseResponse: 1, times: pick([1, 1, 2]) }
      : { loseResponse: round(between(0.1, 0.5)), times: pick([1, 2, 3]) };
    // With a crash or a failing health check, a lost UpdateService answer may be checked only after ECS's circuit
    // breaker has rolled the deployment back: the update must still count as carried out, and not be sent again.
    rules.push({ api, fault });
  }
  if (chance(0.3)) {
    plan.faultKinds.push('lost-read');
    rules.push({ api: pick(READS), fault: { loseResponse: round(between(0.05, 0.2)) } });
  }
  if (chance(0.3)) plan.faultKinds.push('expiring-session');
  return plan;
}

/** The seeds of `count` runs from `base`: run i has seed base + i, so one run is rerun with its seed as base. */
export function seedsFrom(base: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => base + i);
}

/** The base seed and number of runs, from `RANDOMISED_SEED` / `RANDOMISED_RUNS` when set. */
export function runSelection(defaults: { base: number; runs: number }): { base: number; runs: number } {
  const env = process.env;
  const base = env['RANDOMISED_SEED'] ? Number(env['RANDOMISED_SEED']) : defaults.base;
  const runs = env['RANDOMISED_RUNS'] ? Number(env['RANDOMISED_RUNS']) : defaults.runs;
  if (!Number.isSafeInteger(base) || !Number.isSafeInteger(runs) || runs < 1)
    throw new Error(`RANDOMISED_SEED and RANDOMISED_RUNS must be whole numbers (runs at least 1)`);
  return { base, runs };
}

/** How a plan reads in a test name and a failure message. */
export function describePlan(plan: RunPlan): string {
  const scenario =
    plan.scenario === 'crash'
      ? `crash (${plan.crash}${plan.countExitsAfterRunning ? ', breaker counts exits' : ''})`
      : plan.scenario === 'slow-start'
        ? `slow start (${plan.startSeconds} s)`
        : plan.scenario;
  const extras = [
    ...(plan.migration && plan.scenario !== 'failing-migration' ? ['migration'] : []),
    ...(plan.rollbackAfter ? ['then rollback'] : []),
  ];
  const faults = plan.faultKinds.length > 0 ? plan.faultKinds.join(', ') : 'no faults';
  return `${scenario}${extras.length > 0 ? ` + ${extras.join(' + ')}` : ''}; ${faults}`;
}

/** How to rerun one run, for failure messages. */
export function reproduceHint(seed: number, file: string): string {
  return `rerun it with RANDOMISED_SEED=${seed} RANDOMISED_RUNS=1 npx jest --config jest.conformance.config.js ${file}`;
}
