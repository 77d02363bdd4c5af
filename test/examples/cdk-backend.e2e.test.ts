import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type Service,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { loadWorkflow, WorkflowRunner, type JobResult, type Value } from '@ecs-delivery/demo';
import { loadManifest, resolveEnvironment } from '@ecs-delivery/shared/manifest';
import {
  codeBlocks,
  ecsOf,
  readDocumentedPolicies,
  REPO_ROOT,
  startSim,
  type SimHandle,
} from '@ecs-delivery/testkit';
import {
  ACCOUNT,
  bootstrapAsAdministrator,
  checkout,
  clusterOf,
  ENVIRONMENTS,
  EXAMPLE,
  IMAGE_REPOSITORY,
  pushRelease,
  REGION,
  REPOSITORY,
  roleFiles,
  seedAccount,
  seedFronts,
  SERVICE,
} from './cdk-backend.system';

/**
 * examples/cdk-backend end to end on the simulator, through its caller workflows and the reusable workflows'
 * own steps (each of this repository's actions run from its dist/): from an account with only its roles, secrets
 * and the CDK bootstrap stack, infra.yml applies the CDK app (registry, two clusters, two services with the
 * circuit breaker, log groups, task roles) and hands on the stacks' outputs; delivery.yml then builds release 1
 * once and promotes the same digest staging → prod into the services the stacks made; release 2 crashes on start
 * in staging, is rolled back there and never reaches prod.
 *
 * What differs from a run on GitHub, and why: the runner has no event payload, so the infra job is given the
 * `mode` a push to main picks (`deploy`) and, as its first run is a dispatch, `approve-broadening: true`; the
 * CDK app's dependencies are this repository's node_modules, linked, instead of `npm install`; the smoke checks
 * reach the simulator's load balancer (`vars: api_origin=<simulator>`); images are pushed by the test instead of a
 * container build.
 */
jest.setTimeout(300_000);

let sim: SimHandle;
let workspace: string;
let outputs: Record<string, Record<string, string>>;
const ecs = (): ReturnType<typeof ecsOf> => ecsOf(sim, ACCOUNT);

/** A commit's SHA, stable for a version. */
const commitOf = (version: string): string =>
  createHash('sha1').update(`${REPOSITORY} ${version}`).digest('hex');

function runner(sha: string, eventName = 'push'): WorkflowRunner {
  return new WorkflowRunner({
    root: REPO_ROOT,
    workspace,
    sim,
    github: {
      repository: REPOSITORY,
      sha,
      ref: 'refs/heads/main',
      actor: 'dougust-dev',
      token: `ghs_cdkbackend${sha.slice(0, 24)}`,
      eventName,
    },
    artifactsDir: join(workspace, '..', `artifacts-${sha.slice(0, 8)}`),
    log: () => undefined,
    stepTimeoutMs: 240_000,
  });
}

async function service(cluster: string): Promise<Service> {
  const client = ecs();
  try {
    const found = await client.send(new DescribeServicesCommand({ cluster, services: [SERVICE] }));
    return found.services![0]!;
  } finally {
    client.destroy();
  }
}

async function definitionOf(taskDefinition: string): Promise<TaskDefinition> {
  const client = ecs();
  try {
    return (await client.send(new DescribeTaskDefinitionCommand({ taskDefinition }))).taskDefinition!;
  } finally {
    client.destroy();
  }
}

/** delivery.yml for one push, with the smoke checks pointed at the simulator's load balancer. */
async function deliver(version: string): Promise<{ jobs: Record<string, JobResult>; run: WorkflowRunner }> {
  const path = '.github/workflows/delivery.yml';
  const text = readFileSync(join(EXAMPLE, path), 'utf8');
  const release = /^( +)release: \$\{\{ needs\.\w+\.outputs\.release \}\}$/gm;
  expect(text.match(release)).toHaveLength(2);
  writeFileSync(join(workspace, path), text.replace(release, `$&\n$1vars: api_origin=${sim.url}`));
  const run = runner(commitOf(version));
  return { jobs: await run.runWorkflow(loadWorkflow(workspace, path)), run };
}

const resultsOf = (jobs: Record<string, JobResult>): Record<string, string> =>
  Object.fromEntries(Object.entries(jobs).map(([k, v]) => [k, v.result]));

/** Every failed step's errors, named by job and step. */
const errorsOf = (run: WorkflowRunner): string[] =>
  run.jobs.flatMap((j) => j.steps.flatMap((s) => s.errors.map((e) => `${j.stage}/${s.name}: ${e}`)));

