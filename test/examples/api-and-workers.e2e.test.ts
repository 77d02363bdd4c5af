import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import type { CallRecord } from '@ecs-delivery/sim';
import { githubDeployments, REPO_ROOT, startSim, type SimHandle } from '@ecs-delivery/testkit';
import {
  CALLER,
  EXAMPLE,
  IMAGE_REPOSITORY,
  jobOrder,
  loadWorkflow,
  MIGRATION_RULE,
  pushRelease,
  REGION,
  releasedWorkflows,
  REPOSITORY,
  SERVICES,
  seedSystem,
  STAGES,
  WorkflowRunner,
  type JobRecord,
  type Stage,
  type StepRecord,
  type WorkflowDoc,
} from '@ecs-delivery/demo';

/**
 * examples/api-and-workers end to end on the simulator: the three accounts seeded with what the team has (the
 * deploy roles of the example's iam/, their permission policies enforced), then pushes to main through the
 * example's caller workflow (promote.yml@v1 and the workflows it calls, each action from its built dist/). A good
 * release reaches prod on one digest; a release whose API answers /health with 503 in staging is rolled back there
 * by the deploy workflow, which says why, and prod never sees it.
 */
const PREVIOUS = '1.4.1';
const GOOD = '1.5.0';
const BAD = '1.5.1';

const commitOf = (version: string): string =>
  createHash('sha1').update(`${REPOSITORY} ${version}`).digest('hex');

interface Delivery {
  result: 'success' | 'failure' | 'skipped';
  jobs: JobRecord[];
  /** Real epoch ms of the run's start and end, for the call log. */
  since: number;
  until: number;
}

/** One push to main of `version`: the example's checkout, its caller workflow run as GitHub would. */
async function deliver(sim: SimHandle, workflows: string, version: string): Promise<Delivery> {
  const sha = commitOf(version);
  const workspace = mkdtempSync(join(tmpdir(), 'api-and-workers-'));
  try {
    cpSync(join(REPO_ROOT, EXAMPLE), workspace, { recursive: true });
    const runner = new WorkflowRunner({
      root: workflows,
      workspace,
      sim,
      github: {
        repository: REPOSITORY,
        sha,
        ref: 'refs/heads/main',
        actor: 'mobilytics-release-bot',
        token: `ghs_aw${sha.slice(0, 30)}`,
        eventName: 'push',
      },
      artifactsDir: join(workspace, '.artifacts'),
      log: () => undefined,
      stepTimeoutMs: 120_000,
    });
    const since = Date.now();
    // The one difference from a push on GitHub: the smoke checks reach the simulator's load balancer.
    const run = await runner.runCaller(CALLER.path, CALLER.job, { vars: `api_origin=${sim.url}` });
    return { result: run.result, jobs: runner.jobs, since, until: Date.now() };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

interface Running {
  taskDefinition: string;
  image: string;
  desiredCount: number;
  /** When the service's current deployment was created and last changed (simulator clock, epoch ms). */
  deployed: { createdAt: number; updatedAt: number };
}

/** What every service of every stage runs: `state[stage][service]`. */
async function state(sim: SimHandle): Promise<Record<string, Record<string, Running>>> {
  const out: Record<string, Record<string, Running>> = {};
  for (const stage of STAGES) {
    const ecs = new ECSClient({
      endpoint: sim.url,
      region: REGION,
      credentials: { accessKeyId: stage.account, secretAccessKey: 'x' },
    });
    try {
      const described = await ecs.send(
        new DescribeServicesCommand({ cluster: `mobilytics-${stage.name}`, services: [...SERVICES] }),
      );
      out[stage.name] = {};
      for (const svc of described.services ?? []) {
        const primary = svc.deployments!.find((d) => d.status === 'PRIMARY')!;
        const td = (
          await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: svc.taskDefinition! }))
        ).taskDefinition!;
        out[stage.name]![svc.serviceName!] = {
          taskDefinition: svc.taskDefinition!,
          image: td.containerDefinitions![0]!.image!,
          desiredCount: svc.desiredCount!,
          deployed: {
            createdAt: primary.createdAt!.getTime(),
            updatedAt: primary.updatedAt!.getTime(),
          },
        };
      }
    } finally {
      ecs.destroy();
    }
  }
  return out;
}

