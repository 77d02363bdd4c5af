import type { Deployment, ECSClient, Service, ServiceDeployment, Task } from '@aws-sdk/client-ecs';
import * as core from '@actions/core';
import { awsErrorCode, isTransientError } from '../errors/aws-operation-error';
import { formatDuration } from '../inputs/duration';
import { taskIdOf } from '../logs/task-logs';
import { sleep as realSleep, systemClock, type Clock, type Sleep } from '../poll/clock';
import { poll } from '../poll/poll';
import { createProgressLine } from '../poll/progress';
import { isCallDeadlineError, type CallBudget } from '../runner/call-budget';
import { describeError } from '../runner/describe-error';
import { assessDeployment, progressLine, type Assessment, type WatchMemory } from './assess';
import { nextDecisiveFailureAt, noteServiceDeployment, noteTasks, turnOffCrashGuard } from './crash-loop';
import { describeServices, serviceKey } from './service';
import { describeServiceDeployments, describeTasks } from './watch-lookups';
import { DECISIVE_GRACE_MS, FAST_MS, learnExpectedMs, nextLookIn } from './pace';
import type { DeployOutcome, TrackedDeployment } from './types';

/** One deployment to watch. */
export interface WatchTarget {
  tracked: TrackedDeployment;
  /** How progress lines name it (default: the service name). */
  label?: string;
  /**
   * `rollback`: ECS is already rolling this deployment back (a StopServiceDeployment this run sent):
   * follow the rollback to its end.
   */
  following?: 'rollback';
  /** Its own deadline (epoch ms on the clock), when earlier than the watch's. */
  deadline?: number | undefined;
  /**
   * How long it is expected to take, from the service as described before the update (see pace.ts's
   * `learnExpectedMs`): the first look can then wait too. Otherwise learnt at the first look.
   */
  expectedMs?: number | undefined;
}

/** How a watched deployment ended. */
export interface WatchResult {
  outcome: DeployOutcome;
  /** ECS's own words for a failure or a rollback (rolloutStateReason, statusReason). */
  reason: string | undefined;
  /** Set when ECS rolled the deployment back: the rollback's deployment and whether it completed. */
  ecsRollback?: {
    deploymentId: string | undefined;
    taskDefinitionArn: string | undefined;
    succeeded: boolean | undefined;
  };
  /**
   * Set when a deployment started outside this run replaced this one (its id): the service is in someone
   * else's hands now, and a rollback must leave it alone.
   */
  replacedBy?: string;
  /** The service as last described. */
  service: Service | undefined;
  /** The ServiceDeployment as last described. */
  serviceDeployment: ServiceDeployment | undefined;
  elapsedMs: number;
}

export interface WatchOptions {
  /** When to give up (epoch ms on `clock`): the unfinished get `timed_out`. */
  deadline: number;
  signal?: AbortSignal | undefined;
  /**
   * The run's budget: the watch's calls end by its deadline (a look stuck past it ends, and the watch `timed_out`),
   * whatever deadline encloses the watch.
   */
  budget?: CallBudget | undefined;
  clock?: Clock | undefined;
  sleep?: Sleep | undefined;
  /** The wait while a transition can come any moment (default 400 ms: the most a verdict lags behind ECS). */
  fastMs?: number;
  /**
   * Without the service's history to go by: the first wait while nothing can finish yet (default 2 s), growing by
   * half while nothing changes…
   */
  slowMs?: number;
  /** …up to this (default 3 s). With a history, the waits follow it (see pace.ts), up to a minute. */
  maxMs?: number;
  /** Where progress lines and service events go (default `core.info`). */
  print?: (line: string) => void;
}

