import {
  DescribeServicesCommand,
  ECSClient,
  UpdateServiceCommand,
  type Deployment,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  isFailure,
  judgeRollback,
  needsRollback,
  overallOutcome,
  requestRollback,
  requestRollbacks,
  rollBack,
  rollbackLandsOn,
  watchRollbacks,
  type RollbackCandidate,
} from '../src/ecs/rollout';
import type { RollbackStart } from '../src/ecs/rollback';
import type { WatchResult } from '../src/ecs/watch';

const TD1 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1';
const TD2 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:2';
const ref = { cluster: 'shop', service: 'web' };
const tracked = {
  ...ref,
  deploymentId: 'ecs-svc/2',
  serviceDeploymentArn: 'arn:aws:ecs:us-east-1:000000000000:service-deployment/shop/web/x',
  taskDefinitionArn: TD2,
  createdAt: 0,
};

function result(fields: Partial<WatchResult>): WatchResult {
  return {
    outcome: 'succeeded',
    reason: undefined,
    service: undefined,
    serviceDeployment: undefined,
    elapsedMs: 1000,
    ...fields,
  };
}

const stop: RollbackStart = {
  method: 'stop-service-deployment',
  to: TD1,
  watch: { tracked, following: 'rollback' },
};
const update: RollbackStart = {
  method: 'update-service',
  to: TD1,
  watch: { tracked: { ...tracked, taskDefinitionArn: TD1 } },
};

