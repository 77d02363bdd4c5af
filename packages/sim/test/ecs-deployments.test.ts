import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { register, startHarness, stopHarness, subnets, waitFor, type Harness } from './ecs-helpers';

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

async function describe1(hh: Harness, service = 'api'): Promise<Service> {
  const out = await hh.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: [service] }));
  return out.services![0]!;
}

const steady = (s: Service): boolean =>
  s.deployments?.length === 1 &&
  s.deployments[0]!.rolloutState === 'COMPLETED' &&
  s.runningCount === s.desiredCount;

async function serviceOn(
  hh: Harness,
  image: string,
  options: { desiredCount?: number; circuitBreaker?: boolean; min?: number; max?: number } = {},
): Promise<{ v1: string }> {
  await hh.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  const v1 = await register(hh.ecs, 'api', image);
  await hh.ecs.send(
    new CreateServiceCommand({
      cluster: 'shop',
      serviceName: 'api',
      taskDefinition: v1,
      desiredCount: options.desiredCount ?? 2,
      launchType: 'FARGATE',
      networkConfiguration: subnets,
      deploymentConfiguration: {
        deploymentCircuitBreaker: {
          enable: options.circuitBreaker ?? false,
          rollback: options.circuitBreaker ?? false,
        },
        ...(options.min !== undefined ? { minimumHealthyPercent: options.min } : {}),
        ...(options.max !== undefined ? { maximumPercent: options.max } : {}),
      },
    }),
  );
  await waitFor('the service to reach a steady state', async () => steady(await describe1(hh)));
  return { v1 };
}

// The circuit breaker's page counts crashes after RUNNING only through failed health checks; the launch
// announcement counts "task launches that do not reach healthy RUNNING state". The scenario's circuitBreaker rule
// selects that second reading.
test('the circuit breaker fails a crashing deployment and rolls back to the last completed one', async () => {
  h = await startHarness(400);
  const { v1 } = await serviceOn(h, 'public.ecr.aws/acme/api:1.0', { circuitBreaker: true });
  h.sim.sim.scenario.add([
    { circuitBreaker: { countExitsAfterRunning: true } },
    { image: '*api:2.0', task: { exitCode: 1, afterSeconds: 2 } },
  ]);
  const v2 = await register(h.ecs, 'api', 'public.ecr.aws/acme/api:2.0');

  const updated = await h.ecs.send(
    new UpdateServiceCommand({ cluster: 'shop', service: 'api', taskDefinition: v2 }),
  );
  const failing = updated.service!.deployments!.find((d) => d.status === 'PRIMARY')!;
  expect(failing.taskDefinition).toBe(v2);
  expect(failing.rolloutState).toBe('IN_PROGRESS');
  expect(failing.id).toMatch(/^ecs-svc\/\d{19}$/);
  const sdArn = updated.service!.currentServiceDeployment!;
  expect(sdArn).toMatch(/^arn:aws:ecs:us-east-1:000000000000:service-deployment\/shop\/api\/[\w-]+$/);

  const final = await waitFor('the rollback to finish', async () => {
    const s = await describe1(h!);
    return s.taskDefinition === v1 && steady(s) ? s : undefined;
  });
  expect(final.runningCount).toBe(2);
  const messages = final.events!.map((e) => e.message);
  expect(messages).toContain(
    `(service api) (deployment ${failing.id}) deployment failed: tasks failed to start.`,
  );
  expect(
    messages.some((m) => /^\(service api\) rolling back to deployment ecs-svc\/\d{19}\.$/.test(m!)),
  ).toBe(true);
  expect(messages[0]).toMatch(
    /deployment ecs-svc\/\d+\) deployment completed\.$|has reached a steady state\.$/,
  );

  const sd = (await h.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [sdArn] })))
    .serviceDeployments![0]!;
  expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
  expect(sd.deploymentCircuitBreaker).toEqual({ status: 'TRIGGERED', failureCount: 3, threshold: 3 });
  expect(sd.rollback?.reason).toMatch(/circuit breaker/);
  expect(sd.rollback?.serviceRevisionArn).toBe(sd.sourceServiceRevisions![0]!.arn);
  expect(sd.finishedAt).toBeInstanceOf(Date);

  // The failed tasks explain themselves.
  const stopped = await h.ecs.send(
    new ListTasksCommand({ cluster: 'shop', serviceName: 'api', desiredStatus: 'STOPPED' }),
  );
  const tasks = (await h.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: stopped.taskArns! })))
    .tasks!;
  const crashed = tasks.filter((t) => t.taskDefinitionArn === v2);
  expect(crashed.length).toBeGreaterThanOrEqual(3);
  expect(crashed[0]).toMatchObject({
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
  });
  expect(crashed[0]!.containers![0]!.exitCode).toBe(1);
  expect(crashed[0]!.startedBy).toBe(failing.id);
});

