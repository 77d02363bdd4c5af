import * as core from '@actions/core';
import type { ECSClient, Service } from '@aws-sdk/client-ecs';
import type { CallBudget } from '../runner/call-budget';
import { describeError } from '../runner/describe-error';
import { ServiceMovedOnError, startRollback, type RollbackOptions, type RollbackStart } from './rollback';
import { shortTaskDefinition, type DeployOutcome, type ServiceRef, type TrackedDeployment } from './types';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import type { LogsClientFor } from '../logs/task-logs';
import { explainDeployment, type FailureExplanation } from './explain';
import { watchDeployments, type WatchOptions, type WatchResult, type WatchTarget } from './watch';

/**
 * The run model both deploy-ecs (its main step and its post step) and the rollback action share: the outcomes a
 * service can end on, which services a failure puts back, and request → watch → judge for a rollback.
 */

/** Where one service ended in a run. */
export type ServiceOutcome =
  | DeployOutcome
  /** `wait: false`: the deployment was started and not watched. */
  | 'started'
  /** A later wave that did not start because an earlier one failed. */
  | 'not_started';

/** A run's verdict: a service's outcome, or `dry_run`. */
export type RunOutcome = ServiceOutcome | 'dry_run';

const FAILURES: ReadonlySet<ServiceOutcome | undefined> = new Set([
  'failed',
  'rolled_back',
  'timed_out',
  'cancelled',
]);

/** Whether an outcome fails the step. `undefined` (nothing was done, or not yet) is not a failure. */
export function isFailure(outcome: ServiceOutcome | undefined): boolean {
  return FAILURES.has(outcome);
}

/** The run's verdict: `dry_run`, `cancelled`, the first failure in order, else `started` / `succeeded`. */
export function overallOutcome(
  outcomes: readonly (ServiceOutcome | undefined)[],
  dryRun: boolean,
): RunOutcome {
  if (dryRun) return 'dry_run';
  if (outcomes.includes('cancelled')) return 'cancelled';
  const failed = outcomes.find(isFailure);
  if (failed !== undefined) return failed;
  if (outcomes.includes('started')) return 'started';
  return 'succeeded';
}

/**
 * Whether StopServiceDeployment(ROLLBACK) puts a service back on `target`. ECS goes back to the service revision
 * it last completed, i.e. to what the stopped deployment replaced: the target only when every deployment it
 * replaced runs the target, one of them completed, and none failed (a failed one means ECS is rolling back
 * already). `service` is described either before the deployment to stop was started (every deployment it shows
 * will be replaced) or while it runs (pass its id as `stopping`).
 */
export function rollbackLandsOn(
  service: Service | undefined,
  target: string | undefined,
  stopping?: string,
): boolean {
  if (target === undefined || service === undefined) return false;
  const replaced = (service.deployments ?? []).filter((d) => stopping === undefined || d.id !== stopping);
  return (
    replaced.length > 0 &&
    replaced.every((d) => d.taskDefinition === target && d.rolloutState !== 'FAILED') &&
    replaced.some((d) => d.rolloutState === 'COMPLETED')
  );
}

/** `release`: a failure puts back every service the run changed; `service`: only the failing ones. */
export type RollbackScope = 'release' | 'service';

/** What the rollback policy needs to know of a service in a run. */
export interface RollbackCandidate {
  /** The run put something new on the service (it started a deployment that changed it). */
  changed: boolean;
  outcome: ServiceOutcome | undefined;
  /** The service is back on what last worked already (ECS rolled it back, or a rollback of this run did). */
  back: boolean;
  /** A deployment started outside the run that replaced the run's: the service is someone else's now. */
  replacedBy: string | undefined;
  /** A rollback was asked for and not seen to its end. */
  requested: boolean;
}

/**
 * The one policy for what a failure puts back: a service the run changed and that is not back already — every
 * such service with the `release` scope, only the unfinished and failed ones with `service` — but never one
 * that someone else has deployed to since. A rollback already asked for is always seen through.
 */
export function needsRollback(c: RollbackCandidate, scope: RollbackScope): boolean {
  if (!c.changed || c.back || c.replacedBy !== undefined) return false;
  if (c.requested) return true;
  if (c.outcome === 'succeeded' || c.outcome === 'started') return scope === 'release';
  return true;
}

/** A requested rollback, or why there is none. */
export type RollbackRequest =
  | { status: 'requested'; start: RollbackStart }
  /** Nothing to go back to, or the service moved on (someone else deployed since): left alone. */
  | { status: 'not_possible'; reason: string }
  | { status: 'failed'; reason: string };

/**
 * Asks ECS to put a service back (see {@link startRollback}); never throws. Quick — one to three calls — so it
 * fits in the seconds a cancelled step has.
 */
