import {
  actionsSince,
  CLUSTER,
  describeService,
  expectNoSecrets,
  imagesOf,
  revisionsOf,
  runAction,
  seedServices,
  uriOf,
  useSim,
  visible,
} from '@ecs-delivery/testkit';

const sim = useSim();

describe('deploy-ecs, one service', () => {
  it('deploys a new image, watches its own deployment to success, and a re-run changes nothing', async () => {
    const digests = await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
    const before = await describeService(sim(), 'web');
    const image = `${uriOf(sim(), 'shop/web')}:v2`;

    const first = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${image}`,
        'environment-variables': 'LOG_LEVEL=debug',
      },
    });
    expect(first.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.outputs.outcome).toBe('succeeded');
    expect(first.outputs['previous-task-definition-arn']).toBe(before.taskDefinition);
    expect(first.outputs['task-definition-arn']).toMatch(/:task-definition\/web:2$/);
    expect(first.outputs['deployment-id']).toMatch(/^ecs-svc\/\d+$/);

    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(first.outputs['task-definition-arn']);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
    expect(after.deployments![0]!.id).toBe(first.outputs['deployment-id']);
    // The image is pinned by the digest the tag named.
    expect(await imagesOf(sim(), after.taskDefinition!)).toEqual([
      `${uriOf(sim(), 'shop/web')}@${digests.web!.v2!}`,
    ]);
    expect(first.summary).toContain('succeeded');
    expect(first.summary).toContain('LOG_LEVEL');
    expect(first.log).toMatch(/web: 2\/2 running/);
    expectNoSecrets(first, [...first.masks, ...(await sim().issuedSecrets())]);

    const since = Date.now() + 1;
    const again = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${image}`,
        'environment-variables': 'LOG_LEVEL=debug',
      },
    });
    expect(again.exitCode).toBe(0);
    expect(again.outputs.outcome).toBe('succeeded');
    expect(again.outputs['task-definition-arn']).toBe(first.outputs['task-definition-arn']);
    expect(visible(again)).toContain('nothing to deploy');
    const calls = await actionsSince(sim(), since);
    expect(calls).not.toContain('ecs:RegisterTaskDefinition');
    expect(calls).not.toContain('ecs:UpdateService');
    expect(await revisionsOf(sim(), 'web')).toHaveLength(2);
  });

  it('wait: false starts the deployment and reports started; desired-count is applied', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:v2`,
        wait: false,
        'desired-count': 3,
      },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.outcome).toBe('started');
    const svc = await describeService(sim(), 'web');
    expect(svc.desiredCount).toBe(3);
    expect(svc.deployments![0]!.id).toBe(run.outputs['deployment-id']);
    expect(svc.deployments![0]!.taskDefinition).toBe(run.outputs['task-definition-arn']);
  });
});
