import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import {
  rollbackSucceeded,
  ServiceMovedOnError,
  shortTaskDefinition,
  startRollback,
  watchDeployments,
  type Clock,
  type Sleep,
  type WatchResult,
} from '@ecs-delivery/shared';
import type { RollbackScope } from './inputs';
import type { PreparedService } from './prepare';
import { changedService, type RollbackReport, type ServiceRun } from './service-run';

/**
 * The services to put back after a failure. `release`: every service this run changed, the successful ones
 * too; `service`: the ones that failed. A deployment ECS already rolled back successfully needs nothing; one
 * that a deployment started outside this run replaced is left to whoever replaced it.
 */
export function rollbackCandidates(runs: readonly ServiceRun[], scope: RollbackScope): ServiceRun[] {
  return runs.filter((run) => {
    if (!changedService(run)) return false;
    if (run.rollback?.method === 'ecs' && run.rollback.outcome === 'succeeded') return false;
    if (run.watch?.replacedBy !== undefined) {
      run.rollback = {
        method: 'none',
        to: undefined,
        outcome: 'not_possible',
        reason: `Deployment ${run.watch.replacedBy}, started outside this run, replaced this one: the service is left to it.`,
      };
      return false;
    }
    if (run.outcome === 'succeeded' || run.outcome === 'started') return scope === 'release';
    return true;
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

/**
 * Whether StopServiceDeployment(ROLLBACK) puts the service back on its known-good definition: ECS goes back
 * to the revision the deployment replaced, which is the known-good one only when the service was steady on it.
 */
export function stopLandsOnKnownGood(prepared: PreparedService): boolean {
  const to = prepared.knownGood?.taskDefinitionArn;
  return to !== undefined && prepared.steady && prepared.service.taskDefinition === to;
}

/**
 * Asks ECS to put each service back on its known-good definition, all at once: StopServiceDeployment
 * (ROLLBACK) for a deployment still in flight when that lands on the known-good definition, else UpdateService
 * — but never over a deployment someone else started since. Quick (one to three calls a service), so it fits
 * in the seconds a cancelled step has. Each requested rollback is `run.pendingRollback` until watched.
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
      try {
        const inFlight = run.outcome !== 'succeeded' && run.outcome !== 'started';
        const ours = [run.tracked?.deploymentId, run.watch?.ecsRollback?.deploymentId].filter(
          (id): id is string => id !== undefined,
        );
        const start = await startRollback(ecs, run.prepared.ref, {
          failed: inFlight && stopLandsOnKnownGood(run.prepared) ? run.tracked : undefined,
          to,
          ours,
          label: `${run.label} (rollback)`,
          warn: (m) => core.warning(`${run.label}: ${m}`),
        });
        if (start === undefined) {
          run.rollback = {
            method: 'none',
            to: undefined,
            outcome: 'not_possible',
            reason: 'No successful deployment of this service is known to go back to.',
          };
          return;
        }
        run.rollback = { method: start.method, to: start.to, outcome: 'requested', reason: undefined };
        run.pendingRollback = start;
        onRequested();
        core.info(
          `${run.label}: rolling back to ${start.to === undefined ? 'the revision ECS last completed' : shortTaskDefinition(start.to)} (${start.method}).`,
        );
      } catch (err) {
        const moved = err instanceof ServiceMovedOnError;
        run.rollback = {
          method: 'none',
          to,
          outcome: moved ? 'not_possible' : 'failed',
          reason: moved ? err.message : `Could not start the rollback: ${(err as Error).message}`,
        };
      }
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
  if (pending.length === 0) return;
  const now = (options.clock ?? { now: () => Date.now() }).now();
  const results = await watchDeployments(
    ecs,
    pending.map((r) => r.pendingRollback!.watch),
    { deadline: now + options.timeoutMs, clock: options.clock, sleep: options.sleep, signal: options.signal },
  ).catch((err: unknown): WatchResult[] =>
    pending.map(() => ({
      outcome: 'failed',
      reason: `The rollback could not be watched: ${(err as Error).message}`,
      service: undefined,
      serviceDeployment: undefined,
      elapsedMs: 0,
    })),
  );
  pending.forEach((run, i) => {
    const result = results[i]!;
    if (result.outcome === 'cancelled') return; // still pending: the post step sees it through
    const start = run.pendingRollback!;
    const ok = rollbackSucceeded(start, result);
    const to = result.ecsRollback?.taskDefinitionArn ?? start.to;
    const report: RollbackReport = {
      method: start.method,
      to,
      outcome: ok ? 'succeeded' : result.outcome === 'timed_out' ? 'timed_out' : 'failed',
      reason: ok ? undefined : result.reason,
    };
    run.rollback = report;
    delete run.pendingRollback;
    core.info(
      ok
        ? `${run.label}: rolled back to ${shortTaskDefinition(to)}.`
        : `${run.label}: the rollback ${report.outcome === 'timed_out' ? 'timed out' : 'failed'}: ${result.reason ?? 'no reason given'}`,
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
