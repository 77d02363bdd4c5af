/**
 * The `loseResponse` fault: the simulator carries the call out, then closes the connection instead of answering,
 * as when an answer is lost on the way back. The real AWS SDK v3 clients retry the hang-up as a network error,
 * so a call without an idempotency token is carried out twice. `times` makes a rule lose exactly N answers.
 */
import { BatchGetImageCommand, DescribeImagesCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  ECSClient,
  ListClustersCommand,
  ListTasksCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { CallRecord } from '../src';
import { Scenario, validateRules, type ScenarioRule } from '../src/core/scenario';
import { credentials, register, startHarness, stopHarness, subnets, type Harness } from './ecs-helpers';

const TASK_DEFINITION = {
  family: 'api',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'api', image: 'public.ecr.aws/acme/api:1.0', essential: true }],
};

const SEED = {
  clusters: ['dev'],
  taskDefinitions: [TASK_DEFINITION],
  services: [
    {
      cluster: 'dev',
      serviceName: 'api',
      taskDefinition: 'api',
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: subnets,
    },
  ],
  repositories: [{ name: 'shop/api' }],
  images: [{ repository: 'shop/api', tags: ['v1'] }],
  buckets: [{ name: 'assets' }],
};

let h: Harness | undefined;
const clients: { destroy(): void }[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await stopHarness(h);
  h = undefined;
});

async function harness(randomSeed?: number): Promise<Harness> {
  h = await startHarness(1, SEED, randomSeed);
  return h;
}

async function control(
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${h!.sim.url}${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: await res.json() };
}

async function rules(list: unknown[]): Promise<void> {
  const { status, json } = await control('/_sim/scenario', 'POST', { rules: list });
  expect({ status, json }).toMatchObject({ status: 200 });
}

type Seen = Pick<CallRecord, 'status' | 'errorCode' | 'lost'>;

async function calls(action: string): Promise<Seen[]> {
  const { json } = await control(`/_sim/calls?action=${action}`);
  return (json as CallRecord[]).map(({ status, errorCode, lost }) => ({
    status,
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(lost !== undefined ? { lost } : {}),
  }));
}

function ecs(maxAttempts: number): ECSClient {
  const client = new ECSClient({ endpoint: h!.sim.url, region: 'us-east-1', credentials, maxAttempts });
  clients.push(client);
  return client;
}

describe('a lost RegisterTaskDefinition answer', () => {
  it('is retried by the SDK on its own, and ECS ends with two new revisions: the duplicate is real', async () => {
    await harness();
    await rules([{ api: 'ecs:RegisterTaskDefinition', fault: { loseResponse: 1, times: 1 } }]);
    const out = await ecs(3).send(
      new RegisterTaskDefinitionCommand({
        ...TASK_DEFINITION,
        containerDefinitions: [{ name: 'api', image: 'public.ecr.aws/acme/api:2.0', essential: true }],
      } as never),
    );
    // The caller sees one success, from the second attempt; the first attempt's revision was made all the same.
    expect(out.$metadata.attempts).toBe(2);
    expect(out.taskDefinition!.revision).toBe(3);
    const listed = await ecs(1).send(new ListTaskDefinitionsCommand({ familyPrefix: 'api' }));
    expect(listed.taskDefinitionArns!.map((arn) => arn.split(':').pop())).toEqual(['1', '2', '3']);
    expect(await calls('RegisterTaskDefinition')).toEqual([{ status: 200, lost: true }, { status: 200 }]);
  });
});