const imageIn = (sim: SimHandle, stage: Stage, digest: string): string =>
  `${new URL(sim.url).host}/${stage.account}/${REGION}/${IMAGE_REPOSITORY}@${digest}`;

const deployJob = (run: Delivery, stage: string): JobRecord | undefined =>
  run.jobs.find((j) => j.stage === stage && j.workflow.endsWith('deploy.yml'));

const step = (job: JobRecord | undefined, action: string): StepRecord | undefined =>
  job?.steps.find((s) => s.action === action);

/** The smoke test's report: one entry per check. */
interface SmokeReport {
  checks: {
    name: string;
    verdict: string;
    expectVersion?: string;
    versionSeen?: string;
    reasons: string[];
  }[];
}

/** Calls IAM refused, with what was refused. */
const refused = (calls: CallRecord[]): string[] =>
  calls.filter((c) => /AccessDenied|Unauthorized/.test(c.errorCode ?? '')).map((c) => c.errorMessage ?? '');

/** A system seeded on a simulator of its own, on release PREVIOUS everywhere. */
interface System {
  sim: SimHandle;
  before: Record<string, Record<string, Running>>;
}

async function seeded(): Promise<System> {
  const sim = await startSim({ timeScale: 120 });
  await seedSystem(sim, { trust: 'environment', previous: PREVIOUS });
  return { sim, before: await state(sim) };
}

/** Pushes `version` to dev's registry, as the build would have; returns its digest. */
const push = (sim: SimHandle, version: string): Promise<string> =>
  pushRelease(sim, STAGES[0]!.account, [commitOf(version).slice(0, 12)], `app-api ${version}\n`);

