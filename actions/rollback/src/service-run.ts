import * as core from '@actions/core';
import { type CallBudget, describeError } from '@ecs-delivery/shared';
import type { EcsClients as Clients } from '@ecs-delivery/shared/aws';
import {
  explainWatched,
  type FailureExplanation,
  isFailure as outcomeFails,
  registerIfChanged,
  type Registration,
  requestRollback,
  type RollbackStart,
  type RollbackVerdict,
  type ServiceOutcome,
  shortTaskDefinition,
  type WatchResult,
} from '@ecs-delivery/shared/ecs';
import type { PreparedRollback } from './prepare';

/** Where a service ended (`started`: `wait: false`, the rollback deployment was started and not watched). */
export type RollbackOutcome = Exclude<ServiceOutcome, 'not_started'>;

/** Everything about one service in this run, for the outputs and the summary. */
export interface RollbackRun {
  prepared: PreparedRollback;
  label: string;
  /** A new revision registered for an image (or the identical one reused). */
  registration?: Registration;
  start?: RollbackStart;
  watch?: WatchResult;
  outcome?: RollbackOutcome;
  failureReason?: string | undefined;
  explanation?: FailureExplanation;
}

export function isFailure(run: RollbackRun): boolean {
  return outcomeFails(run.outcome);
}

/**
 * The task definition the rollback goes to (or would, in a dry run): the target, or for a
 * StopServiceDeployment the revision ECS chose.
 */
export function targetOf(run: RollbackRun): string | undefined {
  if (run.start?.method === 'stop-service-deployment')
    return run.watch?.ecsRollback?.taskDefinitionArn ?? run.start.to;
  return run.start?.to ?? run.registration?.arn ?? run.prepared.targetArn;
}

/** The ECS deployment that carries the rollback. */
export function deploymentOf(run: RollbackRun): string | undefined {
  if (run.start?.method === 'stop-service-deployment')
    return run.watch?.ecsRollback?.deploymentId ?? run.start.watch.tracked.deploymentId;
  return run.start?.watch.tracked.deploymentId;
}

/** The task definition the service runs after this run, as far as the run knows. */
export function finalTaskDefinition(run: RollbackRun): string | undefined {
  if (run.outcome === 'succeeded' || run.outcome === 'started')
    return targetOf(run) ?? run.prepared.currentArn;
  return run.watch?.service?.taskDefinition ?? run.prepared.currentArn;
}

/**
 * Starts one service's rollback: registers the new revision an image needs (unless an identical one exists),
 * then StopServiceDeployment(ROLLBACK) for a deployment in flight whose rollback lands on the target, else
 * UpdateService to the target. Never deregisters anything. A service steady on its target gets no call.
 */
export async function startServiceRollback(
  run: RollbackRun,
  clients: Clients,
  signal: AbortSignal,
  budget: CallBudget,
): Promise<void> {
  const p = run.prepared;
  if (p.noop) {
    core.info(`${run.label}: steady on ${shortTaskDefinition(p.targetArn)} already: nothing to roll back.`);
    run.outcome = 'succeeded';
    return;
  }
  try {
    signal.throwIfAborted();
    let to = p.targetArn;
    if (p.register !== undefined) {
      const registration = await registerIfChanged(clients.ecs, p.register, p.current);
      run.registration = registration;
      to = registration.arn;
      core.info(
        registration.registered
          ? `${run.label}: registered ${shortTaskDefinition(registration.arn)}.`
          : `${run.label}: ${shortTaskDefinition(registration.arn)} is identical: no new revision.`,
      );
    }
    signal.throwIfAborted();
    // Seen through once asked for: a request cut off by a cancel would leave no one knowing what started.
    const request = await budget.within({ cancellable: false }, () =>
      requestRollback(clients.ecs, p.ref, {
        failed: p.stopInFlight ? p.inFlight : undefined,
        to,
        label: `${run.label} (rollback)`,
        warn: (m) => core.warning(`${run.label}: ${m}`),
      }),
    );
    if (request.status !== 'requested') {
      if (signal.aborted) throw new Error(request.reason);
      run.outcome = 'failed';
      run.failureReason = request.reason;
      return;
    }
    const start = request.start;
    run.start = start;
    core.info(
      start.method === 'stop-service-deployment'
        ? `${run.label}: StopServiceDeployment (ROLLBACK) of ${p.inFlight?.deploymentId ?? 'the deployment in flight'}: ECS goes back to ${shortTaskDefinition(start.to)}.`
        : `${run.label}: UpdateService started deployment ${start.watch.tracked.deploymentId} of ${shortTaskDefinition(start.to)}.`,
    );
  } catch (err) {
    if (signal.aborted) {
      run.outcome = 'cancelled';
      run.failureReason = 'The workflow run was cancelled before the rollback started.';
      return;
    }
    run.outcome = 'failed';
    run.failureReason = `Could not start the rollback: ${describeError(err).message}`;
  }
}

/** Records how a watched rollback ended (ECS's own rollback counts as success when it completed). */
export function recordVerdict(run: RollbackRun, verdict: RollbackVerdict): void {
  run.watch = verdict.result;
  run.outcome = verdict.outcome;
  if (verdict.outcome !== 'succeeded') run.failureReason = verdict.reason;
}

/** Explains a failed rollback deployment (stopped tasks, exit codes, events, the log) into the run. */
export async function explainRun(run: RollbackRun, clients: Clients, budget: CallBudget): Promise<void> {
  if (run.start === undefined || run.watch === undefined) return;
  const explanation = await explainWatched(
    clients.ecs,
    clients.logsFor,
    run.start.watch.tracked,
    run.watch,
    run.prepared.targetContainers,
    budget,
  );
  if (explanation === undefined) return;
  run.explanation = explanation;
  run.failureReason = explanation.summary;
}