export async function requestRollback(
  ecs: ECSClient,
  ref: ServiceRef,
  options: RollbackOptions,
): Promise<RollbackRequest> {
  try {
    const start = await startRollback(ecs, ref, options);
    if (start === undefined) {
      return {
        status: 'not_possible',
        reason: 'No successful deployment of this service is known to go back to.',
      };
    }
    return { status: 'requested', start };
  } catch (err) {
    if (err instanceof ServiceMovedOnError) return { status: 'not_possible', reason: err.message };
    return { status: 'failed', reason: `Could not start the rollback: ${describeError(err).message}` };
  }
}

/**
 * Watches deployments together (see {@link watchDeployments}); never throws: a watch that breaks down ends every
 * deployment `failed`, saying why in `why`'s words, so nothing is left unknown (a failed one is rolled back).
 */
export async function watchOrFail(
  ecs: ECSClient,
  targets: readonly WatchTarget[],
  options: WatchOptions,
  why: (message: string) => string,
): Promise<{ results: WatchResult[]; broken: boolean }> {
  try {
    return { results: await watchDeployments(ecs, targets, options), broken: false };
  } catch (err) {
    const reason = why(describeError(err).message);
    const now = (options.clock ?? { now: () => Date.now() }).now();
    return {
      results: targets.map((t) => ({
        outcome: 'failed',
        reason,
        service: undefined,
        serviceDeployment: undefined,
        elapsedMs: Math.max(0, now - (t.tracked.createdAt ?? now)),
      })),
      broken: true,
    };
  }
}

/** How long explaining a failure may take: it comes after the watch's deadline, before the rollback. */
export const EXPLAIN_BUDGET_MS = 20_000;

/**
 * Why a watched deployment failed — stopped tasks, exit codes, events, the log tail — or `undefined` when ECS
 * cannot tell (the explanation is best effort and never fails the step itself). With a `budget`, its calls get
 * {@link EXPLAIN_BUDGET_MS} of their own.
 */
export function explainWatched(
  ecs: ECSClient,
  logsFor: LogsClientFor,
  tracked: TrackedDeployment,
  result: WatchResult,
  containers: ContainerDefinition[] | undefined,
  budget?: CallBudget,
): Promise<FailureExplanation | undefined> {
  const explain = (): Promise<FailureExplanation | undefined> =>
    explainDeployment(ecs, {
      tracked,
      reason: result.reason,
      service: result.service,
      serviceDeployment: result.serviceDeployment,
      containers,
      logsFor,
    });
  const deadline = Date.now() + EXPLAIN_BUDGET_MS;
  return (budget === undefined ? explain() : budget.within({ deadline }, explain)).catch(() => undefined);
}

/** How a watched rollback ended. */
export interface RollbackVerdict {
  /**
   * `succeeded`: the service is back. A StopServiceDeployment that ECS did not see through is `failed`; a
   * redeploy of the target ends as its deployment did (`rolled_back` when ECS rolled the rollback back).
   */
  outcome: 'succeeded' | 'rolled_back' | 'failed' | 'timed_out' | 'cancelled';
  /** The task definition the service went back to (ECS's choice for a StopServiceDeployment). */
  to: string | undefined;
  /** Why it did not succeed. */
  reason: string | undefined;
  result: WatchResult;
  /** The watch itself broke down (the rollback was started; how it went is unknown). */
  unwatched: boolean;
}

/** Judges a watched rollback: did it put the service back? */
export function judgeRollback(start: RollbackStart, result: WatchResult): RollbackVerdict {
  const to = result.ecsRollback?.taskDefinitionArn ?? start.to;
  const stopped = start.method === 'stop-service-deployment';
  const ok = stopped
    ? result.outcome === 'rolled_back' && result.ecsRollback?.succeeded !== false
    : result.outcome === 'succeeded';
  if (ok) return { outcome: 'succeeded', to, reason: undefined, result, unwatched: false };
  const outcome =
    stopped && (result.outcome === 'rolled_back' || result.outcome === 'succeeded')
      ? 'failed'
      : result.outcome;
  return { outcome, to, reason: result.reason ?? `The rollback ended ${outcome}.`, result, unwatched: false };
}

/**
 * Watches requested rollbacks together to their end (or the deadline, or a cancel: `cancelled`) and judges each.
 * A watch that breaks down judges every rollback `failed`, saying why.
 */
