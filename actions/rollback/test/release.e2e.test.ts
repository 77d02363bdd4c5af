import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoSecrets } from '@ecs-delivery/testkit';
import {
  deployWithSdk,
  describeService,
  githubDeployments,
  imagesOf,
  mutatingSince,
  rollback,
  seedServices,
  services,
  uriOf,
  useSim,
  type Digests,
  FIXTURES,
} from './sim-helpers';

const sim = useSim();
/** In the fixtures folder, the workspace `rollback` runs in. */
const MANIFEST = 'release.yml';
const NAMES = ['api', 'web', 'worker'];
const TOKEN = 'ghs_rollback_token_0123456789';

/** Three services on :1 (v1), then the whole release v2 deployed (the way any tool would, with the SDK). */
async function releasedTwice(): Promise<Digests> {
  const digests = await seedServices(
    sim(),
    NAMES.map((name) => ({ name, tags: ['v1', 'v2'] })),
  );
  await Promise.all(NAMES.map((name) => deployWithSdk(sim(), name, digests[name]!.v2!)));
  for (const name of NAMES) expect((await describeService(sim(), name)).taskDefinition).toMatch(/:2$/);
  return digests;
}

describe('rollback of a whole release from a manifest', () => {
  it('puts every service back on its previous successful definition, in parallel, and records it in GitHub', async () => {
    const digests = await releasedTwice();
    const since = Date.now() + 1;
    const run = await rollback(sim(), {
      manifest: MANIFEST,
      environment: 'dev',
      reason: 'v2 corrupts carts at checkout',
      'github-token': TOKEN,
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(services(run).map((e) => [e['name'], e['outcome'], e['method']])).toEqual([
      ['api', 'succeeded', 'update-service'],
      ['web', 'succeeded', 'update-service'],
      ['worker', 'succeeded', 'update-service'],
    ]);
    for (const name of NAMES) {
      const svc = await describeService(sim(), name);
      expect([name, svc.taskDefinition]).toEqual([
        name,
        expect.stringMatching(new RegExp(`:task-definition/${name}:1$`)),
      ]);
      expect(svc.deployments).toHaveLength(1);
      expect(svc.deployments![0]!.rolloutState).toBe('COMPLETED');
      expect(await imagesOf(sim(), svc.taskDefinition!)).toEqual([
        `${uriOf(sim(), `shop/${name}`)}@${digests[name]!.v1!}`,
      ]);
    }
    // Every service was started before any finished: one watch for all of them.
    expect(run.log).toContain('Roll back api, web, worker');
    expect(run.log).toContain('Watch api, web, worker');
    expect(await mutatingSince(sim(), since)).toEqual([
      'ecs:UpdateService',
      'ecs:UpdateService',
      'ecs:UpdateService',
    ]);
    expect(run.summary).toContain('## rollback dev: succeeded');
    expect(run.summary).toContain('| Reason | v2 corrupts carts at checkout |');
    for (const name of NAMES) expect(run.summary).toContain(`### ${name}`);

    const deployments = await githubDeployments(sim());
    expect(deployments).toHaveLength(1);
    expect(deployments[0]!.environment).toBe('development');
    expect(deployments[0]!.payload).toMatchObject({
      rollback: true,
      reason: 'v2 corrupts carts at checkout',
    });
    expect(deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    for (const status of deployments[0]!.statuses)
      expect(status.description).toContain('corrupts carts at checkout');
    expectNoSecrets(run, [TOKEN, ...run.masks, ...(await sim().issuedSecrets())]);
  });

  it('with a services filter, rolls back only those', async () => {
    await releasedTwice();
    const run = await rollback(sim(), { manifest: MANIFEST, environment: 'dev', services: 'web' });
    expect(run.outputs.outcome).toBe('succeeded');
    expect(services(run).map((e) => e['name'])).toEqual(['web']);
    expect((await describeService(sim(), 'web')).taskDefinition).toMatch(/web:1$/);
    expect((await describeService(sim(), 'api')).taskDefinition).toMatch(/api:2$/);
    expect((await describeService(sim(), 'worker')).taskDefinition).toMatch(/worker:2$/);
  });

  it('refuses the whole release before any change when a service has nothing to go back to', async () => {
    const digests = await seedServices(
      sim(),
      NAMES.map((name) => ({ name, tags: ['v1', 'v2'] })),
    );
    await deployWithSdk(sim(), 'api', digests.api!.v2!);
    const since = Date.now() + 1;
    const run = await rollback(sim(), { manifest: MANIFEST, environment: 'dev' });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.message).toContain('2 services cannot be rolled back');
    expect(error?.message).toContain(
      'no successful deployment of web before its current task definition web:1',
    );
    expect(error?.message).toContain('no successful deployment of worker');
    expect(error?.message).toContain('Leave the service out with "services"');
    expect(await mutatingSince(sim(), since)).toEqual([]);
    expect((await describeService(sim(), 'api')).taskDefinition).toMatch(/api:2$/);
  });

  it("credentials of another account than the environment's account-id are refused before any change", async () => {
    await releasedTwice();
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const manifest = join(dir, 'ecs.yml');
    writeFileSync(
      manifest,
      readFileSync(join(FIXTURES, MANIFEST), 'utf8').replace(
        '    region: us-east-1\n',
        "    region: us-east-1\n    account-id: '111111111111'\n",
      ),
    );
    const since = Date.now() + 1;
    const run = await rollback(sim(), { manifest: 'ecs.yml', environment: 'dev' }, { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toContain(
      'but environment "dev" of the manifest is account 111111111111',
    );
    expect(await mutatingSince(sim(), since)).toEqual([]);
  });
});
