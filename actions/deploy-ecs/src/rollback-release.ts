import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { type CallBudget, type Clock, type Sleep, systemClock } from '@ecs-delivery/shared';
import {
  needsRollback,
  requestRollbacks as requestAll,
  rollBack,
  type RollbackEntry,
  rollbackLandsOn,
  type RollbackPlan,
  type RollbackScope,
  type WatchResult,
} from '@ecs-delivery/shared/ecs';
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

/** How to put a run's service back; `undefined` (and the run says why) when there is nothing to go back to. */
function planFor(run: ServiceRun): RollbackPlan | undefined {
  const to = run.prepared.knownGood?.taskDefinitionArn;
  if (to !== undefined && to === run.tracked?.taskDefinitionArn) {
    run.rollback = {
      method: 'none',
      to,
      outcome: 'not_possible',
      reason: 'The last successful definition is the one this run deployed.',
    };
    return undefined;
  }
  const inFlight = run.outcome !== 'succeeded' && run.outcome !== 'started';
  return {
    label: run.label,
    ref: run.prepared.ref,
    options: {
      failed: inFlight && stopLandsOnKnownGood(run.prepared) ? run.tracked : undefined,
      to,
      ours: [run.tracked?.deploymentId, run.watch?.ecsRollback?.deploymentId].filter(
        (id): id is string => id !== undefined,
      ),
    },
  };
}

function planned(runs: readonly ServiceRun[]): { runs: ServiceRun[]; plans: RollbackPlan[] } {
  const out: { runs: ServiceRun[]; plans: RollbackPlan[] } = { runs: [], plans: [] };
  for (const run of runs) {
    const plan = planFor(run);
    if (plan === undefined) continue;
    out.runs.push(run);
    out.plans.push(plan);
  }
  return out;
}

/** A requested rollback is `run.pendingRollback` until watched (the post step finishes it after a cancel). */
function recordRequest(run: ServiceRun, entry: RollbackEntry): void {
  if (entry.request.status !== 'requested') {
    run.rollback = {
      method: 'none',
      to: entry.plan.options.to,
      outcome: entry.request.status,
      reason: entry.request.reason,
    };
    return;
  }
  const start = entry.request.start;
  run.rollback = { method: start.method, to: start.to, outcome: 'requested', reason: undefined };
  run.pendingRollback = start;
}

/** A watched rollback's verdict; a cancelled watch leaves it pending. */
function recordVerdict(run: ServiceRun, entry: RollbackEntry): void {
  const verdict = entry.verdict;
  if (verdict === undefined || verdict.outcome === 'cancelled' || run.pendingRollback === undefined) return;
  const outcome =
    verdict.outcome === 'succeeded' ? 'succeeded' : verdict.outcome === 'timed_out' ? 'timed_out' : 'failed';
  run.rollback = {
    method: run.pendingRollback.method,
    to: verdict.to,
    outcome,
    reason: outcome === 'succeeded' ? undefined : verdict.reason,
  };
  delete run.pendingRollback;
}

/**
 * Asks ECS to put each service back on its known-good definition, all at once, without watching: what a
 * cancelled run has time for. StopServiceDeployment(ROLLBACK) for a deployment still in flight when that lands
 * on the known-good definition, else UpdateService — never over a deployment someone else started since.
 */
export async function requestRollbacks(
  ecs: ECSClient,
  runs: readonly ServiceRun[],
  onRequested: () => void = () => undefined,
): Promise<void> {
  const work = planned(runs);
  const entries = await requestAll(ecs, work.plans);
  entries.forEach((entry, i) => recordRequest(work.runs[i]!, entry));
  onRequested();
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
    /** The rollback's calls get `timeoutMs` of their own, whatever deadline the deploy had. */
    budget?: CallBudget | undefined;
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
    const work = planned(candidates);
    const now = (options.clock ?? systemClock).now();
    const entries = await rollBack(ecs, work.plans, {
      deadline: now + options.timeoutMs,
      clock: options.clock,
      sleep: options.sleep,
      signal: options.signal,
      budget: options.budget,
      onRequested: (requested) => {
        requested.forEach((entry, i) => recordRequest(work.runs[i]!, entry));
        options.onChange?.();
      },
    });
    entries.forEach((entry, i) => recordVerdict(work.runs[i]!, entry));
    options.onChange?.();
  });
}
