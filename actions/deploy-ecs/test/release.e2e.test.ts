import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeService,
  expectNoSecrets,
  runAction,
  seedServices,
  servicesOutput,
  useSim,
} from '@ecs-delivery/testkit';

const sim = useSim();
/** In the fixtures folder, the workspace of the runs. */
const FIXTURES = join(__dirname, 'fixtures');
const MANIFEST = 'release.yml';
const NAMES = ['dashboard', 'proxy', 'workers', 'broker'];

interface GithubState {
  github?: { deployments?: Record<string, { environment: string; statuses: { state: string }[] }> };
}

describe('deploy-ecs with a manifest: waves and a release rollback', () => {
  it('deploys wave by wave and records a GitHub deployment', async () => {
    await seedServices(
      sim(),
      NAMES.map((name) => ({ name, tags: ['v1', 'v2'] })),
    );
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: FIXTURES,
      inputs: {
        manifest: MANIFEST,
        environment: 'dev',
        'image-tag': 'v2',
        'github-token': 'ghs_release_token_123',
      },
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    const entries = servicesOutput(run);
    expect(entries.map((e) => [e['name'], e['wave'], e['outcome']])).toEqual([
      ['dashboard', 1, 'succeeded'],
      ['proxy', 2, 'succeeded'],
      ['workers', 2, 'succeeded'],
      ['broker', 3, 'succeeded'],
    ]);
    // Wave 2 deployed in parallel, after wave 1.
    const log = run.log;
    expect(log.indexOf('Deploy proxy, workers')).toBeGreaterThan(
      log.indexOf('dashboard: 2/2 running (COMPLETED)'),
    );
    for (const name of NAMES)
      expect((await describeService(sim(), name)).taskDefinition).toMatch(new RegExp(`${name}:2$`));

    const state = (await sim().state()) as GithubState;
    const deployments = Object.values(state.github?.deployments ?? {});
    expect(deployments).toHaveLength(1);
    expect(deployments[0]!.environment).toBe('development');
    expect(deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expectNoSecrets(run, ['ghs_release_token_123', ...(await sim().issuedSecrets())]);
  });

  it('a failure in wave 2 rolls back wave 1 too, and wave 3 never starts', async () => {
    await seedServices(
      sim(),
      NAMES.map((name) => ({ name, tags: ['v1', 'v2'] })),
    );
    await sim().scenario([
      { image: '*/shop/proxy:v2', task: { exitCode: 1, afterSeconds: 4, logs: ['proxy: upstream missing'] } },
    ]);
    const before = Object.fromEntries(
      await Promise.all(
        NAMES.map(async (n) => [n, (await describeService(sim(), n)).taskDefinition] as const),
      ),
    );
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: FIXTURES,
      inputs: {
        manifest: MANIFEST,
        environment: 'dev',
        'image-tag': 'v2',
        'github-token': 'ghs_release_token_456',
      },
    });
    expect(run.exitCode).toBe(1);
    // proxy:2 crashes after it starts, which ECS's circuit breaker does not count: deploy-ecs fails it.
    expect(run.outputs.outcome).toBe('failed');
    const github = Object.values(((await sim().state()) as GithubState).github?.deployments ?? {});
    expect(github.map((d) => d.statuses.map((s) => s.state))).toEqual([['in_progress', 'failure']]);
    const byName = Object.fromEntries(servicesOutput(run).map((e) => [e['name'], e]));
    expect(byName['dashboard']).toMatchObject({
      outcome: 'succeeded',
      rollback: { outcome: 'succeeded', method: 'update-service' },
    });
    expect(byName['proxy']).toMatchObject({
      outcome: 'failed',
      rollback: { method: 'stop-service-deployment', outcome: 'succeeded' },
    });
    expect(byName['workers']).toMatchObject({ outcome: 'succeeded', rollback: { outcome: 'succeeded' } });
    expect(byName['broker']).toMatchObject({ outcome: 'not_started' });
    expect(run.outputs['failure-reason']).toContain('exited after they started (proxy exited 1)');
    expect(run.outputs['failure-reason']).toContain('proxy: upstream missing');
    for (const name of NAMES) {
      const svc = await describeService(sim(), name);
      expect([name, svc.taskDefinition]).toEqual([name, before[name]]);
      expect(svc.deployments).toHaveLength(1);
    }
  });

  it('rollback-scope service rolls back only the failing service', async () => {
    await seedServices(
      sim(),
      NAMES.map((name) => ({ name, tags: ['v1', 'v2'] })),
    );
    await sim().scenario([{ image: '*/shop/workers:v2', task: { exitCode: 1, afterSeconds: 4 } }]);
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: FIXTURES,
      inputs: { manifest: MANIFEST, environment: 'dev', 'image-tag': 'v2', 'rollback-scope': 'service' },
    });
    expect(run.exitCode).toBe(1);
    expect((await describeService(sim(), 'dashboard')).taskDefinition).toMatch(/dashboard:2$/);
    expect((await describeService(sim(), 'proxy')).taskDefinition).toMatch(/proxy:2$/);
    expect((await describeService(sim(), 'workers')).taskDefinition).toMatch(/workers:1$/);
    expect((await describeService(sim(), 'broker')).taskDefinition).toMatch(/broker:1$/);
  });

  it('a manifest with schema errors fails naming the lines, before any AWS call', async () => {
    await seedServices(sim(), [{ name: 'dashboard', tags: ['v1'] }]);
    const since = Date.now() + 1;
    // The workspace is the shared package's manifest fixtures, as a repository holding them would be.
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: join(__dirname, '..', '..', '..', 'packages', 'shared', 'test', 'fixtures', 'manifest'),
      inputs: { manifest: 'invalid/schema-errors.yml', environment: 'dev' },
    });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.message).toMatch(/schema-errors\.yml:\d+:\d+: /);
    expect(await sim().calls({ since })).toEqual([]);
  });

  it("credentials of another account than the environment's account-id fail before any ECS call", async () => {
    await seedServices(sim(), [{ name: 'dashboard', tags: ['v1', 'v2'] }]);
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
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: dir,
      inputs: { manifest: 'ecs.yml', environment: 'dev', services: 'dashboard', 'image-tag': 'v2' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toContain(
      'The AWS credentials belong to account 000000000000, but environment "dev" of the manifest is account 111111111111',
    );
    expect((await sim().calls({ since })).map((c) => `${c.service}:${c.action}`)).toEqual([
      'sts:GetCallerIdentity',
    ]);
  });
});
