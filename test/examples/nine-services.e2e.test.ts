import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallRecord } from '@ecs-delivery/sim';
import {
  PLACEHOLDERS,
  readDocumentedPolicies,
  REPO_ROOT,
  startSim,
  type IamPolicy,
  type SimHandle,
} from '@ecs-delivery/testkit';
import {
  ACCOUNT,
  commitOf,
  deliver,
  EXAMPLE,
  ecsName,
  migrationTasks,
  pushRelease,
  REGION,
  runningServices,
  SERVICES,
  seedNineServices,
  type Delivery,
  type Running,
} from './nine-services.system';

/**
 * examples/nine-services end to end on the simulator: from an empty simulator seeded with what the team has, a
 * push to main runs the example's caller workflow (build.yml, then deploy.yml for prod) with the built actions,
 * and the simulator's state shows the plan's final state. Then a release whose svc-datasets migration fails.
 */
const GOOD = '2026.12.0';
const BAD = '2026.12.1';

/** The calls of one run, in the order the simulator answered them. */
async function callsOf(sim: SimHandle, run: Delivery, action: string): Promise<CallRecord[]> {
  return (await sim.calls({ service: 'ecs', since: run.since })).filter((c) => c.action === action);
}

/** The call the simulator recorded nearest to `when` (its record carries the answer's time, to the millisecond). */
function closest(calls: CallRecord[], when: Date): CallRecord {
  const distance = (c: CallRecord): number => Math.abs(Date.parse(c.time) - when.getTime());
  const best = [...calls].sort((a, b) => distance(a) - distance(b))[0]!;
  // Within a second of simulator time: the call that made it, not a neighbour.
  expect(distance(best)).toBeLessThan(1000);
  return best;
}

const steps = (run: Delivery, action: string): string =>
  run.runner.jobs
    .flatMap((j) => j.steps)
    .filter((s) => s.action === action)
    .map((s) => `${s.log}\n${s.errors.join('\n')}\n${s.summary}`)
    .join('\n');

