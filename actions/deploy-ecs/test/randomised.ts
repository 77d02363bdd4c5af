/**
 * Randomised runs of deploy-ecs: a seeded mix of scenarios (healthy, crash, slow start, failing health check,
 * failing migration) and faults (throttling, 5xx, latency, connections dropped before a call is handled, answers
 * lost after it was carried out, sessions expiring during the watch). Each run starts its own simulator, runs the
 * built bundle and judges the end from the simulator's state and call log: the outcome, the definition the
 * service is left on, and that no mutation was carried out twice.
 *
 * A run is fully described by its seed: the same seed picks the same scenario and faults, and seeds the simulator's
 * fault draws (which calls a fault strikes still depends on how many calls the run makes, so on timing).
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { CallRecord } from '@ecs-delivery/sim';
import {
  ACCOUNT,
  CLUSTER,
  describeService,
  logsOf,
  revisionsOf,
  runAction,
  seedServices,
  servicesOutput,
  startSim,
  uriOf,
  type ActionRun,
  type SimHandle,
} from '@ecs-delivery/testkit';
import {
  describePlan,
  planRun,
  reproduceHint,
  round,
  SCENARIOS,
  seedsFrom,
  type RunPlan,
} from './randomised-plan';

export * from './randomised-plan';

/** Every run starts a simulator at this rate: a 900 s session lasts 1.5 real seconds, a rollout well under one. */
const TIME_SCALE = 600;

/** What one run did, for the summary. */
export interface RunReport {
  plan: RunPlan;
  outcome: string;
  rollbackOutcome?: string;
  problems: string[];
  calls: number;
  /** Calls a fault struck, by kind (throttled, 5xx, dropped, lost answers, expired sessions). */
  struck: { throttled: number; serverErrors: number; dropped: number; lost: number; expired: number };
  renewedSession: boolean;
  wallMs: number;
}

