import {
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type ContainerDefinition,
} from '@aws-sdk/client-ecs';
import { poll } from '@ecs-delivery/shared';
import {
  CLUSTER,
  container,
  describeService,
  ecsOf,
  expectNoSecrets,
  imagesOf,
  runAction,
  seedServices,
  servicesOutput,
  uriOf,
  useSim,
  visible,
  withEcs,
} from '@ecs-delivery/testkit';

const sim = useSim();

describe('deploy-ecs, failing deployments', () => {
  it('reports rolled_back and fails the step when the circuit breaker rolls a crashing image back', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'bad'] }]);
    // The reading of the circuit breaker's documentation by which a container exiting after RUNNING counts.
    await sim().scenario([
      { circuitBreaker: { countExitsAfterRunning: true } },
      {
        image: '*/shop/web:bad',
        task: { exitCode: 1, afterSeconds: 5, logs: ['booting', 'panic: no config'] },
      },
    ]);
    const before = await describeService(sim(), 'web');

    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:bad` },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('rolled_back');
    const reason = run.outputs['failure-reason']!;
    expect(reason).toContain('circuit breaker');
    expect(reason).toContain('Essential container in task exited');
    expect(reason).toContain('web exited 1');
    expect(reason).toContain('panic: no config');
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.title).toBe('deploy-ecs: web rolled_back');
    expect(error?.message).toContain('ECS rolled it back to web:1');
    expect(run.summary).toContain('rolled_back');
    expect(run.summary).toContain('Stopped tasks');
    expect(run.summary).toContain('panic: no config');

    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(before.taskDefinition);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
    expect(servicesOutput(run)[0]).toMatchObject({
      outcome: 'rolled_back',
      finalTaskDefinitionArn: before.taskDefinition,
      rollback: { method: 'ecs', outcome: 'succeeded', to: before.taskDefinition },
    });
    expectNoSecrets(run, [...run.masks, ...(await sim().issuedSecrets())]);
  });

  it('without a circuit breaker, rolls a crash loop back itself to the last successful definition, not revision − 1', async () => {
    const digests = await seedServices(sim(), [
      { name: 'api', tags: ['v1', 'v2', 'v3'], circuitBreaker: { enable: true, rollback: true } },
    ]);
    const uri = uriOf(sim(), 'shop/api');
    await sim().scenario([
      {
        image: '*/shop/api:v2',
        task: { failToStart: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)' },
      },
      { image: '*/shop/api:v3', task: { exitCode: 1, afterSeconds: 3, logs: ['v3 is broken'] } },
    ]);
    // History: v1 succeeded; v2 failed and ECS rolled it back.
    const second = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: { cluster: CLUSTER, service: 'api', images: `api=${uri}:v2` },
    });
    expect(second.outputs.outcome).toBe('rolled_back');
    const v2 = second.outputs['task-definition-arn']!;
    expect(v2).toMatch(/api:2$/);
    // Now without a circuit breaker: ECS would replace the crashing tasks forever.
    const ecs = ecsOf(sim());
    await ecs.send(
      new UpdateServiceCommand({
        cluster: CLUSTER,
        service: 'api',
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: false, rollback: false } },
      }),
    );
    ecs.destroy();

    const third = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: { cluster: CLUSTER, service: 'api', images: `api=${uri}:v3` },
    });
    expect(third.exitCode).toBe(1);
    expect(third.outputs.outcome).toBe('failed');
    expect(third.outputs['failure-reason']).toMatch(
      /tasks of api:3 exited after they started \(api exited 1\)/,
    );
    expect(third.outputs['failure-reason']).toContain('the service has no circuit breaker to stop them');
    expect(third.outputs['failure-reason']).toContain('v3 is broken');
    const entry = servicesOutput(third)[0]!;
    expect(entry['lastSuccessfulTaskDefinitionArn']).toMatch(/api:1$/);
    expect(entry['rollback']).toMatchObject({ outcome: 'succeeded' });
    expect((entry['rollback'] as { to: string }).to).toMatch(/api:1$/);

    const after = await describeService(sim(), 'api');
    expect(after.taskDefinition).toMatch(/api:1$/);
    expect(after.taskDefinition).not.toBe(v2);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
    expect(await imagesOf(sim(), after.taskDefinition!)).toEqual([`${uri}:v1`]);
    expect(digests.api!.v1).toBeDefined();
    expect(visible(third)).toMatch(/api: rolled back to api:1/);
  });

  it('a slow start past the timeout is timed_out, and the service is rolled back', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }]);
    await sim().scenario([{ image: '*/shop/web:slow', task: { startSeconds: 3600 } }]);
    const before = await describeService(sim(), 'web');
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:slow`,
        timeout: '2s',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('timed_out');
    expect(servicesOutput(run)[0]).toMatchObject({
      rollback: { outcome: 'succeeded', method: 'stop-service-deployment' },
    });
    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(before.taskDefinition);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
    expect(run.summary).toContain('timed_out');
  });

  it('a deployment replaced mid-watch by one started elsewhere fails, and the service is left to it', async () => {
    const digests = await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow', 'v3'] }]);
    await sim().scenario([{ image: '*/shop/web:slow', task: { startSeconds: 36000 } }]);
    const since = Date.now() + 1;
    const running = runAction('deploy-ecs', {
      sim: sim(),
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:slow` },
    });
    // Once the action's deployment is under way, someone else deploys v3.
    const started = await poll({
      timeoutMs: 30_000,
      minDelayMs: 100,
      maxDelayMs: 200,
      check: async () => ({
        done: (await sim().calls({ since, action: 'UpdateService' })).some((c) => c.status === 200),
        value: true,
      }),
    });
    expect(started.outcome).toBe('done');
    const v3 = await withEcs(sim(), async (ecs) => {
      const td = await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'web',
          networkMode: 'awsvpc',
          executionRoleArn: `arn:aws:iam::000000000000:role/ecsTaskExecutionRole`,
          requiresCompatibilities: ['FARGATE'],
          cpu: '256',
          memory: '512',
          containerDefinitions: [
            container('web', `${uriOf(sim(), 'shop/web')}@${digests.web!.v3!}`) as ContainerDefinition,
          ],
        }),
      );
      const arn = td.taskDefinition!.taskDefinitionArn!;
      await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'web', taskDefinition: arn }));
      return arn;
    });
    const run = await running;
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.outputs['failure-reason']).toContain('started outside this run');
    expect(servicesOutput(run)[0]).toMatchObject({ rollback: { outcome: 'not_possible' } });
    expect((await describeService(sim(), 'web')).taskDefinition).toBe(v3);
  });
});
