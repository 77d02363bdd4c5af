import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  describeWithTools,
  githubDeployments,
  REPO_ROOT,
  startSim,
  type SimHandle,
} from '@ecs-delivery/testkit';
import { IMAGE_REPOSITORY, MIGRATION_RULE, REGION, REPOSITORY, seedSystem, STAGES } from '@ecs-delivery/demo';
import {
  actTail,
  callerActArgs,
  commitCaller,
  gitIn,
  pinnedRelease,
  runAct,
  uploadStandIn,
  type ActRun,
} from './act-helpers';

/** What one service of an environment runs: its task definition and the API container's image. */
async function running(sim: SimHandle, account: string, env: string, service: string): Promise<Running> {
  const ecs = new ECSClient({
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: account, secretAccessKey: 'x' },
  });
  try {
    const svc = (
      await ecs.send(new DescribeServicesCommand({ cluster: `mobilytics-${env}`, services: [service] }))
    ).services![0]!;
    const td = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: svc.taskDefinition! })))
      .taskDefinition!;
    const image = td.containerDefinitions![0]!.image!;
    return { taskDefinition: svc.taskDefinition!, image, digest: image.slice(image.indexOf('@') + 1) };
  } finally {
    ecs.destroy();
  }
}

interface Running {
  taskDefinition: string;
  image: string;
  digest: string;
}

/** The app-api of every stage, dev first. */
function everyStage(sim: SimHandle): Promise<Running[]> {
  return Promise.all(STAGES.map((s) => running(sim, s.account, s.name, 'app-api')));
}

/** The digests of the dev registry's repository. */
async function devDigests(sim: SimHandle): Promise<string[]> {
  const ecr = new ECRClient({
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: STAGES[0]!.account, secretAccessKey: 'x' },
  });
  try {
    const out = await ecr.send(new DescribeImagesCommand({ repositoryName: IMAGE_REPOSITORY }));
    return (out.imageDetails ?? []).map((d) => d.imageDigest!);
  } finally {
    ecr.destroy();
  }
}

/**
 * The caller workflow every adopter copies (examples/caller), with the two inputs this machine needs: podman
 * instead of docker, and the smoke checks' origin pointed at the simulator's load-balancer front.
 */
function callerWorkflow(): string {
  const text = readFileSync(
    join(REPO_ROOT, 'examples', 'caller', '.github', 'workflows', 'delivery.yml'),
    'utf8',
  );
  expect(text).toMatch(/\n {4}with:\n(?: {6}.*\n)+$/);
  return `${text}      container-cli: podman\n      vars: \${{ vars.SMOKE_VARS }}\n`;
}

/**
 * A caller repository of a dozen-line workflow, calling promote.yml@v1 (mapped to a release copy of this
 * checkout) under act, against the simulator: a good release through to prod, a release that crashes in staging,
 * then a manual rollback from the Actions tab.
 */
