import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
} from '@aws-sdk/client-ecs';
import { startSimulator, type RunningSimulator } from '../src/index';
import { failureOf, handlerFailure, StackResource } from './cfn-resources-helpers';

let sim: RunningSimulator;
let ecs: ECSClient;

beforeEach(async () => {
  sim = await startSimulator({ timeScale: 400 });
  // What the task definition refers to, made by CloudFormation too: its log group and its secret.
  new StackResource(sim.sim, 'AWS::Logs::LogGroup', 'Logs').create({
    LogGroupName: '/ecs/api',
    RetentionInDays: 7,
  });
  new StackResource(sim.sim, 'AWS::SSM::Parameter', 'Db').create({
    Name: 'db',
    Type: 'String',
    Value: 'postgres://db',
  });
  ecs = new ECSClient({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

const taskDefinition = (image: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Family: 'api',
  RequiresCompatibilities: ['FARGATE'],
  NetworkMode: 'awsvpc',
  Cpu: '256',
  Memory: 512,
  ExecutionRoleArn: 'arn:aws:iam::000000000000:role/exec',
  ContainerDefinitions: [
    {
      Name: 'app',
      Image: image,
      Essential: true,
      PortMappings: [{ ContainerPort: '8080', Protocol: 'tcp' }],
      Environment: [{ Name: 'STAGE', Value: 'prod' }],
      Secrets: [{ Name: 'DB', ValueFrom: 'arn:aws:ssm:us-east-1:000000000000:parameter/db' }],
      LogConfiguration: {
        LogDriver: 'awslogs',
        Options: {
          'awslogs-group': '/ecs/api',
          'awslogs-region': 'us-east-1',
          'awslogs-stream-prefix': 'app',
        },
      },
      HealthCheck: { Command: ['CMD-SHELL', 'true'], Interval: 10, Retries: 3 },
    },
  ],
  ...extra,
});

const serviceProps = (td: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ServiceName: 'api',
  Cluster: 'shop',
  TaskDefinition: td,
  DesiredCount: 2,
  LaunchType: 'FARGATE',
  NetworkConfiguration: {
    AwsvpcConfiguration: {
      Subnets: ['subnet-0a1b2c3d4e5f60718'],
      SecurityGroups: ['sg-0a1b2c3d4e5f60718'],
      AssignPublicIp: 'DISABLED',
    },
  },
  DeploymentConfiguration: {
    DeploymentCircuitBreaker: { Enable: true, Rollback: true },
    MaximumPercent: 200,
    MinimumHealthyPercent: 100,
  },
  ...extra,
});

async function settle(resource: StackResource): Promise<boolean | string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    sim.sim.advance();
    const state = resource.stabilize();
    if (state !== false || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a cluster, task definition and service made by CloudFormation answer the ECS API as created', async () => {
  const cluster = new StackResource(sim.sim, 'AWS::ECS::Cluster', 'Cluster');
  expect(
    cluster.create({
      ClusterName: 'shop',
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    }),
  ).toEqual({
    physicalId: 'shop',
    attributes: { Arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/shop' },
  });
  const td = new StackResource(sim.sim, 'AWS::ECS::TaskDefinition', 'TaskDef');
  const v1 = td.create(taskDefinition('public.ecr.aws/acme/api:1.0'));
  expect(v1.physicalId).toBe('arn:aws:ecs:us-east-1:000000000000:task-definition/api:1');
  expect(v1.attributes['TaskDefinitionArn']).toBe(v1.physicalId);
  const svc = new StackResource(sim.sim, 'AWS::ECS::Service', 'Service');
  const made = svc.create(serviceProps(v1.physicalId));
  expect(made).toEqual({
    physicalId: 'arn:aws:ecs:us-east-1:000000000000:service/shop/api',
    attributes: { Name: 'api', ServiceArn: 'arn:aws:ecs:us-east-1:000000000000:service/shop/api' },
  });
  expect(await settle(svc)).toBe(true);

  const described = (await ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] })))
    .services![0]!;
  expect(described).toMatchObject({
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 2,
    launchType: 'FARGATE',
    taskDefinition: v1.physicalId,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: ['subnet-0a1b2c3d4e5f60718'],
        securityGroups: ['sg-0a1b2c3d4e5f60718'],
      },
    },
  });
  const container = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'api:1' })))
    .taskDefinition!.containerDefinitions![0]!;
  expect(container).toMatchObject({
    name: 'app',
    portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
    environment: [{ name: 'STAGE', value: 'prod' }],
    secrets: [{ name: 'DB', valueFrom: 'arn:aws:ssm:us-east-1:000000000000:parameter/db' }],
    logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/api' } },
    healthCheck: { command: ['CMD-SHELL', 'true'], interval: 10, retries: 3 },
  });
  const clusters = await ecs.send(new DescribeClustersCommand({ clusters: ['shop'], include: ['SETTINGS'] }));
  expect(clusters.clusters![0]!.settings).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
});