export async function watchRollbacks(
  ecs: ECSClient,
  starts: readonly RollbackStart[],
  options: WatchOptions,
): Promise<RollbackVerdict[]> {
  if (starts.length === 0) return [];
  const { results, broken } = await watchOrFail(
    ecs,
    starts.map((s) => s.watch),
    options,
    (message) => `The rollback was started, but watching it failed: ${message}`,
  );
  if (!broken) return starts.map((s, i) => judgeRollback(s, results[i]!));
  return starts.map((s, i) => ({
    outcome: 'failed',
    to: s.to,
    reason: results[i]!.reason,
    result: results[i]!,
    unwatched: true,
  }));
}

/** One service to put back. */
export interface RollbackPlan {
  label: string;
  ref: ServiceRef;
  /** How to ask ECS (see {@link startRollback}); `label` and `warn` are filled in. */
  options: Omit<RollbackOptions, 'label' | 'warn'>;
  /** A rollback asked for earlier (by a step that had no time to watch it): watched, not asked for again. */
  requested?: RollbackStart | undefined;
}

/** What became of one planned rollback. */
export interface RollbackEntry {
  plan: RollbackPlan;
  request: RollbackRequest;
  /** How the watch judged it: none until watched, or when there was nothing to watch. */
  verdict: RollbackVerdict | undefined;
}

/** Where progress lines go (default `core.info`, warnings `core.warning`). */
export interface RollbackPrinter {
  info: (line: string) => void;
  warning: (line: string) => void;
}

const CORE_PRINTER: RollbackPrinter = { info: (l) => core.info(l), warning: (l) => core.warning(l) };

/**
 * Asks for every planned rollback at once (a plan with `requested` is taken as asked for). Quick — one to three
 * calls a service — so it fits in the seconds a cancelled step has; watch them with {@link watchRequested}.
 */
export async function requestRollbacks(
  ecs: ECSClient,
  plans: readonly RollbackPlan[],
  printer: RollbackPrinter = CORE_PRINTER,
): Promise<RollbackEntry[]> {
  return Promise.all(
    plans.map(async (plan): Promise<RollbackEntry> => {
      if (plan.requested !== undefined) {
        return { plan, request: { status: 'requested', start: plan.requested }, verdict: undefined };
      }
      const request = await requestRollback(ecs, plan.ref, {
        ...plan.options,
        label: `${plan.label} (rollback)`,
        warn: (m) => printer.warning(`${plan.label}: ${m}`),
      });
      if (request.status === 'requested') {
        const { to, method } = request.start;
        printer.info(
          `${plan.label}: rolling back to ${to === undefined ? 'the revision ECS last completed' : shortTaskDefinition(to)} (${method}).`,
        );
      }
      return { plan, request, verdict: undefined };
    }),
  );
}

/** Watches the requested rollbacks of `entries` together to their end and judges each into its `verdict`. */
export async function watchRequested(
  ecs: ECSClient,
  entries: readonly RollbackEntry[],
  options: WatchOptions & { printer?: RollbackPrinter },
): Promise<void> {
  const printer = options.printer ?? CORE_PRINTER;
  const watched = entries.filter(
    (e): e is RollbackEntry & { request: { status: 'requested' } } => e.request.status === 'requested',
  );
  const verdicts = await watchRollbacks(
    ecs,
    watched.map((e) => e.request.start),
    options,
  );
  watched.forEach((entry, i) => {
    const verdict = verdicts[i]!;
    entry.verdict = verdict;
    const label = entry.plan.label;
    if (verdict.outcome === 'succeeded')
      printer.info(`${label}: rolled back to ${shortTaskDefinition(verdict.to)}.`);
    else if (verdict.outcome !== 'cancelled')
      printer.info(
        `${label}: the rollback ${verdict.outcome === 'timed_out' ? 'timed out' : 'failed'}: ${verdict.reason ?? 'no reason given'}`,
      );
  });
}

/**
 * Puts services back on what last worked: asks for every rollback at once, then watches them together and
 * judges each. `onRequested` sees the requests before the watch starts (to record them, should the step be
 * cancelled while it waits). With a `budget`, the rollback's calls end by its own deadline, however late the
 * deploy it undoes ended, and the requests are seen through even when the run is cancelled meanwhile (a request
 * cut off half-way leaves no one knowing which rollback started); the watch stops at a cancel.
 */
export async function rollBack(
  ecs: ECSClient,
  plans: readonly RollbackPlan[],
  options: WatchOptions & { printer?: RollbackPrinter; onRequested?: (entries: RollbackEntry[]) => void },
): Promise<RollbackEntry[]> {
  const budget = options.budget;
  const ask = (): Promise<RollbackEntry[]> => requestRollbacks(ecs, plans, options.printer);
  const entries = await (budget === undefined
    ? ask()
    : budget.within({ deadline: options.deadline, cancellable: false }, ask));
  options.onRequested?.(entries);
  await watchRequested(ecs, entries, options);
  return entries;
}