interface Watched {
  target: WatchTarget;
  label: string;
  memory: WatchMemory;
  /** Event ids already printed, and the time before which events are not this deployment's. */
  seenEvents: Set<string>;
  since: number;
  progress: (line: string) => boolean;
  result?: WatchResult;
  service?: Service;
  sd?: ServiceDeployment;
  /** DescribeServiceDeployments is unavailable (permissions): rely on DescribeServices alone. */
  noSd: boolean;
  /** The crash-loop guard has asked for the ServiceDeployment's circuit-breaker threshold. */
  thresholdAsked?: boolean;
  /** How long the deployment is expected to take, from the service's history (see pace.ts). */
  expectedMs?: number | undefined;
  /** ECS's timestamps ran ahead of this machine's clock: they cannot time the looks (see pace.ts). */
  clockAhead?: boolean;
}

function printNewEvents(w: Watched, service: Service, print: (line: string) => void): void {
  const fresh = (service.events ?? [])
    .filter((e) => e.id !== undefined && !w.seenEvents.has(e.id) && (e.createdAt?.getTime() ?? 0) >= w.since)
    .reverse();
  for (const e of fresh) {
    w.seenEvents.add(e.id!);
    print(`${w.label}: event: ${e.message ?? ''}`);
  }
}

/** Whether a ServiceDeployment is the one of this deployment (not an earlier one a lagging answer named). */
function belongsTo(sd: ServiceDeployment, tracked: TrackedDeployment): boolean {
  const created = sd.createdAt?.getTime();
  return created === undefined || tracked.createdAt === undefined || created >= tracked.createdAt - 5000;
}

const denied = (err: unknown): string | undefined => {
  const code = awsErrorCode(err);
  return code === 'AccessDeniedException' || code === 'AccessDenied' ? code : undefined;
};

/**
 * The ServiceDeployments of some watched deployments, by ARN. Not allowed to read them (permissions): warns,
 * and those deployments are judged by DescribeServices alone from now on. One older than its deployment (a
 * lagging answer naming an earlier one) is left out, and so is its deployment from then on.
 */
async function readServiceDeployments(
  ecs: ECSClient,
  ws: readonly Watched[],
): Promise<Map<string, ServiceDeployment> | undefined> {
  let sds: Map<string, ServiceDeployment>;
  try {
    sds = await describeServiceDeployments(
      ecs,
      ws.map((w) => w.target.tracked.serviceDeploymentArn!),
    );
  } catch (err) {
    const code = denied(err);
    if (code === undefined) throw err;
    core.warning(`Cannot read ECS service deployments (${code}); judging by DescribeServices alone.`);
    for (const w of ws) w.noSd = true;
    return undefined;
  }
  for (const w of ws) {
    const arn = w.target.tracked.serviceDeploymentArn!;
    const sd = sds.get(arn);
    if (sd !== undefined && !belongsTo(sd, w.target.tracked)) {
      core.warning(
        `${w.label}: the service deployment ECS named for ${w.target.tracked.deploymentId} is older than it; judging by DescribeServices alone.`,
      );
      w.noSd = true;
      sds.delete(arn);
    }
  }
  return sds;
}

/** The longest wait between two looks, whatever the history says. */
const MAX_WAIT_MS = 60_000;

/** When the deployment the watch follows now was created (epoch ms). */
function followedSince(w: Watched): number | undefined {
  if (w.memory.ecsRollback === undefined && w.target.tracked.createdAt !== undefined)
    return w.target.tracked.createdAt;
  return followed(w)?.createdAt?.getTime();
}

/** How far ECS's timestamps may run ahead of this machine's clock before they cannot time the looks. */
const CLOCK_SKEW_MS = 2_000;

/**
 * Whether ECS's timestamps run ahead of this machine's clock (a skewed runner clock, or a simulator running
 * faster than real time): the service's history then says nothing of when, on this clock, a deployment finishes.
 */
function ecsAhead(w: Watched, service: Service | undefined, now: number): boolean {
  const times = [
    w.target.tracked.createdAt,
    service?.events?.[0]?.createdAt?.getTime(),
    ...(service?.deployments ?? []).map((d) => d.updatedAt?.getTime()),
  ];
  return times.some((t) => t !== undefined && t > now + CLOCK_SKEW_MS);
}

