import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  ECSClient,
  ECSServiceException,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { ServiceMovedOnError, startRollback } from '../src/ecs/rollback';
import { requireActiveServices } from '../src/ecs/service';
import { ConfigurationError } from '../src/errors/configuration-error';

const ecsMock = mockClient(ECSClient);
const TD1 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1';
const TD2 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:2';
const TD3 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:3';
const ref = { cluster: 'shop', service: 'web' };
const failed = {
  ...ref,
  deploymentId: 'ecs-svc/2',
  serviceDeploymentArn: 'arn:aws:ecs:us-east-1:000000000000:service-deployment/shop/web/x',
  taskDefinitionArn: TD2,
  createdAt: 0,
};
let ecs: ECSClient;

function primary(id: string, taskDefinition: string): { services: object[] } {
  return {
    services: [
      {
        serviceName: 'web',
        status: 'ACTIVE',
        deployments: [{ id, status: 'PRIMARY', taskDefinition, rolloutState: 'IN_PROGRESS' }],
      },
    ],
  };
}
const conflict = new ECSServiceException({
  name: 'ClientException',
  message: 'The service deployment is SUCCESSFUL and can no longer be stopped.',
  $fault: 'client',
  $metadata: { httpStatusCode: 400 },
});

beforeEach(() => {
  ecsMock.reset();
  ecs = new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
});
afterEach(() => ecs.destroy());

describe('startRollback', () => {
  it('stops a deployment in flight with ROLLBACK and follows ECS back', async () => {
    ecsMock.on(StopServiceDeploymentCommand).resolves({});
    ecsMock.on(DescribeServicesCommand).resolves(primary('ecs-svc/3', TD1));
    const start = await startRollback(ecs, ref, { failed, to: TD1 });
    expect(start).toMatchObject({
      method: 'stop-service-deployment',
      to: TD1,
      watch: { following: 'rollback' },
    });
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('falls back on UpdateService when ECS refuses the stop with any client fault', async () => {
    ecsMock.on(StopServiceDeploymentCommand).rejects(conflict);
    ecsMock.on(DescribeServicesCommand).resolves(primary('ecs-svc/2', TD2));
    ecsMock.on(UpdateServiceCommand).resolves({ service: primary('ecs-svc/4', TD1).services[0] as never });
    const start = await startRollback(ecs, ref, { failed, to: TD1, ours: ['ecs-svc/2'] });
    expect(start).toMatchObject({
      method: 'update-service',
      to: TD1,
      watch: { tracked: { deploymentId: 'ecs-svc/4' } },
    });
  });

  it('leaves a service someone else has deployed to since alone', async () => {
    ecsMock.on(DescribeServicesCommand).resolves(primary('ecs-svc/9', TD3));
    await expect(startRollback(ecs, ref, { to: TD1, ours: ['ecs-svc/2'] })).rejects.toBeInstanceOf(
      ServiceMovedOnError,
    );
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('watches a deployment of the known-good definition that is under way already, instead of starting another', async () => {
    ecsMock.on(StopServiceDeploymentCommand).rejects(conflict);
    ecsMock.on(DescribeServicesCommand).resolves(primary('ecs-svc/5', TD1));
    const start = await startRollback(ecs, ref, { failed, to: TD1, ours: ['ecs-svc/2'] });
    expect(start).toMatchObject({
      method: 'under-way',
      to: TD1,
      watch: { tracked: { deploymentId: 'ecs-svc/5' } },
    });
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('has nothing to go back to without a known-good definition', async () => {
    expect(await startRollback(ecs, ref, { to: undefined })).toBeUndefined();
  });
});

describe('requireActiveServices', () => {
  it('refuses a service whose deployments are not rolling', async () => {
    ecsMock.on(DescribeClustersCommand).resolves({ clusters: [{ clusterName: 'shop', status: 'ACTIVE' }] });
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [
        { serviceName: 'web', status: 'ACTIVE', deploymentConfiguration: { strategy: 'BLUE_GREEN' } },
      ],
    });
    const err = await requireActiveServices(ecs, [ref]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toBe(
      'Input "service": service "web" deploys with the BLUE_GREEN strategy; this action drives and watches rolling deployments only.',
    );
  });
});