const ROLE_NAME = 'deploy-prod';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`;
const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:environment:prod' },
      },
    },
  ],
};

/** A call ECS carried out: answered 200, or answered 200 and the answer lost on the way back. */
const carriedOut = (calls: CallRecord[], action: string): number =>
  calls.filter((c) => c.service === 'ecs' && c.action === action && c.status === 200).length;

function struckOf(calls: CallRecord[]): RunReport['struck'] {
  const count = (codes: string[]): number => calls.filter((c) => codes.includes(c.errorCode ?? '')).length;
  return {
    throttled: count(['ThrottlingException', 'Throttling']),
    serverErrors: count(['ServiceUnavailableException', 'ServiceUnavailable']),
    dropped: count(['ConnectionDropped']),
    lost: calls.filter((c) => c.lost === true).length,
    expired: count(['ExpiredTokenException', 'ExpiredToken']),
  };
}

/**
 * The migration tasks that ran: the log streams (one per task) holding a migration's log line. ECS lists a stopped
 * task for an hour only, six real seconds on this clock; its log stays.
 */
async function migrationTasks(sim: SimHandle): Promise<number> {
  const logs = logsOf(sim);
  try {
    const out = await logs.send(
      new FilterLogEventsCommand({ logGroupName: '/ecs/web', filterPattern: '"migration"', limit: 10_000 }),
    );
    return new Set((out.events ?? []).map((e) => e.logStreamName)).size;
  } finally {
    logs.destroy();
  }
}

type RollbackInfo = { method?: string; outcome?: string; to?: string } | undefined;

/** The outcomes a scenario may end in, with the definition the service must be left on. */
function expectation(plan: RunPlan): { outcomes: string[]; endsOnNew: boolean } {
  switch (plan.scenario) {
    case 'healthy':
    case 'slow-start':
      return { outcomes: ['succeeded'], endsOnNew: true };
    case 'crash':
    case 'failing-health-check':
      // ECS's circuit breaker rolls back (`rolled_back`), or deploy-ecs finds a crash loop and rolls back (`failed`).
      return { outcomes: ['rolled_back', 'failed'], endsOnNew: false };
    case 'failing-migration':
      return { outcomes: ['failed'], endsOnNew: false };
  }
}

/** Runs one plan on a simulator of its own and judges it; `problems` is empty when all is as it must be. */
export async function executeRun(plan: RunPlan): Promise<RunReport> {
  const started = Date.now();
  const sim = await startSim({ timeScale: TIME_SCALE, randomSeed: plan.seed });
  const problems: string[] = [];
  try {
    await seedServices(sim, [{ name: 'web', tags: ['v1', 'v2'] }]);
    const session = plan.faultKinds.includes('expiring-session');
    if (session) {
      await sim.seed({
        roles: [{ name: ROLE_NAME, account: ACCOUNT, maxSessionDuration: 3600, trustPolicy: TRUST_POLICY }],
      });
    }
    const before = await describeService(sim, 'web');
    const previous = before.taskDefinition!;
    await sim.scenario(plan.rules);
    const since = Date.now();
    const oidc = session
      ? await sim.oidcContext({ repository: 'acme/shop', ref: 'refs/heads/main', environment: 'prod' })
      : undefined;
    const auth = session ? { 'role-to-assume': ROLE, 'role-duration-seconds': 900 } : {};
    const run = await runAction('deploy-ecs', {
      sim,
      ...(oidc ? { oidc } : {}),
      // RANDOMISED_ECHO=1 shows the action's log as it runs, to follow one run.
      echo: process.env['RANDOMISED_ECHO'] === '1',
      iamPolicy: false,
      timeoutMs: 150_000,
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${uriOf(sim, 'shop/web')}:v2`,
        ...(plan.migration ? { 'migrate-command': 'npm run migrate -- --env prod' } : {}),
        ...auth,
      },
    });
    const outcome = run.outputs['outcome'] ?? `(none; exit ${String(run.exitCode)})`;
    const entry = servicesOutput(run)[0] ?? {};
    const rollback = entry['rollback'] as RollbackInfo;
    const calls = await sim.calls({ since });
    // The faults are for the action: the test reads the simulator without them.
    await sim.clearScenario();

    judgeDeploy(plan, { run, outcome, rollback, previous, calls }, problems);
    if (process.env['RANDOMISED_CALLS'] === '1') {
      const line = (c: CallRecord): string =>
        `${c.time} ${c.service}:${c.action} ${c.status}${c.errorCode ? ` ${c.errorCode}` : ''}${c.lost ? ' lost' : ''}`;
      console.log(`seed ${plan.seed} calls:\n${calls.map(line).join('\n')}\n${run.log}`);
    }
    const after = await describeService(sim, 'web');
    const expected = expectation(plan);
    const newArn = run.outputs['task-definition-arn'];
    const want = expected.endsOnNew ? newArn : previous;
    if (after.taskDefinition !== want)
      problems.push(`the service is on ${after.taskDefinition ?? '?'}, not ${want ?? '(no new revision)'}`);
    const primary = after.deployments?.filter((d) => d.status === 'PRIMARY') ?? [];
    if (primary.length !== 1 || primary[0]!.taskDefinition !== want)
      problems.push(
        `its PRIMARY deployment runs ${primary.map((d) => d.taskDefinition).join(', ') || 'nothing'}`,
      );
    const revisions = await revisionsOf(sim, 'web');
    if (revisions.length !== 2)
      problems.push(`the family has ${revisions.length} revisions, not 2 (one new)`);
    const tasks = await migrationTasks(sim);
    if (tasks !== (plan.migration ? 1 : 0))
      problems.push(`${tasks} migration task(s) ran, not ${plan.migration ? 1 : 0}`);

    let rollbackOutcome: string | undefined;
    let rollbackCalls: CallRecord[] = [];
    if (plan.rollbackAfter && outcome === 'succeeded' && newArn !== undefined) {
      await sim.scenario(plan.rules);
      const rollbackSince = Date.now();
      const back = await runAction('rollback', {
        sim,
        ...(oidc ? { oidc } : {}),
        iamPolicy: false,
        timeoutMs: 150_000,
        inputs: { cluster: CLUSTER, service: 'web', reason: `randomised run ${plan.seed}`, ...auth },
      });
      rollbackOutcome = back.outputs['outcome'] ?? `(none; exit ${String(back.exitCode)})`;
      rollbackCalls = await sim.calls({ since: rollbackSince });
      await sim.clearScenario();
      if (rollbackOutcome !== 'succeeded')
        problems.push(`rollback ended ${rollbackOutcome}: ${back.outputs['failure-reason'] ?? ''}`);
      const requests =
        carriedOut(rollbackCalls, 'UpdateService') + carriedOut(rollbackCalls, 'StopServiceDeployment');
      if (requests !== 1)
        problems.push(
          `rollback carried out ${requests} requests (UpdateService, StopServiceDeployment), not 1`,
        );
      const end = await describeService(sim, 'web');
      if (end.taskDefinition !== previous)
        problems.push(`after the rollback the service is on ${end.taskDefinition ?? '?'}, not ${previous}`);
    }
    const all = [...calls, ...rollbackCalls];
    return {
      plan,
      outcome,
      ...(rollbackOutcome !== undefined ? { rollbackOutcome } : {}),
      problems,
      calls: all.length,
      struck: struckOf(all),
      renewedSession: run.log.includes('Renewed the AWS session.'),
      wallMs: Date.now() - started,
    };
  } finally {
    await sim.stop();
  }
}

