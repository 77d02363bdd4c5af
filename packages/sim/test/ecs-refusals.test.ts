import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateServiceCommand,
  type ContainerDefinition,
  type RegisterTaskDefinitionCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import {
  credentials,
  register,
  startHarness,
  stopHarness,
  subnets,
  waitFor,
  type Harness,
} from './ecs-helpers';

/** What ECS refuses and the simulator must refuse too, each in ECS's words. */

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

const taskDefinition = (c: Record<string, unknown>): RegisterTaskDefinitionCommandInput => ({
  family: 'api',
  containerDefinitions: [{ name: 'api', image: 'nginx:1.27', memory: 512, ...c } as ContainerDefinition],
});

const digest = `sha256:${'a'.repeat(64)}`;

// API reference, ContainerDefinition.image; the wording is ECS's (ClientException) as its users report it.
test.each([
  ['a space', 'nginx :1.27', 'Container.image contains invalid characters.'],
  ['an empty tag', 'nginx:', 'Container.image contains invalid characters.'],
  ['an empty repository', ':1.27', 'Container.image contains invalid characters.'],
  ['a short digest', 'nginx@sha256:abc', 'Container.image contains invalid characters.'],
  [
    'a digest of another algorithm',
    `nginx@sha512:${'a'.repeat(64)}`,
    'Container.image contains invalid characters.',
  ],
  [
    '256 characters',
    `registry.example.com/${'a'.repeat(235)}`,
    'Container.image should be 255 characters or less',
  ],
])('RegisterTaskDefinition refuses an image with %s', async (_what, image, message) => {
  h = await startHarness(1);
  await expect(
    h.ecs.send(new RegisterTaskDefinitionCommand(taskDefinition({ image }))),
  ).rejects.toMatchObject({
    name: 'ClientException',
    message,
  });
});

test.each([
  ['a digest reference', `public.ecr.aws/acme/api@${digest}`],
  ['a digest of 255 characters before the @', `registry.example.com/${'a'.repeat(234)}@${digest}`],
  ['a port, a path and a tag in uppercase', 'registry.example.com:5000/acme/api:V1_RC.2'],
  ['a repository in uppercase (the pull refuses it, not the registration)', 'Acme/API:1.0'],
])('RegisterTaskDefinition accepts %s', async (_what, image) => {
  h = await startHarness(1);
  const out = await h.ecs.send(new RegisterTaskDefinitionCommand(taskDefinition({ image })));
  expect(out.taskDefinition?.containerDefinitions?.[0]?.image).toBe(image);
});

// awsJson: ECS's deserializer refuses a member of the wrong JSON type before ECS validates it.
test.each([
  ['memory', { memory: 'lots' }, 'STRING_VALUE can not be converted to an Integer'],
  ['memory as a numeric string', { memory: '512' }, 'STRING_VALUE can not be converted to an Integer'],
  ['cpu as a boolean', { cpu: true }, 'TRUE_VALUE can not be converted to an Integer'],
  ['essential', { essential: 'maybe' }, 'STRING_VALUE can not be converted to an Boolean'],
  ['essential as a number', { essential: 1 }, 'NUMBER_VALUE can not be converted to a Boolean'],
  ['image as a number', { image: 42 }, 'NUMBER_VALUE can not be converted to a String'],
  ['command as a string', { command: 'npm start' }, 'Expected list or null'],
  [
    'environment as a map',
    { environment: { A: '1' } },
    'Start of structure or map found where not expected.',
  ],
  [
    'portMappings[].containerPort',
    { portMappings: [{ containerPort: '80' }] },
    'STRING_VALUE can not be converted to an Integer',
  ],
])('RegisterTaskDefinition refuses %s of the wrong type', async (_what, c, message) => {
  h = await startHarness(1);
  await expect(h.ecs.send(new RegisterTaskDefinitionCommand(taskDefinition(c)))).rejects.toMatchObject({
    name: 'SerializationException',
    message,
  });
});

test('a task-level cpu or memory must be a string; a boolean string is read as the boolean it names', async () => {
  h = await startHarness(1);
  await expect(
    h.ecs.send(
      new RegisterTaskDefinitionCommand({ ...taskDefinition({}), memory: 1024 as unknown as string }),
    ),
  ).rejects.toMatchObject({
    name: 'SerializationException',
    message: 'NUMBER_VALUE can not be converted to a String',
  });
  const out = await h.ecs.send(new RegisterTaskDefinitionCommand(taskDefinition({ essential: 'yes' })));
  expect(out.taskDefinition?.containerDefinitions?.[0]?.essential).toBe(true);
  const described = await h.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'api' }));
  expect(described.taskDefinition?.containerDefinitions?.[0]?.essential).toBe(true);
});