/** The deployment the watch follows now, as last described: ECS's rollback of ours once it rolls back, else ours. */
function followed(w: Watched): Deployment | undefined {
  const id =
    w.memory.ecsRollback !== undefined ? w.memory.ecsRollback.deploymentId : w.target.tracked.deploymentId;
  return id === undefined ? undefined : w.service?.deployments?.find((d) => d.id === id);
}

/** Tasks the crash-loop guard asked about for a deployment. */
interface Inspection {
  w: Watched;
  tasks: string[];
}

/**
 * The crash-loop guard's lookups: the tasks it asked about, one DescribeTasks per cluster, and — once per
 * deployment — its ServiceDeployment, for the circuit breaker's threshold. Not allowed to read tasks: warns, and
 * the guard is off for those deployments.
 */
async function inspectTasks(ecs: ECSClient, inspections: readonly Inspection[]): Promise<void> {
  const byCluster = new Map<string, string[]>();
  for (const { w, tasks } of inspections) {
    const cluster = w.target.tracked.cluster;
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), ...tasks]);
  }
  const forThreshold = inspections
    .map((i) => i.w)
    .filter((w) => !w.noSd && w.thresholdAsked !== true && w.memory.crashes?.threshold === undefined);
  for (const w of forThreshold) w.thresholdAsked = true;
  const [tasks, sds] = await Promise.all([
    describeTasks(ecs, byCluster).catch((err: unknown): Task[] | undefined => {
      const code = denied(err);
      if (code === undefined) throw err;
      core.warning(
        `Cannot read ECS tasks (${code}); a deployment whose tasks keep crashing runs to its timeout.`,
      );
      return undefined;
    }),
    forThreshold.length === 0 ? undefined : readServiceDeployments(ecs, forThreshold),
  ]);
  for (const w of forThreshold) {
    const sd = sds?.get(w.target.tracked.serviceDeploymentArn!);
    if (sd !== undefined) noteServiceDeployment(w.memory, sd);
  }
  for (const { w, tasks: asked } of inspections) {
    if (tasks === undefined) {
      turnOffCrashGuard(w.memory);
      continue;
    }
    const ids = new Set(asked);
    const found = tasks.filter((t) => ids.has(taskIdOf(t.taskArn ?? '')));
    noteTasks(w.memory, w.target.tracked.deploymentId, asked, found);
  }
}

function timedOut(w: Watched, allowedMs: number, elapsedMs: number): WatchResult {
  const what = w.memory.ecsRollback !== undefined ? 'The rollback' : 'The deployment';
  return {
    outcome: 'timed_out',
    reason: `${what} did not finish within ${formatDuration(allowedMs)}.`,
    service: w.service,
    serviceDeployment: w.sd,
    elapsedMs,
  };
}

function finish(w: Watched, a: Extract<Assessment, { kind: 'done' }>, elapsedMs: number): void {
  const rb = w.memory.ecsRollback;
  w.result = {
    outcome: a.outcome,
    reason: a.reason,
    ...(a.replacedBy !== undefined ? { replacedBy: a.replacedBy } : {}),
    ...(rb !== undefined
      ? {
          ecsRollback: {
            deploymentId: rb.deploymentId,
            taskDefinitionArn: rb.taskDefinitionArn,
            succeeded: a.rollbackSucceeded,
          },
        }
      : {}),
    service: w.service,
    serviceDeployment: w.sd,
    elapsedMs,
  };
}

/**
 * Watches the deployments some UpdateService calls created — only those — until each has an outcome:
 * `succeeded` (COMPLETED, steady), `rolled_back` (ECS rolled it back; waits for the rollback to finish),
 * `failed` (FAILED without a rollback, a crash loop ECS does not stop, replaced by someone else's deployment,
 * the service deleted), `timed_out` at the deadline, `cancelled` when the signal aborts.
 *
 * Each look is one DescribeServices per cluster and ten services, plus one DescribeServiceDeployments for
 * the deployments that look finished (its status is the final word). Only after a task of a deployment was
 * replaced does a look add one DescribeTasks per cluster, for the crash-loop guard (see crash-loop.ts).
 * When it looks next is pace.ts's: with the service's history (how long the deployment it replaces took), a few
 * looks on the way and every 400 ms around the expected finish; without one, every 2–3 s while tasks start or old
 * ones drain and every 400 ms once a transition is due (the new tasks all run and the old ones are gone). A task
 * failing (the circuit breaker may trip) or replaced (the crash-loop guard) is always looked at again in 400 ms.
 * So a verdict comes within half a second of ECS's, and a long rollout costs fewer calls than a 15-second poll.
 * New service events and a progress line per change go to the log.
 */
