import type { SmokeReport } from '@ecs-delivery/shared/smoke';
import { expectNoSecrets, runAction, type ActionRun } from '@ecs-delivery/testkit';
import {
  CLUSTER,
  describeService,
  getFront,
  githubDeployments,
  hostOf,
  imagesOf,
  rollback,
  seedServices,
  uriOf,
  useSim,
} from './sim-helpers';

/**
 * The failure no deploy tool sees: ECS calls the new tasks healthy, but the application is not ready. The
 * smoke test catches it, and the rollback puts the service back on the digest that worked.
 */

const sim = useSim();
const TOKEN = 'ghs_smoke_rollback_token_42';

function smokeTest(expectVersion: string): Promise<ActionRun> {
  return runAction('smoke-test', {
    sim: sim(),
    inputs: {
      checks: `
- name: api ready
  url: ${sim().url}/health/ready
  headers: { Host: ${hostOf('api')} }
  json-equals: { $.status: ok }
`,
      'expect-version': expectVersion,
      interval: '100ms',
      timeout: '2s',
      'healthy-for': '2',
    },
  });
}

describe('deploy → smoke test fails → rollback → smoke test passes', () => {
  it('puts the service back on the previous digest after a deploy ECS called healthy', async () => {
    const digests = (await seedServices(sim(), [{ name: 'api', tags: ['v1', 'v2'] }])).api!;
    const uri = uriOf(sim(), 'shop/api');
    const before = (await describeService(sim(), 'api')).taskDefinition!;
    // v2 starts and passes ECS's checks, but is not ready: its database is down.
    await sim().scenario([
      {
        image: '*/shop/api:v2',
        http: { paths: { '/health/ready': { status: 500, body: '{"status":"down","db":"unreachable"}' } } },
      },
    ]);

    const deploy = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: { cluster: CLUSTER, service: 'api', images: `api=${uri}:v2`, 'github-token': TOKEN },
    });
    expect(deploy.outputs.outcome).toBe('succeeded');
    const bad = deploy.outputs['task-definition-arn']!;
    expect(await imagesOf(sim(), bad)).toEqual([`${uri}@${digests.v2!}`]);

    const failing = await smokeTest(digests.v2!);
    expect(failing.exitCode).toBe(1);
    expect(failing.outputs.passed).toBe('false');
    const ready = (JSON.parse(failing.outputs.report!) as SmokeReport).checks.find(
      (c) => c.name === 'api ready',
    );
    expect(ready?.verdict).toBe('failed');
    expect(Object.keys(ready?.statuses ?? {})).toEqual(['500']);
    expect(failing.annotations.some((a) => a.level === 'error' && a.message.includes('api ready'))).toBe(
      true,
    );

    const run = await rollback(sim(), {
      cluster: CLUSTER,
      service: 'api',
      to: 'previous-successful',
      reason: 'readiness check failed after the deploy: api ready answered 500',
      'github-token': TOKEN,
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(run.outputs['previous-task-definition-arn']).toBe(bad);
    expect(run.outputs['task-definition-arn']).toBe(before);

    // The service, its task definition and what answers on its front are all back on v1's digest.
    const after = await describeService(sim(), 'api');
    expect(after.taskDefinition).toBe(before);
    expect(after.deployments).toHaveLength(1);
    expect(await imagesOf(sim(), after.taskDefinition!)).toEqual([`${uri}@${digests.v1!}`]);
    for (let i = 0; i < 4; i++) {
      const version = await getFront(sim(), 'api', '/version');
      expect(version.status).toBe(200);
      expect(JSON.parse(version.body)).toMatchObject({ digest: digests.v1, taskDefinition: before });
    }

    const passing = await smokeTest(digests.v1!);
    expect(passing.annotations).toEqual([]);
    expect(passing.exitCode).toBe(0);
    expect(passing.outputs.passed).toBe('true');

    const recorded = await githubDeployments(sim());
    const statuses = recorded.map((d) => d.statuses.map((s) => s.state));
    // The rollback is the environment's active deployment now; GitHub marks the deploy's inactive.
    expect(statuses).toEqual([
      ['in_progress', 'success', 'inactive'],
      ['in_progress', 'success'],
    ]);
    expect(recorded[1]!.statuses[1]!.description).toContain('readiness check failed');
    const secrets = [TOKEN, ...(await sim().issuedSecrets())];
    for (const r of [deploy, failing, run, passing]) expectNoSecrets(r, [...secrets, ...r.masks]);
  });
});