describe('a lost UpdateService answer', () => {
  it('fails the caller with a network error, and yet the service runs the new task definition', async () => {
    await harness();
    const revision2 = await register(ecs(1), 'api', 'public.ecr.aws/acme/api:2.0');
    await rules([{ api: 'ecs:UpdateService', fault: { loseResponse: 1, times: 1 } }]);
    await expect(
      ecs(1).send(new UpdateServiceCommand({ cluster: 'dev', service: 'api', taskDefinition: revision2 })),
    ).rejects.toThrow('socket hang up');
    const service = (await ecs(1).send(new DescribeServicesCommand({ cluster: 'dev', services: ['api'] })))
      .services![0]!;
    expect(service.taskDefinition).toBe(revision2);
    expect(service.deployments!.find((d) => d.status === 'PRIMARY')!.taskDefinition).toBe(revision2);
    expect(await calls('UpdateService')).toEqual([{ status: 200, lost: true }]);
  });

  it('is retried by the SDK: the caller sees one success, ECS saw the update twice', async () => {
    await harness();
    const revision2 = await register(ecs(1), 'api', 'public.ecr.aws/acme/api:2.0');
    await rules([{ api: 'ecs:UpdateService', fault: { loseResponse: 1, times: 1 } }]);
    const out = await ecs(3).send(
      new UpdateServiceCommand({ cluster: 'dev', service: 'api', taskDefinition: revision2 }),
    );
    expect(out.$metadata.attempts).toBe(2);
    expect(out.service!.taskDefinition).toBe(revision2);
    expect(await calls('UpdateService')).toEqual([{ status: 200, lost: true }, { status: 200 }]);
  });
});

describe('a lost RunTask answer', () => {
  it('is retried with the same clientToken, and ECS answers the task it started: no second task', async () => {
    await harness();
    const client = ecs(3);
    // What each attempt sends, seen inside the SDK's retry loop.
    const tokens: string[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        const body = (args.request as { body?: unknown }).body;
        if (typeof body === 'string' || body instanceof Uint8Array) {
          tokens.push(
            (JSON.parse(Buffer.from(body).toString('utf8')) as { clientToken: string }).clientToken,
          );
        }
        return next(args);
      },
      { step: 'deserialize', name: 'recordClientToken' },
    );
    await rules([{ api: 'ecs:RunTask', fault: { loseResponse: 1, times: 1 } }]);
    const run = await client.send(
      new RunTaskCommand({
        cluster: 'dev',
        taskDefinition: 'api',
        launchType: 'FARGATE',
        networkConfiguration: subnets,
      }),
    );
    expect(run.$metadata.attempts).toBe(2);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toMatch(/^[\x21-\x7e]{1,64}$/);
    expect(tokens[1]).toBe(tokens[0]);

    const own = run.tasks!.map((t) => t.taskArn!);
    expect(own).toHaveLength(1);
    // The cluster holds the service's task and the one RunTask started: the retry started none.
    const all = (await ecs(1).send(new ListTasksCommand({ cluster: 'dev' }))).taskArns!;
    const ofService = (await ecs(1).send(new ListTasksCommand({ cluster: 'dev', serviceName: 'api' })))
      .taskArns!;
    expect(ofService).toHaveLength(1);
    expect(all.filter((arn) => !ofService.includes(arn))).toEqual(own);
    expect(await calls('RunTask')).toEqual([{ status: 200, lost: true }, { status: 200 }]);
  });
});

