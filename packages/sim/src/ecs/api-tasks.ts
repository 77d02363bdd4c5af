import { AwsError } from '../core/errors';
import type { ActionHandler } from '../core/simulator';
import { Input, invalidParameter, type Json, nextTokenPaging } from '../core/request';
import { launchFor } from './launch';
import { mergeTags, type RunTaskToken, tagsIn, type TaskRecord } from './model';
import { NO_CONTAINER_INSTANCES, placeTask } from './placement';
import { findTask, lastSegment, regionFor, requireCluster, requireUsableTaskDefinition } from './resolve';
import { handleSignals } from './scheduler';
import { checkPlacement } from './api-services';
import { createTask, stopTask, type TaskSignal } from './task-lifecycle';
import { taskOut } from './views';

function invalid(message: string): never {
  throw new AwsError('InvalidParameterException', message);
}

/** "The time to live (TTL) for the RunTask client token is 24 hours", or the tasks' lifetime plus an hour if less. */
const TOKEN_TTL_MS = 24 * 3_600_000;
const TOKEN_AFTER_STOP_MS = 3_600_000;

function tokenExpired(token: RunTaskToken, tasks: TaskRecord[], now: number): boolean {
  if (now - token.createdAt > TOKEN_TTL_MS) return true;
  if (token.taskIds.length === 0) return false;
  // Stopped tasks are forgotten an hour after they stopped, and their token with them.
  if (tasks.length < token.taskIds.length) return true;
  const stopped = tasks.map((t) => t.stoppedAt);
  if (stopped.some((at) => at === undefined)) return false;
  return now - Math.max(...(stopped as number[])) > TOKEN_AFTER_STOP_MS;
}

/** The request a clientToken stands for: every member but the token itself, in a stable order. */
function requestKey(raw: Json): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Json)[k])]),
          )
        : v;
  const { clientToken: _token, ...rest } = raw;
  return JSON.stringify(sorted(rest));
}

const RunTask: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const clientToken = input.str('clientToken');
  if (clientToken !== undefined && !/^[\x21-\x7e]{1,64}$/.test(clientToken))
    invalid('clientToken must be 1 to 64 characters in the range of 33-126, inclusive.');
  const tokenKey = clientToken !== undefined ? `${cluster.name}/${clientToken}` : undefined;
  const earlier = tokenKey !== undefined ? r.clientTokens.get(tokenKey) : undefined;
  if (earlier) {
    const tasks = earlier.taskIds
      .map((id) => cluster.tasks.get(id))
      .filter((t): t is TaskRecord => t !== undefined);
    if (tokenExpired(earlier, tasks, ctx.now)) r.clientTokens.delete(tokenKey!);
    else if (earlier.request !== requestKey(raw)) {
      // Ensuring idempotency: "If you retry a successful request using the same client token, but one or more of
      // the parameters are different … the retry fails with a ConflictException."
      throw new AwsError(
        'ConflictException',
        'The clientToken is already in use with a different RunTask request.',
        400,
        'Sender',
        { resourceIds: earlier.taskIds.map((id) => `${cluster.arn.replace(':cluster/', ':task/')}/${id}`) },
      );
    } else {
      // The same request again: the tasks it started, not new ones.
      return { tasks: tasks.map((t) => taskOut(t, false)), failures: earlier.failures };
    }
  }
  const td = requireUsableTaskDefinition(r, input.required('taskDefinition'));
  const count = input.int('count', 1, 10) ?? 1;
  if (input.has('launchType') && input.has('capacityProviderStrategy')) {
    invalid(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  }
  const placement = launchFor(
    {
      launchType: input.str('launchType'),
      capacityProviderStrategy: input.objects('capacityProviderStrategy'),
    },
    td,
    cluster,
  );
  const networkConfiguration = input.object('networkConfiguration');
  checkPlacement(td, placement.launchType, networkConfiguration);
  const startedBy = input.str('startedBy');
  if (startedBy !== undefined && startedBy.length > 128) invalid('startedBy must be at most 128 characters.');
  const overrides = input.object('overrides') ?? {};
  const containerOverrides = (overrides.containerOverrides as Json[] | undefined) ?? [];
  const names = new Set(((td.body.containerDefinitions as Json[] | undefined) ?? []).map((c) => c.name));
  for (const o of containerOverrides) {
    if (!names.has(o.name))
      invalid(`Override for container named ${String(o.name)} is not a container in the TaskDefinition.`);
    if (
      o.command !== undefined &&
      !(Array.isArray(o.command) && o.command.every((c) => typeof c === 'string'))
    ) {
      invalid('containerOverrides.command must be a list of strings.');
    }
  }
  let tags = tagsIn(input.objects('tags'), invalid);
  if (input.str('propagateTags') === 'TASK_DEFINITION') tags = mergeTags(td.tags, tags);
  const group = input.str('group') ?? `family:${td.family}`;
  const tasks: TaskRecord[] = [];
  const failures: Json[] = [];
  for (let i = 0; i < count; i++) {
    const where = placeTask(ctx.sim, r, cluster, td, placement);
    if (!where.ok) {
      // An EC2 cluster without container instances refuses the request; otherwise the tasks that do not fit are
      // failures[] (RESOURCE:CPU, RESOURCE:MEMORY per container instance; Fargate's capacity message).
      if (where.noInstances) invalid(NO_CONTAINER_INSTANCES);
      for (let k = i; k < count; k++) failures.push(...where.failures);
      break;
    }
    tasks.push(
      createTask(
        ctx.sim,
        r,
        cluster,
        td,
        {
          group,
          ...placement,
          overrides: { ...overrides, containerOverrides, inferenceAcceleratorOverrides: [] },
          tags,
          ...(startedBy !== undefined ? { startedBy } : {}),
          ...(networkConfiguration ? { networkConfiguration } : {}),
          ...(where.containerInstanceArn ? { containerInstanceArn: where.containerInstanceArn } : {}),
        },
        ctx.now,
      ),
    );
  }
  if (tokenKey !== undefined)
    r.clientTokens.set(tokenKey, {
      request: requestKey(raw),
      taskIds: tasks.map((t) => t.id),
      failures,
      createdAt: ctx.now,
    });
  return { tasks: tasks.map((t) => taskOut(t, false)), failures };
};

