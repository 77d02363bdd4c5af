import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { STSClient } from '@aws-sdk/client-sts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALL_GRACE_MS, CallBudget, callAws, ConfigurationError, FakeClock, VERSION } from '../src';
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

/** An endpoint that takes every request and never answers, as a stalled connection does. */
async function hangingServer(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server: Server = createServer(() => void received++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('deadlines', () => {
  let hanging: Awaited<ReturnType<typeof hangingServer>>;
  beforeEach(async () => {
    hanging = await hangingServer();
  });
  afterEach(async () => {
    await hanging.close();
  });

  it('every client waits at most 30 s for an answer per attempt, 10 s to connect', async () => {
    const ecs = createClient(ECSClient, { region: 'us-east-1', credentials });
    const handler = ecs.config.requestHandler as unknown as {
      configProvider: Promise<Record<string, unknown>>;
    };
    expect(await handler.configProvider).toMatchObject({
      requestTimeout: 30_000,
      connectionTimeout: 10_000,
      throwOnRequestTimeout: true,
    });
  });

  it('an attempt with no answer fails with TimeoutError after requestTimeoutMs', async () => {
    const ecs = createClient(ECSClient, {
      region: 'us-east-1',
      credentials,
      endpoint: hanging.url,
      maxAttempts: 2,
      requestTimeoutMs: 200,
    });
    const started = Date.now();
    await expect(
      callAws('ecs:ListClusters', () => ecs.send(new ListClustersCommand({}))),
    ).rejects.toMatchObject({ code: 'TimeoutError' });
    expect(hanging.received()).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a call outliving its phase’s deadline is cut off then, however many attempts it had left', async () => {
    const budget = new CallBudget(undefined, new FakeClock(0));
    const ecs = createClient(ECSClient, { region: 'us-east-1', credentials, endpoint: hanging.url, budget });
    const started = Date.now();
    const call = budget.within({ deadline: 300 - CALL_GRACE_MS }, () =>
      callAws('ecs:ListClusters', () => ecs.send(new ListClustersCommand({}))),
    );
    await expect(call).rejects.toMatchObject({
      code: 'TimeoutError',
      message: 'No answer within the 300ms the run had left for the call.',
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(hanging.received()).toBe(1);
  });

  it('a cancel aborts the call in flight at once, and every call after it', async () => {
    const controller = new AbortController();
    const budget = new CallBudget(controller.signal);
    const ecs = createClient(ECSClient, { region: 'us-east-1', credentials, endpoint: hanging.url, budget });
    const inFlight = callAws('ecs:ListClusters', () => ecs.send(new ListClustersCommand({})));
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort(Object.assign(new Error('Cancelled by SIGINT'), { name: 'AbortError' }));
    await expect(inFlight).rejects.toMatchObject({ code: 'AbortError', message: 'Cancelled by SIGINT' });
    await expect(ecs.send(new ListClustersCommand({}))).rejects.toThrow('Cancelled by SIGINT');
    expect(hanging.received()).toBe(1);
  });
});
