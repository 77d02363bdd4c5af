import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeContainerInstancesCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateServiceCommand,
  type ContainerDefinition,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import { register, startHarness, stopHarness, subnets, type Harness } from './ecs-helpers';

/**
 * Where ECS is slower, stricter or wordier than a naive model: each test quotes the AWS documentation it follows.
 * The clock is pushed by hand (time scale 1), so every figure is exact.
 */

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

const PULL_FAILURE = 'CannotPullContainerError: pull image manifest has been retried 5 time(s): not found';

async function describe1(hh: Harness): Promise<Service> {
  return (await hh.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] })))
    .services![0]!;
}

async function createService(
  hh: Harness,
  taskDefinition: string,
  options: { desiredCount?: number; breaker?: boolean } = {},
): Promise<Service> {
  const out = await hh.ecs.send(
    new CreateServiceCommand({
      cluster: 'shop',
      serviceName: 'api',
      taskDefinition,
      desiredCount: options.desiredCount ?? 1,
      launchType: 'FARGATE',
      networkConfiguration: subnets,
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: options.breaker ?? false, rollback: options.breaker ?? false },
      },
    }),
  );
  return out.service!;
}

/** Every task of the service (running and stopped), oldest first. */
async function tasksOf(hh: Harness) {
  const arns: string[] = [];
  for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
    const out = await hh.ecs.send(
      new ListTasksCommand({ cluster: 'shop', serviceName: 'api', desiredStatus }),
    );
    arns.push(...(out.taskArns ?? []));
  }
  if (arns.length === 0) return [];
  const tasks = (await hh.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: arns }))).tasks ?? [];
  return tasks.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
}

const advance = (hh: Harness, seconds: number): void => hh.sim.sim.clock.advance(seconds * 1000);

describe('the service throttle logic', () => {
  // "If tasks for a service repeatedly fail to enter the RUNNING state (progressing directly from a PENDING to a
  // STOPPED status), then the time between subsequent restart attempts is incrementally increased up to a maximum
  // of 27 minutes." (Amazon ECS service throttle logic)
  test('spaces relaunches of tasks that never run further and further apart, and says so', async () => {
    h = await startHarness(1);
    await h.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    h.sim.sim.scenario.add([{ image: '*:broken', task: { failToStart: PULL_FAILURE } }]);
    await createService(h, await register(h.ecs, 'api', 'public.ecr.aws/acme/api:broken'));
    advance(h, 480);
    const tasks = await tasksOf(h);
    // Each attempt takes 44 s to fail (3 s provisioning, 10 s pending, 31 s of pull retries); the next one waits
    // 15 s, then 30, 60, 120 s.
    const starts = tasks.map((t) => t.createdAt!.getTime());
    const gaps = starts.slice(1).map((at, i) => (at - starts[i]!) / 1000);
    expect(gaps).toEqual([59, 74, 104, 164]);
    expect(tasks.every((t) => t.stopCode === 'TaskFailedToStart' && t.stoppedReason === PULL_FAILURE)).toBe(
      true,
    );
    const throttled = (await describe1(h)).events!.filter(
      (e) => e.message === '(service api) is unable to consistently start tasks successfully.',
    );
    expect(throttled).toHaveLength(1);

    // "If you update your service to use a new task definition, your service returns to a normal, non-throttled
    // state immediately."
    const good = await register(h.ecs, 'api', 'public.ecr.aws/acme/api:good');
    await h.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', taskDefinition: good }));
    advance(h, 1);
    const latest = (await tasksOf(h)).at(-1)!;
    expect(latest.taskDefinitionArn).toBe(good);
    expect(['PROVISIONING', 'PENDING']).toContain(latest.lastStatus);
  });

  // "Tasks that are stopped after they reach the RUNNING state don't start the throttle logic or the associated
  // service event message."
  test('does not throttle tasks that crash after they ran', async () => {
    h = await startHarness(1);
    await h.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    h.sim.sim.scenario.add([{ image: '*:crash', task: { exitCode: 1, afterSeconds: 2 } }]);
    await createService(h, await register(h.ecs, 'api', 'public.ecr.aws/acme/api:crash'));
    advance(h, 300);
    const tasks = await tasksOf(h);
    expect(tasks.length).toBeGreaterThan(15);
    expect((await describe1(h)).events!.some((e) => /unable to consistently start/.test(e.message!))).toBe(
      false,
    );
  });
});

