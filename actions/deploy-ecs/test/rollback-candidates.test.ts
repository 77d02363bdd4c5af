import { rollbackCandidates } from '../src/rollback-release';
import type { PreparedService } from '../src/prepare';
import type { ServiceRun } from '../src/service-run';

const tracked = {
  cluster: 'shop',
  service: 'x',
  deploymentId: 'ecs-svc/2',
  serviceDeploymentArn: undefined,
  taskDefinitionArn: 'td:2',
  createdAt: 0,
};

function run(label: string, fields: Partial<ServiceRun>, started = true): ServiceRun {
  return {
    prepared: {} as PreparedService,
    label,
    noop: false,
    ...(started ? { tracked } : {}),
    startedAt: 0,
    ...fields,
  };
}

function runs(): ServiceRun[] {
  return [
    run('failed', { outcome: 'failed' }),
    run('earlier-wave', { outcome: 'succeeded' }),
    run('unchanged', { outcome: 'succeeded', noop: true }),
    run('not-started', { outcome: 'not_started' }, false),
    run('ecs-rolled-back', {
      outcome: 'rolled_back',
      rollback: { method: 'ecs', to: 'td:1', outcome: 'succeeded', reason: 'circuit breaker' },
    }),
    run('ecs-rollback-failed', {
      outcome: 'rolled_back',
      rollback: { method: 'ecs', to: 'td:1', outcome: 'failed', reason: 'circuit breaker' },
    }),
    run('replaced', {
      outcome: 'failed',
      watch: {
        outcome: 'failed',
        reason: undefined,
        replacedBy: 'ecs-svc/9',
        service: undefined,
        serviceDeployment: undefined,
        elapsedMs: 0,
      },
    }),
  ];
}

describe('what deploy-ecs rolls back after a failure', () => {
  it('release scope: every service the run changed that is not back and still its own', () => {
    expect(rollbackCandidates(runs(), 'release').map((r) => r.label)).toEqual([
      'failed',
      'earlier-wave',
      'ecs-rollback-failed',
    ]);
  });

  it('service scope: only the failing ones', () => {
    expect(rollbackCandidates(runs(), 'service').map((r) => r.label)).toEqual([
      'failed',
      'ecs-rollback-failed',
    ]);
  });

  it('a service someone else deployed to is left to them, and the run says so', () => {
    const all = runs();
    rollbackCandidates(all, 'release');
    expect(all.find((r) => r.label === 'replaced')!.rollback).toEqual({
      method: 'none',
      to: undefined,
      outcome: 'not_possible',
      reason: 'Deployment ecs-svc/9, started outside this run, replaced this one: the service is left to it.',
    });
  });
});
