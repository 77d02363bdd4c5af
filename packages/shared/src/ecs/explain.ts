import {
  DescribeServiceDeploymentsCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  type ContainerDefinition,
  type ECSClient,
  type Service,
  type ServiceDeployment,
  type Task,
} from '@aws-sdk/client-ecs';
import { callAws } from '../errors/aws-operation-error';
import { logLocation, readLogTail, taskIdOf, type LogsClientFor } from '../logs/task-logs';
import { describeTaskDefinition } from './task-definition';
import type { TrackedDeployment } from './types';

/** A stopped task of the deployment, as a person needs to read it. */
export interface StoppedTask {
  taskId: string;
  stopCode: string | undefined;
  stoppedReason: string | undefined;
  containers: {
    name: string;
    exitCode: number | undefined;
    reason: string | undefined;
    health: string | undefined;
  }[];
}

/** Why a deployment failed: ECS's reason, the stopped tasks, the events, the breaker and the failing log. */
export interface FailureExplanation {
  /** One line, for the `failure-reason` output and the annotation. */
  summary: string;
  reason: string | undefined;
  stoppedTasks: StoppedTask[];
  /** How many tasks of the deployment stopped in all (only the newest are described). */
  stoppedCount: number;
  /** The service's events since the deployment started, newest first. */
  events: string[];
  circuitBreaker: { status: string; failureCount: number; threshold: number } | undefined;
  log: { container: string; taskId: string; lines: string[] } | undefined;
}

export interface ExplainOptions {
  tracked: TrackedDeployment;
  /** ECS's words from the watch (rolloutStateReason, statusReason), or the timeout. */
  reason: string | undefined;
  service: Service | undefined;
  serviceDeployment: ServiceDeployment | undefined;
  /** The deployment's container definitions, when at hand (else read with DescribeTaskDefinition). */
  containers?: ContainerDefinition[] | undefined;
  logsFor: LogsClientFor;
  /** Lines of the failing container's log to show (default 20). */
  logLines?: number;
}

const DESCRIBED_TASKS = 10;
const EVENTS_SHOWN = 10;

export function stoppedTask(task: Task): StoppedTask {
  return {
    taskId: taskIdOf(task.taskArn ?? ''),
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    containers: (task.containers ?? []).map((c) => ({
      name: c.name ?? '',
      exitCode: c.exitCode,
      reason: c.reason,
      health: c.healthStatus,
    })),
  };
}

/** The container that failed a stopped task: one that exited non-zero, else one with a reason, else unhealthy. */
function failingContainer(task: StoppedTask, essential: Set<string>): string | undefined {
  const ranked = [
    task.containers.find((c) => essential.has(c.name) && c.exitCode !== undefined && c.exitCode !== 0),
    task.containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0),
    task.containers.find((c) => c.health === 'UNHEALTHY'),
    task.containers.find((c) => c.reason !== undefined),
    task.containers.find((c) => essential.has(c.name)),
  ];
  return ranked.find((c) => c !== undefined)?.name;
}

/** `web exited 1`, `web: CannotPullContainerError: …`, `web unhealthy`. */
export function describeContainers(task: StoppedTask): string {
  const parts = task.containers.flatMap((c) => {
    const bits: string[] = [];
    if (c.exitCode !== undefined && c.exitCode !== 0) bits.push(`exited ${c.exitCode}`);
    if (c.health === 'UNHEALTHY') bits.push('unhealthy');
    if (c.reason !== undefined) bits.push(c.reason);
    return bits.length === 0 ? [] : [`${c.name} ${bits.join(', ')}`];
  });
  return parts.join('; ');
}

async function stoppedTasksOf(
  ecs: ECSClient,
  tracked: TrackedDeployment,
): Promise<{ tasks: StoppedTask[]; count: number }> {
  const listed = await callAws('ecs:ListTasks', () =>
    ecs.send(
      new ListTasksCommand({
        cluster: tracked.cluster,
        startedBy: tracked.deploymentId,
        desiredStatus: 'STOPPED',
        maxResults: 100,
      }),
    ),
  );
  const arns = listed.taskArns ?? [];
  if (arns.length === 0) return { tasks: [], count: 0 };
  const out = await callAws('ecs:DescribeTasks', () =>
    ecs.send(new DescribeTasksCommand({ cluster: tracked.cluster, tasks: arns.slice(0, 100) })),
  );
  const tasks = [...(out.tasks ?? [])]
    .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))
    .slice(0, DESCRIBED_TASKS)
    .map(stoppedTask);
  return { tasks, count: arns.length };
}