describe('from an account with its roles, secrets and the CDK bootstrap stack', () => {
  beforeAll(async () => {
    sim = await startSim({ timeScale: 100 });
    await seedAccount(sim, 'committed');
    await bootstrapAsAdministrator(sim);
    workspace = checkout();
    const infra = await runner(commitOf('infra'), 'workflow_dispatch').runCaller(
      '.github/workflows/infra.yml',
      'infra',
      { mode: 'deploy', 'approve-broadening': true as Value, install: '' },
    );
    if (infra.result !== 'success') throw new Error(`infra.yml failed: ${JSON.stringify(infra)}`);
    outputs = JSON.parse(infra.outputs['stack-outputs']!) as typeof outputs;
    await seedFronts(sim);
  }, 300_000);

  afterAll(async () => {
    await sim?.stop();
    if (workspace !== undefined) rmSync(workspace, { recursive: true, force: true });
  });

  test('infra.yml applies the CDK app: the registry, and per environment a cluster and a service with the circuit breaker', async () => {
    expect(Object.keys(outputs).sort()).toEqual([
      'DougustBackend-prod',
      'DougustBackend-staging',
      'DougustRegistry',
    ]);
    expect(outputs['DougustRegistry']!['RepositoryName']).toBe(IMAGE_REPOSITORY);
    const manifest = await loadManifest(join(EXAMPLE, 'deploy', 'ecs.yml'));
    for (const env of ENVIRONMENTS) {
      const stack = outputs[`DougustBackend-${env.name}`]!;
      // The manifest names what the stack made: its outputs and the manifest's cluster and service agree.
      const spec = resolveEnvironment(manifest, env.name).waves.flat()[0]!;
      expect({ cluster: stack['ClusterName'], service: stack['ServiceName'] }).toEqual({
        cluster: spec.cluster,
        service: spec.service,
      });
      const svc = await service(clusterOf(env));
      expect(svc.deploymentConfiguration?.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
      expect(svc.desiredCount).toBe(0);
    }
  });

  test('release 1 is built once and the same digest goes staging, then prod, on the stacks’ services', async () => {
    const digest = await pushRelease(sim, commitOf('1.0.0').slice(0, 12), 'dougust-backend 1.0.0\n');
    const since = Date.now();
    const { jobs, run } = await deliver('1.0.0');
    expect({ results: resultsOf(jobs), errors: errorsOf(run) }).toEqual({
      results: { build: 'success', staging: 'success', prod: 'success' },
      errors: [],
    });
    // Staging's deploy finished before prod's started.
    const deploys = run.jobs.filter((j) => j.job === 'deploy');
    expect(deploys.map((j) => j.environment)).toEqual(['staging', 'production']);
    // Each environment was changed by its own role, staging first.
    const updates = (await sim.calls({ since }))
      .filter((c) => c.service === 'ecs' && c.action === 'UpdateService' && c.status === 200)
      .map((c) => /assumed-role\/([^/]+)\//.exec(c.principal ?? '')?.[1]);
    expect(updates).toEqual(['dougust-deploy-staging', 'dougust-deploy-prod']);
    for (const env of ENVIRONMENTS) {
      const svc = await service(clusterOf(env));
      expect(svc.desiredCount).toBe(env.desiredCount);
      expect(svc.runningCount).toBe(env.desiredCount);
      expect(svc.deployments).toHaveLength(1);
      // The stack's definition (family, roles, health check, log group) with the release's image by digest and
      // the manifest's environment and secrets (by reference).
      const td = await definitionOf(svc.taskDefinition!);
      const app = td.containerDefinitions![0]!;
      expect(app.image).toMatch(new RegExp(`/${IMAGE_REPOSITORY}@${digest}$`));
      expect({
        family: td.family,
        executionRole: td.executionRoleArn,
        healthCheck: app.healthCheck?.command,
        logGroup: app.logConfiguration?.options?.['awslogs-group'],
        secrets: app.secrets?.map((x) => x.name).sort(),
        nodeEnv: app.environment?.find((x) => x.name === 'NODE_ENV')?.value,
      }).toEqual({
        family: `dougust-${env.name}-backend`,
        executionRole: `arn:aws:iam::${ACCOUNT}:role/dougust-${env.name}-backend-execution`,
        healthCheck: ['CMD-SHELL', 'wget -qO- http://localhost:3000/api/health || exit 1'],
        logGroup: `/ecs/dougust-${env.name}/backend`,
        secrets: ['DATABASE_URL', 'JWT_REFRESH_SECRET', 'JWT_SECRET'],
        nodeEnv: 'production',
      });
    }
  });

  test('release 2 crashes on start in staging: rolled back to release 1 there, prod never touched', async () => {
    const before = Object.fromEntries(
      await Promise.all(
        ENVIRONMENTS.map(async (e) => [e.name, (await service(clusterOf(e))).taskDefinition!]),
      ),
    );
    const digest = await pushRelease(sim, commitOf('1.1.0').slice(0, 12), 'dougust-backend 1.1.0\n');
    await sim.scenario([
      {
        image: `*/${IMAGE_REPOSITORY}@${digest}`,
        task: {
          exitCode: 1,
          afterSeconds: 6,
          logs: [
            '[Nest] 1  - LOG [NestFactory] Starting Nest application...',
            '[Nest] 1  - ERROR [ExceptionHandler] Config validation error: "JWT_REFRESH_TOKEN_TTL" must be a valid duration',
          ],
        },
      },
    ]);
    const { jobs, run } = await deliver('1.1.0');
    expect(resultsOf(jobs)).toEqual({ build: 'success', staging: 'failure', prod: 'skipped' });
    const staging = run.jobs.find((j) => j.environment === 'staging')!;
    const deploy = staging.steps.find((s) => s.action === 'deploy-ecs')!;
    // ECS's circuit breaker does not count exits after RUNNING; deploy-ecs counts them, calls the crash loop at
    // the breaker's threshold, explains it and rolls back.
    expect(deploy.outputs['outcome']).toBe('failed');
    expect(deploy.errors.join('\n')).toMatch(
      /exited after they started[\s\S]*Config validation error[\s\S]*Rolled back to dougust-staging-backend:2/,
    );
    for (const env of ENVIRONMENTS) {
      const svc = await service(clusterOf(env));
      expect(svc.taskDefinition).toBe(before[env.name]);
      expect(svc.runningCount).toBe(env.desiredCount);
    }
  });

  test('release 3 fails its health checks in staging: the circuit breaker the stack set rolls it back', async () => {
    const before = (await service('dougust-staging')).taskDefinition!;
    const digest = await pushRelease(sim, commitOf('1.2.0').slice(0, 12), 'dougust-backend 1.2.0\n');
    await sim.scenario([{ image: `*/${IMAGE_REPOSITORY}@${digest}`, task: { healthCheck: 'fail' } }]);
    const { jobs, run } = await deliver('1.2.0');
    expect(resultsOf(jobs)).toEqual({ build: 'success', staging: 'failure', prod: 'skipped' });
    const staging = run.jobs.find((j) => j.environment === 'staging')!;
    const deploy = staging.steps.find((s) => s.action === 'deploy-ecs')!;
    expect(deploy.outputs['outcome']).toBe('rolled_back');
    const [result] = JSON.parse(deploy.outputs['services']!) as { rollback?: { method?: string } }[];
    expect(result?.rollback?.method).toBe('ecs');
    expect((await service('dougust-staging')).taskDefinition).toBe(before);
  });
});

test('iam/ holds docs/iam.md’s policies for this system: each statement the documented one, its resources filled in', () => {
  const documented = readDocumentedPolicies(REPO_ROOT);
  const actionsOf = (policy: unknown): Record<string, unknown> =>
    Object.fromEntries(
      (policy as { Statement: { Sid: string; Action: unknown }[] }).Statement.map((s) => [s.Sid, s.Action]),
    );
  for (const role of roleFiles()) {
    for (const [name, policy] of Object.entries(role.policies)) {
      const doc = documented.find((d) => d.name === name);
      if (doc === undefined) continue;
      const ours = actionsOf(policy);
      const theirs = actionsOf(doc.policy);
      // Every statement is a documented one with the same actions; statements left out are named in the README.
      for (const [sid, actions] of Object.entries(ours))
        expect({ sid, actions }).toEqual({ sid, actions: theirs[sid] });
      expect(JSON.stringify(policy)).not.toMatch(/\b(ACCOUNT|REGION|CLUSTER|APP|TASK_ROLE|EXECUTION_ROLE)\b/);
    }
  }
  expect(
    roleFiles()
      .map((r) => r.name)
      .sort(),
  ).toEqual([
    'dougust-build',
    'dougust-deploy-prod',
    'dougust-deploy-staging',
    'dougust-infra',
    'dougust-infra-diff',
  ]);
  expect(REGION).toBe('us-east-1');
});

test('the README: every file its table names exists, and its commands run this test and the act test', () => {
  const readme = readFileSync(join(EXAMPLE, 'README.md'), 'utf8');
  const named = [...readme.matchAll(/^\| ((?:`[^`]+`(?:, )?)+) +\|/gm)].flatMap((m) =>
    [...m[1]!.matchAll(/`([^`]+)`/g)].map((n) => n[1]!),
  );
  const files = named.filter((n) => !n.includes('<') && /[./]/.test(n));
  expect(files).toEqual(expect.arrayContaining(['deploy/ecs.yml', 'infra/bin/backend.js']));
  for (const file of files)
    expect({ file, exists: existsSync(join(EXAMPLE, file)) }).toEqual({ file, exists: true });
  const commands = codeBlocks(readme)
    .filter((b) => b.lang === 'sh')
    .flatMap((b) => b.body.split('\n').filter((l) => l.trim() !== ''));
  expect(commands).toEqual([
    `npx jest ${relative(REPO_ROOT, __filename)}`,
    `npx jest --config jest.conformance.config.js ${relative(REPO_ROOT, __filename).replace('.e2e.', '.act.conformance.')}`,
  ]);
  for (const command of commands) expect(existsSync(join(REPO_ROOT, command.split(' ').at(-1)!))).toBe(true);
});
