import type { Deployment, Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { checkCrashLoop, noteServiceDeployment, type CrashMemory } from './crash-loop';
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
  /** When DescribeServices first failed to list the deployment (it lags behind UpdateService), if it does now. */
  unlistedSince?: number | undefined;
  /** The deployment's `failedTasks` at the last look: a rise means the circuit breaker may trip next. */
  failedTasks?: number;
  /** When DescribeServices first showed the deployment finished while its ServiceDeployment did not yet. */
  settledSince?: number | undefined;
  /** What the crash-loop guard learnt of the deployment's tasks (see crash-loop.ts). */
  crashes?: CrashMemory;
}

/** How long after DescribeServices shows a finish the watcher keeps looking fast for the ServiceDeployment to agree. */
const CATCH_UP_MS = 10_000;

export type Assessment =
  /**
   * Still going; `due` when a transition can come any moment (poll fast) — `settling` when that is the
   * deployment completing (every task it wants runs, the others are gone), which the service's history may time.
   */
  | { kind: 'running'; due: boolean; settling?: true }
  /** DescribeServices says it is over: ask DescribeServiceDeployments how it ended. */
  | { kind: 'confirm' }
  /** A task was replaced: look these tasks up (DescribeTasks), hand them to `noteTasks`, then ask again. */
  | { kind: 'inspect'; tasks: string[] }
  | {
      kind: 'done';
      outcome: 'succeeded' | 'rolled_back' | 'failed';
      reason: string | undefined;
      rollbackSucceeded?: boolean;
      /** The deployment was replaced by one started outside this run (its id): the service is someone else's now. */
      replacedBy?: string;
    };

type Running = Extract<Assessment, { kind: 'running' }>;

/** How long DescribeServices may fail to list a deployment before it counts as replaced. */
const UNLISTED_MS = 15_000;

/**
 * Whether a transition of `d` can come any moment: one more task failed since the last look (the circuit
 * breaker may trip next: `failure`), or every task it wants runs and no other deployment's task is left (ECS
 * completes it then: `settling`). A crash loop without a breaker is not "due" forever: only a rise in failures is.
 */
function transitionDue(d: Deployment, service: Service, memory: WatchMemory): Running {
  const failed = d.failedTasks ?? 0;
  const rose = failed > (memory.failedTasks ?? 0);
  memory.failedTasks = failed;
  if (rose) return { kind: 'running', due: true };
  const others = (service.deployments ?? [])
    .filter((x) => x !== d)
    .reduce((n, x) => n + (x.runningCount ?? 0), 0);
  return (d.runningCount ?? 0) >= (d.desiredCount ?? 0) && others === 0
    ? { kind: 'running', due: true, settling: true }
    : { kind: 'running', due: false };
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

/** The verdict for a deployment another one replaced: failed, and the service left to whoever replaced it. */
function replaced(primary: Deployment | undefined): Assessment {
  return {
    kind: 'done',
    outcome: 'failed',
    reason:
      primary === undefined
        ? 'The deployment was replaced by another one.'
        : `The deployment was replaced by deployment ${primary.id ?? '?'} (${shortTaskDefinition(primary.taskDefinition)}), started outside this run.`,
    replacedBy: primary?.id ?? 'unknown',
  };
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
  return transitionDue(rb, service, memory);
}

/**
 * The state of one tracked deployment.
 *
 * @param sd the deployment's ServiceDeployment when it was just read (the final word), else `undefined`
 * @param sdKnown the deployment has a ServiceDeployment ARN, so a finish must be confirmed through it
 * @param now the time of this look (epoch ms), to tell a lagging DescribeServices from a replaced deployment
 */
export function assessDeployment(
  tracked: TrackedDeployment,
  memory: WatchMemory,
  service: Service | undefined,
  sd: ServiceDeployment | undefined,
  sdKnown: boolean,
  now = 0,
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
    noteServiceDeployment(memory, sd);
    switch (sd.status) {
      case 'SUCCESSFUL':
        // Fail closed when the two APIs disagree: a deployment DescribeServices calls FAILED did not succeed.
        if (ours?.rolloutState === 'FAILED') {
          return {
            kind: 'done',
            outcome: 'failed',
            reason: ours.rolloutStateReason ?? 'The deployment failed.',
          };
        }
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
        if (ours?.rolloutState === 'FAILED' || (ours === undefined && primary?.id === undefined)) {
          return { kind: 'done', outcome: 'failed', reason: ours?.rolloutStateReason ?? sd.statusReason };
        }
        return replaced(primary);
      default:
        break; // PENDING, IN_PROGRESS, STOP_REQUESTED: DescribeServices tells the progress
    }
  }

  if (ours === undefined) {
    // Drained already (finished between two looks), or not listed yet (DescribeServices lags behind).
    if (sdKnown && sd === undefined) return { kind: 'confirm' };
    memory.unlistedSince ??= now;
    if (now - memory.unlistedSince < UNLISTED_MS) return { kind: 'running', due: true };
    const created = primary?.createdAt?.getTime();
    if (primary === undefined || (created !== undefined && created < (tracked.createdAt ?? 0))) {
      return {
        kind: 'done',
        outcome: 'failed',
        reason: `ECS does not list deployment ${tracked.deploymentId}: the service still runs ${shortTaskDefinition(primary?.taskDefinition)}.`,
      };
    }
    return replaced(primary);
  }
  memory.unlistedSince = undefined;
  const settled =
    ours.status !== 'PRIMARY' || ours.rolloutState === 'COMPLETED' || ours.rolloutState === 'FAILED';
  if (settled && sdKnown) {
    // DescribeServiceDeployments was read this look and still says in progress: ECS is catching up (or an
    // alarm's bake time runs): not due, nothing to hurry.
    if (sd === undefined) return { kind: 'confirm' };
    memory.settledSince ??= now;
    return { kind: 'running', due: now - memory.settledSince < CATCH_UP_MS };
  }
  if (ours.status === 'PRIMARY') {
    if (ours.rolloutState === 'COMPLETED') return { kind: 'done', outcome: 'succeeded', reason: undefined };
    if (ours.rolloutState === 'FAILED')
      return { kind: 'done', outcome: 'failed', reason: ours.rolloutStateReason };
    // ECS replaces tasks that crash after RUNNING forever: the crash-loop guard gives the verdict ECS does not.
    const crash = checkCrashLoop(tracked, memory, service, ours);
    if (crash?.kind === 'crash_loop') return { kind: 'done', outcome: 'failed', reason: crash.reason };
    if (crash?.kind === 'inspect') return crash;
    return transitionDue(ours, service, memory);
  }
  if (
    ours.rolloutState === 'FAILED' &&
    primary !== undefined &&
    primary.taskDefinition !== ours.taskDefinition
  ) {
    startEcsRollback(memory, primary, ours.rolloutStateReason);
    return assessRollback(memory, service, ours, undefined, false);
  }
  return replaced(primary);
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
