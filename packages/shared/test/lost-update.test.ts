/**
 * After an UpdateService answer is lost, what the service shows says whether the update was carried out — also
 * when ECS's circuit breaker has already failed the deployment it started, rolled it back and drained it.
 */
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ECSClient,
  type Deployment,
  type Service,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { findLostUpdate } from '../src/ecs/lost-answer';

const ecsMock = mockClient(ECSClient);
const TD1 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1';
const TD2 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:2';
const SD = 'arn:aws:ecs:us-east-1:000000000000:service-deployment/shop/web/new';
const OLD_SD = 'arn:aws:ecs:us-east-1:000000000000:service-deployment/shop/web/old';
const REV1 = 'arn:aws:ecs:us-east-1:000000000000:service-revision/shop/web/1';
const REV2 = 'arn:aws:ecs:us-east-1:000000000000:service-revision/shop/web/2';
const ref = { cluster: 'shop', service: 'web' };
const before = ['ecs-svc/1'];
const at = new Date('2026-12-03T12:00:00Z');

const steadyOnOld: Deployment = {
  id: 'ecs-svc/1',
  status: 'PRIMARY',
  taskDefinition: TD1,
  rolloutState: 'COMPLETED',
};
const rollback: Deployment = {
  id: 'ecs-svc/3',
  status: 'PRIMARY',
  taskDefinition: TD1,
  rolloutState: 'IN_PROGRESS',
  rolloutStateReason: 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.',
};
const failedNew: Deployment = {
  id: 'ecs-svc/2',
  status: 'ACTIVE',
  taskDefinition: TD2,
  rolloutState: 'FAILED',
  createdAt: at,
};

const cases: {
  name: string;
  service: Service;
  /** The current ServiceDeployment's target revision. */
  targets?: string;
  found?: { deploymentId: string; serviceDeploymentArn: string | undefined };
  reads: number;
}[] = [
  {
    name: 'not carried out: only the deployments it had',
    service: { taskDefinition: TD1, currentServiceDeployment: OLD_SD, deployments: [steadyOnOld] },
    reads: 0,
  },
  {
    name: 'carried out, running: a new PRIMARY deployment of the definition',
    service: {
      taskDefinition: TD2,
      currentServiceDeployment: SD,
      deployments: [
        { id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: TD2, rolloutState: 'IN_PROGRESS' as const },
        { ...steadyOnOld, status: 'ACTIVE' },
      ],
    },
    found: { deploymentId: 'ecs-svc/2', serviceDeploymentArn: SD },
    reads: 0,
  },
  {
    name: 'carried out, being rolled back: the new deployment of the definition is ACTIVE and FAILED',
    service: {
      taskDefinition: TD1,
      currentServiceDeployment: SD,
      deployments: [rollback, failedNew, { ...steadyOnOld, status: 'ACTIVE' }],
    },
    targets: REV2,
    found: { deploymentId: 'ecs-svc/2', serviceDeploymentArn: SD },
    reads: 2,
  },
  {
    name: 'carried out, rolled back and drained: the current ServiceDeployment targets the definition',
    service: {
      taskDefinition: TD1,
      currentServiceDeployment: SD,
      deployments: [{ ...rollback, rolloutState: 'COMPLETED', rolloutStateReason: 'completed' }],
      events: [
        { message: '(service web) rolling back to deployment ecs-svc/1.' },
        { message: '(service web) (deployment ecs-svc/2) deployment failed: tasks failed to start.' },
      ],
    },
    targets: REV2,
    found: { deploymentId: 'ecs-svc/2', serviceDeploymentArn: SD },
    reads: 2,
  },
  {
    name: 'not carried out: a new deployment of another definition, started outside this run',
    service: {
      taskDefinition: TD1,
      currentServiceDeployment: OLD_SD,
      deployments: [{ ...rollback, rolloutStateReason: 'in progress' }],
    },
    targets: REV1,
    reads: 2,
  },
];

describe('findLostUpdate', () => {
  beforeEach(() => ecsMock.reset());

  it.each(cases)('$name', async ({ service, targets, found, reads }) => {
    ecsMock.on(DescribeServiceDeploymentsCommand).callsFake((input: { serviceDeploymentArns: string[] }) => ({
      serviceDeployments: input.serviceDeploymentArns.map((arn) => ({
        serviceDeploymentArn: arn,
        createdAt: at,
        status: 'ROLLBACK_SUCCESSFUL',
        targetServiceRevision: { arn: targets },
      })),
    }));
    ecsMock.on(DescribeServiceRevisionsCommand).callsFake((input: { serviceRevisionArns: string[] }) => ({
      serviceRevisions: input.serviceRevisionArns.map((arn) => ({
        serviceRevisionArn: arn,
        taskDefinition: arn === REV2 ? TD2 : TD1,
      })),
    }));
    const ecs = new ECSClient({ region: 'us-east-1' });
    const out = await findLostUpdate(ecs, ref, service, { taskDefinition: TD2 }, before);
    if (found === undefined) expect(out).toBeUndefined();
    else expect(out).toMatchObject({ ...ref, ...found, taskDefinitionArn: TD2 });
    expect(ecsMock.calls()).toHaveLength(reads);
  });

  it('takes the update as not carried out when the desired count is not the one asked for', async () => {
    const ecs = new ECSClient({ region: 'us-east-1' });
    const service = {
      desiredCount: 1,
      deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: TD2 }],
    };
    expect(
      await findLostUpdate(ecs, ref, service, { taskDefinition: TD2, desiredCount: 3 }, before),
    ).toBeUndefined();
    expect(ecsMock.calls()).toHaveLength(0);
  });
});
