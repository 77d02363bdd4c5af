import type { Deployment, Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { assessDeployment, progressLine, type WatchMemory } from '../src/ecs/assess';
import type { TrackedDeployment } from '../src/ecs/types';

const TD1 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1';
const TD2 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:2';
const tracked: TrackedDeployment = {
  cluster: 'shop',
  service: 'web',
  deploymentId: 'ecs-svc/2',
  serviceDeploymentArn: 'arn:aws:ecs:us-east-1:000000000000:service-deployment/shop/web/abc',
  taskDefinitionArn: TD2,
  createdAt: 0,
};

function dep(id: string, fields: Partial<Deployment>): Deployment {
  return { id, desiredCount: 2, runningCount: 0, pendingCount: 0, failedTasks: 0, ...fields };
}
const ours = (fields: Partial<Deployment> = {}): Deployment =>
  dep('ecs-svc/2', { status: 'PRIMARY', taskDefinition: TD2, rolloutState: 'IN_PROGRESS', ...fields });
const old = (fields: Partial<Deployment> = {}): Deployment =>
  dep('ecs-svc/1', {
    status: 'ACTIVE',
    taskDefinition: TD1,
    rolloutState: 'COMPLETED',
    runningCount: 2,
    ...fields,
  });
const rollback = (fields: Partial<Deployment> = {}): Deployment =>
  dep('ecs-svc/3', { status: 'PRIMARY', taskDefinition: TD1, rolloutState: 'IN_PROGRESS', ...fields });
const service = (...deployments: Deployment[]): Service => ({ status: 'ACTIVE', deployments });
const sd = (status: string, fields: Partial<ServiceDeployment> = {}): ServiceDeployment => ({
  status: status as ServiceDeployment['status'],
  ...fields,
});
const memory = (): WatchMemory => ({});

describe('assessDeployment', () => {
  const cases: [
    string,
    Service | undefined,
    ServiceDeployment | undefined,
    boolean,
    ReturnType<typeof assessDeployment>,
  ][] = [
    [
      'tasks still starting',
      service(ours({ pendingCount: 2 }), old()),
      undefined,
      true,
      { kind: 'running', due: false },
    ],
    [
      'new tasks running, old ones draining',
      service(ours({ runningCount: 2 }), old()),
      undefined,
      true,
      { kind: 'running', due: false },
    ],
    [
      'new tasks running, old ones gone: completion is due',
      service(ours({ runningCount: 2 }), old({ runningCount: 0 })),
      undefined,
      true,
      { kind: 'running', due: true, settling: true },
    ],
    [
      'tasks failing: a breaker trip may be due',
      service(ours({ failedTasks: 1 }), old()),
      undefined,
      true,
      { kind: 'running', due: true },
    ],
    [
      'COMPLETED, to be confirmed',
      service(ours({ rolloutState: 'COMPLETED', runningCount: 2 })),
      undefined,
      true,
      { kind: 'confirm' },
    ],
    [
      'COMPLETED and SUCCESSFUL',
      service(ours({ rolloutState: 'COMPLETED' })),
      sd('SUCCESSFUL'),
      true,
      { kind: 'done', outcome: 'succeeded', reason: undefined },
    ],
    [
      'COMPLETED without a ServiceDeployment',
      service(ours({ rolloutState: 'COMPLETED' })),
      undefined,
      false,
      { kind: 'done', outcome: 'succeeded', reason: undefined },
    ],
    [
      'FAILED, no rollback (ServiceDeployment STOPPED)',
      service(
        ours({
          rolloutState: 'FAILED',
          rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
        }),
        old(),
      ),
      sd('STOPPED', { statusReason: 'circuit breaker' }),
      true,
      { kind: 'done', outcome: 'failed', reason: 'ECS deployment circuit breaker: tasks failed to start.' },
    ],
    [
      'FAILED without a ServiceDeployment, still PRIMARY',
      service(ours({ rolloutState: 'FAILED', rolloutStateReason: 'tasks failed to start' })),
      undefined,
      false,
      { kind: 'done', outcome: 'failed', reason: 'tasks failed to start' },
    ],
    [
      'ECS rolled back and finished before this look',
      service(rollback({ rolloutState: 'COMPLETED' })),
      sd('ROLLBACK_SUCCESSFUL', { rollback: { reason: 'circuit breaker' } }),
      true,
      { kind: 'done', outcome: 'rolled_back', reason: 'circuit breaker', rollbackSucceeded: true },
    ],
    [
      'ECS rollback failed',
      service(rollback({ rolloutState: 'FAILED' })),
      sd('ROLLBACK_FAILED', { statusReason: 'The rollback failed' }),
      true,
      { kind: 'done', outcome: 'failed', reason: 'The rollback failed', rollbackSucceeded: false },
    ],
    [
      'replaced by a deployment started elsewhere',
      service(
        dep('ecs-svc/9', {
          status: 'PRIMARY',
          taskDefinition: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:7',
        }),
        ours({ status: 'ACTIVE' }),
      ),
      sd('STOPPED'),
      true,
      {
        kind: 'done',
        outcome: 'failed',
        reason: 'The deployment was replaced by deployment ecs-svc/9 (web:7), started outside this run.',
        replacedBy: 'ecs-svc/9',
      },
    ],
    [
      'drained between two looks: ask the ServiceDeployment',
      service(rollback({ rolloutState: 'COMPLETED' })),
      undefined,
      true,
      { kind: 'confirm' },
    ],
    [
      'the service was deleted',
      { status: 'INACTIVE', deployments: [] },
      undefined,
      true,
      {
        kind: 'done',
        outcome: 'failed',
        reason: 'The service is INACTIVE: it was deleted during the deployment.',
      },
    ],
    [
      'the service is gone',
      undefined,
      undefined,
      true,
      {
        kind: 'done',
        outcome: 'failed',
        reason: 'The service is gone: it was deleted during the deployment.',
      },
    ],
  ];

  it.each(cases)('%s', (_what, svc, serviceDeployment, sdKnown, expected) => {
    expect(assessDeployment(tracked, memory(), svc, serviceDeployment, sdKnown)).toEqual(expected);
  });

  it('follows an ECS rollback from FAILED to the rollback deployment completing', () => {
    const m = memory();
    const inProgress = sd('ROLLBACK_IN_PROGRESS', { rollback: { reason: 'circuit breaker tripped' } });
    expect(
      assessDeployment(
        tracked,
        m,
        service(rollback(), ours({ status: 'ACTIVE', rolloutState: 'FAILED' })),
        inProgress,
        true,
      ),
    ).toEqual({
      kind: 'running',
      due: false,
    });
    expect(m.ecsRollback).toEqual({
      deploymentId: 'ecs-svc/3',
      taskDefinitionArn: TD1,
      reason: 'circuit breaker tripped',
    });
    expect(progressLine('web', tracked, m, service(rollback({ runningCount: 1, pendingCount: 1 })))).toBe(
      'web: rolling back to web:1: 1/2 running, 1 pending (IN_PROGRESS)',
    );
    expect(
      assessDeployment(
        tracked,
        m,
        service(rollback({ rolloutState: 'COMPLETED', runningCount: 2 })),
        undefined,
        true,
      ),
    ).toEqual({
      kind: 'confirm',
    });
    expect(
      assessDeployment(
        tracked,
        m,
        service(rollback({ rolloutState: 'COMPLETED' })),
        sd('ROLLBACK_SUCCESSFUL'),
        true,
      ),
    ).toEqual({
      kind: 'done',
      outcome: 'rolled_back',
      reason: 'circuit breaker tripped',
      rollbackSucceeded: true,
    });
  });

  it('without ServiceDeployments, a FAILED deployment replaced by the old definition is an ECS rollback', () => {
    const m = memory();
    const svc = service(
      rollback({ runningCount: 2 }),
      ours({ status: 'ACTIVE', rolloutState: 'FAILED', rolloutStateReason: 'breaker' }),
    );
    expect(assessDeployment(tracked, m, svc, undefined, false)).toEqual({
      kind: 'running',
      due: true,
      settling: true,
    });
    expect(
      assessDeployment(tracked, m, service(rollback({ rolloutState: 'COMPLETED' })), undefined, false),
    ).toEqual({
      kind: 'done',
      outcome: 'rolled_back',
      reason: 'breaker',
      rollbackSucceeded: true,
    });
  });

  it('a deployment DescribeServices does not list yet is waited for, then given up on without blaming the old one', () => {
    const m = memory();
    const noSd = { ...tracked, serviceDeploymentArn: undefined, createdAt: 60_000 };
    const svc = service(old({ status: 'PRIMARY', createdAt: new Date(0) }));
    expect(assessDeployment(noSd, m, svc, undefined, false, 61_000)).toEqual({ kind: 'running', due: true });
    expect(assessDeployment(noSd, m, svc, undefined, false, 70_000)).toEqual({ kind: 'running', due: true });
    expect(assessDeployment(noSd, m, svc, undefined, false, 77_000)).toEqual({
      kind: 'done',
      outcome: 'failed',
      reason: 'ECS does not list deployment ecs-svc/2: the service still runs web:1.',
    });
  });

  it('a deployment replaced by a newer one started elsewhere is failed and names it', () => {
    const m = memory();
    const noSd = { ...tracked, serviceDeploymentArn: undefined, createdAt: 60_000 };
    const newer = dep('ecs-svc/9', { status: 'PRIMARY', taskDefinition: TD1, createdAt: new Date(90_000) });
    expect(assessDeployment(noSd, m, service(newer), undefined, false, 91_000)).toEqual({
      kind: 'running',
      due: true,
    });
    expect(assessDeployment(noSd, m, service(newer), undefined, false, 107_000)).toMatchObject({
      kind: 'done',
      outcome: 'failed',
      replacedBy: 'ecs-svc/9',
    });
  });

  it('SUCCESSFUL while DescribeServices calls the deployment FAILED is a failure: fail closed', () => {
    expect(
      assessDeployment(
        tracked,
        memory(),
        service(ours({ rolloutState: 'FAILED', rolloutStateReason: 'breaker' })),
        sd('SUCCESSFUL'),
        true,
      ),
    ).toEqual({ kind: 'done', outcome: 'failed', reason: 'breaker' });
  });

  it('a failing crash loop is due only when another task failed since the last look', () => {
    const m = memory();
    const looping = (failedTasks: number): Service => service(ours({ failedTasks, pendingCount: 2 }), old());
    expect(assessDeployment(tracked, m, looping(1), undefined, true)).toEqual({ kind: 'running', due: true });
    expect(assessDeployment(tracked, m, looping(1), undefined, true)).toEqual({
      kind: 'running',
      due: false,
    });
    expect(assessDeployment(tracked, m, looping(2), undefined, true)).toEqual({ kind: 'running', due: true });
  });

  it('progress lines count the new deployment and the tasks still running elsewhere', () => {
    expect(
      progressLine(
        'web',
        tracked,
        memory(),
        service(ours({ runningCount: 1, pendingCount: 1, failedTasks: 2 }), old()),
      ),
    ).toBe('web: 1/2 running, 1 pending, 2 failed · 2 other tasks running (IN_PROGRESS)');
    expect(progressLine('web', tracked, memory(), service(old()))).toBe(
      'web: waiting for ECS to list deployment ecs-svc/2',
    );
  });
});
