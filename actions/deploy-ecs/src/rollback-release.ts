import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import {
  needsRollback,
  requestRollback,
  rollbackLandsOn,
  shortTaskDefinition,
  watchRollbacks as watchAll,
  type Clock,
  type RollbackScope,
  type Sleep,
  type WatchResult,
} from '@ecs-delivery/shared';
import type { PreparedService } from './prepare';
import { changedService, type ServiceRun } from './service-run';

/**
 * The services to put back after a failure, by the shared policy (`needsRollback`). A service a deployment
 * started outside this run replaced is left to whoever replaced it, and says so.
 */
export function rollbackCandidates(runs: readonly ServiceRun[], scope: RollbackScope): ServiceRun[] {
  return runs.filter((run) => {
    const changed = changedService(run);
    const back = run.rollback?.method === 'ecs' && run.rollback.outcome === 'succeeded';
    const replacedBy = run.watch?.replacedBy;
    if (changed && !back && replacedBy !== undefined) {
      run.rollback = {
        method: 'none',
        to: undefined,
        outcome: 'not_possible',
        reason: `Deployment ${replacedBy}, started outside this run, replaced this one: the service is left to it.`,
      };
    }
    return needsRollback(
      { changed, outcome: run.outcome, back, replacedBy, requested: run.pendingRollback !== undefined },
      scope,
    );
  });
}

/** Records what ECS did by itself for a deployment it rolled back (circuit breaker, alarm). */
export function noteEcsRollback(run: ServiceRun, result: WatchResult): void {
  const rb = result.ecsRollback;
  if (rb === undefined) return;
  run.rollback = {
    method: 'ecs',
    to: rb.taskDefinitionArn,
    outcome: rb.succeeded === true ? 'succeeded' : rb.succeeded === false ? 'failed' : 'timed_out',
    reason: result.reason,
  };
}

/** Whether StopServiceDeployment(ROLLBACK) of this run's deployment lands on the known-good definition. */
export function stopLandsOnKnownGood(prepared: PreparedService): boolean {
  return rollbackLandsOn(prepared.service, prepared.knownGood?.taskDefinitionArn);
}

/**
 * Asks ECS to put each service back on its known-good definition, all at once: StopServiceDeployment
 * (ROLLBACK) for a deployment still in flight when that lands on the known-good definition, else UpdateService
 * — but never over a deployment someone else started since. Each requested rollback is `run.pendingRollback`
 * until watched.
 */
export async function requestRollbacks(
  ecs: ECSClient,
  runs: readonly ServiceRun[],
  onRequested: () => void = () => undefined,
): Promise<void> {
  await Promise.all(
    runs.map(async (run) => {
      const to = run.prepared.knownGood?.taskDefinitionArn;
      if (to !== undefined && to === run.tracked?.taskDefinitionArn) {
        run.rollback = {
          method: 'none',
          to,
          outcome: 'not_possible',
          reason: 'The last successful definition is the one this run deployed.',
        };
        return;
      }
      const inFlight = run.outcome !== 'succeeded' && run.outcome !== 'started';
      const request = await requestRollback(ecs, run.prepared.ref, {
        failed: inFlight && stopLandsOnKnownGood(run.prepared) ? run.tracked : undefined,
        to,
        ours: [run.tracked?.deploymentId, run.watch?.ecsRollback?.deploymentId].filter(
          (id): id is string => id !== undefined,
        ),
        label: `${run.label} (rollback)`,
        warn: (m) => core.warning(`${run.label}: ${m}`),
      });
      if (request.status !== 'requested') {
        run.rollback = { method: 'none', to, outcome: request.status, reason: request.reason };
        return;
      }
      const start = request.start;
      run.rollback = { method: start.method, to: start.to, outcome: 'requested', reason: undefined };
      run.pendingRollback = start;
      onRequested();
      core.info(
        `${run.label}: rolling back to ${start.to === undefined ? 'the revision ECS last completed' : shortTaskDefinition(start.to)} (${start.method}).`,
      );
    }),
  );
}

/**
 * Watches the requested rollbacks (`pendingRollback`) to their end and records each outcome. Cancelled
 * midway, the rollbacks stay pending, for the post step.
 */
export async function watchRollbacks(
  ecs: ECSClient,
  runs: readonly ServiceRun[],
  options: {
    timeoutMs: number;
    clock?: Clock | undefined;
    sleep?: Sleep | undefined;
    signal?: AbortSignal | undefined;
  },
): Promise<void> {
  const pending = runs.filter((r) => r.pendingRollback !== undefined);
  const now = (options.clock ?? { now: () => Date.now() }).now();
  const verdicts = await watchAll(
    ecs,
    pending.map((r) => r.pendingRollback!),
    { deadline: now + options.timeoutMs, clock: options.clock, sleep: options.sleep, signal: options.signal },
  );
  pending.forEach((run, i) => {
    const verdict = verdicts[i]!;
    if (verdict.outcome === 'cancelled') return; // still pending: the post step sees it through
    const outcome =
      verdict.outcome === 'succeeded'
        ? 'succeeded'
        : verdict.outcome === 'timed_out'
          ? 'timed_out'
          : 'failed';
    run.rollback = {
      method: run.pendingRollback!.method,
      to: verdict.to,
      outcome,
      reason: verdict.outcome === 'succeeded' ? undefined : verdict.reason,
    };
    delete run.pendingRollback;
    core.info(
      outcome === 'succeeded'
        ? `${run.label}: rolled back to ${shortTaskDefinition(verdict.to)}.`
        : `${run.label}: the rollback ${outcome === 'timed_out' ? 'timed out' : 'failed'}: ${verdict.reason ?? 'no reason given'}`,
    );
  });
}

/** After a failure: roll back what the scope says, and wait for it (unless rollbacks are off). */
export async function rollBackAfterFailure(
  ecs: ECSClient,
  runs: readonly ServiceRun[],
  options: {
    scope: RollbackScope;
    enabled: boolean;
    timeoutMs: number;
    signal?: AbortSignal | undefined;
    clock?: Clock | undefined;
    sleep?: Sleep | undefined;
    onChange?: () => void;
  },
): Promise<void> {
  const candidates = rollbackCandidates(runs, options.scope);
  if (candidates.length === 0) return;
  if (!options.enabled) {
    for (const run of candidates) {
      run.rollback = {
        method: 'none',
        to: undefined,
        outcome: 'disabled',
        reason: 'rollback-on-failure is false.',
      };
      core.warning(`${run.label}: rollback-on-failure is false: the service is left as it is.`);
    }
    return;
  }
  await core.group('Roll back', async () => {
    await requestRollbacks(ecs, candidates, options.onChange);
    await watchRollbacks(ecs, candidates, options);
    options.onChange?.();
  });
}