/** The outcome and the mutations of the deploy itself. */
function judgeDeploy(
  plan: RunPlan,
  seen: { run: ActionRun; outcome: string; rollback: RollbackInfo; previous: string; calls: CallRecord[] },
  problems: string[],
): void {
  const { run, outcome, rollback, previous, calls } = seen;
  const expected = expectation(plan);
  if (!expected.outcomes.includes(outcome)) {
    const reason = run.outputs['failure-reason'] ?? run.annotations.find((a) => a.level === 'error')?.message;
    problems.push(
      `outcome ${outcome}, expected ${expected.outcomes.join(' or ')}${reason ? `: ${reason}` : ''}`,
    );
  }
  if ((run.exitCode === 0) !== (outcome === 'succeeded'))
    problems.push(`exit code ${String(run.exitCode)} with outcome ${outcome}`);
  if (!expected.endsOnNew && plan.scenario !== 'failing-migration') {
    if (rollback?.outcome !== 'succeeded' || rollback.to !== previous)
      problems.push(`rollback ${JSON.stringify(rollback)}, expected one to ${previous} that succeeded`);
  }
  const registered = carriedOut(calls, 'RegisterTaskDefinition');
  if (registered !== 1) problems.push(`${registered} RegisterTaskDefinition carried out, not 1`);
  // The deploy's own update (none when the migration failed), plus the rollback's when it was an UpdateService.
  const updates = carriedOut(calls, 'UpdateService');
  const wantUpdates =
    (plan.scenario === 'failing-migration' ? 0 : 1) + (rollback?.method === 'update-service' ? 1 : 0);
  if (updates !== wantUpdates) problems.push(`${updates} UpdateService carried out, not ${wantUpdates}`);
  const stops = carriedOut(calls, 'StopServiceDeployment');
  const wantStops = rollback?.method === 'stop-service-deployment' ? 1 : 0;
  if (stops !== wantStops) problems.push(`${stops} StopServiceDeployment carried out, not ${wantStops}`);
}

