import type { Deployment, Service, ServiceDeployment, Task } from '@aws-sdk/client-ecs';
import { describeContainers, stoppedTask, type StoppedTask } from './explain';
import { taskIdOf } from '../logs/task-logs';
import { shortTaskDefinition, type TrackedDeployment } from './types';

/**
 * The crash-loop guard. ECS's circuit breaker counts tasks that never reach RUNNING and tasks replaced for failed
 * health checks, but not a task whose essential container exits after it ran: such a deployment is replaced task
 * by task forever and stays IN_PROGRESS (aws/containers-roadmap#1206). The guard counts those exits itself and
 * fails the deployment at the threshold the breaker would have used.
 *
 * It costs nothing while a rollout is healthy: the tasks a deployment started are read from the service events
 * DescribeServices returns anyway, and only when more have started than the deployment wants (a replacement) are
 * they looked up, with DescribeTasks. Pure functions, so every case can be tested as data.
 */

/** What the guard remembers about one deployment between looks. */
export interface CrashMemory {
  /** Task ids the service events say were started since the deployment was created, oldest first. */
  started: string[];
  /** How many of `started` had been looked up at the last DescribeTasks: more than that asks again. */
  inspected: number;
  /** Task ids known stopped (asked about no more). */
  stopped: string[];
  /** The tasks of the deployment whose essential container exited after they started. */
  crashed: StoppedTask[];
  /** The circuit breaker's threshold, as the deployment's ServiceDeployment gives it. */
  threshold?: number;
  /** DescribeTasks is not allowed: the guard is off for this deployment. */
  off?: boolean;
  /** When each of `started` was started, by its service event (epoch ms). */
  launchedAt?: Record<string, number>;
  /** The shortest time from a crashed task's launch to its exit: how soon a task started now may crash. */
  cycleMs?: number;
  /** The shortest time from the launch of a task that failed to start to its stop (the breaker counts those). */
  failedStartMs?: number;
}

/** What the guard asks of the watcher, or its verdict. */
export type CrashCheck =
  /** Look these tasks up (DescribeTasks) and hand them to {@link noteTasks}. */
  | { kind: 'inspect'; tasks: string[] }
  /** The deployment crash-loops: it failed, for this reason. */
  | { kind: 'crash_loop'; reason: string };

const STARTED = /^\(service [^)]*\) has started \d+ tasks?:((?:\s*\(task [^)\s]+\))+)\.?$/;
const TASK = /\(task ([^)\s]+)\)/g;

/** The task ids of a `(service NAME) has started N tasks: (task ID) (task ID).` event, else none. */
export function startedTaskIds(message: string): string[] {
  const m = STARTED.exec(message.trim());
  if (m === null) return [];
  return [...m[1]!.matchAll(TASK)].map((t) => t[1]!);
}

/** The ECS default threshold when none is known: 50 % of the desired count, at least 3, at most 200. */
export function defaultThreshold(desiredCount: number): number {
  return Math.min(200, Math.max(3, Math.ceil(desiredCount * 0.5)));
}

function crashMemory(memory: { crashes?: CrashMemory }): CrashMemory {
  memory.crashes ??= { started: [], inspected: 0, stopped: [], crashed: [] };
  return memory.crashes;
}

/** Remembers the circuit breaker's threshold a ServiceDeployment gives (it is there whether or not it is on). */
export function noteServiceDeployment(memory: { crashes?: CrashMemory }, sd: ServiceDeployment): void {
  const threshold = sd.deploymentCircuitBreaker?.threshold;
  if (threshold !== undefined && threshold > 0) crashMemory(memory).threshold = threshold;
}

/** How long a stopped task lived, from its launch to its containers' stop (ms), when DescribeTasks says. */
function tookMs(task: Task): number | undefined {
  const launched = task.createdAt?.getTime();
  const ended = (task.executionStoppedAt ?? task.stoppingAt ?? task.stoppedAt)?.getTime();
  return launched !== undefined && ended !== undefined && ended > launched ? ended - launched : undefined;
}

/**
 * Remembers what DescribeTasks said of the tasks the guard asked about (`asked`): a stopped one, or one ECS no
 * longer knows, is asked about no more, and one of `deploymentId` whose essential container exited is a crash.
 */
export function noteTasks(
  memory: { crashes?: CrashMemory },
  deploymentId: string,
  asked: readonly string[],
  tasks: readonly Task[],
): void {
  const crashes = crashMemory(memory);
  crashes.inspected = crashes.started.length;
  const known = new Set<string>();
  for (const task of tasks) {
    const id = taskIdOf(task.taskArn ?? '');
    known.add(id);
    if (task.stopCode === undefined || crashes.stopped.includes(id)) continue;
    crashes.stopped.push(id);
    if (task.stopCode === 'TaskFailedToStart' && task.startedBy === deploymentId) {
      const took = tookMs(task);
      if (took !== undefined) crashes.failedStartMs = Math.min(crashes.failedStartMs ?? Infinity, took);
    }
    if (task.stopCode === 'EssentialContainerExited' && task.startedBy === deploymentId) {
      crashes.crashed.push(stoppedTask(task));
      const took = tookMs(task);
      if (took !== undefined) crashes.cycleMs = Math.min(crashes.cycleMs ?? Infinity, took);
    }
  }
  for (const id of asked) if (!known.has(id) && !crashes.stopped.includes(id)) crashes.stopped.push(id);
}

