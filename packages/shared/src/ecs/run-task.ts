import {
  DescribeTasksCommand,
  RunTaskCommand,
  StopTaskCommand,
  type ContainerDefinition,
  type ECSClient,
  type RunTaskCommandInput,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import { callAws, isTransientError } from '../errors/aws-operation-error';
import { formatDuration } from '../inputs/duration';
import { logLocation, LogFollower, taskIdOf, type LogsClientFor } from '../logs/task-logs';
import { sleep as realSleep, systemClock, type Clock, type Sleep } from '../poll/clock';
import { poll } from '../poll/poll';
import { FAST_MS } from './pace';
import type { CallBudget } from '../runner/call-budget';
import { describeContainers } from './explain';

/** A one-off task (migrations) on a task definition, placed like the service it belongs to. */
export interface OneOffTask {
  cluster: string;
  taskDefinitionArn: string;
  /** The definition's containers (the command's container, and where each logs). */
  containers: ContainerDefinition[];
  /** The container the command runs in. */
  container: string;
  command: string[];
  /** The service whose network configuration, launch type or capacity providers the task takes. */
  service: Service | undefined;
  /** Idempotency: RunTask retried with the same token starts no second task (at most 64 characters). */
  clientToken: string;
  /** Stop the task and fail after this long. */
  timeoutMs: number;
  /** Each line the container logs, as it arrives. */
  onLog?: (line: string) => void;
  /** Each status change (`PROVISIONING`, `RUNNING`, …). */
  onStatus?: (status: string, task: Task) => void;
  logsFor: LogsClientFor;
  signal?: AbortSignal | undefined;
  /** The run's budget: the calls end with `timeoutMs`, and those stopping the task after it with the minute it has. */
  budget?: CallBudget | undefined;
  clock?: Clock | undefined;
  sleep?: Sleep | undefined;
  /** Between looks at the task (default 2 s). */
  intervalMs?: number;
}

/** How a one-off task ended. */
export interface OneOffResult {
  ok: boolean;
  taskArn: string | undefined;
  /** The exit code of the command's container (undefined: it never ran or never exited). */
  exitCode: number | undefined;
  /** Why it failed, in one line. */
  reason: string | undefined;
  timedOut: boolean;
  /** The task as last described. */
  task: Task | undefined;
}

/** The RunTask input for a one-off task: the service's placement, the command as an override, a client token. */
export function runTaskInput(
  spec: Pick<
    OneOffTask,
    'cluster' | 'taskDefinitionArn' | 'container' | 'command' | 'service' | 'clientToken'
  >,
): RunTaskCommandInput {
  const svc = spec.service;
  const strategy = svc?.capacityProviderStrategy ?? [];
  return {
    cluster: spec.cluster,
    taskDefinition: spec.taskDefinitionArn,
    count: 1,
    startedBy: 'ecs-delivery',
    clientToken: spec.clientToken,
    overrides: { containerOverrides: [{ name: spec.container, command: spec.command }] },
    ...(strategy.length > 0
      ? { capacityProviderStrategy: strategy }
      : svc?.launchType !== undefined
        ? { launchType: svc.launchType }
        : {}),
    ...(svc?.platformVersion !== undefined ? { platformVersion: svc.platformVersion } : {}),
    ...(svc?.networkConfiguration !== undefined ? { networkConfiguration: svc.networkConfiguration } : {}),
    ...(svc?.enableExecuteCommand === true ? { enableExecuteCommand: true } : {}),
    propagateTags: 'TASK_DEFINITION',
  };
}

/** Success only if the task started and every essential container exited 0. */
export function judgeStoppedTask(
  task: Task,
  essential: ReadonlySet<string>,
  container: string,
): OneOffResult {
  const containers = task.containers ?? [];
  const mine = containers.find((c) => c.name === container);
  const base = { taskArn: task.taskArn, exitCode: mine?.exitCode, timedOut: false, task };
  const failedStart = task.stopCode === 'TaskFailedToStart' || task.startedAt === undefined;
  const bad = containers.filter((c) => essential.has(c.name ?? '') && c.exitCode !== 0);
  if (!failedStart && bad.length === 0) return { ...base, ok: true, reason: undefined };
  const stopped = {
    taskId: taskIdOf(task.taskArn ?? ''),
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    containers: containers.map((c) => ({
      name: c.name ?? '',
      exitCode: c.exitCode,
      reason: c.reason,
      health: c.healthStatus,
    })),
  };
  const detail = describeContainers(stopped);
  const head = failedStart
    ? `The task failed to start: ${task.stoppedReason ?? task.stopCode ?? 'no reason given'}`
    : mine?.exitCode !== undefined && mine.exitCode !== 0
      ? `The command exited ${mine.exitCode}`
      : `An essential container did not exit 0 (${task.stoppedReason ?? 'no reason given'})`;
  return { ...base, ok: false, reason: detail === '' ? head : `${head} (${detail})` };
}

/**
 * Whether a one-off task has ended: STOPPED, or stopping with every essential container stopped and the command
 * container's exit code known (ECS takes a few seconds more to call the task STOPPED; the verdict need not wait).
 * A task that never started is only judged once STOPPED, when ECS has said why.
 */
export function exited(task: Task, essential: ReadonlySet<string>, container: string): boolean {
  if (task.lastStatus === 'STOPPED') return true;
  if (task.desiredStatus !== 'STOPPED' || task.startedAt === undefined) return false;
  const containers = task.containers ?? [];
  const mine = containers.find((c) => c.name === container);
  return (
    mine?.exitCode !== undefined &&
    containers.every((c) => !essential.has(c.name ?? '') || c.lastStatus === 'STOPPED')
  );
}

/** How long a task past its timeout is given to stop, so its last lines and exit code can be shown. */
const STOP_WAIT_MS = 60_000;

/**
 * Runs one task to its end (RunTask, then DescribeTasks until STOPPED), streaming the command container's
 * CloudWatch log lines as they arrive. Past `timeoutMs` the task is stopped and the result says so.
 */
export async function runOneOffTask(ecs: ECSClient, spec: OneOffTask): Promise<OneOffResult> {
  const clock = spec.clock ?? systemClock;
  const within = <T>(deadline: number, work: () => Promise<T>): Promise<T> =>
    spec.budget === undefined ? work() : spec.budget.within({ deadline }, work);
  const deadline = clock.now() + spec.timeoutMs;
  const ran = await within(deadline, () => runToEnd(ecs, spec, deadline));
  if (ran.done !== undefined) return ran.done;
  return within(clock.now() + STOP_WAIT_MS, () =>
    stopTimedOut(ecs, spec, ran.taskArn, ran.describe, ran.drain),
  );
}

/** How {@link runToEnd} left a task: judged, or still running at its deadline. */
type RunToEnd =
  | { done: OneOffResult }
  | {
      done?: undefined;
      taskArn: string;
      describe: () => Promise<Task | undefined>;
      drain: () => Promise<void>;
    };

async function runToEnd(ecs: ECSClient, spec: OneOffTask, deadline: number): Promise<RunToEnd> {
  const clock = spec.clock ?? systemClock;
  const sleep = spec.sleep ?? realSleep;
  const out = await callAws('ecs:RunTask', () => ecs.send(new RunTaskCommand(runTaskInput(spec))));
  const started = out.tasks?.[0];
  if (started?.taskArn === undefined) {
    const f = out.failures?.[0];
    const why =
      f === undefined
        ? 'ECS started no task'
        : `${f.reason ?? 'failure'}${f.detail !== undefined ? `: ${f.detail}` : ''}`;
    return {
      done: {
        ok: false,
        taskArn: undefined,
        exitCode: undefined,
        reason: `RunTask started no task: ${why}.`,
        timedOut: false,
        task: undefined,
      },
    };
  }
  const taskArn = started.taskArn;
  const essential = new Set(spec.containers.filter((c) => c.essential !== false).map((c) => c.name ?? ''));
  const where = logLocation(
    spec.containers.find((c) => c.name === spec.container),
    taskArn,
  );
  const follower = where === undefined ? undefined : new LogFollower(spec.logsFor(where.region), where);
  const drain = async (): Promise<void> => {
    if (follower === undefined) return;
    for (const line of await follower.next().catch(() => [])) spec.onLog?.(line);
  };
  let status = '';
  /** The task, or `undefined` when ECS did not answer this time (a transient failure: look again). */
  const describe = async (): Promise<Task | undefined> => {
    const d = await callAws('ecs:DescribeTasks', () =>
      ecs.send(new DescribeTasksCommand({ cluster: spec.cluster, tasks: [taskArn] })),
    ).catch((err: unknown) => {
      if (isTransientError(err)) return undefined;
      throw err;
    });
    if (d === undefined) return undefined;
    const task = d.tasks?.[0];
    if (task?.lastStatus !== undefined && task.lastStatus !== status) {
      status = task.lastStatus;
      spec.onStatus?.(status, task);
    }
    return task;
  };
  const interval = spec.intervalMs ?? 2000;
  let drainedAt = -Infinity;
  const waited = await poll<Task>({
    check: async () => {
      const task = await describe();
      if (task !== undefined && exited(task, essential, spec.container)) return { done: true, value: task };
      // New log lines every `interval`; the task itself fast while it runs, since it can exit any moment.
      if (clock.now() - drainedAt >= interval) {
        await drain();
        drainedAt = clock.now();
      }
      return {
        done: false,
        nextDelayMs: task?.lastStatus === 'RUNNING' ? Math.min(interval, FAST_MS) : interval,
      };
    },
    deadline,
    clock,
    sleep,
    signal: spec.signal,
  });
  if (waited.outcome === 'done') {
    await drain();
    return { done: judgeStoppedTask(waited.value, essential, spec.container) };
  }
  return { taskArn, describe, drain };
}

/** Stops a task past its timeout and waits a minute for it to stop, so its last lines and exit code show. */
async function stopTimedOut(
  ecs: ECSClient,
  spec: OneOffTask,
  taskArn: string,
  describe: () => Promise<Task | undefined>,
  drain: () => Promise<void>,
): Promise<OneOffResult> {
  const interval = spec.intervalMs ?? 2000;
  const reason = `The command did not finish within ${formatDuration(spec.timeoutMs)}; the task was stopped.`;
  await callAws('ecs:StopTask', () =>
    ecs.send(
      new StopTaskCommand({ cluster: spec.cluster, task: taskArn, reason: `ecs-delivery: ${reason}` }),
    ),
  );
  const stopped = await poll<Task>({
    check: async () => {
      const task = await describe();
      return task?.lastStatus === 'STOPPED'
        ? { done: true, value: task }
        : { done: false, nextDelayMs: interval };
    },
    timeoutMs: STOP_WAIT_MS,
    clock: spec.clock ?? systemClock,
    sleep: spec.sleep ?? realSleep,
  });
  await drain();
  const task = stopped.outcome === 'done' ? stopped.value : undefined;
  const exitCode = task?.containers?.find((c) => c.name === spec.container)?.exitCode;
  return { ok: false, taskArn, exitCode, reason, timedOut: true, task };
}