describeWithTools('promote.yml and rollback.yml under act', ['act', 'podman', 'git'], (tools) => {
  let root: string;
  let lib: string;
  let upload: string;
  let caller: string;
  let sim: SimHandle;
  let first: Running[];
  /** The digest of the release that crashed in staging. */
  let bad: string;

  const git = gitIn(tools['git']!, () => caller);

  async function act(eventArgs: string[], workflow: string, oidcWorkflow: string): Promise<ActRun> {
    const sha = await git('rev-parse', 'HEAD');
    const oidc = await sim.oidcContext({
      repository: REPOSITORY,
      ref: 'refs/heads/main',
      sha,
      job_workflow_ref: `ecs-delivery/ecs-delivery/.github/workflows/${oidcWorkflow}@refs/tags/v1.0.0`,
    });
    const args = callerActArgs({
      event: eventArgs,
      workflow,
      lib,
      upload,
      simUrl: sim.url,
      oidc,
      artifactDir: join(root, 'artifacts'),
      vars: { SMOKE_VARS: `api_origin=${sim.url}` },
    });
    return runAct(tools['act']!, args, caller);
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ecs-delivery-act-'));
    lib = await pinnedRelease(root);
    upload = uploadStandIn(root);
    caller = join(root, 'caller');
    cpSync(join(REPO_ROOT, 'examples', 'api-and-workers'), caller, { recursive: true });
    cpSync(join(REPO_ROOT, 'examples', 'caller', '.github'), join(caller, '.github'), { recursive: true });
    writeFileSync(join(caller, '.github', 'workflows', 'delivery.yml'), callerWorkflow());
    await commitCaller(git, REPOSITORY, 'release 1.4.1');
    sim = await startSim({ timeScale: 60 });
    await seedSystem(sim, { trust: 'repository', previous: '1.3.0' });
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it('builds once and puts the same digest in dev, staging and prod', async () => {
    const before = await everyStage(sim);
    const result = await act(['push'], '.github/workflows/delivery.yml', 'deploy.yml');
    if (!result.ok) throw new Error(`act failed:\n${actTail(result)}`);
    expect(result.log).toMatch(/Job succeeded/);
    first = await everyStage(sim);
    expect(first[0]!.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(first.map((r) => r.digest)).toEqual(STAGES.map(() => first[0]!.digest));
    expect(first.map((r) => r.image.split('/')[1])).toEqual(STAGES.map((s) => s.account));
    for (const [i, r] of first.entries()) expect(r.digest).not.toBe(before[i]!.digest);
  }, 900_000);

  it('rolls back a release whose tasks crash in staging and never touches prod', async () => {
    writeFileSync(join(caller, 'apps', 'api', 'release.txt'), 'app-api 1.4.2\n');
    await git('commit', '-qam', 'release 1.4.2');
    // The build pushes the new digest to dev; make that digest crash only in the staging account, as soon as it
    // exists (the dev deploy, its smoke test and a new job come before staging's promotion).
    const known = new Set(await devDigests(sim));
    let stop = false;
    let armed: string | undefined;
    const arm = (async (): Promise<void> => {
      while (!stop && armed === undefined) {
        const fresh = (await devDigests(sim)).find((d) => !known.has(d));
        if (fresh !== undefined) {
          await sim.scenario([
            {
              image: `*/${STAGES[1]!.account}/${REGION}/${IMAGE_REPOSITORY}@${fresh}`,
              task: { exitCode: 1, afterSeconds: 8, logs: ['Error: Cannot find module ./queues.config'] },
            },
            MIGRATION_RULE,
          ]);
          armed = fresh;
        } else {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    })();
    let result: ActRun;
    try {
      result = await act(['push'], '.github/workflows/delivery.yml', 'deploy.yml');
    } finally {
      stop = true;
      await arm;
    }
    expect(armed).toMatch(/^sha256:/);
    bad = armed!;
    expect(result.ok).toBe(false);
    const [dev, staging, prod] = await everyStage(sim);
    expect(dev!.digest).toBe(armed);
    // Staging is back on what last worked; prod never saw the release.
    expect(staging!.taskDefinition).toBe(first[1]!.taskDefinition);
    expect(prod!).toEqual(first[2]);
    expect(result.log).toMatch(/rolled_back|rolled back/);
    expect(result.log).toMatch(/Cannot find module \.\/queues\.config/);
    const deployments = await githubDeployments(sim);
    expect(deployments.filter((d) => d.environment === 'production')).toHaveLength(1);
  }, 900_000);

  it('puts a service back through rollback.yml, dispatched from the Actions tab', async () => {
    const event = join(root, 'dispatch.json');
    const reason = 'queue latency after 1.4.2';
    writeFileSync(event, JSON.stringify({ inputs: { environment: 'dev', services: 'app-api', reason } }));
    const before = await running(sim, STAGES[0]!.account, 'dev', 'app-api');
    const result = await act(
      ['workflow_dispatch', '-e', event],
      '.github/workflows/rollback.yml',
      'rollback.yml',
    );
    if (!result.ok) throw new Error(`act failed:\n${actTail(result)}`);
    const after = await running(sim, STAGES[0]!.account, 'dev', 'app-api');
    expect(before.digest).toBe(bad);
    expect(after.taskDefinition).toBe(first[0]!.taskDefinition);
    expect(after.digest).toBe(first[0]!.digest);
    // The workers were not asked for: they stay on the release.
    expect((await running(sim, STAGES[0]!.account, 'dev', 'bullmq-workers')).digest).toBe(bad);
    const dev = (await githubDeployments(sim)).filter((d) => d.environment === 'dev');
    const statuses = dev.flatMap((d) => d.statuses.map((s) => s.description ?? ''));
    expect(statuses.some((s) => s.includes(reason))).toBe(true);
  }, 900_000);
});
