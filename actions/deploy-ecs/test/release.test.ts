import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ECSServiceException,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { CallBudget, FakeClock } from '@ecs-delivery/shared';
import type { DeployClients } from '@ecs-delivery/shared/aws';
import type { Inputs } from '../src/inputs';
import type { PreparedService } from '../src/prepare';
import { createRuns, runRelease } from '../src/release';

const ecsMock = mockClient(ECSClient);
const TD1 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1';
const TD2 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:2';

function prepared(): PreparedService {
  const service: Service = {
    serviceName: 'web',
    status: 'ACTIVE',
    taskDefinition: TD1,
    desiredCount: 2,
    deployments: [],
  };
  return {
    plan: {
      label: 'web',
      cluster: 'shop',
      service: 'web',
      wave: 1,
      images: {},
      environment: {},
      secrets: {},
      vars: {},
      timeoutMs: 60_000,
      inputs: {
        taskDefinition: 'task-definition',
        images: 'images',
        environment: 'environment-variables',
        secrets: 'secrets',
        vars: 'vars',
      },
    },
    ref: { cluster: 'shop', service: 'web' },
    service,
    live: {
      taskDefinitionArn: TD1,
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'repo/web:1' }],
    },
    familyNewest: undefined,
    rendered: { family: 'web', containerDefinitions: [{ name: 'web', image: 'repo/web@sha256:2' }] },
    unchanged: false,
    steady: true,
    changes: [],
    images: [],
    knownGood: { taskDefinitionArn: TD1, source: 'service-deployments' },
    migrationContainer: undefined,
  };
}

beforeEach(() => ecsMock.reset());

it('a deployment that cannot be watched counts as failed (so it is rolled back), never as unknown', async () => {
  const ecs = new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  ecsMock.on(DescribeTaskDefinitionCommand).resolves({
    taskDefinition: {
      taskDefinitionArn: TD1,
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'repo/web:1' }],
    },
  });
  ecsMock.on(RegisterTaskDefinitionCommand).resolves({ taskDefinition: { taskDefinitionArn: TD2 } });
  ecsMock.on(UpdateServiceCommand).resolves({
    service: {
      deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: TD2, createdAt: new Date(0) }],
    },
  });
  ecsMock.on(DescribeServicesCommand).rejects(
    new ECSServiceException({
      name: 'AccessDeniedException',
      message: 'not authorized to perform ecs:DescribeServices',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    }),
  );
  const clock = new FakeClock(0);
  const changes: number[] = [];
  const clients = {
    region: 'us-east-1',
    accountId: '000000000000',
    ecs,
    logsFor: () => undefined,
  } as unknown as DeployClients;
  const inputs = { wait: true } as Inputs;
  const [run] = await runRelease(createRuns([[prepared()]]), {
    clients,
    inputs,
    signal: new AbortController().signal,
    budget: new CallBudget(),
    clock,
    sleep: clock.sleep,
    onChange: () => changes.push(1),
  });
  expect(run!.tracked?.deploymentId).toBe('ecs-svc/2');
  expect(run!.outcome).toBe('failed');
  expect(run!.failureReason).toContain('The deployment could not be watched');
  expect(run!.failureReason).toContain('not authorized to perform ecs:DescribeServices');
  expect(changes.length).toBeGreaterThan(0);
  ecs.destroy();
});
