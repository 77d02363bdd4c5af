/**
 * A mutating ECS call whose answer is lost is not resent blindly: RegisterTaskDefinition and UpdateService look
 * at what the call did first. `loseResponse` carries the call out and hangs up; `drop` hangs up having done nothing.
 */
import { DescribeServicesCommand, ECSClient, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { startSimulator, type RunningSimulator } from '@ecs-delivery/sim';
import { AwsOperationError } from '../src/errors/aws-operation-error';
import { isLostAnswer, registerIfChanged, updateServiceOnce } from '../src/ecs';

const TASK_DEFINITION = {
  family: 'api',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'api', image: 'public.ecr.aws/acme/api:1.0', essential: true }],
};
const V2 = {
  ...TASK_DEFINITION,
  containerDefinitions: [{ name: 'api', image: 'public.ecr.aws/acme/api:2.0', essential: true }],
} as never;

let sim: RunningSimulator;
let ecs: ECSClient;

beforeEach(async () => {
  sim = await startSimulator({});
  ecs = new ECSClient({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: '000000000000', secretAccessKey: 'test' },
    maxAttempts: 3,
  });
  await post('/_sim/seed', {
    clusters: ['dev'],
    taskDefinitions: [TASK_DEFINITION],
    services: [
      {
        cluster: 'dev',
        serviceName: 'api',
        taskDefinition: 'api',
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: {
          awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'], assignPublicIp: 'DISABLED' },
        },
      },
    ],
  });
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

async function post(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

async function calls(action: string): Promise<{ status: number; lost?: true }[]> {
  const res = await fetch(`${sim.url}/_sim/calls?action=${action}`);
  return ((await res.json()) as { status: number; lost?: true }[]).map(({ status, lost }) => ({
    status,
    ...(lost !== undefined ? { lost } : {}),
  }));
}

async function revisions(): Promise<string[]> {
  const out = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'api' }));
  return out.taskDefinitionArns!.map((arn) => arn.split(':').pop()!);
}

describe('registerIfChanged after a lost answer', () => {
  it('uses the revision the lost call registered: one new revision, no resend', async () => {
    await post('/_sim/scenario', {
      rules: [{ api: 'ecs:RegisterTaskDefinition', fault: { loseResponse: 1, times: 1 } }],
    });
    const out = await registerIfChanged(ecs, V2, undefined);
    expect(out).toEqual({ arn: expect.stringMatching(/:task-definition\/api:2$/), registered: true });
    expect(await revisions()).toEqual(['1', '2']);
    expect(await calls('RegisterTaskDefinition')).toEqual([{ status: 200, lost: true }]);
  });

  it('registers again when the call was not carried out', async () => {
    await post('/_sim/scenario', {
      rules: [{ api: 'ecs:RegisterTaskDefinition', fault: { drop: 1, times: 1 } }],
    });
    const out = await registerIfChanged(ecs, V2, undefined);
    expect(out.arn).toMatch(/:task-definition\/api:2$/);
    expect(await revisions()).toEqual(['1', '2']);
    expect(await calls('RegisterTaskDefinition')).toEqual([{ status: 0 }, { status: 200 }]);
  });

  it('gives up after a few lost answers that carried nothing out', async () => {
    await post('/_sim/scenario', { rules: [{ api: 'ecs:RegisterTaskDefinition', fault: { drop: 1 } }] });
    await expect(registerIfChanged(ecs, V2, undefined)).rejects.toMatchObject({
      name: 'AwsOperationError',
      code: 'LostAnswerError',
    });
    expect(await calls('RegisterTaskDefinition')).toHaveLength(4);
    expect(await revisions()).toEqual(['1']);
  });
});

describe('updateServiceOnce after a lost answer', () => {
  async function service() {
    return (await ecs.send(new DescribeServicesCommand({ cluster: 'dev', services: ['api'] }))).services![0]!;
  }

  it('takes the deployment the lost call started: the update is sent once', async () => {
    const v2 = (await registerIfChanged(ecs, V2, undefined)).arn;
    const before = (await service()).deployments!.map((d) => d.id!);
    await post('/_sim/scenario', {
      rules: [{ api: 'ecs:UpdateService', fault: { loseResponse: 1, times: 1 } }],
    });
    const out = await updateServiceOnce(ecs, { cluster: 'dev', service: 'api', taskDefinition: v2 }, before);
    const primary = (await service()).deployments!.find((d) => d.status === 'PRIMARY')!;
    expect(primary.taskDefinition).toBe(v2);
    expect(before).not.toContain(primary.id);
    expect(out).toMatchObject({ deploymentId: primary.id, taskDefinitionArn: v2 });
    expect(await calls('UpdateService')).toEqual([{ status: 200, lost: true }]);
  });

  it('sends the update again when the call was not carried out', async () => {
    const v2 = (await registerIfChanged(ecs, V2, undefined)).arn;
    const before = (await service()).deployments!.map((d) => d.id!);
    await post('/_sim/scenario', { rules: [{ api: 'ecs:UpdateService', fault: { drop: 1, times: 1 } }] });
    const out = await updateServiceOnce(ecs, { cluster: 'dev', service: 'api', taskDefinition: v2 }, before);
    expect(out!.taskDefinitionArn).toBe(v2);
    expect((await service()).taskDefinition).toBe(v2);
    expect(await calls('UpdateService')).toEqual([{ status: 0 }, { status: 200 }]);
  });

  it('leaves throttling to the SDK retries: no DescribeServices in between', async () => {
    const v2 = (await registerIfChanged(ecs, V2, undefined)).arn;
    await post('/_sim/scenario', { rules: [{ api: 'ecs:UpdateService', fault: { throttle: 1, times: 1 } }] });
    await updateServiceOnce(ecs, { cluster: 'dev', service: 'api', taskDefinition: v2 }, []);
    expect((await calls('UpdateService')).map((c) => c.status)).toEqual([400, 200]);
    expect(await calls('DescribeServices')).toEqual([]);
  });
});

describe('isLostAnswer', () => {
  it.each(
    (
      [
        [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
        [Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }), true],
        [Object.assign(new Error('Connection timed out after 30000 ms'), { name: 'TimeoutError' }), true],
        [Object.assign(new Error('The answer was lost'), { name: 'LostAnswerError' }), true],
        [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), false],
        [Object.assign(new Error('aborted'), { name: 'AbortError' }), false],
        [
          Object.assign(new Error('Rate exceeded'), {
            name: 'ThrottlingException',
            $metadata: { httpStatusCode: 400 },
          }),
          false,
        ],
        [
          Object.assign(new Error('unavailable'), {
            name: 'ServiceUnavailableException',
            $metadata: { httpStatusCode: 503 },
          }),
          false,
        ],
      ] as [Error, boolean][]
    ).map(([err, lost]) => [`${err.name} ${err.message}`, lost, err] as const),
  )('%s: lost %s', (_, lost, err) => {
    expect(isLostAnswer(err)).toBe(lost);
    const wrapped = new AwsOperationError({
      service: 'ecs',
      operation: 'UpdateService',
      code: 'x',
      message: 'm',
      cause: err,
    });
    expect(isLostAnswer(wrapped)).toBe(lost);
  });
});