/** The summary table of a set of runs. */
export function summarise(reports: RunReport[], wallMs: number): string {
  const lines: string[] = [];
  const failed = reports.filter((r) => r.problems.length > 0);
  lines.push(
    `Randomised runs: ${reports.length}, with problems: ${failed.length}, wall ${round(wallMs / 1000, 1)} s`,
  );
  lines.push('');
  lines.push('| scenario | runs | outcomes | then rollback |');
  lines.push('| --- | --- | --- | --- |');
  for (const scenario of SCENARIOS) {
    const of = reports.filter((r) => r.plan.scenario === scenario);
    if (of.length === 0) continue;
    const outcomes = new Map<string, number>();
    for (const r of of) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    const text = [...outcomes].map(([o, n]) => `${o} ${n}`).join(', ');
    const rollbacks = of.filter((r) => r.rollbackOutcome !== undefined);
    lines.push(
      `| ${scenario} | ${of.length} | ${text} | ${rollbacks.length > 0 ? `${rollbacks.length} (${rollbacks.filter((r) => r.rollbackOutcome === 'succeeded').length} succeeded)` : '-'} |`,
    );
  }
  const sum = (f: (r: RunReport) => number): number => reports.reduce((n, r) => n + f(r), 0);
  const kinds = new Map<string, number>();
  for (const r of reports) for (const k of r.plan.faultKinds) kinds.set(k, (kinds.get(k) ?? 0) + 1);
  const walls = reports.map((r) => r.wallMs).sort((a, b) => a - b);
  lines.push('');
  lines.push(`AWS calls: ${sum((r) => r.calls)}`);
  lines.push(
    `Faults struck: ${sum((r) => r.struck.throttled)} throttled, ${sum((r) => r.struck.serverErrors)} 5xx, ` +
      `${sum((r) => r.struck.dropped)} dropped, ${sum((r) => r.struck.lost)} answers lost, ` +
      `${sum((r) => r.struck.expired)} expired-session refusals`,
  );
  lines.push(`Runs with each fault kind: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  lines.push(`Runs that renewed their session: ${reports.filter((r) => r.renewedSession).length}`);
  lines.push(`Wrong outcomes, duplicate mutations, wrong definitions: see problems (${failed.length} runs)`);
  if (walls.length > 0) {
    lines.push(
      `Run wall time: median ${round(walls[Math.floor(walls.length / 2)]! / 1000, 1)} s, ` +
        `slowest ${round(walls[walls.length - 1]! / 1000, 1)} s`,
    );
  }
  lines.push('');
  lines.push('| seed | run | outcome | calls | struck | wall |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const r of [...reports].sort((a, b) => a.plan.seed - b.plan.seed)) {
    const s = r.struck;
    const struck = s.throttled + s.serverErrors + s.dropped + s.lost + s.expired;
    const outcome =
      r.rollbackOutcome === undefined ? r.outcome : `${r.outcome}, rollback ${r.rollbackOutcome}`;
    lines.push(
      `| ${r.plan.seed} | ${describePlan(r.plan)} | ${outcome}${r.problems.length > 0 ? ' **PROBLEM**' : ''} | ` +
        `${r.calls} | ${struck} | ${round(r.wallMs / 1000, 1)} s |`,
    );
  }
  for (const r of failed)
    lines.push(`seed ${r.plan.seed} (${describePlan(r.plan)}): ${r.problems.join('; ')}`);
  return lines.join('\n');
}

/** Runs `tasks` with at most `limit` at once. */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finished task hands its slot straight to the next waiting one.
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** How a test file runs a selection of the randomised runs. */
export interface RandomisedSuite {
  /** The test file, named in the hint that reruns one run. */
  file: string;
  base: number;
  runs: number;
  /** How many runs at once. */
  concurrency: number;
  timeoutMs: number;
  /** The hint without the conformance config (the file is in `npm test`). */
  npmTest?: boolean;
}

/**
 * Registers one concurrent test per run, each named by its seed and failing with what went wrong and how to rerun
 * it alone, and prints the summary table after them all.
 */
export function describeRandomisedRuns(suite: RandomisedSuite): void {
  const plans = seedsFrom(suite.base, suite.runs).map((seed) => planRun(seed));
  const slot = limiter(suite.concurrency);
  const reports: RunReport[] = [];
  // Concurrent tests start as they are collected, before any beforeAll: the clock starts here.
  const started = Date.now();
  afterAll(() => {
    console.log(summarise(reports, Date.now() - started));
  });
  describe(`deploy-ecs, ${suite.runs} randomised runs from seed ${suite.base}`, () => {
    it.concurrent.each(plans.map((plan) => [plan.seed, describePlan(plan), plan] as const))(
      'seed %i: %s',
      async (seed, _described, plan) => {
        const report = await slot(() => executeRun(plan));
        reports.push(report);
        if (report.problems.length > 0) {
          const hint = reproduceHint(seed, suite.file);
          throw new Error(
            `Randomised run seed ${seed} (${describePlan(plan)}): ${report.problems.join('; ')}. ` +
              `To ${suite.npmTest ? hint.replace('--config jest.conformance.config.js ', '') : hint}.`,
          );
        }
        expect(report.outcome).not.toBe('');
      },
      suite.timeoutMs,
    );
  });
}
