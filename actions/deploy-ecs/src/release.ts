import * as core from '@actions/core';
import { type CallBudget, type Clock, describeError, type Sleep } from '@ecs-delivery/shared';
import type { DeployClients as Clients } from '@ecs-delivery/shared/aws';
import {
  explainWatched,
  isFailure as outcomeFails,
  learnExpectedMs,
  watchOrFail,
} from '@ecs-delivery/shared/ecs';
import { readyService, updateService } from './deploy-service';
import type { Inputs } from './inputs';
import type { PreparedService } from './prepare';
import { noteEcsRollback } from './rollback-release';
import type { ServiceRun } from './service-run';
import type { StateChange } from './state';

export interface ReleaseContext {
  clients: Clients;
  inputs: Inputs;
  signal: AbortSignal;
  budget: CallBudget;
  clock?: Clock | undefined;
  sleep?: Sleep | undefined;
  /** Called whenever a service's deployment starts or ends (to keep the post step's state current). */
  onChange: (change: StateChange) => void;
}

/** The run of a service failed (its outcome fails the step). */
export function isFailure(run: ServiceRun): boolean {
  return outcomeFails(run.outcome);
}

/** A run for each prepared service, in their waves, before anything starts (the post step's state reads them). */
export function createRuns(waves: readonly PreparedService[][]): ServiceRun[][] {
  return waves.map((wave) =>
    wave.map((prepared) => ({ prepared, label: prepared.plan.label, noop: false, startedAt: Date.now() })),
  );
}

async function explain(run: ServiceRun, clients: Clients, budget: CallBudget): Promise<void> {
  if (run.tracked === undefined || run.watch === undefined) return;
  const explanation = await explainWatched(
    clients.ecs,
    clients.logsFor,
    run.tracked,
    run.watch,
    run.prepared.rendered.containerDefinitions,
    budget,
  );
  if (explanation === undefined) return;
  run.explanation = explanation;
  run.failureReason = explanation.summary;
}

/** Records a failure of a step that threw: cancelled when the run was, else failed with the error. */
function settle(wave: ServiceRun[], results: PromiseSettledResult<unknown>[], signal: AbortSignal): void {
  results.forEach((settled, i) => {
    if (settled.status === 'fulfilled') return;
    const run = wave[i]!;
    run.finishedAt = Date.now();
    if (signal.aborted) {
      run.outcome = 'cancelled';
      run.failureReason =
        run.unanswered !== undefined
          ? 'The workflow run was cancelled while UpdateService had not answered; the post step looks whether ECS carried it out and, if so, rolls it back.'
          : run.tracked === undefined && run.prepared.plan.migration !== undefined
            ? 'The workflow run was cancelled during the migrations; the service was not updated.'
            : 'The workflow run was cancelled.';
      return;
    }
    run.outcome = 'failed';
    run.failureReason = describeError(settled.reason).message;
  });
}

/**
 * Deploys one wave: every service's definition registered and its migrations run first, then — only when all
 * of them are ready, so no service runs new code against a schema a sibling failed to migrate — one
 * UpdateService each, and one watcher for all of their deployments.
 */
async function deployWave(wave: ServiceRun[], ctx: ReleaseContext): Promise<void> {
  const { clients, inputs } = ctx;
  const labels = wave.map((r) => r.label).join(', ');
  const step = {
    clients,
    signal: ctx.signal,
    budget: ctx.budget,
    clock: ctx.clock,
    sleep: ctx.sleep,
    onUpdated: (_run: ServiceRun, change: StateChange) => ctx.onChange(change),
  };
  await core.group(`Deploy ${labels}`, async () => {
    const readied = await Promise.allSettled(wave.map((run) => readyService(run, step)));
    settle(wave, readied, ctx.signal);
    const ready = wave.filter((run, i) => readied[i]?.status === 'fulfilled' && readied[i].value === true);
    const blocked = wave.find((run) => run.outcome !== undefined && run.outcome !== 'succeeded');
    if (blocked !== undefined) {
      for (const run of ready) {
        run.outcome = 'not_started';
        run.failureReason = `Not updated: ${blocked.label} failed before its update (${blocked.failureReason ?? blocked.outcome ?? ''}).`;
        core.info(`${run.label}: not updated, as ${blocked.label} of the same wave failed first.`);
      }
      return;
    }
    const updated = await Promise.allSettled(ready.map((run) => updateService(run, step)));
    settle(ready, updated, ctx.signal);
  });
  const toWatch = wave.filter((r) => r.tracked !== undefined && r.outcome === undefined);
  if (toWatch.length === 0) return;
  if (!inputs.wait) {
    for (const run of toWatch) {
      run.outcome = 'started';
      core.info(`${run.label}: wait is false: deployment ${run.tracked!.deploymentId} started, not watched.`);
    }
    return;
  }
  const now = (ctx.clock ?? { now: () => Date.now() }).now();
  // A watch that breaks down leaves the deployments going on unwatched: they count as failed, so they are
  // rolled back, not left unknown.
  const { results } = await core.group(`Watch ${toWatch.map((r) => r.label).join(', ')}`, () =>
    watchOrFail(
      clients.ecs,
      toWatch.map((run) => ({
        tracked: run.tracked!,
        label: run.label,
        deadline: now + run.prepared.plan.timeoutMs,
        expectedMs: learnExpectedMs(run.prepared.service, run.tracked!.deploymentId),
      })),
      {
        deadline: now + Math.max(...toWatch.map((r) => r.prepared.plan.timeoutMs)),
        signal: ctx.signal,
        budget: ctx.budget,
        clock: ctx.clock,
        sleep: ctx.sleep,
      },
      (message) => `The deployment could not be watched: ${message}`,
    ),
  );
  results.forEach((result, i) => {
    const run = toWatch[i]!;
    run.watch = result;
    run.outcome = result.outcome;
    run.finishedAt = Date.now();
    noteEcsRollback(run, result);
    if (result.outcome !== 'succeeded') run.failureReason = result.reason;
  });
  const failed = toWatch.filter((r) => r.outcome !== 'succeeded' && r.outcome !== 'cancelled');
  if (failed.length > 0)
    await core.group('Why it failed', () => Promise.all(failed.map((r) => explain(r, clients, ctx.budget))));
  ctx.onChange('changed');
}

/**
 * Deploys the prepared waves in order: a wave starts when the one before succeeded as a whole. Returns every
 * service's run, waves flattened; services of waves that did not start are `not_started`.
 */
export async function runRelease(runs: readonly ServiceRun[][], ctx: ReleaseContext): Promise<ServiceRun[]> {
  let stopped = false;
  for (const wave of runs) {
    if (ctx.signal.aborted) {
      for (const run of wave) {
        run.outcome = 'cancelled';
        run.failureReason = 'The workflow run was cancelled before this service was deployed.';
      }
      continue;
    }
    if (stopped) {
      for (const run of wave) run.outcome = 'not_started';
      continue;
    }
    for (const run of wave) run.startedAt = Date.now();
    await deployWave(wave, ctx);
    stopped = wave.some(isFailure);
  }
  return runs.flat();
}