const DescribeTasks: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const refs = input.strings('tasks') ?? [];
  if (refs.length === 0) invalid('Tasks cannot be empty.');
  if (refs.length > 100) invalid('tasks can have at most 100 items.');
  const withTags = (input.strings('include') ?? []).includes('TAGS');
  const tasks: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    const task = findTask(cluster, ref);
    if (task) tasks.push(taskOut(task, withTags));
    else {
      const arn = ref.startsWith('arn:')
        ? ref
        : `${cluster.arn.replace(':cluster/', ':task/')}/${lastSegment(ref)}`;
      failures.push({ arn, reason: 'MISSING' });
    }
  }
  return { tasks, failures };
};

const ListTasks: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const family = input.str('family');
  const serviceName = input.str('serviceName');
  const startedBy = input.str('startedBy');
  const launchType = input.str('launchType');
  const desired = input.str('desiredStatus') ?? 'RUNNING';
  if (desired !== 'RUNNING' && desired !== 'STOPPED' && desired !== 'PENDING')
    invalid(`Invalid desiredStatus: ${desired}`);
  const service = serviceName !== undefined ? lastSegment(serviceName) : undefined;
  if (service !== undefined && !cluster.services.has(service)) {
    throw new AwsError('ServiceNotFoundException', 'Service not found.');
  }
  const arns = [...cluster.tasks.values()]
    .filter(
      (t) =>
        // ECS never sets a desired status of PENDING, so filtering on it lists nothing (as documented).
        t.desiredStatus === desired &&
        (family === undefined || t.family === family) &&
        (service === undefined || t.serviceName === service) &&
        (startedBy === undefined || t.startedBy === startedBy) &&
        (launchType === undefined || t.launchType === launchType),
    )
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((t) => t.arn);
  const { page, nextToken } = input.page(arns, nextTokenPaging('maxResults', 100, 100));
  return { taskArns: page, nextToken };
};

const StopTask: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const task = findTask(cluster, input.required('task'));
  if (!task) invalid('The referenced task was not found.');
  const reason = input.str('reason');
  if (reason !== undefined && reason.length > 255) invalid('reason must be at most 255 characters.');
  const signals: TaskSignal[] = [];
  stopTask(task, ctx.now, 'UserInitiated', reason ?? 'Task stopped by user', signals, false);
  handleSignals(ctx.sim, r, signals, ctx.now);
  return { task: taskOut(task, false) };
};

export const taskActions: Record<string, ActionHandler> = { RunTask, DescribeTasks, ListTasks, StopTask };