test('a task definition over 64 KiB is refused with its length', async () => {
  h = await startHarness(1);
  const environment = Array.from({ length: 70 }, (_, i) => ({ name: `VAR_${i}`, value: 'x'.repeat(1000) }));
  await expect(
    h.ecs.send(new RegisterTaskDefinitionCommand(taskDefinition({ environment }))),
  ).rejects.toMatchObject({
    name: 'ClientException',
    message: expect.stringMatching(/^Actual length: '\d{5}'\. Max allowed length is '65536' bytes\.$/),
  });
  const fits = environment.slice(0, 60);
  await expect(
    h.ecs.send(new RegisterTaskDefinitionCommand(taskDefinition({ environment: fits }))),
  ).resolves.toBeDefined();
});

async function apiService(hh: Harness, desiredCount = 1): Promise<string> {
  await hh.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  const td = await register(hh.ecs, 'api', 'public.ecr.aws/acme/api:1.0');
  await hh.ecs.send(
    new CreateServiceCommand({
      cluster: 'shop',
      serviceName: 'api',
      taskDefinition: td,
      desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: subnets,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
    }),
  );
  return td;
}

// ECS's default quota of tasks per service is 5,000; above it ECS answers "Desired count exceeds limit.".
test.each([
  ['over the tasks-per-service quota', 5001, 'Desired count exceeds limit.'],
  ['far over it', 99_999_999_999, 'Desired count exceeds limit.'],
  ['negative', -1, 'desiredCount must be between 0 and ∞.'],
])('CreateService and UpdateService refuse a desired count %s', async (_what, desiredCount, message) => {
  h = await startHarness(1);
  const td = await apiService(h);
  const refused = { name: 'InvalidParameterException', message };
  await expect(
    h.ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'big',
        taskDefinition: td,
        desiredCount,
        launchType: 'FARGATE',
        networkConfiguration: subnets,
      }),
    ),
  ).rejects.toMatchObject(refused);
  await expect(
    h.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount })),
  ).rejects.toMatchObject(refused);
  const svc = (await h.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api', 'big'] })))
    .services!;
  expect(svc.map((s) => [s.serviceName, s.desiredCount])).toEqual([['api', 1]]);
});

test('a desired count of exactly 5,000 is accepted', async () => {
  h = await startHarness(1);
  await apiService(h);
  const out = await h.ecs.send(
    new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount: 5000 }),
  );
  expect(out.service?.desiredCount).toBe(5000);
});

// ECS never reads an ARN of another account or region as the caller's own resource.
test.each([
  [
    'a cluster ARN of another account',
    { cluster: 'arn:aws:ecs:us-east-1:111111111111:cluster/shop' },
    'Identifier is for 111111111111. Your accountId is 000000000000',
  ],
  [
    'a cluster ARN of another region',
    { cluster: 'arn:aws:ecs:eu-west-1:000000000000:cluster/shop' },
    'Invalid Region in ARN',
  ],
  [
    'a service ARN of another account',
    { service: 'arn:aws:ecs:us-east-1:111111111111:service/shop/api' },
    'Identifier is for 111111111111. Your accountId is 000000000000',
  ],
  [
    'a service ARN of another cluster',
    { service: 'arn:aws:ecs:us-east-1:000000000000:service/other/api' },
    'Invalid identifier: Identifier is for cluster other. Your cluster is shop',
  ],
  [
    'a task definition ARN of another account',
    { taskDefinition: 'arn:aws:ecs:us-east-1:111111111111:task-definition/api:1' },
    'Identifier is for 111111111111. Your accountId is 000000000000',
  ],
  [
    'a task definition ARN of another region',
    { taskDefinition: 'arn:aws:ecs:us-west-2:000000000000:task-definition/api:1' },
    'Invalid Region in ARN',
  ],
])('UpdateService refuses %s', async (_what, ref, message) => {
  h = await startHarness(1);
  await apiService(h);
  await expect(
    h.ecs.send(
      new UpdateServiceCommand({ cluster: 'shop', service: 'api', forceNewDeployment: true, ...ref }),
    ),
  ).rejects.toMatchObject({ name: 'InvalidParameterException', message });
});