describe('the deployment circuit breaker', () => {
  // Default threshold for one task: 3 failures; at the pace above, the third failure comes 177 s after the start.
  test('takes minutes to trip on a task that never starts', async () => {
    h = await startHarness(1);
    await h.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    h.sim.sim.scenario.add([{ image: '*:broken', task: { failToStart: PULL_FAILURE } }]);
    const created = await createService(h, await register(h.ecs, 'api', 'public.ecr.aws/acme/api:broken'), {
      breaker: true,
    });
    advance(h, 176);
    expect((await describe1(h)).deployments![0]!.rolloutState).toBe('IN_PROGRESS');
    advance(h, 1);
    const s = await describe1(h);
    expect(s.deployments![0]!.rolloutState).toBe('FAILED');
    expect(s.deployments![0]!.rolloutStateReason).toBe(
      'ECS deployment circuit breaker: tasks failed to start.',
    );
    const failedAt = s.events!.find((e) => /deployment failed: tasks failed to start\.$/.test(e.message!))!;
    expect((failedAt.createdAt!.getTime() - created.createdAt!.getTime()) / 1000).toBeCloseTo(177, 0);
  });

  // The circuit breaker page counts tasks that "do not transition to the RUNNING state" (stage 1) and tasks
  // "replaced because of health check failures" (stage 2); an essential container that exits after RUNNING is
  // neither, so by this (the stricter) reading ECS replaces crashing tasks without tripping.
  test('does not count a crash after RUNNING by default', async () => {
    h = await startHarness(1);
    await h.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    h.sim.sim.scenario.add([{ image: '*:crash', task: { exitCode: 1, afterSeconds: 2 } }]);
    const created = await createService(h, await register(h.ecs, 'api', 'public.ecr.aws/acme/api:crash'), {
      breaker: true,
    });
    advance(h, 600);
    const s = await describe1(h);
    expect(s.deployments![0]).toMatchObject({ rolloutState: 'IN_PROGRESS', failedTasks: 0 });
    const sd = (
      await h.ecs.send(
        new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [created.currentServiceDeployment!] }),
      )
    ).serviceDeployments![0]!;
    expect(sd.deploymentCircuitBreaker).toMatchObject({ status: 'MONITORING', failureCount: 0 });
    expect(
      (await tasksOf(h)).filter((t) => t.stopCode === 'EssentialContainerExited').length,
    ).toBeGreaterThan(30);
  });

  // The launch announcement's reading ("failed task launches that do not reach healthy RUNNING state"), selected
  // by a scenario rule.
  test('counts a crash before the task was healthy when the scenario selects the other reading', async () => {
    h = await startHarness(1);
    await h.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    h.sim.sim.scenario.add([
      { circuitBreaker: { countExitsAfterRunning: true } },
      { image: '*:crash', task: { exitCode: 1, afterSeconds: 2 } },
    ]);
    await createService(h, await register(h.ecs, 'api', 'public.ecr.aws/acme/api:crash'), { breaker: true });
    advance(h, 120);
    expect((await describe1(h)).deployments![0]!.rolloutState).toBe('FAILED');
  });

  // ECS's deployment state change event (and DescribeServices): "ECS deployment circuit breaker: rolling back to
  // deploymentId ecs-svc/…."
  test("the rollback deployment's rollout state reason names the deployment it rolls back to", async () => {
    h = await startHarness(1);
    await h.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
    h.sim.sim.scenario.add([{ image: '*:broken', task: { failToStart: PULL_FAILURE } }]);
    await createService(h, await register(h.ecs, 'api', 'public.ecr.aws/acme/api:1'), { breaker: true });
    advance(h, 60);
    const good = (await describe1(h)).deployments![0]!;
    expect(good.rolloutState).toBe('COMPLETED');
    const broken = await register(h.ecs, 'api', 'public.ecr.aws/acme/api:broken');
    await h.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', taskDefinition: broken }));
    advance(h, 178); // the breaker trips at 177 s; the rollback runs until its task is stable
    const s = await describe1(h);
    const rollback = s.deployments!.find((d) => d.taskDefinition === good.taskDefinition)!;
    expect(rollback.rolloutStateReason).toBe(
      `ECS deployment circuit breaker: rolling back to deploymentId ${good.id!}.`,
    );
  });
});