describe('examples/api-and-workers', () => {
  let workflows: string;
  // Two releases, each on a system of its own, delivered at the same time (the runs mostly wait).
  let sim: SimHandle;
  let before: Record<string, Record<string, Running>>;
  let good: Delivery;
  let goodDigest: string;
  let after: Record<string, Record<string, Running>>;
  let failing: System;
  let bad: Delivery;
  let badDigest: string;
  let afterBad: Record<string, Record<string, Running>>;

  beforeAll(async () => {
    workflows = releasedWorkflows(REPO_ROOT, tmpdir());
    const goodRelease = async (): Promise<void> => {
      ({ sim, before } = await seeded());
      goodDigest = await push(sim, GOOD);
      good = await deliver(sim, workflows, GOOD);
      after = await state(sim);
    };
    const badRelease = async (): Promise<void> => {
      failing = await seeded();
      badDigest = await push(failing.sim, BAD);
      // The release's API cannot reach Redis with staging's configuration: its /health answers 503 there.
      await failing.sim.scenario([
        {
          image: `*/${STAGES[1]!.account}/${REGION}/${IMAGE_REPOSITORY}@${badDigest}`,
          http: {
            paths: {
              '/health': {
                status: 503,
                body: '{"status":"error","error":{"redis":{"status":"down","message":"NOAUTH"}}}',
              },
            },
          },
        },
        MIGRATION_RULE,
      ]);
      bad = await deliver(failing.sim, workflows, BAD);
      afterBad = await state(failing.sim);
    };
    await Promise.all([goodRelease(), badRelease()]);
  }, 150_000);

  afterAll(async () => {
    await Promise.all([sim?.stop(), failing?.sim.stop()]);
    if (workflows !== undefined) rmSync(workflows, { recursive: true, force: true });
  });

  it('promotes one digest dev → staging → prod: both services of every stage run it', () => {
    const failed = good.jobs.filter((j) => j.result !== 'success');
    expect(failed.map((j) => `${j.stage}: ${j.steps.flatMap((s) => s.errors).join('; ')}`)).toEqual([]);
    expect(good.result).toBe('success');
    for (const stage of STAGES) {
      for (const service of SERVICES) {
        const now = after[stage.name]![service]!;
        expect(now.taskDefinition).not.toBe(before[stage.name]![service]!.taskDefinition);
        // Each account's tasks pull the digest from their own account's repository.
        expect(now.image).toBe(imageIn(sim, stage, goodDigest));
      }
    }
    // The stages ran in the promotion's order, each after the one before it succeeded, and in each the API's
    // wave completed before the workers' started.
    expect(good.jobs.map((j) => j.stage)).toEqual(['build', 'dev', 'staging', 'prod']);
    const order = STAGES.flatMap((stage) => SERVICES.map((service) => after[stage.name]![service]!.deployed));
    for (const [i, deployment] of order.entries()) {
      if (i > 0) expect(order[i - 1]!.updatedAt).toBeLessThanOrEqual(deployment.createdAt);
    }
  });

  it('runs prod under its GitHub environment production, and every call under the iam/ policies', async () => {
    expect(good.jobs.map((j) => [j.stage, j.environment])).toEqual([
      ['build', undefined],
      ['dev', 'dev'],
      ['staging', 'staging'],
      ['prod', 'production'],
    ]);
    const deployments = await githubDeployments(sim);
    expect(deployments.filter((d) => d.environment === 'production')).toHaveLength(1);
    expect(deployments.find((d) => d.environment === 'production')!.statuses.map((s) => s.state)).toContain(
      'success',
    );
    const calls = (await sim.calls({ since: good.since })).filter((c) => c.realTime <= good.until);
    expect(refused(calls)).toEqual([]);
    // Every ECS call of a stage was made by that account's deploy role, assumed through OIDC.
    for (const stage of STAGES) {
      const ecs = calls.filter((c) => c.service === 'ecs' && c.account === stage.account);
      expect(ecs.length).toBeGreaterThan(0);
      const principals = new Set(ecs.map((c) => c.principal?.replace(/\/[^/]+$/, '')));
      expect(principals).toEqual(new Set([`arn:aws:sts::${stage.account}:assumed-role/PlatformDeployRole`]));
    }
  });

  it("leaves the workers' desired count to their autoscaler and sets the API's where the manifest says", () => {
    for (const stage of STAGES) {
      const workers = after[stage.name]!['bullmq-workers']!;
      expect(workers.desiredCount).toBe(stage.workers);
      expect(workers.desiredCount).toBe(before[stage.name]!['bullmq-workers']!.desiredCount);
    }
    expect(after['dev']!['app-api']!.desiredCount).toBe(2);
    expect(after['prod']!['app-api']!.desiredCount).toBe(3);
  });

  it("smoke-tests the API's health, queues and version through each load balancer, expecting the release", () => {
    for (const stage of STAGES) {
      const smoke = step(deployJob(good, stage.name), 'smoke-test')!;
      expect(smoke.result).toBe('success');
      // deploy.yml gives the release promoted into this stage's registry as expect-version.
      expect(smoke.inputs['expect-version']).toContain(imageIn(sim, stage, goodDigest));
      const report = JSON.parse(smoke.outputs['report']!) as SmokeReport;
      expect(report.checks.map((c) => [c.name, c.verdict])).toEqual([
        ['app-api: health', 'passed'],
        ['app-api: queues', 'passed'],
        ['app-api: version', 'passed'],
      ]);
      const version = report.checks.find((c) => c.name === 'app-api: version')!;
      expect(version.expectVersion).toBe(imageIn(sim, stage, goodDigest));
      expect(version.versionSeen).toContain(goodDigest);
      expect(smoke.log).toContain(`Host: ${stage.host}`);
    }
  });

  it('rolls back a release whose /health fails in staging, says why, and never touches prod', async () => {
    const { sim: other } = failing;
    const sha = commitOf(BAD);
    expect(bad.result).toBe('failure');
    expect(bad.jobs.map((j) => [j.stage, j.result])).toEqual([
      ['build', 'success'],
      ['dev', 'success'],
      ['staging', 'failure'],
      ['prod', 'skipped'],
    ]);
    // Dev took the release; staging deployed it, failed its smoke test and is back on what ran before; prod was
    // never touched, not even by a new deployment.
    for (const service of SERVICES) {
      expect(afterBad['dev']![service]!.image).toBe(imageIn(other, STAGES[0]!, badDigest));
      const { deployed, ...staging } = afterBad['staging']![service]!;
      const { deployed: seededAt, ...seeded } = failing.before['staging']![service]!;
      expect(staging).toEqual(seeded);
      // The rollback is a deployment of its own, after the release's.
      expect(deployed.createdAt).toBeGreaterThan(seededAt.updatedAt);
      expect(afterBad['prod']![service]!).toEqual(failing.before['prod']![service]);
    }
    const job = deployJob(bad, 'staging')!;
    expect(step(job, 'deploy-ecs')!.outputs['outcome']).toBe('succeeded');
    const smoke = step(job, 'smoke-test')!;
    expect(smoke.result).toBe('failure');
    expect(smoke.errors.join('\n')).toMatch(/app-api: health.*503/);
    const report = JSON.parse(smoke.outputs['report']!) as SmokeReport;
    expect(report.checks.map((c) => [c.name, c.verdict])).toEqual([
      ['app-api: health', 'failed'],
      ['app-api: queues', 'passed'],
      ['app-api: version', 'passed'],
    ]);
    expect(smoke.summary).toMatch(/app-api: health/);
    expect(smoke.summary).toContain('503');
    const rollback = step(job, 'rollback')!;
    expect(rollback.result).toBe('success');
    expect(rollback.inputs['services']!.split(/[\n,]/).filter((s) => s !== '')).toEqual([...SERVICES]);
    const why = `The smoke test of staging failed after deploying ${sha}.`;
    expect(rollback.summary).toContain(why);
    // Staging's GitHub deployment of the release says it was rolled back, and why; prod has none.
    const deployments = await githubDeployments(other);
    expect(deployments.filter((d) => d.environment === 'production')).toHaveLength(0);
    const stagingStatuses = deployments
      .filter((d) => d.environment === 'staging')
      .flatMap((d) => d.statuses.map((s) => s.description ?? ''));
    expect(stagingStatuses.some((s) => s.includes(why))).toBe(true);
    expect(refused(await other.calls({ since: bad.since }))).toEqual([]);
  });

  it("names in its README only commands and files that exist, this test's command included", () => {
    const readme = readFileSync(join(REPO_ROOT, EXAMPLE, 'README.md'), 'utf8');
    const commands = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].flatMap((m) =>
      m[1]!.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')),
    );
    expect(commands).toContain('npx jest test/examples/api-and-workers.e2e.test.ts');
    for (const command of commands) {
      expect(command).toMatch(
        /^(npx jest( --config jest\.conformance\.config\.js)? \S+\.test\.ts|npm run demo)$/,
      );
      const file = command.split(' ').at(-1)!;
      if (file.endsWith('.ts')) expect(existsSync(join(REPO_ROOT, file))).toBe(true);
    }
    // The static-site job it shows plugs into the caller beside the delivery, after it.
    const snippet = /^ {2}```yaml\n([\s\S]*?)^ {2}```$/m.exec(readme)![1]!.replace(/^ {2}/gm, '');
    const caller = loadWorkflow(join(REPO_ROOT, EXAMPLE), CALLER.path);
    caller.doc.jobs = { ...caller.doc.jobs, ...(parse(snippet) as WorkflowDoc['jobs']) };
    expect(jobOrder(caller)).toEqual([CALLER.job, 'support-site']);
    expect(caller.doc.jobs['support-site']!.needs).toBe(CALLER.job);
    // Every file the README's table names (`*` for one folder) is in the example.
    const files = readdirSync(join(REPO_ROOT, EXAMPLE), { recursive: true, encoding: 'utf8' });
    const named = [...readme.matchAll(/^\| `([^`]+)` +\|/gm)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThanOrEqual(10);
    for (const pattern of named) {
      const glob = new RegExp(`^${pattern.replaceAll('.', '\\.').replaceAll('*', '[^/]+')}$`);
      expect([pattern, files.some((f) => glob.test(f))]).toEqual([pattern, true]);
    }
  });
});
