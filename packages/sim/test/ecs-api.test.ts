import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { register, startHarness, stopHarness, subnets, waitFor, type Harness } from './ecs-helpers';

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

const seed = {
  clusters: ['shop'],
  taskDefinitions: [
    {
      family: 'api',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'api', image: 'public.ecr.aws/acme/api:1.0' }],
    },
  ],
  services: [
    {
      cluster: 'shop',
      serviceName: 'api',
      taskDefinition: 'api',
      desiredCount: 3,
      launchType: 'FARGATE',
      networkConfiguration: subnets,
    },
  ],
};

test('seeded services are steady at once; describe reports missing services as failures', async () => {
  h = await startHarness(1, seed);
  const out = await h.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api', 'nope'] }));
  expect(out.services![0]).toMatchObject({
    status: 'ACTIVE',
    desiredCount: 3,
    runningCount: 3,
    pendingCount: 0,
  });
  expect(out.services![0]!.deployments).toHaveLength(1);
  expect(out.services![0]!.deployments![0]!.rolloutState).toBe('COMPLETED');
  expect(out.failures).toEqual([
    { arn: 'arn:aws:ecs:us-east-1:000000000000:service/shop/nope', reason: 'MISSING' },
  ]);
  await expect(
    h.ecs.send(
      new DescribeServicesCommand({
        cluster: 'shop',
        services: Array.from({ length: 11 }, (_, i) => `s${i}`),
      }),
    ),
  ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  await expect(
    h.ecs.send(new DescribeServicesCommand({ cluster: 'nope', services: ['api'] })),
  ).rejects.toMatchObject({
    name: 'ClusterNotFoundException',
  });
  const tasks = await h.ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'api' }));
  expect(tasks.taskArns).toHaveLength(3);
});

test('an UpdateService that changes nothing starts no deployment; a forced one does', async () => {
  h = await startHarness(1, seed);
  const same = await h.ecs.send(
    new UpdateServiceCommand({ cluster: 'shop', service: 'api', taskDefinition: 'api:1', desiredCount: 3 }),
  );
  expect(same.service!.deployments).toHaveLength(1);
  const forced = await h.ecs.send(
    new UpdateServiceCommand({ cluster: 'shop', service: 'api', forceNewDeployment: true }),
  );
  expect(forced.service!.deployments!.map((d) => d.status)).toEqual(['PRIMARY', 'ACTIVE']);
  expect(forced.service!.deployments![0]!.rolloutState).toBe('IN_PROGRESS');
});

test('a ten-minute gap on the clock is stepped through quickly', async () => {
  h = await startHarness(1, seed);
  h.sim.sim.scenario.add([{ image: '*:crash', task: { exitCode: 137, afterSeconds: 1 } }]);
  const v2 = await register(h.ecs, 'api', 'public.ecr.aws/acme/api:crash');
  await h.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', taskDefinition: v2 }));
  const started = Date.now();
  h.sim.sim.clock.advance(10 * 60_000);
  const s = (await h.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] })))
    .services![0]!;
  expect(Date.now() - started).toBeLessThan(1000);
  // Replaced forever without a circuit breaker and never throttled (the task reached RUNNING each time):
  // ~14 s per attempt, 3 at a time, for 600 s. A crash after RUNNING is not a failed task of the deployment.
  const stopped = await h.ecs.send(
    new ListTasksCommand({ cluster: 'shop', serviceName: 'api', desiredStatus: 'STOPPED', maxResults: 100 }),
  );
  expect(stopped.taskArns!.length).toBeGreaterThan(60);
  expect(s.deployments![0]!.failedTasks).toBe(0);
  expect(s.deployments![0]!.rolloutState).toBe('IN_PROGRESS');
});

