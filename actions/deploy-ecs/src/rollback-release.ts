import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import {
  shortTaskDefinition,
  startRollback,
  watchDeployments,
  type Clock,
  rollbackSucceeded,
  type RollbackStart,
  type Sleep,
  type WatchResult,
} from '@ecs-delivery/shared';
import type { RollbackScope } from './inputs';
import { changedService, type RollbackReport, type ServiceRun } from './service-run';

/** A rollback asked for and not yet watched to its end. */
export interface PendingRollback {
  run: ServiceRun;
  start: RollbackStart;
}

/**
 * The services to put back after a failure. `release`: every service this run changed, the successful ones
 * too; `service`: the ones that failed. A deployment ECS already rolled back successfully needs nothing.
 */
export function rollbackCandidates(runs: readonly ServiceRun[], scope: RollbackScope): ServiceRun[] {
  return runs.filter((run) => {
    if (!changedService(run)) return false;
    if (run.rollback?.method === 'ecs' && run.rollback.outcome === 'succeeded') return false;
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
 * Asks ECS to put each service back on its known-good definition, all at once: StopServiceDeployment
 * (ROLLBACK) for a deployment still in flight, else UpdateService. Quick (one or two calls a service), so it
 * fits in the seconds a cancelled step has.
 */
export async function requestRollbacks(
  ecs: ECSClient,
  runs: readonly ServiceRun[],
): Promise<PendingRollback[]> {
  const pending: PendingRollback[] = [];
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
        const start = await startRollback(ecs, run.prepared.ref, {
          failed: inFlight ? run.tracked : undefined,
          to,
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
        core.info(
          `${run.label}: rolling back to ${start.to === undefined ? 'the revision ECS last completed' : shortTaskDefinition(start.to)} (${start.method}).`,
        );
        pending.push({ run, start });
      } catch (err) {
        run.rollback = {
          method: 'none',
          to,
          outcome: 'failed',
          reason: `Could not start the rollback: ${(err as Error).message}`,
        };
      }
    }),
  );
  return pending;
}

/** Watches requested rollbacks to their end and records each outcome in its run. */
export async function watchRollbacks(
  ecs: ECSClient,
  pending: readonly PendingRollback[],
  options: {
    timeoutMs: number;
    clock?: Clock | undefined;
    sleep?: Sleep | undefined;
    signal?: AbortSignal | undefined;
  },
): Promise<void> {
  if (pending.length === 0) return;
  const now = (options.clock ?? { now: () => Date.now() }).now();
  const results = await watchDeployments(
    ecs,
    pending.map((p) => p.start.watch),
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
  pending.forEach((p, i) => {
    const result = results[i]!;
    const ok = rollbackSucceeded(p.start, result);
    const to = result.ecsRollback?.taskDefinitionArn ?? p.start.to;
    const report: RollbackReport = {
      method: p.start.method,
      to,
      outcome: ok ? 'succeeded' : result.outcome === 'timed_out' ? 'timed_out' : 'failed',
      reason: ok ? undefined : result.reason,
    };
    p.run.rollback = report;
    core.info(
      ok
        ? `${p.run.label}: rolled back to ${shortTaskDefinition(to)}.`
        : `${p.run.label}: the rollback ${report.outcome === 'timed_out' ? 'timed out' : 'failed'}: ${result.reason ?? 'no reason given'}`,
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
    clock?: Clock | undefined;
    sleep?: Sleep | undefined;
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
    const pending = await requestRollbacks(ecs, candidates);
    await watchRollbacks(ecs, pending, options);
  });
}
