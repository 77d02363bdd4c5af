import {
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopServiceDeploymentCommand,
  StopTaskCommand,
  TagResourceCommand,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import type { Clients, Recorder } from './aws-sequence';

export interface Network {
  subnets: string[];
  securityGroups: string[];
}

/** Subnet and security group ids for awsvpc tasks; a server that checks them against EC2 gets real ones. */
export const DEFAULT_NETWORK: Network = { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] };

/** The ECS and CloudWatch Logs part: a service's life and a one-off task, the way deploy-ecs drives them. */
export async function ecsSteps(
  { ecs, logs }: Clients,
  rec: Recorder,
  options: {
    suffix: string;
    image: string;
    network: Network;
    afterCreateService?: () => Promise<void>;
    afterRunTask?: () => Promise<void>;
  },
): Promise<void> {
  const cluster = `conformance${options.suffix}`;
  const family = `conformance-api${options.suffix}`;
  const logGroupName = `/ecs/${family}`;
  const networkConfiguration = {
    awsvpcConfiguration: { ...options.network, assignPublicIp: 'DISABLED' as const },
  };

  await rec.call('ecs', 'CreateCluster', () => ecs.send(new CreateClusterCommand({ clusterName: cluster })));
  await rec.call('logs', 'CreateLogGroup', () => logs.send(new CreateLogGroupCommand({ logGroupName })));
  await rec.call('logs', 'DescribeLogGroups', () =>
    logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName })),
  );

  const taskDefinition = (version: string): RegisterTaskDefinitionCommandInput => ({
    family,
    requiresCompatibilities: ['FARGATE'],
    // Fargate needs an execution role to ship awslogs.
    executionRoleArn: 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole',
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'api',
        image: options.image,
        essential: true,
        memory: 512,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        environment: [{ name: 'VERSION', value: version }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': logGroupName,
            'awslogs-region': 'us-east-1',
            'awslogs-stream-prefix': 'api',
          },
        },
      },
    ],
  });
  const first = await rec.call('ecs', 'RegisterTaskDefinition', () =>
    ecs.send(new RegisterTaskDefinitionCommand(taskDefinition('1'))),
  );
  const firstArn = first?.taskDefinition?.taskDefinitionArn ?? `${family}:1`;
  await rec.call('ecs', 'DescribeTaskDefinition', () =>
    ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: firstArn, include: ['TAGS'] })),
  );

  const created = await rec.call('ecs', 'CreateService', () =>
    ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'api',
        taskDefinition: firstArn,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration,
        deploymentConfiguration: {
          maximumPercent: 200,
          minimumHealthyPercent: 100,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
      }),
    ),
  );
  await options.afterCreateService?.();
  const second = await rec.call(
    'ecs',
    'RegisterTaskDefinition',
    () => ecs.send(new RegisterTaskDefinitionCommand(taskDefinition('2'))),
    { label: 'revision 2' },
  );
  await rec.call('ecs', 'ListTaskDefinitions', () =>
    ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, sort: 'DESC' })),
  );
  const updated = await rec.call('ecs', 'UpdateService', () =>
    ecs.send(
      new UpdateServiceCommand({
        cluster,
        service: 'api',
        taskDefinition: second?.taskDefinition?.taskDefinitionArn ?? `${family}:2`,
      }),
    ),
  );
  await rec.call('ecs', 'DescribeServices', () =>
    ecs.send(new DescribeServicesCommand({ cluster, services: ['api'], include: ['TAGS'] })),
  );
  const listed = await rec.call('ecs', 'ListServiceDeployments', () =>
    ecs.send(new ListServiceDeploymentsCommand({ cluster, service: 'api' })),
  );
  const deploymentArns = (listed?.serviceDeployments ?? []).flatMap((d) =>
    d.serviceDeploymentArn ? [d.serviceDeploymentArn] : [],
  );
  await rec.call('ecs', 'DescribeServiceDeployments', () =>
    ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns:
          deploymentArns.length > 0
            ? deploymentArns
            : [`arn:aws:ecs:us-east-1:000000000000:service-deployment/${cluster}/api/x`],
      }),
    ),
  );

  // A cancelled deploy asks ECS to roll its deployment back (works with or without a configured rollback).
  await rec.call('ecs', 'StopServiceDeployment', () =>
    ecs.send(
      new StopServiceDeploymentCommand({
        serviceDeploymentArn:
          updated?.service?.currentServiceDeployment ??
          `arn:aws:ecs:us-east-1:000000000000:service-deployment/${cluster}/api/x`,
        stopType: 'ROLLBACK',
      }),
    ),
  );

  const run = await rec.call('ecs', 'RunTask', () =>
    ecs.send(
      new RunTaskCommand({
        cluster,
        taskDefinition: firstArn,
        launchType: 'FARGATE',
        networkConfiguration,
        overrides: { containerOverrides: [{ name: 'api', command: ['migrate', '--up'] }] },
        startedBy: 'conformance',
      }),
    ),
  );
  await options.afterRunTask?.();
  const taskArn = run?.tasks?.[0]?.taskArn ?? `arn:aws:ecs:us-east-1:000000000000:task/${cluster}/0`;
  await rec.call('ecs', 'DescribeTasks', () =>
    ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] })),
  );
  await rec.call('ecs', 'ListTasks', () =>
    ecs.send(new ListTasksCommand({ cluster, startedBy: 'conformance' })),
  );
  await rec.call('ecs', 'StopTask', () =>
    ecs.send(new StopTaskCommand({ cluster, task: taskArn, reason: 'conformance sequence done' })),
  );
  await rec.call('ecs', 'TagResource', () =>
    ecs.send(
      new TagResourceCommand({
        resourceArn:
          created?.service?.serviceArn ?? `arn:aws:ecs:us-east-1:000000000000:service/${cluster}/api`,
        tags: [{ key: 'release', value: 'r1' }],
      }),
    ),
  );

  // A revision nothing runs is the only kind one may deregister (never a rollback target).
  const third = await rec.call(
    'ecs',
    'RegisterTaskDefinition',
    () => ecs.send(new RegisterTaskDefinitionCommand(taskDefinition('3'))),
    { label: 'revision 3' },
  );
  await rec.call('ecs', 'DeregisterTaskDefinition', () =>
    ecs.send(
      new DeregisterTaskDefinitionCommand({
        taskDefinition: third?.taskDefinition?.taskDefinitionArn ?? `${family}:3`,
      }),
    ),
  );

  await rec.call('logs', 'FilterLogEvents', () =>
    logs.send(new FilterLogEventsCommand({ logGroupName, logStreamNamePrefix: 'api/' })),
  );
  // awslogs names a task's stream PREFIX/CONTAINER/TASK-ID.
  const taskId = taskArn.split('/').pop() ?? '';
  await rec.call(
    'logs',
    'GetLogEvents',
    () =>
      logs.send(
        new GetLogEventsCommand({ logGroupName, logStreamName: `api/api/${taskId}`, startFromHead: true }),
      ),
    { needsBehaviour: 'the stream exists only once the task really ran and wrote to awslogs' },
  );
}