test('services: create errors, list, delete drains to INACTIVE', async () => {
  h = await startHarness(300, seed);
  const td = await register(h.ecs, 'worker', 'public.ecr.aws/acme/worker:1');
  await expect(
    h.ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'worker',
        taskDefinition: td,
        desiredCount: 1,
      }),
    ),
  ).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
  });
  await h.ecs.send(
    new CreateServiceCommand({
      cluster: 'shop',
      serviceName: 'worker',
      taskDefinition: td,
      desiredCount: 1,
      networkConfiguration: subnets,
    }),
  );
  expect((await h.ecs.send(new ListServicesCommand({ cluster: 'shop' }))).serviceArns).toEqual([
    'arn:aws:ecs:us-east-1:000000000000:service/shop/api',
    'arn:aws:ecs:us-east-1:000000000000:service/shop/worker',
  ]);
  await expect(
    h.ecs.send(new DeleteServiceCommand({ cluster: 'shop', service: 'worker' })),
  ).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: 'The service cannot be stopped while it is scaled above 0.',
  });
  const deleted = await h.ecs.send(
    new DeleteServiceCommand({ cluster: 'shop', service: 'worker', force: true }),
  );
  expect(deleted.service!.status).toBe('DRAINING');
  await waitFor('the service to be INACTIVE', async () => {
    const out = await h!.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['worker'] }));
    return out.services![0]!.status === 'INACTIVE';
  });
  await expect(
    h.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'worker', desiredCount: 1 })),
  ).rejects.toMatchObject({ name: 'ServiceNotActiveException' });
  await expect(
    h.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'ghost' })),
  ).rejects.toMatchObject({
    name: 'ServiceNotFoundException',
  });
  await expect(h.ecs.send(new DeleteClusterCommand({ cluster: 'shop' }))).rejects.toMatchObject({
    name: 'ClusterContainsServicesException',
  });
});

test('clusters and tags', async () => {
  h = await startHarness(1);
  const created = await h.ecs.send(
    new CreateClusterCommand({ clusterName: 'dev', tags: [{ key: 'env', value: 'dev' }] }),
  );
  const arn = created.cluster!.clusterArn!;
  expect(arn).toBe('arn:aws:ecs:us-east-1:000000000000:cluster/dev');
  await h.ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'team', value: 'shop' }] }));
  await h.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['env'] }));
  expect((await h.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
    { key: 'team', value: 'shop' },
  ]);
  const td = await h.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'x',
      containerDefinitions: [{ name: 'x', image: 'x', memory: 64 }],
    }),
  );
  await h.ecs.send(
    new TagResourceCommand({
      resourceArn: td.taskDefinition!.taskDefinitionArn!,
      tags: [{ key: 'a', value: 'b' }],
    }),
  );
  const described = await h.ecs.send(
    new DescribeClustersCommand({ clusters: ['dev', 'prod'], include: ['TAGS'] }),
  );
  expect(described.clusters![0]!.tags).toEqual([{ key: 'team', value: 'shop' }]);
  expect(described.failures).toEqual([
    { arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/prod', reason: 'MISSING' },
  ]);
  await h.ecs.send(new DeleteClusterCommand({ cluster: 'dev' }));
  await expect(h.ecs.send(new ListServicesCommand({ cluster: 'dev' }))).rejects.toMatchObject({
    name: 'ClusterNotFoundException',
  });
});

test('a 30 % throttling rule on ecs:* is absorbed by the SDK retries', async () => {
  // A fixed fault seed: 3 of the 13 attempts are throttled, never twice in a row, so the SDK's throttling
  // backoff (500 ms base) keeps the test short while the retries are still exercised.
  h = await startHarness(1, seed, 2);
  h.sim.sim.scenario.add([{ api: 'ecs:*', fault: { throttle: 0.3 } }]);
  for (let i = 0; i < 5; i++) {
    const out = await h.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] }));
    expect(out.services![0]!.runningCount).toBe(3);
    await h.ecs.send(new ListTasksCommand({ cluster: 'shop' }));
  }
  const calls = h.sim.sim.calls.list({ service: 'ecs' });
  const throttled = calls.filter((c) => c.errorCode === 'ThrottlingException');
  expect(throttled).toHaveLength(3);
  expect(throttled[0]!.status).toBe(400);
  expect(calls.filter((c) => c.status === 200)).toHaveLength(10);
});
