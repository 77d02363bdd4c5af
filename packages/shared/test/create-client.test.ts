import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { STSClient } from '@aws-sdk/client-sts';
import { ConfigurationError, VERSION } from '../src';
import { createClient, endpointEnvName, resolveEndpoint } from '../src/aws';
import { setEnv } from './helpers/capture';
import { startFakeAws, type FakeAws } from './helpers/fake-aws';

const ok = { status: 200, body: '{"clusterArns":[],"logGroups":[]}' };
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

let restoreEnv: () => void;
const servers: FakeAws[] = [];

beforeEach(() => {
  restoreEnv = setEnv({
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_ENDPOINT_URL: undefined,
    AWS_ENDPOINT_URL_ECS: undefined,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: undefined,
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: undefined,
  });
});

afterEach(async () => {
  restoreEnv();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(reply: Parameters<typeof startFakeAws>[0] = () => ok): Promise<FakeAws> {
  const s = await startFakeAws(reply);
  servers.push(s);
  return s;
}

describe('region', () => {
  it.each([
    [
      'the given region first',
      { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-2' },
      'ap-south-1',
      'ap-south-1',
    ],
    ['then AWS_REGION', { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-2' }, undefined, 'eu-west-1'],
    ['then AWS_DEFAULT_REGION', { AWS_DEFAULT_REGION: 'eu-west-2' }, undefined, 'eu-west-2'],
  ])('%s', async (_what, env, given, expected) => {
    Object.assign(process.env, env);
    const client = createClient(ECSClient, { region: given, credentials });
    expect(await client.config.region()).toBe(expected);
  });

  it('without any, a configuration error names aws-region', () => {
    expect(() => createClient(ECSClient, { credentials })).toThrow(ConfigurationError);
    expect(() => createClient(ECSClient, { credentials })).toThrow(
      'Input "aws-region" is required: no region was given and neither AWS_REGION nor AWS_DEFAULT_REGION is set.',
    );
  });
});

describe('endpoint', () => {
  it.each([
    ['ECS', 'AWS_ENDPOINT_URL_ECS'],
    ['CloudWatch Logs', 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'],
    ['Application Auto Scaling', 'AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING'],
  ])('%s → %s', (serviceId, name) => {
    expect(endpointEnvName(serviceId)).toBe(name);
  });

  it('prefers the service-specific variable, then AWS_ENDPOINT_URL; the opt-out disables both', () => {
    expect(resolveEndpoint('ECS', { AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_ECS: 'http://b' })).toBe(
      'http://b',
    );
    expect(resolveEndpoint('ECS', { AWS_ENDPOINT_URL: 'http://a' })).toBe('http://a');
    expect(resolveEndpoint('ECS', {})).toBeUndefined();
    expect(
      resolveEndpoint('ECS', { AWS_ENDPOINT_URL: 'http://a', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }),
    ).toBeUndefined();
  });

  it('sends each service to its own endpoint, the rest to AWS_ENDPOINT_URL', async () => {
    const general = await server();
    const logs = await server();
    process.env['AWS_ENDPOINT_URL'] = general.url;
    process.env['AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'] = logs.url;
    const ecs = createClient(ECSClient, { region: 'us-east-1', credentials });
    const cwl = createClient(CloudWatchLogsClient, { region: 'us-east-1', credentials });
    await ecs.send(new ListClustersCommand({}));
    await cwl.send(new DescribeLogGroupsCommand({}));
    expect(general.requests.map((r) => r.headers['x-amz-target'])).toEqual([
      'AmazonEC2ContainerServiceV20141113.ListClusters',
    ]);
    expect(logs.requests.map((r) => r.headers['x-amz-target'])).toEqual(['Logs_20140328.DescribeLogGroups']);
  });
});

describe('retries and user agent', () => {
  it('retries throttling and 5xx with the standard strategy, up to maxAttempts', async () => {
    const fake = await server((_req, i) =>
      i < 2 ? { status: 500, body: '{"__type":"ServerException","message":"boom"}' } : ok,
    );
    const ecs = createClient(ECSClient, {
      region: 'us-east-1',
      credentials,
      endpoint: fake.url,
      maxAttempts: 3,
    });
    await expect(ecs.send(new ListClustersCommand({}))).resolves.toMatchObject({ clusterArns: [] });
    expect(fake.requests).toHaveLength(3);
    expect(await ecs.config.retryStrategy()).toMatchObject({ mode: 'standard' });
  });

  it('gives up after maxAttempts', async () => {
    const fake = await server(() => ({ status: 500, body: '{"__type":"ServerException","message":"boom"}' }));
    const ecs = createClient(ECSClient, {
      region: 'us-east-1',
      credentials,
      endpoint: fake.url,
      maxAttempts: 2,
    });
    await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({ name: 'ServerException' });
    expect(fake.requests).toHaveLength(2);
  });

  it('defaults to 5 attempts, for every client', async () => {
    for (const client of [
      createClient(ECSClient, { region: 'us-east-1', credentials }),
      createClient(ECRClient, { region: 'us-east-1', credentials }),
      createClient(STSClient, { region: 'us-east-1', credentials }),
      createClient(CloudWatchLogsClient, { region: 'us-east-1', credentials }),
    ]) {
      expect(await client.config.maxAttempts()).toBe(5);
    }
  });

  it('identifies itself as ecs-delivery/<version>', async () => {
    const fake = await server();
    await createClient(ECSClient, { region: 'us-east-1', credentials, endpoint: fake.url }).send(
      new ListClustersCommand({}),
    );
    await createClient(ECSClient, {
      region: 'us-east-1',
      credentials,
      endpoint: fake.url,
      userAgentVersion: '9.9.9',
    }).send(new ListClustersCommand({}));
    const agents = fake.requests.map((r) => String(r.headers['x-amz-user-agent'] ?? r.headers['user-agent']));
    expect(agents[0]).toContain(`ecs-delivery/${VERSION}`);
    expect(agents[1]).toContain('ecs-delivery/9.9.9');
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