test('without a circuit breaker failing tasks are replaced forever and the deployment stays IN_PROGRESS', async () => {
  h = await startHarness(600);
  await serviceOn(h, 'public.ecr.aws/acme/api:1.0', { desiredCount: 1 });
  h.sim.sim.scenario.add([
    { image: '*:broken', task: { failToStart: 'CannotPullContainerError: access denied' } },
  ]);
  const v2 = await register(h.ecs, 'api', 'public.ecr.aws/acme/api:broken');
  await h.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', taskDefinition: v2 }));

  const s = await waitFor('many failed tasks', async () => {
    const svc = await describe1(h!);
    return (svc.deployments![0]!.failedTasks ?? 0) >= 6 ? svc : undefined;
  });
  const primary = s.deployments!.find((d) => d.status === 'PRIMARY')!;
  expect(primary.rolloutState).toBe('IN_PROGRESS');
  // The old deployment keeps serving while the new one fails.
  expect(s.deployments!.find((d) => d.status === 'ACTIVE')?.runningCount).toBe(1);
  const sds = await h.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'shop', service: 'api' }));
  expect(sds.serviceDeployments![0]!.status).toBe('IN_PROGRESS');
  const sd = (
    await h.ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [sds.serviceDeployments![0]!.serviceDeploymentArn!],
      }),
    )
  ).serviceDeployments![0]!;
  expect(sd.deploymentCircuitBreaker?.status).toBe('DISABLED');
});

test('StopServiceDeployment ROLLBACK rolls an in-flight deployment back even without rollback configured', async () => {
  h = await startHarness(300);
  const { v1 } = await serviceOn(h, 'public.ecr.aws/acme/api:1.0', { desiredCount: 1 });
  h.sim.sim.scenario.add([{ image: '*:slow', task: { startSeconds: 3600 } }]);
  const v2 = await register(h.ecs, 'api', 'public.ecr.aws/acme/api:slow');
  const updated = await h.ecs.send(
    new UpdateServiceCommand({ cluster: 'shop', service: 'api', taskDefinition: v2 }),
  );
  const arn = updated.service!.currentServiceDeployment!;
  await waitFor(
    'the new task to be pending',
    async () => (await describe1(h!)).deployments![0]!.pendingCount === 1,
  );

  const out = await h.ecs.send(
    new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }),
  );
  expect(out.serviceDeploymentArn).toBe(arn);
  const final = await waitFor('the rollback to finish', async () => {
    const s = await describe1(h!);
    return s.taskDefinition === v1 && steady(s) ? s : undefined;
  });
  expect(final.runningCount).toBe(1);
  const sd = (await h.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })))
    .serviceDeployments![0]!;
  expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
  expect(sd.rollback?.reason).toMatch(/StopServiceDeployment/);
  await expect(
    h.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })),
  ).rejects.toMatchObject({ name: 'ConflictException' });
});

