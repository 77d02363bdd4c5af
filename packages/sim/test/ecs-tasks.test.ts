import { CreateLogGroupCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateClusterCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type Task,
} from '@aws-sdk/client-ecs';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { pushImage } from '../src';
import {
  container,
  credentials,
  register,
  startHarness,
  stopHarness,
  subnets,
  waitFor,
  type Harness,
} from './ecs-helpers';

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

async function describeTask(hh: Harness, arn: string): Promise<Task> {
  return (await hh.ecs.send(new DescribeTasksCommand({ cluster: 'jobs', tasks: [arn] }))).tasks![0]!;
}

async function stoppedTask(hh: Harness, arn: string): Promise<Task> {
  return waitFor('the task to stop', async () => {
    const t = await describeTask(hh, arn);
    return t.lastStatus === 'STOPPED' ? t : undefined;
  });
}

async function runTask(
  hh: Harness,
  taskDefinition: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const out = await hh.ecs.send(
    new RunTaskCommand({
      cluster: 'jobs',
      taskDefinition,
      launchType: 'FARGATE',
      networkConfiguration: subnets,
      ...extra,
    }),
  );
  expect(out.failures).toEqual([]);
  return out.tasks![0]!.taskArn!;
}

test('a one-off task whose command exits 3 reports the exit code and its log lines', async () => {
  h = await startHarness(300);
  await h.ecs.send(new CreateClusterCommand({ clusterName: 'jobs' }));
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/shop' }));
  h.sim.sim.scenario.add([
    {
      command: 'npm run migrate*',
      task: { exitCode: 3, afterSeconds: 30, logs: ['migrating…', 'error: relation "orders" exists'] },
    },
  ]);
  const td = await register(h.ecs, 'migrate', 'public.ecr.aws/acme/api:1.0', {
    command: ['node', 'server.js'],
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/ecs/shop',
        'awslogs-region': 'us-east-1',
        'awslogs-stream-prefix': 'migrate',
      },
    },
  });
  const arn = await runTask(h, td, {
    startedBy: 'deploy-ecs',
    overrides: {
      containerOverrides: [{ name: 'app', command: ['npm', 'run', 'migrate', '--', '--env=dev'] }],
    },
  });
  const running = await waitFor('the task to run', async () => {
    const t = await describeTask(h!, arn);
    return t.lastStatus === 'RUNNING' ? t : undefined;
  });
  expect(running.startedAt).toBeInstanceOf(Date);
  const t = await stoppedTask(h, arn);
  expect(t).toMatchObject({
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
  });
  expect(t.containers![0]!.exitCode).toBe(3);
  expect(t.startedBy).toBe('deploy-ecs');
  expect(t.group).toBe('family:migrate');
  expect(t.stoppedAt!.getTime()).toBeGreaterThan(t.startedAt!.getTime());

  const taskId = arn.split('/').pop()!;
  const events = await h.logs.send(
    new GetLogEventsCommand({
      logGroupName: '/ecs/shop',
      logStreamName: `migrate/app/${taskId}`,
      startFromHead: true,
    }),
  );
  expect(events.events!.map((e) => e.message)).toEqual(['migrating…', 'error: relation "orders" exists']);
});

test('RunTask with the same clientToken returns the same tasks and starts no new ones', async () => {
  h = await startHarness(100);
  await h.ecs.send(new CreateClusterCommand({ clusterName: 'jobs' }));
  const td = await register(h.ecs, 'migrate', 'public.ecr.aws/acme/api:1.0');
  const first = await runTask(h, td, { clientToken: 'run-42-attempt-1', count: 2 });
  const again = await h.ecs.send(
    new RunTaskCommand({
      cluster: 'jobs',
      taskDefinition: td,
      launchType: 'FARGATE',
      networkConfiguration: subnets,
      clientToken: 'run-42-attempt-1',
      count: 2,
    }),
  );
  expect(again.tasks![0]!.taskArn).toBe(first);
  const listed = await h.ecs.send(new ListTasksCommand({ cluster: 'jobs', family: 'migrate' }));
  expect(listed.taskArns).toHaveLength(2);
});

test('slow starts stay PENDING; StopTask stops with the given reason', async () => {
  h = await startHarness(100);
  await h.ecs.send(new CreateClusterCommand({ clusterName: 'jobs' }));
  h.sim.sim.scenario.add([{ image: '*:slow', task: { startSeconds: 600 } }]);
  const td = await register(h.ecs, 'slow', 'public.ecr.aws/acme/api:slow');
  const arn = await runTask(h, td);
  await waitFor('PENDING', async () => (await describeTask(h!, arn)).lastStatus === 'PENDING');
  await new Promise((resolve) => setTimeout(resolve, 200)); // 20 simulated seconds: a normal task would run by now
  expect((await describeTask(h, arn)).lastStatus).toBe('PENDING');
  const stopped = await h.ecs.send(
    new StopTaskCommand({ cluster: 'jobs', task: arn, reason: 'deploy cancelled' }),
  );
  expect(stopped.task).toMatchObject({
    desiredStatus: 'STOPPED',
    stopCode: 'UserInitiated',
    stoppedReason: 'deploy cancelled',
  });
  expect((await stoppedTask(h, arn)).lastStatus).toBe('STOPPED');
});

