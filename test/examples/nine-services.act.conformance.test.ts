import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  CALLER,
  EXAMPLE,
  ecsName,
  pushRelease,
  REGION,
  REPOSITORY,
  runningServices,
  SERVICES,
  seedNineServices,
} from './nine-services.system';

/**
 * The example's caller workflow under act, as committed, with one addition: the smoke checks' origin points at the
 * simulator's load-balancer front (a repository variable). The images of the commit are in ECR already, as a
 * first run of the build would have left them, so build.yml finds them and builds nothing. act gives every job of
 * a run one OIDC token, so the roles trust any job of the repository here; their permission policies are the
 * example's iam/ files, enforced by the simulator.
 */
describeWithTools('examples/nine-services under act', ['act', 'git'], (tools) => {
  let root: string;
  let caller: string;
  let sim: SimHandle;

  const git = gitIn(tools['git']!, () => caller);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'nine-services-act-'));
    caller = join(root, 'caller');
    cpSync(EXAMPLE, caller, { recursive: true });
    const file = join(caller, CALLER);
    const text = readFileSync(file, 'utf8');
    const release = "release: '${{ needs.build.outputs.release }}' }";
    expect(text).toContain(release);
    writeFileSync(file, text.replace(release, `${release.slice(0, -2)}, vars: '\${{ vars.SMOKE_VARS }}' }`));
    await commitCaller(git, REPOSITORY, 'release 2026.12.0');
    sim = await startSim({ timeScale: 20 });
    await seedNineServices(sim, 'repository');
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it('migrates and deploys the nine services wave by wave, the worker staying on FARGATE_SPOT', async () => {
    const lib = await pinnedRelease(root);
    const upload = uploadStandIn(root);
    const sha = await git('rev-parse', 'HEAD');
    const digests = await pushRelease(sim, '2026.12.0', sha);
    const before = await runningServices(sim);
    const oidc = await sim.oidcContext({
      repository: REPOSITORY,
      ref: 'refs/heads/main',
      sha,
      job_workflow_ref: 'ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/tags/v1.0.0',
    });
    const since = Date.now();
    const result = await runAct(
      tools['act']!,
      callerActArgs({
        event: ['push'],
        workflow: CALLER,
        lib,
        upload,
        simUrl: sim.url,
        oidc,
        artifactDir: join(root, 'artifacts'),
        vars: { SMOKE_VARS: `origin=${sim.url}` },
      }),
      caller,
    );
    if (!result.ok) throw new Error(`act failed:\n${actTail(result)}`);
    expect(result.log).toMatch(/Job succeeded/);

    const after = await runningServices(sim);
    const host = new URL(sim.url).host;
    for (const s of SERVICES) {
      expect(after[s.name]!.taskDefinitionArn).not.toBe(before[s.name]!.taskDefinitionArn);
      expect(after[s.name]!.image).toBe(
        `${host}/${ACCOUNT}/${REGION}/${ecsName(s.name)}@${digests[s.name]!}`,
      );
    }
    const calls = await sim.calls({ service: 'ecs', since });
    const order = calls.filter((c) => c.action === 'RunTask' || c.action === 'UpdateService');
    // Six migrations, wave 1's six updates, the worker's migration, wave 2's two updates, wave 3's one.
    expect(order.map((c) => c.action)).toEqual([
      ...Array<string>(6).fill('RunTask'),
      ...Array<string>(6).fill('UpdateService'),
      'RunTask',
      ...Array<string>(3).fill('UpdateService'),
    ]);
    expect(after['worker']!.service.capacityProviderStrategy).toEqual([
      expect.objectContaining({ capacityProvider: 'FARGATE_SPOT' }),
    ]);
    expect(result.log).toContain('/api/health/ready');
  }, 600_000);
});