test('the caller’s own ARNs still work, and another account sees its own resources', async () => {
  h = await startHarness(1);
  const td = await apiService(h);
  const out = await h.ecs.send(
    new UpdateServiceCommand({
      cluster: 'arn:aws:ecs:us-east-1:000000000000:cluster/shop',
      service: 'arn:aws:ecs:us-east-1:000000000000:service/shop/api',
      taskDefinition: td,
    }),
  );
  expect(out.service?.serviceName).toBe('api');
  const other = new ECSClient({
    endpoint: h.sim.url,
    region: 'us-east-1',
    credentials: { ...credentials, accessKeyId: '111111111111' },
  });
  await expect(
    other.send(
      new DescribeServicesCommand({
        cluster: 'arn:aws:ecs:us-east-1:000000000000:cluster/shop',
        services: ['api'],
      }),
    ),
  ).rejects.toMatchObject({ message: 'Identifier is for 000000000000. Your accountId is 111111111111' });
  other.destroy();
});

async function describeApi(hh: Harness): Promise<Service> {
  return (await hh.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] })))
    .services![0]!;
}

test('a deployment of an image missing from the simulator’s ECR fails to pull and trips the circuit breaker', async () => {
  h = await startHarness(600, {
    repositories: [{ name: 'shop/api' }],
    images: [{ repository: 'shop/api', tags: ['v1'] }],
  });
  await apiService(h, 2);
  await waitFor('the service to be steady', async () => (await describeApi(h!)).runningCount === 2);
  const image = `${h.sim.sim.host}/000000000000/us-east-1/shop/api:v2`;
  const v2 = await register(h.ecs, 'api', image);
  const updated = await h.ecs.send(
    new UpdateServiceCommand({ cluster: 'shop', service: 'api', taskDefinition: v2 }),
  );
  const sdArn = updated.service!.currentServiceDeployment!;

  const failed = await waitFor(
    'the deployment to fail',
    async () => {
      const s = await describeApi(h!);
      const primary = s.deployments!.find((d) => d.status === 'PRIMARY')!;
      return primary.rolloutState === 'FAILED' ? primary : undefined;
    },
    8000,
  );
  expect(failed.rolloutStateReason).toMatch(/circuit breaker/);
  const sd = (await h.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [sdArn] })))
    .serviceDeployments![0]!;
  expect(sd.deploymentCircuitBreaker?.status).toBe('TRIGGERED');

  const stopped = await h.ecs.send(
    new ListTasksCommand({ cluster: 'shop', serviceName: 'api', desiredStatus: 'STOPPED' }),
  );
  const tasks = (await h.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: stopped.taskArns! })))
    .tasks!;
  const pulled = tasks.filter((t) => t.taskDefinitionArn === v2);
  expect(pulled.length).toBeGreaterThanOrEqual(3);
  for (const t of pulled) {
    expect(t.stopCode).toBe('TaskFailedToStart');
    expect(t.stoppedReason).toBe(
      `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: ${image}: not found`,
    );
    expect(t.containers![0]!.reason).toBe(t.stoppedReason);
  }
  // The old tasks keep serving: the seeded v1 image and public images still run.
  expect((await describeApi(h)).deployments!.find((d) => d.status === 'ACTIVE')?.runningCount).toBe(2);
});

test('a repository in uppercase passes registration and fails the pull, as the container runtime refuses it', async () => {
  h = await startHarness(300);
  await h.ecs.send(new CreateClusterCommand({ clusterName: 'jobs' }));
  const td = await register(h.ecs, 'upper', 'registry.example.com/Acme/API:1.0');
  const run = await h.ecs.send(
    new RunTaskCommand({
      cluster: 'jobs',
      taskDefinition: td,
      launchType: 'FARGATE',
      networkConfiguration: subnets,
    }),
  );
  const arn = run.tasks![0]!.taskArn!;
  const t = await waitFor('the task to stop', async () => {
    const task = (await h!.ecs.send(new DescribeTasksCommand({ cluster: 'jobs', tasks: [arn] }))).tasks![0]!;
    return task.lastStatus === 'STOPPED' && task;
  });
  expect(t).toMatchObject({
    stopCode: 'TaskFailedToStart',
    stoppedReason: 'CannotPullContainerError: invalid reference format: repository name must be lowercase',
  });
});