test('a missing ECR image fails to pull; a missing log group fails the logger', async () => {
  h = await startHarness(300);
  await h.ecs.send(new CreateClusterCommand({ clusterName: 'jobs' }));
  const image = `${h.sim.sim.host}/000000000000/us-east-1/shop/api:not-pushed`;
  const pull = await runTask(h, await register(h.ecs, 'pull', image));
  const t = await stoppedTask(h, pull);
  expect(t.stopCode).toBe('TaskFailedToStart');
  expect(t.stoppedReason).toMatch(
    /^CannotPullContainerError: pull image manifest has been retried \d+ time\(s\): failed to resolve ref .*shop\/api:not-pushed.*not found$/,
  );
  expect(t.containers![0]!.reason).toBe(t.stoppedReason);

  const logger = await runTask(
    h,
    await register(h.ecs, 'logger', 'public.ecr.aws/acme/api:1.0', {
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/ecs/nowhere',
          'awslogs-region': 'us-east-1',
          'awslogs-stream-prefix': 'x',
        },
      },
    }),
  );
  const l = await stoppedTask(h, logger);
  expect(l.stopCode).toBe('TaskFailedToStart');
  expect(l.stoppedReason).toMatch(
    /^ResourceInitializationError: failed to validate logger args: .*The specified log group does not exist/,
  );
});

test('an image pushed to the simulator ECR runs with its digest; rules can match by digest', async () => {
  h = await startHarness(300, { repositories: [{ name: 'shop/api' }] });
  await h.ecs.send(new CreateClusterCommand({ clusterName: 'jobs' }));
  const ecr = new ECRClient({ endpoint: h.sim.url, region: 'us-east-1', credentials });
  const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!
    .authorizationToken!;
  ecr.destroy();
  const [username, password] = Buffer.from(token, 'base64').toString('utf8').split(':') as [string, string];
  const pushed = await pushImage({
    registryUrl: h.sim.url,
    repository: '000000000000/us-east-1/shop/api',
    tags: ['v1'],
    auth: { username, password },
  });
  h.sim.sim.scenario.add([{ image: `*@${pushed.digest}`, task: { exitCode: 7, afterSeconds: 1 } }]);
  const image = `${h.sim.sim.host}/000000000000/us-east-1/shop/api:v1`;
  const t = await stoppedTask(h, await runTask(h, await register(h.ecs, 'pushed', image)));
  expect(t.stopCode).toBe('EssentialContainerExited');
  expect(t.containers![0]).toMatchObject({ image, imageDigest: pushed.digest, exitCode: 7 });
});

test('task definitions are validated, listed and deregistered like ECS does', async () => {
  h = await startHarness(100);
  const { ecs } = h;
  await expect(
    ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '4096',
        containerDefinitions: [container('web', 'nginx')],
      }),
    ),
  ).rejects.toMatchObject({
    name: 'ClientException',
    message: expect.stringMatching(/No Fargate configuration exists/),
  });
  await expect(
    ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [{ name: 'web', memory: 128 }],
      }),
    ),
  ).rejects.toMatchObject({
    name: 'ClientException',
    message: 'Container.image should not be null or empty.',
  });

  const v1 = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'web',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '1 vCPU',
      memory: '2 GB',
      containerDefinitions: [container('web', 'nginx')],
      tags: [{ key: 'team', value: 'shop' }],
    }),
  );
  expect(v1.taskDefinition).toMatchObject({ revision: 1, status: 'ACTIVE', cpu: '1024', memory: '2048' });
  expect(v1.taskDefinition!.compatibilities).toEqual(['EC2', 'FARGATE']);
  expect(v1.taskDefinition!.registeredAt).toBeInstanceOf(Date);
  await register(ecs, 'web', 'nginx:2');
  const described = await ecs.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: 'web:1', include: ['TAGS'] }),
  );
  expect(described.tags).toEqual([{ key: 'team', value: 'shop' }]);
  const gone = await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:2' }));
  expect(gone.taskDefinition!.status).toBe('INACTIVE');
  expect(
    (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:2' }))).taskDefinition!.status,
  ).toBe('INACTIVE');
  // The family name alone now means revision 1, the latest ACTIVE one.
  expect(
    (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web' }))).taskDefinition!.revision,
  ).toBe(1);
  const active = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'web' }));
  expect(active.taskDefinitionArns).toEqual(['arn:aws:ecs:us-east-1:000000000000:task-definition/web:1']);
  await expect(
    ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:9' })),
  ).rejects.toMatchObject({
    name: 'ClientException',
    message: 'Unable to describe task definition.',
  });
});