/** A Fargate task of a `job` container with `extra`, run on cluster shop, as it is 30 s later. */
async function taskAfter30s(hh: Harness, extra: Partial<ContainerDefinition>): Promise<Task> {
  const td = await register(hh.ecs, 'job', 'public.ecr.aws/acme/job:1', extra);
  const out = await hh.ecs.send(
    new RunTaskCommand({
      cluster: 'shop',
      taskDefinition: td,
      launchType: 'FARGATE',
      networkConfiguration: subnets,
    }),
  );
  advance(hh, 30);
  return (await hh.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: [out.tasks![0]!.taskArn!] })))
    .tasks![0]!;
}

describe("a task's secrets", () => {
  // "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:
  // unable to retrieve secrets from ssm …" (Amazon ECS stopped task error codes; the agent's own words).
  test('a missing SSM parameter or Secrets Manager secret stops the task before it runs', async () => {
    h = await startHarness(1, { clusters: ['shop'], parameters: [{ name: '/shop/present', value: 'x' }] });
    const run = (valueFrom: string) => taskAfter30s(h!, { secrets: [{ name: 'VALUE', valueFrom }] });
    const missing = await run('/shop/missing');
    expect(missing).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart' });
    expect(missing.stoppedReason).toBe(
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ' +
        'unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: /shop/missing',
    );
    const secret = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:shop/db-AbCdEf';
    const noSecret = await run(`${secret}:password::`);
    expect(noSecret.stoppedReason).toBe(
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ' +
        `unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${secret} ` +
        "from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.",
    );
    expect((await run('/shop/present')).lastStatus).toBe('RUNNING');
  });
});

describe("a task's environment files", () => {
  // "ResourceInitializationError: failed to download env files: file download command: non empty error stream:
  // service call has been retried 5 time(s): …" (Amazon ECS stopped task error codes, environment files).
  test('a missing S3 environment file stops the task before it runs', async () => {
    h = await startHarness(1, {
      clusters: ['shop'],
      buckets: [{ name: 'shop-config', objects: { 'prod/api.env': 'LOG_LEVEL=info\n' } }],
    });
    const run = (value: string) => taskAfter30s(h!, { environmentFiles: [{ type: 's3', value }] });
    const failure =
      'ResourceInitializationError: failed to download env files: file download command: non empty error stream: ' +
      'service call has been retried 5 time(s): ';
    const missing = await run('arn:aws:s3:::shop-config/prod/missing.env');
    expect(missing).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart' });
    expect(missing.stoppedReason).toBe(`${failure}NoSuchKey: The specified key does not exist.`);
    expect((await run('arn:aws:s3:::no-such-bucket/prod/api.env')).stoppedReason).toBe(
      `${failure}NoSuchBucket: The specified bucket does not exist`,
    );
    expect((await run('arn:aws:s3:::shop-config/prod/api.env')).lastStatus).toBe('RUNNING');
  });
});

