/**
 * Keys the simulator never issued, on the awsJson services: ECS and ECR answer UnrecognizedClientException
 * (HTTP 400, "The security token included in the request is invalid."), as AWS does, and the call log says so.
 */
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { CallRecord } from '../src';
import { asCredentials, startSimulator, stsClient, type RunningSimulator } from './oidc-helpers';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      roles: [
        {
          arn: 'arn:aws:iam::000000000000:role/deploy',
          trustPolicy: {
            Statement: [{ Effect: 'Allow', Principal: { AWS: '000000000000' }, Action: 'sts:AssumeRole' }],
          },
        },
      ],
    },
  });
});

afterAll(async () => {
  await sim.close();
});

function clients(credentials: Credentials): { ecs: ECSClient; ecr: ECRClient } {
  const config = { endpoint: sim.url, region: 'us-east-1', credentials, maxAttempts: 1 };
  return { ecs: new ECSClient(config), ecr: new ECRClient(config) };
}

async function refusal(
  send: Promise<unknown>,
): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await send;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded');
}

const UNRECOGNIZED = {
  name: 'UnrecognizedClientException',
  message: 'The security token included in the request is invalid.',
  status: 400,
};

describe.each<[string, () => Promise<Credentials>]>([
  [
    'a long-term key it does not know',
    async () => ({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }),
  ],
  [
    'temporary credentials it never issued',
    async () => ({ accessKeyId: 'ASIAFORGED0000000000', secretAccessKey: 'x', sessionToken: 'forged' }),
  ],
  [
    'an issued key with another session token',
    async () => {
      const sts = stsClient(sim, { accessKeyId: 'test', secretAccessKey: 'test' });
      try {
        const out = await sts.send(
          new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/deploy', RoleSessionName: 'ci' }),
        );
        return { ...asCredentials(out.Credentials), sessionToken: 'not-the-issued-token' };
      } finally {
        sts.destroy();
      }
    },
  ],
])('%s', (_name, credentials) => {
  it('is refused by ECS and ECR with UnrecognizedClientException, shown in /_sim/calls', async () => {
    const since = Date.now();
    const { ecs, ecr } = clients(await credentials());
    try {
      expect(await refusal(ecs.send(new ListClustersCommand({})))).toEqual(UNRECOGNIZED);
      expect(await refusal(ecr.send(new DescribeRepositoriesCommand({})))).toEqual(UNRECOGNIZED);
    } finally {
      ecs.destroy();
      ecr.destroy();
    }
    const calls = (await (await fetch(`${sim.url}/_sim/calls?since=${since}`)).json()) as CallRecord[];
    expect(
      calls.filter((c) => c.service !== 'sts').map((c) => [c.service, c.action, c.status, c.errorCode]),
    ).toEqual([
      ['ecs', 'ListClusters', 400, 'UnrecognizedClientException'],
      ['ecr', 'DescribeRepositories', 400, 'UnrecognizedClientException'],
    ]);
  });
});

it('the static test key and 12-digit account keys are accepted', async () => {
  for (const accessKeyId of ['test', '111111111111']) {
    const { ecs, ecr } = clients({ accessKeyId, secretAccessKey: 'anything' });
    try {
      await expect(ecs.send(new ListClustersCommand({}))).resolves.toMatchObject({ clusterArns: [] });
      await expect(ecr.send(new DescribeRepositoriesCommand({}))).resolves.toMatchObject({
        repositories: [],
      });
    } finally {
      ecs.destroy();
      ecr.destroy();
    }
  }
});