describe('examples/nine-services', () => {
  let sim: SimHandle;
  let before: Record<string, Running>;
  let good: Delivery;
  let digests: Record<string, string>;
  let after: Record<string, Running>;

  beforeAll(async () => {
    sim = await startSim({ timeScale: 20 });
    await seedNineServices(sim, 'workflow');
    before = await runningServices(sim);
    digests = await pushRelease(sim, GOOD, commitOf(GOOD));
    good = await deliver(sim, GOOD);
    after = await runningServices(sim);
  }, 90_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it('puts every service on a new task definition with the digest that was built', () => {
    const failed = good.runner.jobs.filter((j) => j.result !== 'success');
    expect(failed.map((j) => `${j.stage}/${j.job}: ${j.steps.flatMap((s) => s.errors).join('; ')}`)).toEqual(
      [],
    );
    expect(good.results['build']!.result).toBe('success');
    expect(good.results['prod']!.result).toBe('success');
    for (const s of SERVICES) {
      const now = after[s.name]!;
      expect(now.taskDefinitionArn).not.toBe(before[s.name]!.taskDefinitionArn);
      expect(now.image).toBe(
        `${new URL(sim.url).host}/${ACCOUNT}/${REGION}/${ecsName(s.name)}@${digests[s.name]!}`,
      );
      expect(now.primary.rolloutState).toBe('COMPLETED');
    }
  });

  it('migrates each service that has migrations in a one-off task, before its update', async () => {
    const tasks = await migrationTasks(sim);
    const runTasks = await callsOf(sim, good, 'RunTask');
    const updates = await callsOf(sim, good, 'UpdateService');
    expect(runTasks).toHaveLength(SERVICES.filter((s) => s.migrates).length);
    expect(updates).toHaveLength(SERVICES.length);
    for (const s of SERVICES) {
      const now = after[s.name]!;
      const mine = tasks.filter((t) => t.taskDefinitionArn === now.taskDefinitionArn);
      if (!s.migrates) {
        expect(mine).toEqual([]);
        continue;
      }
      expect(mine).toHaveLength(1);
      const task = mine[0]!;
      expect(task.overrides?.containerOverrides?.[0]?.command).toEqual(['pnpm', 'db:migrate']);
      expect(task.containers?.[0]?.exitCode).toBe(0);
      // The migration ended before the service's deployment was created …
      expect(task.stoppedAt!.getTime()).toBeLessThanOrEqual(now.primary.createdAt!.getTime());
      // … and, in the call log, its RunTask came before the UpdateService that created that deployment.
      const run = closest(runTasks, task.createdAt!);
      const update = closest(updates, now.primary.createdAt!);
      const all = await sim.calls({ service: 'ecs', since: good.since });
      expect(all.findIndex((c) => c.requestId === run.requestId)).toBeLessThan(
        all.findIndex((c) => c.requestId === update.requestId),
      );
    }
  });

  it('deploys the waves in the manifest order: internal services, then gateway and worker, then web', () => {
    const created = (wave: number): number[] =>
      SERVICES.filter((s) => s.wave === wave).map((s) => after[s.name]!.primary.createdAt!.getTime());
    const completed = (wave: number): number[] =>
      SERVICES.filter((s) => s.wave === wave).map((s) => after[s.name]!.primary.updatedAt!.getTime());
    for (const wave of [1, 2]) {
      // The next wave starts only once every deployment of this one completed.
      expect(Math.max(...completed(wave))).toBeLessThanOrEqual(Math.min(...created(wave + 1)));
    }
  });

  it('keeps the worker on FARGATE_SPOT, its migration too', async () => {
    const worker = after['worker']!;
    expect(worker.service.capacityProviderStrategy).toEqual([
      expect.objectContaining({ capacityProvider: 'FARGATE_SPOT' }),
    ]);
    expect(worker.service.launchType).toBeUndefined();
    expect(worker.primary.capacityProviderStrategy).toEqual([
      expect.objectContaining({ capacityProvider: 'FARGATE_SPOT' }),
    ]);
    const migration = (await migrationTasks(sim)).find(
      (t) => t.taskDefinitionArn === worker.taskDefinitionArn,
    );
    expect(migration?.capacityProviderName).toBe('FARGATE_SPOT');
    expect(after['gateway']!.service.launchType).toBe('FARGATE');
  });

  it('smoke-tests the gateway and the web app on /health/ready', () => {
    const smoke = steps(good, 'smoke-test');
    expect(smoke).toContain(`/api/health/ready`);
    expect(smoke).toMatch(/gateway: ready/);
    expect(smoke).toMatch(/web: ready/);
    const step = good.runner.jobs.flatMap((j) => j.steps).find((s) => s.action === 'smoke-test')!;
    expect(step.result).toBe('success');
    expect(step.inputs['vars']).toBe(`origin=${sim.url}`);
  });

  it('stops a release whose migration fails before any service changes, and says which one', async () => {
    const bad = await pushRelease(sim, BAD, commitOf(BAD));
    await sim.scenario([
      {
        image: `*/smartboard-svc-datasets@${bad['svc-datasets']!}`,
        command: 'pnpm db:migrate',
        task: {
          exitCode: 1,
          afterSeconds: 2,
          logs: ['Applying migration 0042_dataset_versions…', 'error: column "tenant_id" does not exist'],
        },
      },
    ]);
    const run = await deliver(sim, BAD);
    expect(run.results['build']!.result).toBe('success');
    expect(run.results['prod']!.result).toBe('failure');
    expect(await callsOf(sim, run, 'UpdateService')).toEqual([]);
    const now = await runningServices(sim);
    for (const s of SERVICES) {
      expect(now[s.name]!.taskDefinitionArn).toBe(after[s.name]!.taskDefinitionArn);
      expect(now[s.name]!.primary.id).toBe(after[s.name]!.primary.id);
    }
    const deploy = run.runner.jobs.flatMap((j) => j.steps).find((s) => s.action === 'deploy-ecs')!;
    expect(deploy.result).toBe('failure');
    expect(deploy.errors.join('\n')).toMatch(/svc-datasets/);
    expect(deploy.errors.join('\n')).toMatch(/exit(ed)?( with)?( code)? 1|exit code 1/i);
    const services = JSON.parse(deploy.outputs['services'] ?? '[]') as {
      name: string;
      outcome: string;
      migrationExitCode?: number;
    }[];
    expect(services.find((s) => s.name === 'svc-datasets')).toMatchObject({ migrationExitCode: 1 });
    // The migration's own output is in the log, to say why.
    expect(deploy.log).toContain('error: column "tenant_id" does not exist');
    // The smoke test and the rollback never ran: there was nothing to test or undo.
    const smoke = run.runner.jobs.flatMap((j) => j.steps).find((s) => s.action === 'smoke-test')!;
    expect(smoke.result).toBe('skipped');
  }, 60_000);

  it('has a README whose commands name files that exist, and the files it lists', () => {
    const readme = readFileSync(join(EXAMPLE, 'README.md'), 'utf8');
    const commands = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].flatMap((m) =>
      m[1]!.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')),
    );
    expect(commands).toEqual([
      'npx jest test/examples/nine-services.e2e.test.ts',
      'npx jest --config jest.conformance.config.js test/examples/nine-services.act.conformance.test.ts',
    ]);
    for (const command of commands) {
      for (const path of command.split(' ').filter((w) => w.includes('/') || w.endsWith('.js'))) {
        expect(existsSync(join(REPO_ROOT, path))).toBe(true);
      }
    }
    expect(commands[0]).toContain(__filename.slice(REPO_ROOT.length + 1));
    for (const [, path] of readme.matchAll(/^\| `([^`]+)` /gm)) {
      if (!path!.includes('*')) expect(existsSync(join(EXAMPLE, path!))).toBe(true);
    }
  });

  it.each(readdirSync(join(EXAMPLE, 'iam')))(
    'gives the role %s docs/iam.md statements, with the example names filled in',
    (role) => {
      const documented = readDocumentedPolicies(REPO_ROOT);
      const files = readdirSync(join(EXAMPLE, 'iam', role)).filter((f) => f !== 'trust-policy.json');
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const text = readFileSync(join(EXAMPLE, 'iam', role, file), 'utf8');
        for (const placeholder of PLACEHOLDERS) expect(text).not.toMatch(new RegExp(`\\b${placeholder}\\b`));
        const mine = JSON.parse(text) as IamPolicy;
        const doc = documented.find((d) => d.name === file.replace(/\.json$/, ''));
        expect(doc).toBeDefined();
        // Every statement is the documented one of its Sid: the same effect and actions, a narrower resource.
        for (const statement of mine.Statement) {
          const same = doc!.policy.Statement.find((d) => d.Sid === statement.Sid);
          expect(same).toBeDefined();
          expect({ Effect: statement.Effect, Action: statement.Action }).toEqual({
            Effect: same!.Effect,
            Action: same!.Action,
          });
        }
      }
    },
  );
});