describe('capacity', () => {
  async function registerEc2(hh: Harness): Promise<string> {
    const out = await hh.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'batch',
        requiresCompatibilities: ['EC2'],
        cpu: '512',
        memory: '512',
        containerDefinitions: [{ name: 'batch', image: 'public.ecr.aws/acme/batch:1', essential: true }],
      }),
    );
    return out.taskDefinition!.taskDefinitionArn!;
  }

  // RunTask on a cluster with no registered container instance is refused in ECS's words (API failure reasons).
  test('an EC2 task needs a container instance', async () => {
    h = await startHarness(1, { clusters: ['shop'] });
    const td = await registerEc2(h);
    await expect(
      h.ecs.send(new RunTaskCommand({ cluster: 'shop', taskDefinition: td, launchType: 'EC2' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'No Container Instances were found in your cluster.',
    });
  });

  // "RESOURCE:* — The resource or resources that are requested by the task are unavailable on the container
  // instances in the cluster." (API failure reasons)
  test('tasks that do not fit are failures naming the container instance and the resource', async () => {
    h = await startHarness(1, {
      clusters: ['shop'],
      containerInstances: [{ cluster: 'shop', cpu: 1024, memory: 4096 }],
    });
    const td = await registerEc2(h);
    const out = await h.ecs.send(
      new RunTaskCommand({ cluster: 'shop', taskDefinition: td, launchType: 'EC2', count: 3 }),
    );
    const [instance] = (await h.ecs.send(new ListContainerInstancesCommand({ cluster: 'shop' })))
      .containerInstanceArns!;
    expect(out.tasks).toHaveLength(2);
    expect(out.tasks!.every((t) => t.containerInstanceArn === instance)).toBe(true);
    expect(out.failures).toEqual([{ arn: instance, reason: 'RESOURCE:CPU' }]);
    const described = (
      await h.ecs.send(
        new DescribeContainerInstancesCommand({ cluster: 'shop', containerInstances: [instance!] }),
      )
    ).containerInstances![0]!;
    expect(described.remainingResources!.find((r) => r.name === 'CPU')!.integerValue).toBe(0);
    expect(described.remainingResources!.find((r) => r.name === 'MEMORY')!.integerValue).toBe(3072);
  });

  // "If Amazon ECS doesn't have the capacity to launch a Fargate task, then the RunTask API fails with the
  // following error message: 'Capacity is unavailable at this time. Please try again later or in a different
  // availability zone'" — a failures[] entry; a service says it in an event and keeps trying.
  test('a capacity rule takes Fargate away: RunTask fails, a service cannot place its tasks', async () => {
    h = await startHarness(1, { clusters: ['shop'] });
    h.sim.sim.scenario.add([{ capacity: { provider: 'FARGATE', cluster: 'shop' } }]);
    const td = await register(h.ecs, 'api', 'public.ecr.aws/acme/api:1');
    const out = await h.ecs.send(
      new RunTaskCommand({
        cluster: 'shop',
        taskDefinition: td,
        launchType: 'FARGATE',
        networkConfiguration: subnets,
      }),
    );
    expect(out.tasks).toEqual([]);
    expect(out.failures).toEqual([
      {
        reason:
          'Capacity is unavailable at this time. Please try again later or in a different availability zone',
      },
    ]);
    await createService(h, td, { desiredCount: 2, breaker: true });
    advance(h, 31);
    const s = await describe1(h);
    const unable = s.events!.filter((e) => /was unable to place a task/.test(e.message!));
    expect(unable.map((e) => e.message)).toEqual([
      '(service api) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again ' +
        'later or in a different availability zone.',
    ]);
    // "A task is considered a failure if the service scheduler can't launch the task" (Deployment.failedTasks).
    expect(s.deployments![0]!.rolloutState).toBe('FAILED');
  });
});

describe('RunTask clientToken', () => {
  // "If you retry a successful request using the same client token, but one or more of the parameters are
  // different … the retry fails with a ConflictException." (Ensuring idempotency)
  test('the same request again answers the same tasks; other parameters are a ConflictException', async () => {
    h = await startHarness(1, { clusters: ['shop'] });
    const td = await register(h.ecs, 'job', 'public.ecr.aws/acme/job:1');
    const request = {
      cluster: 'shop',
      taskDefinition: td,
      launchType: 'FARGATE' as const,
      networkConfiguration: subnets,
      clientToken: 'migrate-42',
    };
    const first = await h.ecs.send(new RunTaskCommand(request));
    const again = await h.ecs.send(new RunTaskCommand(request));
    expect(again.tasks!.map((t) => t.taskArn)).toEqual(first.tasks!.map((t) => t.taskArn));
    await expect(
      h.ecs.send(new RunTaskCommand({ ...request, startedBy: 'someone-else' })),
    ).rejects.toMatchObject({
      name: 'ConflictException',
      resourceIds: [first.tasks![0]!.taskArn],
    });
    // "Up to 64 characters are allowed. The valid characters are characters in the range of 33-126, inclusive."
    await expect(
      h.ecs.send(new RunTaskCommand({ ...request, clientToken: 'has space' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});