/** DescribeTasks is not allowed: the guard leaves this deployment to ECS (and the timeout). */
export function turnOffCrashGuard(memory: { crashes?: CrashMemory }): void {
  crashMemory(memory).off = true;
}

/** The most common way the crashed tasks ended: `app exited 1`, else ECS's stop reason. */
function commonExit(crashed: readonly StoppedTask[]): string {
  const counts = new Map<string, number>();
  for (const t of crashed) {
    const how = describeContainers(t) || t.stoppedReason || 'exited';
    counts.set(how, (counts.get(how) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'exited';
}

function crashLoopReason(crashes: CrashMemory, deployment: Deployment, service: Service): string {
  const n = crashes.crashed.length;
  const breakerOn = service.deploymentConfiguration?.deploymentCircuitBreaker?.enable === true;
  const why = breakerOn
    ? 'its circuit breaker does not count exits after RUNNING'
    : 'the service has no circuit breaker to stop them';
  return (
    `${n} task${n === 1 ? '' : 's'} of ${shortTaskDefinition(deployment.taskDefinition)} exited after ` +
    `${n === 1 ? 'it' : 'they'} started (${commonExit(crashes.crashed)}); ECS keeps replacing them and ${why}.`
  );
}

/**
 * The guard's look at an in-progress deployment (`deployment`, the tracked one, PRIMARY): learns the tasks it
 * started from the service's events; returns its verdict once as many tasks crashed as the circuit breaker's
 * threshold, tasks to look up when a replacement was started since the last lookup, else nothing.
 */
export function checkCrashLoop(
  tracked: TrackedDeployment,
  memory: { crashes?: CrashMemory },
  service: Service,
  deployment: Deployment,
): CrashCheck | undefined {
  const crashes = crashMemory(memory);
  if (crashes.off === true) return undefined;
  const since = tracked.createdAt ?? 0;
  // Events come newest first; the ids are kept oldest first.
  for (const e of [...(service.events ?? [])].reverse()) {
    if ((e.createdAt?.getTime() ?? 0) < since) continue;
    for (const id of startedTaskIds(e.message ?? '')) {
      if (crashes.started.includes(id)) continue;
      crashes.started.push(id);
      const at = e.createdAt?.getTime();
      if (at !== undefined) (crashes.launchedAt ??= {})[id] = at;
    }
  }
  const desired = deployment.desiredCount ?? 0;
  const threshold = crashes.threshold ?? defaultThreshold(desired);
  if (crashes.crashed.length >= threshold)
    return { kind: 'crash_loop', reason: crashLoopReason(crashes, deployment, service) };
  if (crashes.started.length <= desired || crashes.started.length <= crashes.inspected) return undefined;
  return { kind: 'inspect', tasks: crashes.started.filter((id) => !crashes.stopped.includes(id)) };
}

/**
 * When the failure that decides the verdict can come (epoch ms): one crash short of the threshold (the guard's
 * verdict), or one failed start short of it (the circuit breaker's trip), the soonest a task started since may
 * crash or fail, going by how long the crashed or failed ones lived. `undefined` while more than one is missing,
 * or before any was timed. Moments before `notBefore` (long past) are not counted.
 */
export function nextDecisiveFailureAt(
  memory: { crashes?: CrashMemory },
  deployment: Pick<Deployment, 'desiredCount' | 'failedTasks'>,
  notBefore: number,
): number | undefined {
  const crashes = memory.crashes;
  if (crashes === undefined || crashes.off === true) return undefined;
  const threshold = crashes.threshold ?? defaultThreshold(deployment.desiredCount ?? 0);
  const cycles = [
    crashes.crashed.length >= threshold - 1 ? crashes.cycleMs : undefined,
    (deployment.failedTasks ?? 0) >= threshold - 1 ? crashes.failedStartMs : undefined,
  ].filter((c): c is number => c !== undefined);
  if (cycles.length === 0) return undefined;
  const cycle = Math.min(...cycles);
  const live = crashes.started.filter((id) => !crashes.stopped.includes(id));
  const times = live
    .map((id) => crashes.launchedAt?.[id])
    .filter((t): t is number => t !== undefined && t + cycle >= notBefore);
  return times.length === 0 ? undefined : Math.min(...times) + cycle;
}
