/**
 * The seed key `rules`: scenario rules in a seed document, as POST /_sim/scenario takes them, added after
 * everything else the document seeds.
 */
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListTasksCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { credentials, startHarness, stopHarness, subnets, type Harness } from './ecs-helpers';

const SEED = {
  clusters: ['dev'],
  taskDefinitions: [
    {
      family: 'api',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'api', image: 'public.ecr.aws/acme/api:2.0', essential: true }],
    },
  ],
  services: [
    {
      cluster: 'dev',
      serviceName: 'api',
      taskDefinition: 'api',
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: subnets,
    },
  ],
  rules: [
    { image: 'public.ecr.aws/acme/api:*', task: { healthCheck: 'fail' } },
    { image: 'public.ecr.aws/acme/api:*', task: { failToStart: 'ResourceInitializationError: no secrets' } },
    { api: 'ecs:ListClusters', fault: { throttle: 1 } },
  ],
};

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

async function control(
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${h!.sim.url}${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() };
}

test('a seed document with rules: they are listed, apply to what happens next, and leave seeded services steady', async () => {
  h = await startHarness(1, SEED, 1);
  expect((await control('/_sim/scenario')).body).toEqual({ rules: SEED.rules });

  // Seeded first, so the service started steady before the rules existed, and its tasks keep passing.
  const serviceTasks = async (): Promise<string[]> =>
    (await h!.ecs.send(new ListTasksCommand({ cluster: 'dev', serviceName: 'api' }))).taskArns!.sort();
  const before = await serviceTasks();
  expect(before).toHaveLength(2);
  await control('/_sim/clock', 'POST', { advanceSeconds: 600 });
  const service = (await h.ecs.send(new DescribeServicesCommand({ cluster: 'dev', services: ['api'] })))
    .services![0]!;
  expect(service).toMatchObject({ runningCount: 2, desiredCount: 2 });
  expect(service.deployments).toEqual([expect.objectContaining({ rolloutState: 'COMPLETED' })]);
  expect(await serviceTasks()).toEqual(before);

  const run = await h.ecs.send(
    new RunTaskCommand({
      cluster: 'dev',
      taskDefinition: 'api',
      launchType: 'FARGATE',
      networkConfiguration: subnets,
    }),
  );
  await control('/_sim/clock', 'POST', { advanceSeconds: 60 });
  const task = (
    await h.ecs.send(new DescribeTasksCommand({ cluster: 'dev', tasks: [run.tasks![0]!.taskArn!] }))
  ).tasks![0]!;
  expect(task).toMatchObject({
    lastStatus: 'STOPPED',
    stopCode: 'TaskFailedToStart',
    stoppedReason: 'ResourceInitializationError: no secrets',
  });

  const once = new ECSClient({ endpoint: h.sim.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  try {
    await expect(once.send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
  } finally {
    once.destroy();
  }
});

test('POST /_sim/seed takes rules too, and refuses bad ones as POST /_sim/scenario does, naming the seed entry', async () => {
  h = await startHarness(1);
  expect(await control('/_sim/seed', 'POST', { rules: [{ api: 'ecr:*', fault: { latencyMs: 1 } }] })).toEqual(
    {
      status: 200,
      body: { seeded: true },
    },
  );
  expect((await control('/_sim/scenario')).body).toEqual({
    rules: [{ api: 'ecr:*', fault: { latencyMs: 1 } }],
  });

  const bad = [{ task: { exitCode: 1 } }];
  const seeded = await control('/_sim/seed', 'POST', { rules: bad });
  const posted = await control('/_sim/scenario', 'POST', { rules: bad });
  expect(posted).toEqual({
    status: 400,
    body: { error: 'ValidationException', message: 'rules[0] must match on image, command or api' },
  });
  // The same check, naming the rule where it sits in the seed document.
  expect(seeded).toEqual({
    status: 400,
    body: { error: 'ValidationException', message: 'seed.rules[0] must match on image, command or api' },
  });
  expect((await control('/_sim/seed', 'POST', { rules: { api: 'ecs:*' } })).body).toMatchObject({
    message: 'seed.rules must be an array',
  });
});
