import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { providerFor } from '../src/cloudformation/resources';
import { startSimulator, type RunningSimulator } from '../src/index';
import { contextFor, failureOf, handlerFailure, StackResource } from './cfn-resources-helpers';

let sim: RunningSimulator;
const config = (): Record<string, unknown> => ({
  endpoint: sim.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

test('an ECR repository made by CloudFormation is described by ECR; its settings update in place, a new name replaces it', async () => {
  const ecr = new ECRClient(config());
  const repo = new StackResource(sim.sim, 'AWS::ECR::Repository', 'Repo');
  const made = repo.create({
    RepositoryName: 'shop/api',
    ImageTagMutability: 'IMMUTABLE',
    ImageScanningConfiguration: { ScanOnPush: true },
    LifecyclePolicy: { LifecyclePolicyText: JSON.stringify({ rules: [] }) },
    Tags: [{ Key: 'team', Value: 'shop' }],
  });
  expect(made).toEqual({
    physicalId: 'shop/api',
    attributes: {
      Arn: 'arn:aws:ecr:us-east-1:000000000000:repository/shop/api',
      RepositoryUri: `${sim.sim.host}/000000000000/us-east-1/shop/api`,
    },
  });
  const described = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['shop/api'] })))
    .repositories![0]!;
  expect(described).toMatchObject({
    repositoryUri: made.attributes['RepositoryUri'],
    imageTagMutability: 'IMMUTABLE',
    imageScanningConfiguration: { scanOnPush: true },
  });
  expect(repo.update({ RepositoryName: 'shop/api', ImageTagMutability: 'MUTABLE' }).replaced).toBe(false);
  const updated = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['shop/api'] })))
    .repositories![0]!;
  expect(updated).toMatchObject({
    imageTagMutability: 'MUTABLE',
    imageScanningConfiguration: { scanOnPush: false },
  });

  sim.sim.seed({ images: [{ repository: 'shop/api', tags: ['v1'] }] });
  // A repository with images is not deleted, unless the template says EmptyOnDelete.
  expect(failureOf(() => repo.delete())).toMatch(
    handlerFailure(
      "The repository with name 'shop/api' in registry with id '000000000000' cannot be deleted because it still contains images",
      'GeneralServiceException',
    ),
  );
  repo.properties = { RepositoryName: 'shop/api', EmptyOnDelete: true };
  expect(repo.update({ RepositoryName: 'shop/web', EmptyOnDelete: true }).replaced).toBe(true);
  const names = (await ecr.send(new DescribeRepositoriesCommand({}))).repositories!.map(
    (r) => r.repositoryName,
  );
  expect(names).toContain('shop/web');
  expect(names).not.toContain('shop/api');

  const unnamed = new StackResource(sim.sim, 'AWS::ECR::Repository', 'AppRepo', 'MyStack').create({});
  expect(unnamed.physicalId).toMatch(/^mystack-apprepo-[a-z0-9]{12}$/);
  expect(
    failureOf(() =>
      new StackResource(sim.sim, 'AWS::ECR::Repository', 'Bad').create({ ImageTagMutability: 'SOMETIMES' }),
    ),
  ).toMatch(
    /^Resource handler returned message: "1 validation error detected: Value 'SOMETIMES' at 'imageTagMutability'.*HandlerErrorCode: InvalidRequest\)$/,
  );
  ecr.destroy();
});

