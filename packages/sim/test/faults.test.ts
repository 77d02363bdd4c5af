/**
 * Fault rules on AWS calls, seen through the real AWS SDK v3 clients: 5xx answers the SDK's retries absorb,
 * added latency, and dropped connections, each visible in /_sim/calls. A fixed fault seed makes the draws
 * repeatable (mulberry32 with seed 7 draws 0.012, 0.062, 0.977, …: two faults at 50 %, then none).
 */
import { DescribeClustersCommand, ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { CallRecord } from '../src';
import { credentials, startHarness, stopHarness, type Harness } from './ecs-helpers';

let h: Harness | undefined;
const clients: { destroy(): void }[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await stopHarness(h);
  h = undefined;
});

async function harness(rules: unknown[], randomSeed?: number): Promise<Harness> {
  h = await startHarness(1, { clusters: ['dev'], rules }, randomSeed);
  return h;
}

function ecs(options: { maxAttempts: number; requestTimeout?: number }): ECSClient {
  const client = new ECSClient({
    endpoint: h!.sim.url,
    region: 'us-east-1',
    credentials,
    maxAttempts: options.maxAttempts,
    ...(options.requestTimeout !== undefined
      ? { requestHandler: { requestTimeout: options.requestTimeout, throwOnRequestTimeout: true } }
      : {}),
  });
  clients.push(client);
  return client;
}

async function calls(action: string): Promise<Pick<CallRecord, 'status' | 'errorCode'>[]> {
  const res = await fetch(`${h!.sim.url}/_sim/calls?action=${action}`);
  return ((await res.json()) as CallRecord[]).map(({ status, errorCode }) => ({
    status,
    ...(errorCode !== undefined ? { errorCode } : {}),
  }));
}

describe('5xx', () => {
  it('is absorbed by the SDK retries, and each failed attempt shows in /_sim/calls as a 503', async () => {
    await harness([{ api: 'ecs:ListClusters', fault: { error5xx: 0.5 } }], 7);
    const out = await ecs({ maxAttempts: 3 }).send(new ListClustersCommand({}));
    expect(out.clusterArns).toEqual(['arn:aws:ecs:us-east-1:000000000000:cluster/dev']);
    expect(out.$metadata.attempts).toBe(3);
    expect(await calls('ListClusters')).toEqual([
      { status: 503, errorCode: 'ServiceUnavailableException' },
      { status: 503, errorCode: 'ServiceUnavailableException' },
      { status: 200 },
    ]);
  });

  it('fails the call once the attempts run out, with the protocol’s own error (STS: awsQuery XML)', async () => {
    await harness([{ api: 'sts:GetCallerIdentity', fault: { error5xx: 1 } }]);
    const sts = new STSClient({ endpoint: h!.sim.url, region: 'us-east-1', credentials, maxAttempts: 2 });
    clients.push(sts);
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503, attempts: 2 },
    });
    expect(await calls('GetCallerIdentity')).toEqual([
      { status: 503, errorCode: 'ServiceUnavailable' },
      { status: 503, errorCode: 'ServiceUnavailable' },
    ]);
  });
});

describe('latency', () => {
  it('slows only the matching call: a client whose deadline is shorter gives up, a patient one gets the answer', async () => {
    await harness([{ api: 'ecs:ListClusters', fault: { latencyMs: 400 } }]);
    await expect(
      ecs({ maxAttempts: 1, requestTimeout: 100 }).send(new ListClustersCommand({})),
    ).rejects.toMatchObject({ name: 'TimeoutError' });

    // Started together, the call without latency answers first; both answer.
    const client = ecs({ maxAttempts: 1 });
    const order: string[] = [];
    await Promise.all([
      client
        .send(new ListClustersCommand({}))
        .then((out) => order.push(`ListClusters ${out.clusterArns!.length}`)),
      client
        .send(new DescribeClustersCommand({ clusters: ['dev'] }))
        .then((out) => order.push(`DescribeClusters ${out.clusters!.length}`)),
    ]);
    expect(order).toEqual(['DescribeClusters 1', 'ListClusters 1']);
    expect(await calls('ListClusters')).toEqual([{ status: 200 }, { status: 200 }]);
  });
});

describe('dropped connections', () => {
  it('are retried by the SDK like any network error, and show in /_sim/calls as ConnectionDropped', async () => {
    await harness([{ api: 'ecs:ListClusters', fault: { drop: 0.5 } }], 7);
    const out = await ecs({ maxAttempts: 3 }).send(new ListClustersCommand({}));
    expect(out.clusterArns).toHaveLength(1);
    expect(out.$metadata.attempts).toBe(3);
    expect(await calls('ListClusters')).toEqual([
      { status: 0, errorCode: 'ConnectionDropped' },
      { status: 0, errorCode: 'ConnectionDropped' },
      { status: 200 },
    ]);
  });

  it('fail the call with a socket error once the attempts run out; other calls are untouched', async () => {
    await harness([{ api: 'ecs:ListClusters', fault: { drop: 1 } }]);
    const client = ecs({ maxAttempts: 2 });
    await expect(client.send(new ListClustersCommand({}))).rejects.toThrow('socket hang up');
    expect(await calls('ListClusters')).toEqual([
      { status: 0, errorCode: 'ConnectionDropped' },
      { status: 0, errorCode: 'ConnectionDropped' },
    ]);
    const described = await client.send(new DescribeClustersCommand({ clusters: ['dev'] }));
    expect(described.clusters![0]!.clusterName).toBe('dev');
  });
});