test('a changed task definition is a new revision the service is updated to; the old one is deregistered', async () => {
  new StackResource(sim.sim, 'AWS::ECS::Cluster', 'Cluster').create({ ClusterName: 'shop' });
  const td = new StackResource(sim.sim, 'AWS::ECS::TaskDefinition', 'TaskDef');
  const v1 = td.create(taskDefinition('public.ecr.aws/acme/api:1.0')).physicalId;
  const svc = new StackResource(sim.sim, 'AWS::ECS::Service', 'Service');
  svc.create(serviceProps(v1));
  const { replaced } = td.update(taskDefinition('public.ecr.aws/acme/api:2.0'));
  expect(replaced).toBe(true);
  const v2 = td.current!.physicalId;
  expect(v2).toMatch(/task-definition\/api:2$/);
  expect(svc.update(serviceProps(v2, { DesiredCount: 3 })).replaced).toBe(false);
  expect(svc.current!.physicalId).toBe('arn:aws:ecs:us-east-1:000000000000:service/shop/api');
  expect(await settle(svc)).toBe(true);
  const described = (await ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] })))
    .services![0]!;
  expect(described).toMatchObject({ taskDefinition: v2, desiredCount: 3, runningCount: 3 });
  const old = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: v1 }))).taskDefinition!;
  expect(old.status).toBe('INACTIVE');
});

test('a crashing image trips the circuit breaker, and the service fails to stabilise in CloudFormation words', async () => {
  new StackResource(sim.sim, 'AWS::ECS::Cluster', 'Cluster').create({ ClusterName: 'shop' });
  sim.sim.scenario.add([{ image: '*api:bad', task: { failToStart: 'CannotStartContainerError: bad' } }]);
  const td = new StackResource(sim.sim, 'AWS::ECS::TaskDefinition', 'TaskDef');
  const svc = new StackResource(sim.sim, 'AWS::ECS::Service', 'Service');
  svc.create(serviceProps(td.create(taskDefinition('public.ecr.aws/acme/api:bad')).physicalId));
  expect(await settle(svc)).toMatch(
    handlerFailure(
      "Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'.",
      'GeneralServiceException',
    ),
  );
});

test('a new service name replaces the service; delete scales it to 0 and deletes it', async () => {
  new StackResource(sim.sim, 'AWS::ECS::Cluster', 'Cluster').create({ ClusterName: 'shop' });
  const td = new StackResource(sim.sim, 'AWS::ECS::TaskDefinition', 'TaskDef').create(
    taskDefinition('public.ecr.aws/acme/api:1.0'),
  ).physicalId;
  const svc = new StackResource(sim.sim, 'AWS::ECS::Service', 'Service');
  svc.create(serviceProps(td));
  const { replaced, old } = svc.update(serviceProps(td, { ServiceName: 'api-v2' }));
  expect(replaced).toBe(true);
  expect(svc.current!.attributes['Name']).toBe('api-v2');
  const both = await ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api', 'api-v2'] }));
  expect(both.services!.map((s) => [s.serviceName, s.status === 'ACTIVE', s.desiredCount])).toEqual([
    ['api', false, 0],
    ['api-v2', true, 2],
  ]);
  expect(old.physicalId).toBe('arn:aws:ecs:us-east-1:000000000000:service/shop/api');
  svc.delete();
  const gone = (await ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api-v2'] })))
    .services![0]!;
  expect(gone.status).not.toBe('ACTIVE');
  expect(gone.desiredCount).toBe(0);
  // A generated name when the template gives none: <stack>-<logical id>-<random>.
  const unnamed = new StackResource(sim.sim, 'AWS::ECS::Service', 'Worker').create(
    serviceProps(td, { ServiceName: undefined }),
  );
  expect(unnamed.attributes['Name']).toMatch(/^app-Worker-[A-Z0-9]{12}$/);
});

test('values ECS refuses fail the resource with ECS message in CloudFormation words', () => {
  new StackResource(sim.sim, 'AWS::ECS::Cluster', 'Cluster').create({ ClusterName: 'shop' });
  const td = new StackResource(sim.sim, 'AWS::ECS::TaskDefinition', 'TaskDef');
  expect(
    failureOf(() => td.create(taskDefinition('public.ecr.aws/acme/api:1.0', { Memory: '3000' }))),
  ).toMatch(handlerFailure('No Fargate configuration exists for given values: 256 CPU, 3000 memory.'));
  const ec2Only = td.create(
    taskDefinition('public.ecr.aws/acme/api:1.0', {
      RequiresCompatibilities: ['EC2'],
      NetworkMode: 'bridge',
      Cpu: undefined,
    }),
  ).physicalId;
  const svc = new StackResource(sim.sim, 'AWS::ECS::Service', 'Service');
  expect(failureOf(() => svc.create(serviceProps(ec2Only)))).toMatch(
    handlerFailure('Task definition does not support launch_type FARGATE.'),
  );
  expect(failureOf(() => svc.create(serviceProps(ec2Only, { Cluster: 'nowhere' })))).toMatch(
    handlerFailure('Cluster not found.', 'NotFound'),
  );
});