describe('outcomes', () => {
  it('fails the step on failed, rolled_back, timed_out and cancelled; not on success, started or nothing', () => {
    expect(['failed', 'rolled_back', 'timed_out', 'cancelled'].map((o) => isFailure(o as 'failed'))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([
      isFailure('succeeded'),
      isFailure('started'),
      isFailure('not_started'),
      isFailure(undefined),
    ]).toEqual([false, false, false, false]);
  });

  it('the run reports a cancel first, then the first failure in order, then started, else succeeded', () => {
    expect(overallOutcome(['succeeded', 'timed_out', 'cancelled'], false)).toBe('cancelled');
    expect(overallOutcome(['succeeded', 'rolled_back', 'failed'], false)).toBe('rolled_back');
    expect(overallOutcome(['succeeded', 'started'], false)).toBe('started');
    expect(overallOutcome(['succeeded', undefined, 'not_started'], false)).toBe('succeeded');
    expect(overallOutcome(['failed'], true)).toBe('dry_run');
  });
});

describe('rollbackLandsOn', () => {
  const deployment = (
    id: string,
    taskDefinition: string,
    rolloutState: string,
    status = 'ACTIVE',
  ): Deployment => ({ id, status, taskDefinition, rolloutState }) as Deployment;

  it('before the deployment: only a service that completed the target and runs nothing else', () => {
    expect(rollbackLandsOn({ deployments: [deployment('a', TD1, 'COMPLETED', 'PRIMARY')] }, TD1)).toBe(true);
    expect(rollbackLandsOn({ deployments: [deployment('a', TD1, 'IN_PROGRESS', 'PRIMARY')] }, TD1)).toBe(
      false,
    );
    expect(
      rollbackLandsOn(
        { deployments: [deployment('b', TD2, 'IN_PROGRESS', 'PRIMARY'), deployment('a', TD1, 'COMPLETED')] },
        TD1,
      ),
    ).toBe(false);
    expect(rollbackLandsOn({ deployments: [deployment('a', TD2, 'COMPLETED', 'PRIMARY')] }, TD1)).toBe(false);
    expect(rollbackLandsOn({ deployments: [deployment('a', TD1, 'COMPLETED', 'PRIMARY')] }, undefined)).toBe(
      false,
    );
    expect(rollbackLandsOn(undefined, TD1)).toBe(false);
  });

  it('during the deployment: what the one being stopped replaces must all run the target', () => {
    const running = [deployment('new', TD2, 'IN_PROGRESS', 'PRIMARY'), deployment('old', TD1, 'COMPLETED')];
    expect(rollbackLandsOn({ deployments: running }, TD1, 'new')).toBe(true);
    expect(rollbackLandsOn({ deployments: running }, TD2, 'new')).toBe(false);
    // ECS is rolling back already (a FAILED deployment), or only the one being stopped is there.
    expect(
      rollbackLandsOn(
        { deployments: [deployment('new', TD2, 'IN_PROGRESS', 'PRIMARY'), deployment('x', TD1, 'FAILED')] },
        TD1,
        'new',
      ),
    ).toBe(false);
    expect(
      rollbackLandsOn({ deployments: [deployment('new', TD2, 'IN_PROGRESS', 'PRIMARY')] }, TD1, 'new'),
    ).toBe(false);
  });
});

describe('needsRollback: the one policy for what a failure puts back', () => {
  const c = (fields: Partial<RollbackCandidate>): RollbackCandidate => ({
    changed: true,
    outcome: 'failed',
    back: false,
    replacedBy: undefined,
    requested: false,
    ...fields,
  });

  it('puts back what the run changed and is not back; succeeded ones only for a release', () => {
    expect(needsRollback(c({}), 'service')).toBe(true);
    expect(needsRollback(c({ outcome: undefined }), 'service')).toBe(true);
    expect(needsRollback(c({ outcome: 'succeeded' }), 'service')).toBe(false);
    expect(needsRollback(c({ outcome: 'succeeded' }), 'release')).toBe(true);
    expect(needsRollback(c({ outcome: 'started' }), 'release')).toBe(true);
  });

  it('leaves alone what the run did not change, what is back, and what someone else deployed to', () => {
    expect(needsRollback(c({ changed: false }), 'release')).toBe(false);
    expect(needsRollback(c({ back: true, outcome: 'rolled_back' }), 'release')).toBe(false);
    expect(needsRollback(c({ replacedBy: 'ecs-svc/9' }), 'release')).toBe(false);
    expect(needsRollback(c({ replacedBy: 'ecs-svc/9', requested: true }), 'release')).toBe(false);
  });

  it('sees a requested rollback through, whatever the outcome says', () => {
    expect(needsRollback(c({ outcome: 'succeeded', requested: true }), 'service')).toBe(true);
  });
});

describe('judgeRollback', () => {
  it('a StopServiceDeployment succeeded when ECS rolled back and its rollback completed', () => {
    const rolledBack = result({
      outcome: 'rolled_back',
      ecsRollback: { deploymentId: 'ecs-svc/3', taskDefinitionArn: TD1, succeeded: true },
    });
    expect(judgeRollback(stop, rolledBack)).toMatchObject({
      outcome: 'succeeded',
      to: TD1,
      reason: undefined,
    });
    const stuck = result({
      outcome: 'rolled_back',
      reason: 'tasks failed',
      ecsRollback: { deploymentId: 'ecs-svc/3', taskDefinitionArn: TD1, succeeded: false },
    });
    expect(judgeRollback(stop, stuck)).toMatchObject({ outcome: 'failed', reason: 'tasks failed' });
    // The stopped deployment went on to succeed: the service is not back.
    expect(judgeRollback(stop, result({ outcome: 'succeeded' }))).toMatchObject({
      outcome: 'failed',
      reason: 'The rollback ended failed.',
    });
    expect(judgeRollback(stop, result({ outcome: 'timed_out', reason: 'late' }))).toMatchObject({
      outcome: 'timed_out',
    });
  });

  it('a redeploy ends as its deployment did', () => {
    expect(judgeRollback(update, result({ outcome: 'succeeded' }))).toMatchObject({
      outcome: 'succeeded',
      to: TD1,
    });
    expect(
      judgeRollback(update, result({ outcome: 'rolled_back', reason: 'circuit breaker' })),
    ).toMatchObject({
      outcome: 'rolled_back',
      reason: 'circuit breaker',
    });
    expect(judgeRollback(update, result({ outcome: 'cancelled' }))).toMatchObject({
      outcome: 'cancelled',
      unwatched: false,
    });
  });
});

describe('request and watch against ECS', () => {
  const ecsMock = mockClient(ECSClient);
  let ecs: ECSClient;
  beforeEach(() => {
    ecsMock.reset();
    ecs = new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  });

  it('nothing known to go back to is not possible, and no call is made', async () => {
    expect(await requestRollback(ecs, ref, { to: undefined })).toEqual({
      status: 'not_possible',
      reason: 'No successful deployment of this service is known to go back to.',
    });
    expect(ecsMock.calls()).toHaveLength(0);
  });

  it('a service someone else deployed to since is not possible, left alone', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [
        {
          serviceName: 'web',
          status: 'ACTIVE',
          deployments: [{ id: 'ecs-svc/9', status: 'PRIMARY', taskDefinition: TD2 }],
        },
      ],
    });
    const request = await requestRollback(ecs, ref, { to: TD1, ours: ['ecs-svc/2'] });
    expect(request).toMatchObject({ status: 'not_possible', reason: expect.stringContaining('ecs-svc/9') });
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('an UpdateService ECS refuses is a failed request that says why', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [] });
    ecsMock.on(UpdateServiceCommand).rejects(new Error('service is draining'));
    expect(await requestRollback(ecs, ref, { to: TD1 })).toEqual({
      status: 'failed',
      reason: expect.stringMatching(/^Could not start the rollback: .*service is draining/),
    });
  });

  it('a watch that breaks down judges every rollback failed and unwatched', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .rejects(Object.assign(new Error('no access'), { name: 'AccessDeniedException' }));
    const verdicts = await watchRollbacks(ecs, [update, stop], {
      deadline: Date.now() + 60_000,
      sleep: async () => undefined,
    });
    expect(verdicts.map((v) => [v.outcome, v.unwatched])).toEqual([
      ['failed', true],
      ['failed', true],
    ]);
    expect(verdicts[0]!.reason).toMatch(/^The rollback was started, but watching it failed: .*no access/);
  });

  it('rollBack takes a rollback asked for earlier as requested, and reports one with nowhere to go', async () => {
    const lines: string[] = [];
    const printer = { info: (l: string) => lines.push(l), warning: (l: string) => lines.push(`! ${l}`) };
    const requested: string[][] = [];
    ecsMock.on(DescribeServicesCommand).rejects(new Error('stop here'));
    const entries = await rollBack(
      ecs,
      [
        { label: 'api', ref, options: { to: TD1 }, requested: update },
        { label: 'worker', ref: { ...ref, service: 'worker' }, options: { to: undefined } },
      ],
      {
        deadline: Date.now() + 60_000,
        sleep: async () => undefined,
        printer,
        onRequested: (e) => requested.push(e.map((x) => x.request.status)),
      },
    );
    expect(requested).toEqual([['requested', 'not_possible']]);
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(entries[0]!.verdict).toMatchObject({ outcome: 'failed', unwatched: true });
    expect(entries[1]!.verdict).toBeUndefined();
    expect(lines).toEqual([
      expect.stringMatching(/^api: the rollback failed: The rollback was started, but watching it failed/),
    ]);
  });

  it('requestRollbacks asks ECS for each plan at once and says where each goes', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [] });
    ecsMock.on(UpdateServiceCommand).resolves({
      service: {
        serviceName: 'web',
        deployments: [
          { id: 'ecs-svc/3', status: 'PRIMARY', taskDefinition: TD1, rolloutState: 'IN_PROGRESS' },
        ],
      },
    });
    const lines: string[] = [];
    const entries = await requestRollbacks(ecs, [{ label: 'web', ref, options: { to: TD1 } }], {
      info: (l) => lines.push(l),
      warning: (l) => lines.push(l),
    });
    expect(entries[0]!.request).toMatchObject({
      status: 'requested',
      start: { method: 'update-service', to: TD1 },
    });
    expect(lines).toEqual(['web: rolling back to web:1 (update-service).']);
  });
});