test('a log group keeps its retention; the retention is removed when the template drops it', async () => {
  const logs = new CloudWatchLogsClient(config());
  const group = new StackResource(sim.sim, 'AWS::Logs::LogGroup', 'Logs');
  expect(group.create({ LogGroupName: '/ecs/shop', RetentionInDays: 14 })).toEqual({
    physicalId: '/ecs/shop',
    attributes: { Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/ecs/shop:*' },
  });
  const read = async (): Promise<number | undefined> =>
    (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/shop' }))).logGroups![0]!
      .retentionInDays;
  expect(await read()).toBe(14);
  group.update({ LogGroupName: '/ecs/shop' });
  expect(await read()).toBeUndefined();
  expect(
    failureOf(() =>
      new StackResource(sim.sim, 'AWS::Logs::LogGroup', 'Again').create({ LogGroupName: '/ecs/shop' }),
    ),
  ).toMatch(
    handlerFailure(
      "Resource of type 'AWS::Logs::LogGroup' with identifier '/ecs/shop' already exists.",
      'AlreadyExists',
    ),
  );
  group.delete();
  expect(
    (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/shop' }))).logGroups,
  ).toEqual([]);
  group.delete(); // already gone: nothing left to do
  logs.destroy();
});

test('an SSM parameter is created, overwritten on update, refused as a SecureString, and deleted', async () => {
  const ssm = new SSMClient(config());
  const param = new StackResource(sim.sim, 'AWS::SSM::Parameter', 'Version', 'CDKToolkit');
  expect(param.create({ Name: '/cdk-bootstrap/hnb659fds/version', Type: 'String', Value: '30' })).toEqual({
    physicalId: '/cdk-bootstrap/hnb659fds/version',
    attributes: { Type: 'String', Value: '30' },
  });
  param.update({ Name: '/cdk-bootstrap/hnb659fds/version', Type: 'String', Value: '31' });
  const got = await ssm.send(new GetParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version' }));
  expect(got.Parameter).toMatchObject({ Value: '31', Version: 2, Type: 'String' });
  expect(
    failureOf(() =>
      new StackResource(sim.sim, 'AWS::SSM::Parameter', 'Secret').create({
        Type: 'SecureString',
        Value: 'x',
      }),
    ),
  ).toBe(
    'Properties validation failed for resource Secret with message: [#/Type: SecureString is not a valid enum value]',
  );
  expect(
    failureOf(() =>
      new StackResource(sim.sim, 'AWS::SSM::Parameter', 'Empty').create({ Type: 'String', Value: '' }),
    ),
  ).toMatch(
    /^Resource handler returned message: "1 validation error detected: Value '' at 'value' failed to satisfy constraint/,
  );
  const unnamed = new StackResource(sim.sim, 'AWS::SSM::Parameter', 'Flag').create({
    Type: 'StringList',
    Value: 'a,b',
  });
  expect(unnamed.physicalId).toMatch(/^CFN-Flag-\w+$/);
  param.delete();
  await expect(
    ssm.send(new GetParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version' })),
  ).rejects.toMatchObject({
    name: 'ParameterNotFound',
  });
  ssm.destroy();
});

test('unmodelled EC2 and load balancer types get ids and attributes of their real form', () => {
  const make = (type: string, props: Record<string, unknown> = {}) =>
    providerFor(type).create(contextFor(sim.sim, 'X'), props);
  const vpc = make('AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16' });
  expect(vpc.physicalId).toMatch(/^vpc-0[0-9a-f]{16}$/);
  expect(vpc.attributes).toMatchObject({ VpcId: vpc.physicalId, CidrBlock: '10.1.0.0/16' });
  expect(vpc.attributes['DefaultSecurityGroup']).toMatch(/^sg-0[0-9a-f]{16}$/);
  const subnet = make('AWS::EC2::Subnet', { VpcId: vpc.physicalId, AvailabilityZone: 'us-east-1b' });
  expect(subnet.physicalId).toMatch(/^subnet-0[0-9a-f]{16}$/);
  expect(subnet.attributes).toMatchObject({
    SubnetId: subnet.physicalId,
    VpcId: vpc.physicalId,
    AvailabilityZone: 'us-east-1b',
  });
  const sg = make('AWS::EC2::SecurityGroup', { VpcId: vpc.physicalId });
  expect(sg.physicalId).toMatch(/^sg-0[0-9a-f]{16}$/);
  expect(sg.attributes['GroupId']).toBe(sg.physicalId);
  for (const [type, prefix] of [
    ['AWS::EC2::InternetGateway', 'igw'],
    ['AWS::EC2::RouteTable', 'rtb'],
    ['AWS::EC2::NatGateway', 'nat'],
  ] as const) {
    expect(make(type).physicalId).toMatch(new RegExp(`^${prefix}-0[0-9a-f]{16}$`));
  }
  expect(make('AWS::EC2::EIP').attributes['AllocationId']).toMatch(/^eipalloc-0[0-9a-f]{16}$/);
  expect(make('AWS::ElasticLoadBalancingV2::TargetGroup').physicalId).toMatch(
    /^arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup\/[\w-]+\/[0-9a-f]{16}$/,
  );
  expect(make('AWS::Lambda::Function').physicalId).toMatch(/^app-X-[0-9A-F]{12}$/);
});