describe('a lost ECR PutImage answer', () => {
  it('is retried by the SDK, and the retry is ImageAlreadyExistsException though the tag was put', async () => {
    await harness();
    const ecr = new ECRClient({ endpoint: h!.sim.url, region: 'us-east-1', credentials, maxAttempts: 3 });
    clients.push(ecr);
    const image = (
      await ecr.send(new BatchGetImageCommand({ repositoryName: 'shop/api', imageIds: [{ imageTag: 'v1' }] }))
    ).images![0]!;
    await rules([{ api: 'ecr:PutImage', fault: { loseResponse: 1, times: 1 } }]);
    await expect(
      ecr.send(
        new PutImageCommand({
          repositoryName: 'shop/api',
          imageManifest: image.imageManifest!,
          imageManifestMediaType: image.imageManifestMediaType!,
          imageTag: 'staging',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ImageAlreadyExistsException', $metadata: { attempts: 2 } });
    const described = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'shop/api', imageIds: [{ imageTag: 'staging' }] }),
    );
    expect(described.imageDetails![0]!.imageDigest).toBe(image.imageId!.imageDigest);
    expect(await calls('PutImage')).toEqual([
      { status: 200, lost: true },
      { status: 400, errorCode: 'ImageAlreadyExistsException' },
    ]);
  });
});

describe('every protocol', () => {
  it('awsQuery (STS) and S3 REST lose their answers the same way, error answers too', async () => {
    await harness();
    await rules([
      { api: 'sts:GetCallerIdentity', fault: { loseResponse: 1, times: 1 } },
      { api: 's3:PutObject', fault: { loseResponse: 1, times: 1 } },
      { api: 's3:GetObject', fault: { loseResponse: 1, times: 1 } },
    ]);
    const sts = new STSClient({ endpoint: h!.sim.url, region: 'us-east-1', credentials, maxAttempts: 3 });
    const s3 = new S3Client({
      endpoint: h!.sim.url,
      region: 'us-east-1',
      credentials,
      forcePathStyle: true,
      maxAttempts: 3,
    });
    clients.push(sts, s3);
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: '000000000000', $metadata: { attempts: 2 } });
    expect(await calls('GetCallerIdentity')).toEqual([{ status: 200, lost: true }, { status: 200 }]);

    // A missing key's 404 is lost too, and the retry gets the same answer.
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'assets', Key: 'missing.txt' })),
    ).rejects.toMatchObject({
      name: 'NoSuchKey',
      $metadata: { attempts: 2 },
    });
    expect(await calls('GetObject')).toEqual([
      { status: 404, errorCode: 'NoSuchKey', lost: true },
      { status: 404, errorCode: 'NoSuchKey' },
    ]);

    const put = await s3.send(new PutObjectCommand({ Bucket: 'assets', Key: 'a.txt', Body: 'hello' }));
    expect(put.$metadata.attempts).toBe(2);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'assets', Key: 'a.txt' }));
    expect(await got.Body!.transformToString()).toBe('hello');
    expect(await calls('PutObject')).toEqual([{ status: 200, lost: true }, { status: 200 }]);
  });

  it('GitHub’s REST API: the deployment is created, the caller gets no answer', async () => {
    await harness();
    await rules([{ api: 'github:CreateDeployment', fault: { loseResponse: 1 } }]);
    const api = `${h!.sim.url}/_github/api/repos/acme/shop/deployments`;
    const headers = { authorization: 'Bearer t', accept: 'application/vnd.github+json' };
    await expect(
      fetch(api, { method: 'POST', headers, body: JSON.stringify({ ref: 'main' }) }),
    ).rejects.toThrow();
    const listed = (await (await fetch(api, { headers })).json()) as { ref: string }[];
    expect(listed.map((d) => d.ref)).toEqual(['main']);
    expect(await calls('CreateDeployment')).toEqual([{ status: 201, lost: true }]);
  });
});

