import type {
  FailureExplanation,
  OneOffResult,
  Registration,
  RollbackStart,
  ServiceOutcome,
  TrackedDeployment,
  UnansweredUpdate,
  WatchResult,
} from '@ecs-delivery/shared/ecs';
import type { PreparedService } from './prepare';

/** A rollback this run made (or ECS made, for a deployment of this run). */
export interface RollbackReport {
  /** `ecs`: ECS rolled back by itself (circuit breaker, alarm). */
  method: 'ecs' | RollbackStart['method'] | 'none';
  /** The task definition the service went back to. */
  to: string | undefined;
  outcome: 'succeeded' | 'failed' | 'timed_out' | 'requested' | 'not_possible' | 'disabled';
  reason: string | undefined;
}

/** Everything about one service in this run, for the outputs, the summary and the post step. */
export interface ServiceRun {
  prepared: PreparedService;
  label: string;
  /** The run changed nothing (same definition, service steady). */
  noop: boolean;
  registration?: Registration;
  migration?: OneOffResult & { logTail: string[] };
  /** The deployment this run's UpdateService created. */
  tracked?: TrackedDeployment;
  /** An UpdateService sent and not answered (yet, or ever: cut off by a cancel, or its answer lost). */
  unanswered?: UnansweredUpdate;
  watch?: WatchResult;
  outcome?: ServiceOutcome;
  failureReason?: string | undefined;
  explanation?: FailureExplanation;
  rollback?: RollbackReport;
  /** A rollback asked for and not yet seen to its end (the post step finishes it after a cancellation). */
  pendingRollback?: RollbackStart;
  startedAt: number;
  finishedAt?: number;
}

/** True when the run put something new on the service (so a release rollback has something to undo). */
export function changedService(run: ServiceRun): boolean {
  return run.tracked !== undefined && !run.noop;
}

/** The task definition the service runs after this run, as far as the run knows. */
export function finalTaskDefinition(run: ServiceRun): string | undefined {
  if (run.rollback !== undefined && run.rollback.outcome === 'succeeded') return run.rollback.to;
  if (run.outcome === 'succeeded' || run.outcome === 'started')
    return run.tracked?.taskDefinitionArn ?? run.registration?.arn;
  return run.watch?.service?.taskDefinition ?? run.prepared.service.taskDefinition;
}