test('a deployment whose tasks fail their health checks replaces them and trips the breaker', async () => {
  h = await startHarness(600);
  await serviceOn(h, 'public.ecr.aws/acme/api:1.0', { desiredCount: 1, circuitBreaker: true });
  h.sim.sim.scenario.add([{ image: '*:sick', task: { healthCheck: 'fail' } }]);
  const v2 = await register(h.ecs, 'api', 'public.ecr.aws/acme/api:sick', {
    healthCheck: {
      command: ['CMD-SHELL', 'curl -f localhost/health'],
      interval: 5,
      retries: 2,
      startPeriod: 0,
    },
  });
  const updated = await h.ecs.send(
    new UpdateServiceCommand({ cluster: 'shop', service: 'api', taskDefinition: v2 }),
  );
  const failing = updated.service!.deployments![0]!.id!;
  const s = await waitFor('the breaker to trip', async () => {
    const svc = await describe1(h!);
    return svc.deployments!.find((d) => d.id === failing)?.rolloutState === 'FAILED' ? svc : undefined;
  });
  expect(s.deployments!.find((d) => d.id === failing)!.rolloutStateReason).toBe(
    'ECS deployment circuit breaker: tasks failed to start.',
  );
  expect(s.events!.some((e) => /\(task \w+\) failed container health checks\./.test(e.message!))).toBe(true);
  const stopped = await h.ecs.send(
    new ListTasksCommand({ cluster: 'shop', startedBy: failing, desiredStatus: 'STOPPED' }),
  );
  const t = (
    await h.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: stopped.taskArns!.slice(0, 1) }))
  ).tasks![0]!;
  expect(t.stoppedReason).toBe('Task failed container health checks');
  expect(t.healthStatus).toBe('UNHEALTHY');
  expect(t.containers![0]!.healthStatus).toBe('UNHEALTHY');
});

test('rolling replacement stays within minimumHealthyPercent and maximumPercent', async () => {
  h = await startHarness(150);
  await serviceOn(h, 'public.ecr.aws/acme/api:1.0', { desiredCount: 4, min: 50, max: 100 });
  const v2 = await register(h.ecs, 'api', 'public.ecr.aws/acme/api:2.0');
  await h.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', taskDefinition: v2 }));
  let maxLive = 0;
  let minRunning = Infinity;
  const final = await waitFor('the deployment to complete', async () => {
    const s = await describe1(h!);
    const live = s.deployments!.reduce((n, d) => n + d.runningCount! + d.pendingCount!, 0);
    maxLive = Math.max(maxLive, live);
    minRunning = Math.min(minRunning, s.runningCount!);
    return s.taskDefinition === v2 && steady(s) ? s : undefined;
  });
  expect(final.runningCount).toBe(4);
  expect(maxLive).toBeLessThanOrEqual(4); // maximumPercent 100
  expect(minRunning).toBeGreaterThanOrEqual(2); // minimumHealthyPercent 50
});

test('failing health checks are ignored for healthCheckGracePeriodSeconds', async () => {
  h = await startHarness(600);
  await h.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  h.sim.sim.scenario.add([{ image: '*:sick', task: { healthCheck: 'fail' } }]);
  const td = await register(h.ecs, 'api', 'public.ecr.aws/acme/api:sick', {
    healthCheck: { command: ['CMD-SHELL', 'exit 1'], interval: 5, retries: 2 },
  });
  await h.ecs.send(
    new CreateServiceCommand({
      cluster: 'shop',
      serviceName: 'api',
      taskDefinition: td,
      desiredCount: 1,
      networkConfiguration: subnets,
      healthCheckGracePeriodSeconds: 60,
    }),
  );
  const first = await waitFor('the first task to be replaced', async () => {
    const out = await h!.ecs.send(new ListTasksCommand({ cluster: 'shop', desiredStatus: 'STOPPED' }));
    const arn = out.taskArns?.[0];
    return arn
      ? (await h!.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: [arn] }))).tasks![0]
      : undefined;
  });
  expect(first.stoppedReason).toBe('Task failed container health checks');
  // UNHEALTHY after 10 s, but replaced only once the 60 s grace period is over.
  expect(first.stoppingAt!.getTime() - first.startedAt!.getTime()).toBe(60_000);
});
