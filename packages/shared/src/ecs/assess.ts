import type { Deployment, Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { shortTaskDefinition, type TrackedDeployment } from './types';

/**
 * Reading one tracked deployment from what ECS says about it: pure functions, so every ECS state can be
 * tested as data. The watcher ({@link watchDeployments}) feeds them DescribeServices and, when a deployment
 * looks finished, DescribeServiceDeployments, whose status is the final word.
 */

/** What the watcher remembers about a deployment between looks. */
export interface WatchMemory {
  /** ECS is rolling the deployment back (circuit breaker, alarm or a StopServiceDeployment). */
  ecsRollback?: {
    deploymentId: string | undefined;
    taskDefinitionArn: string | undefined;
    reason: string | undefined;
  };
  /** Looks in a row in which DescribeServices did not list the deployment (it lags behind UpdateService). */
  unlisted: number;
}

export type Assessment =
  /** Still going; `due` when a transition can come any moment (poll fast). */
  | { kind: 'running'; due: boolean }
  /** DescribeServices says it is over: ask DescribeServiceDeployments how it ended. */
  | { kind: 'confirm' }
  | {
      kind: 'done';
      outcome: 'succeeded' | 'rolled_back' | 'failed';
      reason: string | undefined;
      rollbackSucceeded?: boolean;
    };

/** How many looks without the deployment in DescribeServices before it counts as replaced. */
const UNLISTED_LOOKS = 3;

/**
 * Whether a transition of `d` can come any moment: every task it wants runs and no other deployment's
 * task is left (ECS completes it then), or tasks are failing (the circuit breaker may trip).
 */
function transitionDue(d: Deployment, service: Service): boolean {
  if ((d.failedTasks ?? 0) > 0) return true;
  const others = (service.deployments ?? [])
    .filter((x) => x !== d)
    .reduce((n, x) => n + (x.runningCount ?? 0), 0);
  return (d.runningCount ?? 0) >= (d.desiredCount ?? 0) && others === 0;
}

function startEcsRollback(
  memory: WatchMemory,
  rollback: Deployment | undefined,
  reason: string | undefined,
): void {
  memory.ecsRollback = {
    deploymentId: rollback?.id,
    taskDefinitionArn: rollback?.taskDefinition,
    reason,
  };
}

function replacedBy(primary: Deployment | undefined): string {
  return primary === undefined
    ? 'The deployment was replaced by another one.'
    : `The deployment was replaced by deployment ${primary.id ?? '?'} (${shortTaskDefinition(primary.taskDefinition)}), started outside this run.`;
}

/** While ECS rolls back: follow the rollback's deployment until it completes or fails. */
function assessRollback(
  memory: WatchMemory,
  service: Service,
  ours: Deployment | undefined,
  sd: ServiceDeployment | undefined,
  sdKnown: boolean,
): Assessment {
  const rollback = memory.ecsRollback!;
  const reason = rollback.reason;
  if (sd !== undefined) {
    if (sd.status === 'ROLLBACK_SUCCESSFUL')
      return { kind: 'done', outcome: 'rolled_back', reason, rollbackSucceeded: true };
    if (sd.status === 'ROLLBACK_FAILED') {
      return {
        kind: 'done',
        outcome: 'failed',
        reason: sd.statusReason ?? 'The rollback failed.',
        rollbackSucceeded: false,
      };
    }
    if (sd.status === 'STOPPED')
      return { kind: 'done', outcome: 'rolled_back', reason, rollbackSucceeded: false };
  }
  const deployments = service.deployments ?? [];
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  if (rollback.deploymentId === undefined && primary !== undefined && primary.id !== ours?.id) {
    rollback.deploymentId = primary.id;
    rollback.taskDefinitionArn = primary.taskDefinition;
  }
  const rb = deployments.find((d) => d.id === rollback.deploymentId);
  if (rb === undefined) return { kind: 'running', due: true };
  if (rb.rolloutState === 'COMPLETED') {
    return sdKnown && sd === undefined
      ? { kind: 'confirm' }
      : { kind: 'done', outcome: 'rolled_back', reason, rollbackSucceeded: true };
  }
  if (rb.rolloutState === 'FAILED') {
    return sdKnown && sd === undefined
      ? { kind: 'confirm' }
      : {
          kind: 'done',
          outcome: 'failed',
          reason: `The rollback failed: ${rb.rolloutStateReason ?? ''}`.trim(),
          rollbackSucceeded: false,
        };
  }
  return { kind: 'running', due: transitionDue(rb, service) };
}

/**
 * The state of one tracked deployment.
 *
 * @param sd the deployment's ServiceDeployment when it was just read (the final word), else `undefined`
 * @param sdKnown the deployment has a ServiceDeployment ARN, so a finish must be confirmed through it
 */
export function assessDeployment(
  tracked: TrackedDeployment,
  memory: WatchMemory,
  service: Service | undefined,
  sd: ServiceDeployment | undefined,
  sdKnown: boolean,
): Assessment {
  if (service === undefined || service.status !== 'ACTIVE') {
    const state = service === undefined ? 'gone' : (service.status ?? 'not ACTIVE');
    return {
      kind: 'done',
      outcome: 'failed',
      reason: `The service is ${state}: it was deleted during the deployment.`,
    };
  }
  const deployments = service.deployments ?? [];
  const ours = deployments.find((d) => d.id === tracked.deploymentId);
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  if (memory.ecsRollback !== undefined) return assessRollback(memory, service, ours, sd, sdKnown);

  if (sd !== undefined) {
    switch (sd.status) {
      case 'SUCCESSFUL':
        return { kind: 'done', outcome: 'succeeded', reason: undefined };
      case 'ROLLBACK_REQUESTED':
      case 'ROLLBACK_IN_PROGRESS':
        startEcsRollback(
          memory,
          primary !== undefined && primary.id !== ours?.id ? primary : undefined,
          sd.rollback?.reason ?? sd.statusReason ?? ours?.rolloutStateReason,
        );
        return assessRollback(memory, service, ours, sd, sdKnown);
      case 'ROLLBACK_SUCCESSFUL': {
        const reason = sd.rollback?.reason ?? sd.statusReason;
        startEcsRollback(memory, primary, reason);
        return { kind: 'done', outcome: 'rolled_back', reason, rollbackSucceeded: true };
      }
      case 'ROLLBACK_FAILED':
        return {
          kind: 'done',
          outcome: 'failed',
          reason: sd.statusReason ?? 'ECS rolled back and the rollback failed.',
          rollbackSucceeded: false,
        };
      case 'STOPPED':
        if (ours?.rolloutState === 'FAILED' || ours === undefined) {
          return { kind: 'done', outcome: 'failed', reason: ours?.rolloutStateReason ?? sd.statusReason };
        }
        return { kind: 'done', outcome: 'failed', reason: replacedBy(primary) };
      default:
        break; // PENDING, IN_PROGRESS, STOP_REQUESTED: DescribeServices tells the progress
    }
  }

  if (ours === undefined) {
    // Drained already (finished between two looks), or not listed yet (DescribeServices lags behind).
    memory.unlisted++;
    if (sdKnown) return sd === undefined ? { kind: 'confirm' } : { kind: 'running', due: true };
    if (memory.unlisted < UNLISTED_LOOKS) return { kind: 'running', due: true };
    return { kind: 'done', outcome: 'failed', reason: replacedBy(primary) };
  }
  memory.unlisted = 0;
  const settled =
    ours.status !== 'PRIMARY' || ours.rolloutState === 'COMPLETED' || ours.rolloutState === 'FAILED';
  if (settled && sdKnown) {
    // DescribeServiceDeployments was read this look and still says in progress: ECS is catching up.
    return sd === undefined ? { kind: 'confirm' } : { kind: 'running', due: true };
  }
  if (ours.status === 'PRIMARY') {
    if (ours.rolloutState === 'COMPLETED') return { kind: 'done', outcome: 'succeeded', reason: undefined };
    if (ours.rolloutState === 'FAILED')
      return { kind: 'done', outcome: 'failed', reason: ours.rolloutStateReason };
    return { kind: 'running', due: transitionDue(ours, service) };
  }
  if (
    ours.rolloutState === 'FAILED' &&
    primary !== undefined &&
    primary.taskDefinition !== ours.taskDefinition
  ) {
    startEcsRollback(memory, primary, ours.rolloutStateReason);
    return assessRollback(memory, service, ours, undefined, false);
  }
  return { kind: 'done', outcome: 'failed', reason: replacedBy(primary) };
}

/** One progress line: `web: 2/3 running, 1 pending, 1 failed · 1 old task running`. */
export function progressLine(
  label: string,
  tracked: TrackedDeployment,
  memory: WatchMemory,
  service: Service | undefined,
): string {
  const deployments = service?.deployments ?? [];
  const rollbackId = memory.ecsRollback?.deploymentId;
  const current = deployments.find((d) => d.id === (rollbackId ?? tracked.deploymentId));
  if (current === undefined)
    return `${label}: waiting for ECS to list deployment ${rollbackId ?? tracked.deploymentId}`;
  const parts = [`${current.runningCount ?? 0}/${current.desiredCount ?? 0} running`];
  if ((current.pendingCount ?? 0) > 0) parts.push(`${current.pendingCount} pending`);
  if ((current.failedTasks ?? 0) > 0) parts.push(`${current.failedTasks} failed`);
  const others = deployments.filter((d) => d !== current).reduce((n, d) => n + (d.runningCount ?? 0), 0);
  const what =
    rollbackId !== undefined ? `rolling back to ${shortTaskDefinition(current.taskDefinition)}: ` : '';
  const old = others > 0 ? ` · ${others} other task${others === 1 ? '' : 's'} running` : '';
  return `${label}: ${what}${parts.join(', ')}${old} (${current.rolloutState ?? '?'})`;
}