export async function watchDeployments(
  ecs: ECSClient,
  targets: readonly WatchTarget[],
  options: WatchOptions,
): Promise<WatchResult[]> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const print = options.print ?? ((line: string) => core.info(line));
  const fast = options.fastMs ?? FAST_MS;
  const slow = options.slowMs ?? 2000;
  const max = Math.max(slow, options.maxMs ?? 3000);
  const start = clock.now();
  const watched: Watched[] = targets.map((target) => ({
    target,
    label: target.label ?? target.tracked.service,
    memory: {
      ...(target.following === 'rollback'
        ? { ecsRollback: { deploymentId: undefined, taskDefinitionArn: undefined, reason: undefined } }
        : {}),
    },
    seenEvents: new Set(),
    since: (target.tracked.createdAt ?? start) - 1000,
    progress: createProgressLine({ print, clock, repeatAfterMs: 60_000 }),
    noSd: target.tracked.serviceDeploymentArn === undefined,
    expectedMs: target.expectedMs,
  }));
  let quietLooks = 0;
  let troubled = 0;

  const look = async (): Promise<{ done: true; value: undefined } | { done: false; nextDelayMs: number }> => {
    const open = watched.filter((w) => w.result === undefined);
    const services = await describeServices(
      ecs,
      open.map((w) => w.target.tracked),
    );
    const now = clock.now();
    let changed = false;
    // When to look next: the soonest any open deployment wants (ms from now).
    let wait = Infinity;
    const slowNow = Math.min(max, slow * 1.5 ** quietLooks);
    const pace = (w: Watched, a: { due: boolean; settling?: true }): void => {
      wait = Math.min(
        wait,
        nextLookIn({
          now: clock.now(),
          startedAt: followedSince(w),
          expectedMs: w.clockAhead === true ? undefined : w.expectedMs,
          due: a.due,
          settling: a.settling === true,
          slowMs: slowNow,
          fastMs: fast,
          decisiveAt:
            w.clockAhead === true
              ? undefined
              : nextDecisiveFailureAt(w.memory, followed(w) ?? {}, clock.now() - DECISIVE_GRACE_MS),
          troubled: (followed(w)?.failedTasks ?? 0) > 0 || (w.memory.crashes?.crashed.length ?? 0) > 0,
        }),
      );
    };
    const confirm: Watched[] = [];
    const inspect: Inspection[] = [];
    for (const w of open) {
      const service = services.get(serviceKey(w.target.tracked));
      if (service !== undefined) w.service = service;
      if (service !== undefined) printNewEvents(w, service, print);
      w.expectedMs ??= learnExpectedMs(service, w.target.tracked.deploymentId);
      if (ecsAhead(w, service, now)) w.clockAhead = true;
      const a = assessDeployment(w.target.tracked, w.memory, service, undefined, !w.noSd, now);
      if (a.kind === 'confirm') confirm.push(w);
      else if (a.kind === 'inspect') inspect.push({ w, tasks: a.tasks });
      else if (a.kind === 'done') finish(w, a, now - start);
      else pace(w, a);
      if (w.progress(progressLine(w.label, w.target.tracked, w.memory, service))) changed = true;
    }
    if (inspect.length > 0) {
      await inspectTasks(ecs, inspect);
      for (const { w } of inspect) {
        const a = assessDeployment(w.target.tracked, w.memory, w.service, undefined, !w.noSd, clock.now());
        if (a.kind === 'done') finish(w, a, clock.now() - start);
      }
      // A task was replaced: the next one may crash soon, so look again soon.
      wait = Math.min(wait, fast);
    }
    if (confirm.length > 0) {
      const sds = await readServiceDeployments(ecs, confirm);
      for (const w of confirm) {
        const sd = sds?.get(w.target.tracked.serviceDeploymentArn!);
        if (sd !== undefined) w.sd = sd;
        // A missing one (MISSING: ECS is catching up) is asked for again at the next look.
        const a = assessDeployment(w.target.tracked, w.memory, w.service, sd, !w.noSd, clock.now());
        if (a.kind === 'done') finish(w, a, clock.now() - start);
        else if (a.kind === 'running') pace(w, a);
        else wait = Math.min(wait, fast);
      }
    }
    // A deployment past its own deadline times out now — after this look, so one that just finished does not.
    for (const w of open) {
      const own = w.target.deadline;
      if (w.result === undefined && own !== undefined && now >= own)
        w.result = timedOut(w, own - start, now - start);
    }
    if (watched.every((w) => w.result !== undefined)) return { done: true, value: undefined };
    quietLooks = changed ? 0 : quietLooks + 1;
    return { done: false, nextDelayMs: Number.isFinite(wait) ? wait : slowNow };
  };

  // A look that fails after the SDK's retries (throttling, a 5xx, a dropped connection) is tried again later:
  // a long deploy should outlast an API brown-out. Anything else ends the watch.
  const patientLook = async (): Promise<
    { done: true; value: undefined } | { done: false; nextDelayMs: number }
  > => {
    try {
      const result = await look();
      troubled = 0;
      return result;
    } catch (err) {
      if (isCallDeadlineError(err)) {
        // Cut off at the watch's deadline: the poller ends the watch `timed_out` now.
        core.warning(`ECS did not answer in time: ${describeError(err).message}`);
        return { done: false, nextDelayMs: 0 };
      }
      if (!isTransientError(err)) throw err;
      troubled++;
      if (troubled === 1 || troubled % 10 === 0) {
        core.warning(
          `ECS did not answer (${err instanceof Error ? err.message : String(err)}); looking again shortly.`,
        );
      }
      return { done: false, nextDelayMs: Math.min(max, slow * troubled) };
    }
  };

  try {
    const deadline = Math.min(
      options.deadline,
      Math.max(...watched.map((w) => w.target.deadline ?? options.deadline)),
    );
    // With every deployment's history known before the first look, the first look waits as a later one would.
    const firstWait = Math.min(
      ...watched.map((w) =>
        w.expectedMs === undefined || ecsAhead(w, undefined, start)
          ? 0
          : nextLookIn({
              now: start,
              startedAt: followedSince(w),
              expectedMs: w.expectedMs,
              due: false,
              settling: false,
              slowMs: slow,
              fastMs: fast,
            }),
      ),
    );
    const watch = async (): ReturnType<typeof poll<undefined>> => {
      if (firstWait > 0)
        await sleep(Math.min(firstWait, Math.max(0, deadline - clock.now())), options.signal);
      return poll({
        check: patientLook,
        deadline,
        clock,
        sleep,
        signal: options.signal,
        maxDelayMs: MAX_WAIT_MS,
      });
    };
    // A look cut off at the deadline fails like one ECS did not answer: the watch then ends `timed_out`.
    const result = await (options.budget === undefined
      ? watch()
      : options.budget.within({ deadline }, watch));
    if (result.outcome === 'timed_out') {
      for (const w of watched) {
        w.result ??= timedOut(
          w,
          Math.min(options.deadline, w.target.deadline ?? Infinity) - start,
          clock.now() - start,
        );
      }
    }
  } catch (err) {
    if (options.signal?.aborted !== true) throw err;
    for (const w of watched) {
      if (w.result !== undefined) continue;
      w.result = {
        outcome: 'cancelled',
        reason: 'The workflow run was cancelled.',
        service: w.service,
        serviceDeployment: w.sd,
        elapsedMs: clock.now() - start,
      };
    }
  }
  return watched.map((w) => w.result!);
}
