import {
  CreateStackCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DetectStackDriftCommand,
  DetectStackResourceDriftCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { useProviders } from '../src/cloudformation';
import {
  cfnClient,
  settled,
  startSimulator,
  template,
  type RunningSimulator,
} from './cloudformation-helpers';

let sim: RunningSimulator;
let cfn: CloudFormationClient;
const clientConfig = (): NonNullable<ConstructorParameters<typeof SSMClient>[0]> => ({
  endpoint: sim.url,
  region: 'us-east-1',
  maxAttempts: 1,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

beforeAll(async () => {
  sim = await startSimulator({
    timeScale: 100,
    seed: {
      clusters: ['shop'],
      taskDefinitions: [
        { family: 'api', containerDefinitions: [{ name: 'app', image: 'nginx', memory: 128 }] },
      ],
      services: [{ cluster: 'shop', serviceName: 'api', taskDefinition: 'api:1', desiredCount: 2 }],
    },
  });
  // The stack's service is the seeded one: the drift check reads the ECS model by the service's ARN.
  const serviceArn = 'arn:aws:ecs:us-east-1:000000000000:service/shop/api';
  useProviders(sim.sim, (type) =>
    type === 'AWS::ECS::Service'
      ? {
          create: () => ({ physicalId: serviceArn, attributes: { Name: 'api' } }),
          needsReplacement: () => false,
          update: (_ctx, current) => current,
          delete: () => undefined,
        }
      : undefined,
  );
  cfn = cfnClient(sim);
});
afterAll(() => sim.close());

async function detect(
  stackName: string,
): Promise<{ status: string | undefined; drifted: number | undefined }> {
  const { StackDriftDetectionId } = await cfn.send(new DetectStackDriftCommand({ StackName: stackName }));
  const status = await cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }));
  expect(status.DetectionStatus).toBe('DETECTION_COMPLETE');
  return { status: status.StackDriftStatus, drifted: status.DriftedStackResourceCount };
}

test('drift: every resource IN_SYNC until an SSM parameter value is changed outside CloudFormation', async () => {
  await cfn.send(
    new CreateStackCommand({
      StackName: 'config',
      TemplateBody: template({
        Url: {
          Type: 'AWS::SSM::Parameter',
          Properties: { Name: '/app/url', Type: 'String', Value: 'https://a' },
        },
        Topic: { Type: 'AWS::SNS::Topic' },
      }),
    }),
  );
  expect((await settled(cfn, 'config')).StackStatus).toBe('CREATE_COMPLETE');
  expect(await detect('config')).toEqual({ status: 'IN_SYNC', drifted: 0 });

  const ssm = new SSMClient(clientConfig());
  await ssm.send(
    new PutParameterCommand({ Name: '/app/url', Value: 'https://b', Overwrite: true, Type: 'String' }),
  );
  expect(await detect('config')).toEqual({ status: 'DRIFTED', drifted: 1 });
  const { StackResourceDrifts } = await cfn.send(
    new DescribeStackResourceDriftsCommand({ StackName: 'config' }),
  );
  const url = StackResourceDrifts!.find((d) => d.LogicalResourceId === 'Url')!;
  expect(url).toMatchObject({
    PhysicalResourceId: '/app/url',
    ResourceType: 'AWS::SSM::Parameter',
    StackResourceDriftStatus: 'MODIFIED',
    PropertyDifferences: [
      {
        PropertyPath: '/Value',
        ExpectedValue: 'https://a',
        ActualValue: 'https://b',
        DifferenceType: 'NOT_EQUAL',
      },
    ],
  });
  expect(JSON.parse(url.ActualProperties!)).toMatchObject({ Value: 'https://b' });
  expect(StackResourceDrifts!.find((d) => d.LogicalResourceId === 'Topic')!.StackResourceDriftStatus).toBe(
    'IN_SYNC',
  );
});

test('drift: an ECS service whose desired count was changed outside CloudFormation is MODIFIED', async () => {
  const taskDefinition = 'arn:aws:ecs:us-east-1:000000000000:task-definition/api:1';
  await cfn.send(
    new CreateStackCommand({
      StackName: 'svc',
      TemplateBody: template({
        Service: {
          Type: 'AWS::ECS::Service',
          Properties: {
            Cluster: 'shop',
            ServiceName: 'api',
            TaskDefinition: taskDefinition,
            DesiredCount: 2,
          },
        },
      }),
    }),
  );
  expect((await settled(cfn, 'svc')).StackStatus).toBe('CREATE_COMPLETE');
  expect(await detect('svc')).toEqual({ status: 'IN_SYNC', drifted: 0 });

  const ecs = new ECSClient(clientConfig());
  await ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount: 5 }));
  expect(await detect('svc')).toEqual({ status: 'DRIFTED', drifted: 1 });
  const { StackResourceDrifts } = await cfn.send(
    new DescribeStackResourceDriftsCommand({
      StackName: 'svc',
      StackResourceDriftStatusFilters: ['MODIFIED'],
    }),
  );
  expect(StackResourceDrifts!.map((d) => [d.LogicalResourceId, d.PropertyDifferences])).toEqual([
    [
      'Service',
      [{ PropertyPath: '/DesiredCount', ExpectedValue: '2', ActualValue: '5', DifferenceType: 'NOT_EQUAL' }],
    ],
  ]);
  const single = await cfn.send(
    new DetectStackResourceDriftCommand({ StackName: 'svc', LogicalResourceId: 'Service' }),
  );
  expect(single.StackResourceDrift).toMatchObject({
    StackResourceDriftStatus: 'MODIFIED',
    PhysicalResourceId: 'arn:aws:ecs:us-east-1:000000000000:service/shop/api',
  });
});
