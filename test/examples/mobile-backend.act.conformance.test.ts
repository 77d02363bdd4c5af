/**
 * examples/mobile-backend under act: the example folder as a caller repository, its delivery.yml calling
 * build.yml@v1 and deploy.yml@v1 (mapped to a release copy of this checkout), against the simulator seeded with the
 * example's roles and their permission policies, which it enforces.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { describeWithTools, startSim, type SimHandle } from '@ecs-delivery/testkit';
import {
  actTail,
  callerActArgs,
  commitCaller,
  gitIn,
  pinnedRelease,
  runAct,
  uploadStandIn,
} from '../act-helpers';
import {
  ACCOUNT,
  CLUSTER,
  COMPONENTS,
  EXAMPLE,
  pushRelease,
  REGION,
  REPOSITORY,
  seedSystem,
} from './mobile-backend.system';

/** What each service runs: its task definition and image. */
async function running(sim: SimHandle): Promise<Record<string, { taskDefinition: string; image: string }>> {
  const ecs = new ECSClient({
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' },
  });
  try {
    const services = (
      await ecs.send(
        new DescribeServicesCommand({ cluster: CLUSTER, services: COMPONENTS.map((c) => c.service) }),
      )
    ).services!;
    const out: Record<string, { taskDefinition: string; image: string }> = {};
    for (const c of COMPONENTS) {
      const taskDefinition = services.find((s) => s.serviceName === c.service)!.taskDefinition!;
      const td = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }))).taskDefinition!;
      out[c.name] = { taskDefinition, image: td.containerDefinitions![0]!.image! };
    }
    return out;
  } finally {
    ecs.destroy();
  }
}

/** The caller's delivery.yml with the one input this machine needs: the smoke checks' origin is the simulator. */
function callerWorkflow(): string {
  const text = readFileSync(join(EXAMPLE, '.github', 'workflows', 'delivery.yml'), 'utf8');
  expect(text).toMatch(/\n {6}release: \$\{\{ needs\.build\.outputs\.release \}\}\n$/);
  return `${text}      vars: \${{ vars.SMOKE_VARS }}\n`;
}

describeWithTools('examples/mobile-backend under act', ['act', 'git'], (tools) => {
  let root: string;
  let caller: string;
  let sim: SimHandle;

  const git = gitIn(tools['git']!, () => caller);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ecs-delivery-act-mobile-'));
    caller = join(root, 'caller');
    cpSync(EXAMPLE, caller, { recursive: true });
    writeFileSync(join(caller, '.github', 'workflows', 'delivery.yml'), callerWorkflow());
    await commitCaller(git, REPOSITORY, 'release 2025_05');
    sim = await startSim({ timeScale: 60 });
    await seedSystem(sim, '2025_04', 'repository');
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it('builds and deploys the API and the CMS under the two roles, with no call refused', async () => {
    const lib = await pinnedRelease(root);
    const upload = uploadStandIn(root);
    const sha = await git('rev-parse', 'HEAD');
    // The team's container build, done before the run: the build job finds the commit's images and builds nothing.
    const digests = await pushRelease(sim, sha.slice(0, 12), '2025_05');
    const before = await running(sim);
    const oidc = await sim.oidcContext({
      repository: REPOSITORY,
      ref: 'refs/heads/main',
      sha,
      job_workflow_ref: 'ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/tags/v1.0.0',
    });
    const since = (await sim.calls()).length;
    const result = await runAct(
      tools['act']!,
      callerActArgs({
        event: ['push'],
        workflow: '.github/workflows/delivery.yml',
        lib,
        upload,
        simUrl: sim.url,
        oidc,
        artifactDir: join(root, 'artifacts'),
        vars: { SMOKE_VARS: `api_origin=${sim.url}\ncms_origin=${sim.url}` },
      }),
      caller,
    );
    if (!result.ok) throw new Error(`act failed:\n${actTail(result)}`);
    expect(result.log).toMatch(/Job succeeded/);
    const after = await running(sim);
    for (const c of COMPONENTS) {
      expect(after[c.name]!.taskDefinition).not.toBe(before[c.name]!.taskDefinition);
      expect(after[c.name]!.image.endsWith(`/${c.repository}@${digests[c.name]}`)).toBe(true);
    }
    const calls = (await sim.calls()).slice(since);
    expect(calls.filter((c) => /AccessDenied|DENIED/.test(c.errorCode ?? ''))).toEqual([]);
    const roles = new Set(calls.map((c) => /assumed-role\/([^/]+)\//.exec(c.principal ?? '')?.[1]));
    expect(roles).toEqual(new Set([undefined, 'oky-image-builder', 'oky-service-updater']));
    expect(calls.filter((c) => c.action === 'HeadObject')).toHaveLength(2);
  }, 900_000);
});