/** The most common stop reason, with how many tasks gave it: `3 tasks: Essential container in task exited`. */
function commonStop(tasks: readonly StoppedTask[]): string | undefined {
  const counts = new Map<string, number>();
  for (const t of tasks) {
    const why = [t.stoppedReason, describeContainers(t)]
      .filter((s) => s !== undefined && s !== '')
      .join(' — ');
    if (why !== '') counts.set(why, (counts.get(why) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  return top === undefined ? undefined : top[0];
}

/** One line: the reason, the common stop, the breaker and the last log line. */
export function summarizeFailure(e: Omit<FailureExplanation, 'summary'>): string {
  const parts: string[] = [];
  if (e.reason !== undefined && e.reason !== '') parts.push(e.reason.replace(/\.$/, ''));
  const stop = commonStop(e.stoppedTasks);
  if (stop !== undefined)
    parts.push(`${e.stoppedCount} task${e.stoppedCount === 1 ? '' : 's'} stopped: ${stop}`);
  const cb = e.circuitBreaker;
  if (cb !== undefined && cb.status !== 'DISABLED' && cb.failureCount > 0) {
    parts.push(`circuit breaker ${cb.failureCount}/${cb.threshold} (${cb.status})`);
  }
  const last = e.log?.lines.filter((l) => l.trim() !== '').at(-1);
  if (last !== undefined)
    parts.push(`last log line of ${e.log!.container}: ${JSON.stringify(last.slice(0, 300))}`);
  return parts.length === 0 ? 'The deployment failed and ECS gave no reason.' : `${parts.join('. ')}.`;
}

/**
 * Explains a deployment that did not succeed: the stopped tasks it launched (stopCode, stoppedReason, each
 * container's exit code and reason), the service events since it started, the circuit breaker's count,
 * and the tail of the failing container's CloudWatch log. Reading the explanation never fails the caller:
 * what cannot be read is left out.
 */
export async function explainDeployment(
  ecs: ECSClient,
  options: ExplainOptions,
): Promise<FailureExplanation> {
  const { tracked } = options;
  const since = (tracked.createdAt ?? 0) - 1000;
  const events = (options.service?.events ?? [])
    .filter((e) => (e.createdAt?.getTime() ?? 0) >= since)
    .slice(0, EVENTS_SHOWN)
    .map((e) => e.message ?? '');
  const sd =
    options.serviceDeployment ??
    (tracked.serviceDeploymentArn === undefined
      ? undefined
      : await callAws('ecs:DescribeServiceDeployments', () =>
          ecs.send(
            new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [tracked.serviceDeploymentArn!] }),
          ),
        )
          .then((out) => out.serviceDeployments?.[0])
          .catch(() => undefined));
  const cb = sd?.deploymentCircuitBreaker;
  const circuitBreaker =
    cb === undefined
      ? undefined
      : { status: cb.status ?? 'DISABLED', failureCount: cb.failureCount ?? 0, threshold: cb.threshold ?? 0 };
  const { tasks, count } = await stoppedTasksOf(ecs, tracked).catch(() => ({
    tasks: [] as StoppedTask[],
    count: 0,
  }));

  let log: FailureExplanation['log'];
  const first = tasks[0];
  if (first !== undefined) {
    const containers =
      options.containers ??
      (await describeTaskDefinition(ecs, tracked.taskDefinitionArn).catch(() => undefined))
        ?.containerDefinitions ??
      [];
    const essential = new Set(containers.filter((c) => c.essential !== false).map((c) => c.name ?? ''));
    const name = failingContainer(first, essential);
    const where = logLocation(
      containers.find((c) => c.name === name),
      `${tracked.cluster}/${first.taskId}`,
    );
    if (name !== undefined && where !== undefined) {
      const lines = await readLogTail(options.logsFor(where.region), where, options.logLines ?? 20).catch(
        () => [],
      );
      if (lines.length > 0) log = { container: name, taskId: first.taskId, lines };
    }
  }
  const explanation = {
    reason: options.reason,
    stoppedTasks: tasks,
    stoppedCount: count,
    events,
    circuitBreaker,
    log,
  };
  return { ...explanation, summary: summarizeFailure(explanation) };
}