describe('times and the random seed', () => {
  it('a rule loses the answers of its first N strikes, then is spent and the calls answer', async () => {
    await harness();
    await rules([{ api: 'ecs:ListClusters', fault: { loseResponse: 1, times: 2 } }]);
    const client = ecs(3);
    expect((await client.send(new ListClustersCommand({}))).$metadata.attempts).toBe(3);
    expect((await client.send(new ListClustersCommand({}))).$metadata.attempts).toBe(1);
    expect(await calls('ListClusters')).toEqual([
      { status: 200, lost: true },
      { status: 200, lost: true },
      { status: 200 },
      { status: 200 },
    ]);
  });

  it('draws are repeatable with --random-seed (seed 7 draws 0.012, 0.062, 0.977: two lost at 50 %)', async () => {
    await harness(7);
    await rules([{ api: 'ecs:ListClusters', fault: { loseResponse: 0.5 } }]);
    expect((await ecs(3).send(new ListClustersCommand({}))).$metadata.attempts).toBe(3);
    expect(await calls('ListClusters')).toEqual([
      { status: 200, lost: true },
      { status: 200, lost: true },
      { status: 200 },
    ]);
  });

  it('counts against the rule that gave the fault; once spent, an earlier rule shows through', () => {
    const s = new Scenario();
    const draws = [0.9, 0.1, 0.1, 0.1];
    s.random = () => draws.shift() ?? 0.99;
    s.add(
      validateRules([
        { api: 'ecs:*', fault: { loseResponse: 0.5, latencyMs: 5 } },
        { api: 'ecs:RunTask', fault: { loseResponse: 1, times: 1 } },
      ] satisfies ScenarioRule[]),
    );
    expect(s.fault('ecs', 'RunTask')).toEqual({ loseResponse: 1, times: 1, latencyMs: 5 });
    // 0.9 < 1: the later rule strikes, and is spent.
    expect(s.strike('ecs', 'RunTask')).toBe('loseResponse');
    expect(s.fault('ecs', 'RunTask')).toEqual({ loseResponse: 0.5, latencyMs: 5 });
    // Now the earlier rule's 50 % applies, with no limit.
    expect(s.strike('ecs', 'RunTask')).toBe('loseResponse');
    expect(s.strike('ecs', 'RunTask')).toBe('loseResponse');
    expect(s.strike('ecs', 'RunTask')).toBe('loseResponse');
    expect(s.strike('ecs', 'RunTask')).toBeUndefined();
  });
});

describe('validation', () => {
  it.each([
    [
      { api: 'ecs:*', fault: { loseResponse: 1.5 } },
      'rules[0].fault "loseResponse" must be a probability from 0 to 1',
    ],
    [
      { api: 'ecs:*', fault: { loseResponse: '1' } },
      'rules[0].fault "loseResponse" must be a probability from 0 to 1',
    ],
    [
      { api: 'ecs:*', fault: { loseResponse: 1, times: 0 } },
      'rules[0].fault "times" must be a whole number, 1 or more',
    ],
    [
      { api: 'ecs:*', fault: { loseResponse: 1, times: 1.5 } },
      'rules[0].fault "times" must be a whole number, 1 or more',
    ],
    [
      { api: 'ecs:*', fault: { latencyMs: 100, times: 1 } },
      'rules[0].fault "times" counts the calls the rule strikes: it needs drop, throttle, error5xx or loseResponse',
    ],
    [{ api: 'ecs:*', fault: { loseResponses: 1 } }, 'rules[0].fault has an unknown key "loseResponses"'],
    [
      { api: 'ecs:*', fault: { latencyMs: -1 } },
      'rules[0].fault "latencyMs" must be a number of milliseconds, 0 or more',
    ],
    [{ api: 'ecs:*', fault: 0.5 }, 'rules[0].fault must be an object'],
    [{ image: '*', fault: { loseResponse: 1 } }, 'rules[0].fault strikes calls: the rule needs "api"'],
  ])('refuses %j', (rule, message) => {
    expect(() => validateRules([rule])).toThrow(message);
  });

  it('names the rule through POST /_sim/scenario and in a seed document, and adds nothing', async () => {
    await harness();
    const bad = { api: 'ecs:RegisterTaskDefinition', fault: { loseResponse: 1, times: 0 } };
    expect(await control('/_sim/scenario', 'POST', { rules: [{ api: 'ecs:*', fault: {} }, bad] })).toEqual({
      status: 400,
      json: {
        error: 'ValidationException',
        message: 'rules[1].fault "times" must be a whole number, 1 or more',
      },
    });
    expect(await control('/_sim/seed', 'POST', { rules: [bad] })).toMatchObject({
      status: 400,
      json: { message: 'seed.rules[0].fault "times" must be a whole number, 1 or more' },
    });
    expect((await control('/_sim/scenario')).json).toEqual({ rules: [] });
  });
});
