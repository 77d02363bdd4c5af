import { expectNoSecrets } from '@ecs-delivery/testkit';
import {
  CLUSTER,
  deployWithSdk,
  describeService,
  githubDeployments,
  imagesOf,
  mutatingSince,
  revisionsOf,
  rollback,
  seedServices,
  services,
  uriOf,
  useSim,
  visible,
} from './sim-helpers';

const sim = useSim();

/** web:1 on v1 (seeded), then web:2 on v2 and web:3 on v3, each deployed and steady. */
async function webWithHistory(): Promise<{ digests: Record<string, string>; arns: string[] }> {
  const digests = (await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2', 'v3'] }])).web!;
  const first = (await describeService(sim(), 'web')).taskDefinition!;
  const second = await deployWithSdk(sim(), 'web', digests.v2!);
  const third = await deployWithSdk(sim(), 'web', digests.v3!);
  return { digests, arns: [first, second, third] };
}

describe('rollback of one service', () => {
  it.each([
    ['family:revision', (_arns: string[]) => 'web:2'],
    ['an ARN', (arns: string[]) => arns[1]!],
  ])('to a task definition given as %s', async (_form, to) => {
    const { digests, arns } = await webWithHistory();
    const run = await rollback(sim(), {
      cluster: CLUSTER,
      service: 'web',
      to: to(arns),
      reason: 'v3 breaks checkout',
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      outcome: 'succeeded',
      'task-definition-arn': arns[1],
      'previous-task-definition-arn': arns[2],
      'failure-reason': '',
    });
    expect(run.outputs['deployment-id']).toMatch(/^ecs-svc\/\d+$/);
    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(arns[1]);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
    expect(after.deployments![0]!.id).toBe(run.outputs['deployment-id']);
    expect(await imagesOf(sim(), after.taskDefinition!)).toEqual([
      `${uriOf(sim(), 'shop/web')}@${digests.v2!}`,
    ]);
    expect(services(run)).toEqual([
      expect.objectContaining({
        name: 'web',
        outcome: 'succeeded',
        method: 'update-service',
        registered: false,
      }),
    ]);
    // Nothing new was registered, nothing deregistered.
    expect(await revisionsOf(sim(), 'web')).toHaveLength(3);
    expect(run.log).toContain('Reason: v3 breaks checkout');
    expect(run.summary).toContain('## rollback: succeeded');
    expect(run.summary).toContain('| Reason | v3 breaks checkout |');
    expect(run.summary).toContain('| Rolled back to | web:2 |');
    expect(run.summary).toContain('| Before | web:3 |');
    expectNoSecrets(run, [...run.masks, ...(await sim().issuedSecrets())]);
  });

  it('to an image: registers a revision of the current definition with it, pinned by digest', async () => {
    const { digests, arns } = await webWithHistory();
    const uri = uriOf(sim(), 'shop/web');
    for (const to of [`${uri}:v1`, `web=${uri}:v2`]) {
      const run = await rollback(sim(), { cluster: CLUSTER, service: 'web', to });
      expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
      expect(run.outputs.outcome).toBe('succeeded');
      const tag = to.endsWith('v1') ? 'v1' : 'v2';
      const after = await describeService(sim(), 'web');
      expect(after.taskDefinition).toBe(run.outputs['task-definition-arn']);
      expect(after.taskDefinition).not.toBe(arns[tag === 'v1' ? 0 : 1]);
      expect(await imagesOf(sim(), after.taskDefinition!)).toEqual([`${uri}@${digests[tag]!}`]);
      expect(services(run)[0]).toMatchObject({ registered: true, image: `${uri}@${digests[tag]!}` });
      expect(run.summary).toContain('(new revision)');
    }
    expect(await revisionsOf(sim(), 'web')).toHaveLength(5);
    expect((await describeService(sim(), 'web')).taskDefinition).toMatch(/web:5$/);
  });

  it('previous-successful goes to the last deployment that worked, not to "revision − 1"', async () => {
    const digests = (await seedServices(sim(), [{ name: 'api', tags: ['v1', 'v2', 'v3', 'v4'] }])).api!;
    const uri = uriOf(sim(), 'shop/api');
    await sim().scenario([
      {
        image: `*/shop/api@${digests.v3!}`,
        task: { failToStart: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)' },
      },
    ]);
    const v2 = await deployWithSdk(sim(), 'api', digests.v2!);
    // api:3 never starts: the circuit breaker trips and ECS rolls the service back to api:2 by itself.
    const v3 = await deployWithSdk(sim(), 'api', digests.v3!);
    expect((await describeService(sim(), 'api')).taskDefinition).toBe(v2);
    // api:4 deploys fine (and later turns out to be bad): "revision − 1" would be the crashing api:3.
    const v4 = await deployWithSdk(sim(), 'api', digests.v4!);
    expect(v3).toMatch(/api:3$/);
    expect(v4).toMatch(/api:4$/);

    const since = Date.now() + 1;
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'api' });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(run.outputs['task-definition-arn']).toBe(v2);
    expect(run.outputs['previous-task-definition-arn']).toBe(v4);
    const after = await describeService(sim(), 'api');
    expect(after.taskDefinition).toBe(v2);
    expect(after.taskDefinition).not.toBe(v3);
    expect(await imagesOf(sim(), v2)).toEqual([`${uri}@${digests.v2!}`]);
    expect(run.log).toContain('the last successful deployment before the current one (api:2)');
    expect(await mutatingSince(sim(), since)).toEqual(['ecs:UpdateService']);
  });

  it('a deployment still in flight is stopped with StopServiceDeployment, and ECS goes back', async () => {
    const digests = (await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }])).web!;
    await sim().scenario([{ image: `*/shop/web@${digests.slow!}`, task: { startSeconds: 3600 } }]);
    const before = (await describeService(sim(), 'web')).taskDefinition!;
    const slow = await deployWithSdk(sim(), 'web', digests.slow!, { settle: false });

    const since = Date.now() + 1;
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web' });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(run.outputs['previous-task-definition-arn']).toBe(slow);
    expect(run.outputs['task-definition-arn']).toBe(before);
    expect(services(run)[0]).toMatchObject({ method: 'stop-service-deployment' });
    expect(await mutatingSince(sim(), since)).toEqual(['ecs:StopServiceDeployment']);
    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(before);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
  });

  it('a rollback whose target crashes fails the step, explained, and ECS keeps the service running', async () => {
    const digests = (await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }])).web!;
    const v2 = await deployWithSdk(sim(), 'web', digests.v2!);
    // The old image cannot start any more (its database schema moved on, say), and the circuit breaker counts
    // an exit after RUNNING (the reading of its documentation the scenario selects), so ECS rolls it back.
    await sim().scenario([
      { circuitBreaker: { countExitsAfterRunning: true } },
      {
        image: `*/shop/web@${digests.v1!}`,
        task: { exitCode: 3, afterSeconds: 3, logs: ['schema version 7 is newer than this build'] },
      },
    ]);
    const run = await rollback(sim(), {
      cluster: CLUSTER,
      service: 'web',
      to: 'web:1',
      'github-token': 'ghs_failing_rollback_token',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('rolled_back');
    const reason = run.outputs['failure-reason']!;
    expect(reason).toContain('circuit breaker');
    expect(reason).toContain('web exited 3');
    expect(reason).toContain('schema version 7 is newer than this build');
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.title).toBe('rollback: web rolled_back');
    expect(error?.message).toContain('The service runs web:2.');
    expect(run.summary).toContain('Stopped tasks');
    expect((await describeService(sim(), 'web')).taskDefinition).toBe(v2);
    expect(visible(run)).toContain('UpdateService started deployment');
    const statuses = (await githubDeployments(sim()))[0]!.statuses;
    expect(statuses.map((st) => st.state)).toEqual(['in_progress', 'failure']);
    expect(statuses[1]!.description).toContain('web: rolled_back: Service deployment rolled back');
  });

  it('a rollback whose target crash-loops, which ECS’s circuit breaker does not count, fails naming the crash loop', async () => {
    const digests = (await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }])).web!;
    await deployWithSdk(sim(), 'web', digests.v2!);
    await sim().scenario([
      {
        image: `*/shop/web@${digests.v1!}`,
        task: { exitCode: 3, afterSeconds: 3, logs: ['schema version 7 is newer than this build'] },
      },
    ]);
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web', to: 'web:1' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    const reason = run.outputs['failure-reason']!;
    expect(reason).toMatch(
      /\d+ tasks of web:\d+ exited after they started \(web exited 3\); ECS keeps replacing them/,
    );
    expect(reason).toContain('its circuit breaker does not count exits after RUNNING');
    expect(reason).toContain('schema version 7 is newer than this build');
    expect(run.annotations.find((a) => a.level === 'error')?.title).toBe('rollback: web failed');
    expect(run.summary).toContain('Stopped tasks');
  });

  it('a service steady on the target already gets no call', async () => {
    const { arns } = await webWithHistory();
    const since = Date.now() + 1;
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web', to: 'web:3' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(run.outputs['task-definition-arn']).toBe(arns[2]);
    expect(services(run)[0]).toMatchObject({ method: 'none', finalTaskDefinitionArn: arns[2] });
    expect(run.log).toContain('web: steady on web:3 already: nothing to roll back.');
    expect(await mutatingSince(sim(), since)).toEqual([]);
  });

  it('with wait false it starts the rollback and reports started', async () => {
    const { arns } = await webWithHistory();
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web', to: 'web:1', wait: 'false' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.outcome).toBe('started');
    expect((await describeService(sim(), 'web')).taskDefinition).toBe(arns[0]);
  });
});
