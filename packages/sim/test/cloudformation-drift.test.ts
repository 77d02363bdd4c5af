import {
  CreateStackCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DetectStackDriftCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
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
  sim = await startSimulator({ timeScale: 100 });
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
