import type { Simulator } from '../core/simulator';
import { lookupImage } from '../ecr/lookup';
import { unparsableReference } from './image-reference';
import type { Json } from '../core/request';
import {
  activeTasks,
  arnPrefix,
  newTaskId,
  type ClusterRecord,
  type ContainerRecord,
  type Region,
  type TaskDefinitionRecord,
  type TaskRecord,
} from './model';

/** Default timings on the simulator clock (ms): Fargate-like, shortened where nothing depends on them. */
export const PROVISIONING_MS = 3_000;
export const PENDING_MS = 10_000;
export const DEPROVISIONING_MS = 3_000;
/** How long a task must stay healthy before ECS counts it as a successful launch of its deployment. */
export const STABLE_MS = 10_000;

/**
 * ECS agent retries a failing image pull five times ("pull image manifest has been retried 5 time(s)") before the
 * task stops; with a back-off doubling from one second, that is 1 + 2 + 4 + 8 + 16 s more in PENDING.
 */
export const PULL_RETRY_MS = 31_000;

/** Why a task that stops counts as a failure: it never ran, it failed its health checks, or it exited. */
export type TaskFailure = 'start' | 'health' | 'exit';

/** What a task transition tells the service scheduler. */
export type TaskSignal =
  | { kind: 'stopping'; task: TaskRecord; failure: TaskFailure | false }
  | { kind: 'unhealthy'; task: TaskRecord }
  | { kind: 'stable'; task: TaskRecord }
  | { kind: 'running'; task: TaskRecord }
  | { kind: 'changed'; task: TaskRecord };

/** What the caller of createTask decides; the rest comes from the task definition and the cluster. */
export type NewTask = Pick<
  TaskRecord,
  | 'startedBy'
  | 'group'
  | 'serviceName'
  | 'deploymentId'
  | 'serviceRevisionArn'
  | 'launchType'
  | 'capacityProviderName'
  | 'platformVersion'
  | 'overrides'
  | 'tags'
  | 'networkConfiguration'
  | 'containerInstanceArn'
  | 'launchRound'
>;

/** ECR's lookup gives the runtime's own words when it has them (`pull image manifest has been retried…`). */
function pullFailure(image: string, reason: string | undefined): string {
  const detail =
    reason ??
    `pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: ${image}: not found`;
  return `CannotPullContainerError: ${detail}`;
}

/** The refs a scenario rule's image glob is matched against, and the failure when ECR lacks the image. */
function resolveImage(sim: Simulator, image: string): { refs: string[]; digest?: string; failure?: string } {
  const unparsable = unparsableReference(image);
  if (unparsable !== undefined) return { refs: [image], failure: `CannotPullContainerError: ${unparsable}` };
  const found = lookupImage(sim, image);
  if (found.kind === 'external') return { refs: [image] };
  if (!found.image) return { refs: [image], failure: pullFailure(image, found.reason) };
  const img = found.image;
  const uri = sim.url ? `${sim.host}/${img.account}/${img.region}/${img.repositoryName}` : img.repositoryName;
  return {
    refs: [image, ...img.tags.map((t) => `${uri}:${t}`), `${uri}@${img.digest}`],
    digest: img.digest,
  };
}

function containerOf(
  sim: Simulator,
  r: Region,
  def: Json,
  overrides: Json | undefined,
): {
  container: ContainerRecord;
  failure?: string;
} {
  const image = String(def.image);
  const resolved = resolveImage(sim, image);
  const command = (overrides?.command as string[] | undefined) ?? (def.command as string[] | undefined);
  const behaviour = sim.scenario.taskBehaviour(resolved.refs, command?.join(' '));
  const hc = def.healthCheck as Json | undefined;
  const log = def.logConfiguration as Json | undefined;
  const options = (log?.options ?? {}) as Record<string, string>;
  const container: ContainerRecord = {
    name: String(def.name),
    image,
    essential: def.essential !== false,
    lastStatus: 'PENDING',
    behaviour,
    ...(resolved.digest ? { imageDigest: resolved.digest } : {}),
    ...(def.cpu !== undefined ? { cpu: String(def.cpu) } : {}),
    ...(def.memory !== undefined ? { memory: String(def.memory) } : {}),
  };
  if (hc || behaviour.healthCheck === 'fail') {
    container.healthCheck = {
      intervalMs: ((hc?.interval as number | undefined) ?? 30) * 1000,
      retries: (hc?.retries as number | undefined) ?? 3,
      startPeriodMs: ((hc?.startPeriod as number | undefined) ?? 0) * 1000,
    };
    container.healthStatus = 'UNKNOWN';
  }
  if (log?.logDriver === 'awslogs' && options['awslogs-group']) {
    container.logs = {
      group: options['awslogs-group'],
      region: options['awslogs-region'] ?? r.region,
      // The stream name is filled in once the task id is known.
      stream: options['awslogs-stream-prefix'] ?? '',
      createGroup: options['awslogs-create-group'] === 'true',
    };
  }
  const failure = resolved.failure ?? behaviour.failToStart;
  return failure !== undefined ? { container, failure } : { container };
}

/** ECS's words for an environment file the agent could not download (before it pulls any image). */
const ENV_FILES_FAILURE =
  'ResourceInitializationError: failed to download env files: file download command: non empty error stream: service call has been retried 5 time(s):';

const SECRETS_FAILURE =
  'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:';

/**
 * Why the task cannot get its environment files or its secrets (containers' `environmentFiles`, `secrets`, log
 * configurations' `secretOptions`, `repositoryCredentials`), in the words ECS stops it with, or undefined when
 * every reference resolves.
 */
function secretsFailure(sim: Simulator, r: Region, td: TaskDefinitionRecord): string | undefined {
  const refs: string[] = [];
  for (const c of (td.body.containerDefinitions as Json[] | undefined) ?? []) {
    const log = c.logConfiguration as Json | undefined;
    for (const list of [c.secrets, log?.secretOptions] as (Json[] | undefined)[]) {
      for (const entry of list ?? []) if (typeof entry.valueFrom === 'string') refs.push(entry.valueFrom);
    }
    const credentials = (c.repositoryCredentials as Json | undefined)?.credentialsParameter;
    if (typeof credentials === 'string') refs.push(credentials);
  }
  const lookups = sim.executionSecrets;
  for (const c of (td.body.containerDefinitions as Json[] | undefined) ?? []) {
    for (const file of (c.environmentFiles as Json[] | undefined) ?? []) {
      if (file.type !== 's3' || typeof file.value !== 'string') continue;
      const problem = lookups.environmentFileProblem(file.value);
      if (problem !== undefined) return `${ENV_FILES_FAILURE} ${problem}`;
    }
  }
  if (refs.length === 0) return undefined;
  for (const ref of refs.filter((v) => /^arn:aws[a-z-]*:secretsmanager:/.test(v))) {
    const problem = lookups.secretProblem(r.account, r.region, ref);
    if (problem !== undefined) {
      const arn = ref.split(':').slice(0, 7).join(':');
      return `${SECRETS_FAILURE} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${arn} from secrets manager: ${problem}`;
    }
  }
  const parameters = [...new Set(refs.filter((v) => !/^arn:aws[a-z-]*:secretsmanager:/.test(v)))];
  const missing = lookups.missingParameters(r.account, r.region, parameters);
  if (missing.length > 0) {
    return `${SECRETS_FAILURE} unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: ${missing.join(' ')}`;
  }
  return undefined;
}

export function createTask(
  sim: Simulator,
  r: Region,
  cluster: ClusterRecord,
  td: TaskDefinitionRecord,
  spec: NewTask,
  now: number,
): TaskRecord {
  const id = newTaskId();
  const overrides = (spec.overrides.containerOverrides as Json[] | undefined) ?? [];
  // The agent fetches the task's secrets and registry credentials before it pulls any image.
  let failToStart: string | undefined = secretsFailure(sim, r, td);
  const containers = ((td.body.containerDefinitions as Json[] | undefined) ?? []).map((def) => {
    const result = containerOf(
      sim,
      r,
      def,
      overrides.find((o) => o.name === def.name),
    );
    failToStart ??= result.failure;
    const logs = result.container.logs;
    if (logs) logs.stream = logs.stream ? `${logs.stream}/${result.container.name}/${id}` : id;
    return result.container;
  });
  const slow = containers.filter((c) => c.behaviour.startSeconds !== undefined);
  const pullRetries = failToStart?.startsWith('CannotPullContainerError') ? PULL_RETRY_MS : 0;
  const startMs =
    (slow.length > 0 ? Math.max(...slow.map((c) => c.behaviour.startSeconds! * 1000)) : PENDING_MS) +
    pullRetries;
  const byteSum = [...id].reduce((s, ch) => s + ch.charCodeAt(0), 0);
  const task: TaskRecord = {
    id,
    arn: `${arnPrefix(r)}:task/${cluster.name}/${id}`,
    clusterName: cluster.name,
    clusterArn: cluster.arn,
    taskDefinitionArn: td.arn,
    family: td.family,
    group: spec.group,
    launchType: spec.launchType,
    overrides: spec.overrides,
    tags: spec.tags,
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    healthStatus: 'UNKNOWN',
    containers,
    createdAt: now,
    pendingAt: now + PROVISIONING_MS,
    runAt: now + PROVISIONING_MS + startMs,
    stable: false,
    version: 1,
    availabilityZone: `${r.region}${'abc'[byteSum % 3]}`,
    ...(failToStart !== undefined ? { failToStart } : {}),
    ...(spec.startedBy !== undefined ? { startedBy: spec.startedBy } : {}),
    ...(spec.serviceName !== undefined ? { serviceName: spec.serviceName } : {}),
    ...(spec.deploymentId !== undefined ? { deploymentId: spec.deploymentId } : {}),
    ...(spec.serviceRevisionArn !== undefined ? { serviceRevisionArn: spec.serviceRevisionArn } : {}),
    ...(spec.capacityProviderName !== undefined ? { capacityProviderName: spec.capacityProviderName } : {}),
    ...(spec.platformVersion !== undefined ? { platformVersion: spec.platformVersion } : {}),
    ...(spec.networkConfiguration !== undefined ? { networkConfiguration: spec.networkConfiguration } : {}),
    ...(spec.containerInstanceArn !== undefined ? { containerInstanceArn: spec.containerInstanceArn } : {}),
    ...(spec.launchRound !== undefined ? { launchRound: spec.launchRound } : {}),
    ...(typeof td.body.cpu === 'string' ? { cpu: td.body.cpu } : {}),
    ...(typeof td.body.memory === 'string' ? { memory: td.body.memory } : {}),
  };
  cluster.tasks.set(id, task);
  activeTasks(r).add(task);
  return task;
}

/** A task already running when it is created (seeded services start steady). */
export function startTaskRunning(sim: Simulator, task: TaskRecord, now: number): void {
  task.createdAt = now - PROVISIONING_MS - PENDING_MS;
  task.pendingAt = now - PENDING_MS;
  task.runAt = now;
  delete task.failToStart;
  task.lastStatus = 'PENDING';
  toRunning(sim, task, now, []);
  task.stable = true;
}

/** The next time this task changes by itself, or Infinity. */
export function nextEventAt(task: TaskRecord): number {
  switch (task.lastStatus) {
    case 'PROVISIONING':
      return task.pendingAt;
    case 'PENDING':
      return task.runAt;
    case 'RUNNING': {
      let next = Infinity;
      for (const c of task.containers) {
        if (c.lastStatus !== 'RUNNING') continue;
        if (c.exitAt !== undefined) next = Math.min(next, c.exitAt);
        if (c.healthStatus === 'UNKNOWN')
          next = Math.min(next, c.healthyAt ?? Infinity, c.unhealthyAt ?? Infinity);
      }
      if (!task.stable && task.healthySince !== undefined)
        next = Math.min(next, task.healthySince + STABLE_MS);
      if (task.recheckAt !== undefined) next = Math.min(next, task.recheckAt);
      return next;
    }
    case 'DEPROVISIONING':
      return (task.stoppingAt ?? 0) + DEPROVISIONING_MS;
    default:
      return Infinity;
  }
}

/** The containers whose health makes the task's: the essential ones, or any if no essential one has a check. */
function healthChecked(task: TaskRecord): ContainerRecord[] {
  const essential = task.containers.filter((c) => c.essential && c.healthCheck);
  return essential.length > 0 ? essential : task.containers.filter((c) => c.healthCheck);
}

function taskHealth(task: TaskRecord): 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN' {
  const checked = healthChecked(task);
  if (checked.length === 0) return 'UNKNOWN';
  if (checked.some((c) => c.healthStatus === 'UNHEALTHY')) return 'UNHEALTHY';
  return checked.every((c) => c.healthStatus === 'HEALTHY') ? 'HEALTHY' : 'UNKNOWN';
}

/** Healthy for its deployment: RUNNING and (no essential health check, or all of them HEALTHY). */
export function countsHealthy(task: TaskRecord): boolean {
  if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return false;
  return healthChecked(task).length === 0 || task.healthStatus === 'HEALTHY';
}

function refreshHealth(task: TaskRecord, t: number): void {
  task.healthStatus = taskHealth(task);
  if (countsHealthy(task)) task.healthySince ??= t;
  else delete task.healthySince;
}

/** Begins stopping a task (no-op if it is already stopping). */
export function stopTask(
  task: TaskRecord,
  t: number,
  stopCode: string,
  reason: string,
  signals: TaskSignal[],
  failure: TaskFailure | false,
): void {
  if (task.desiredStatus === 'STOPPED' && task.stoppingAt !== undefined) return;
  const wasStarted = task.lastStatus === 'RUNNING';
  task.desiredStatus = 'STOPPED';
  task.lastStatus = 'DEPROVISIONING';
  task.stoppingAt = t;
  task.executionStoppedAt = t;
  task.stopCode = stopCode;
  task.stoppedReason = reason;
  delete task.healthySince;
  for (const c of task.containers) {
    if (c.lastStatus === 'STOPPED') continue;
    c.lastStatus = 'STOPPED';
    if (wasStarted) c.exitCode ??= 0;
    else if (stopCode === 'TaskFailedToStart') c.reason = reason;
  }
  task.version++;
  signals.push({ kind: 'stopping', task, failure });
}

function writeLogs(sim: Simulator, task: TaskRecord, account: string, t: number): void {
  for (const c of task.containers) {
    // The awslogs driver creates the stream when the container starts, even before it prints anything.
    if (!c.logs) continue;
    sim.logSink.append({
      account,
      region: c.logs.region,
      logGroupName: c.logs.group,
      logStreamName: c.logs.stream,
      events: (c.behaviour.logs ?? []).map((message, i) => ({ timestamp: t + i, message })),
      now: t,
      createGroup: c.logs.createGroup,
    });
  }
}

function toRunning(sim: Simulator, task: TaskRecord, t: number, signals: TaskSignal[]): void {
  const account = task.arn.split(':')[4] ?? '';
  const missing = task.containers.find(
    (c) => c.logs && !c.logs.createGroup && !sim.logSink.groupExists(account, c.logs.region, c.logs.group),
  );
  task.pullStoppedAt = t;
  if (missing) {
    stopTask(
      task,
      t,
      'TaskFailedToStart',
      'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: ' +
        'failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1',
      signals,
      'start',
    );
    return;
  }
  task.lastStatus = 'RUNNING';
  task.startedAt = t;
  for (const c of task.containers) {
    c.lastStatus = 'RUNNING';
    const b = c.behaviour;
    if (b.exitCode !== undefined) c.exitAt = t + (b.afterSeconds ?? 0) * 1000;
    const hc = c.healthCheck;
    if (hc) {
      // Docker runs the first check one interval after start; failures inside the start period do not count.
      if (b.healthCheck === 'fail') {
        const firstCounted = Math.max(1, Math.floor(hc.startPeriodMs / hc.intervalMs) + 1);
        c.unhealthyAt = t + (firstCounted + hc.retries - 1) * hc.intervalMs;
      } else c.healthyAt = t + hc.intervalMs;
    }
  }
  writeLogs(sim, task, account, t);
  refreshHealth(task, t);
  task.version++;
  signals.push({ kind: 'running', task });
}

/** Applies every transition of this task due at time `t`. */
export function stepTask(sim: Simulator, task: TaskRecord, t: number, signals: TaskSignal[]): void {
  if (task.lastStatus === 'PROVISIONING' && task.pendingAt <= t) {
    task.lastStatus = 'PENDING';
    task.pullStartedAt = task.pendingAt;
    task.connectivityAt = task.pendingAt;
    task.version++;
    signals.push({ kind: 'changed', task });
  }
  if (task.lastStatus === 'PENDING' && task.runAt <= t) {
    if (task.failToStart !== undefined) {
      task.pullStoppedAt = t;
      stopTask(task, t, 'TaskFailedToStart', task.failToStart, signals, 'start');
    } else toRunning(sim, task, t, signals);
  }
  if (task.lastStatus === 'RUNNING') {
    for (const c of task.containers) {
      if (c.lastStatus !== 'RUNNING') continue;
      if (c.healthStatus === 'UNKNOWN' && c.healthyAt !== undefined && c.healthyAt <= t)
        c.healthStatus = 'HEALTHY';
      if (c.healthStatus === 'UNKNOWN' && c.unhealthyAt !== undefined && c.unhealthyAt <= t) {
        c.healthStatus = 'UNHEALTHY';
      }
      if (c.exitAt !== undefined && c.exitAt <= t) {
        c.lastStatus = 'STOPPED';
        c.exitCode = c.behaviour.exitCode ?? 0;
        if (c.essential) {
          stopTask(
            task,
            t,
            'EssentialContainerExited',
            'Essential container in task exited',
            signals,
            'exit',
          );
          return;
        }
      }
    }
    if (task.recheckAt !== undefined && task.recheckAt <= t) {
      delete task.recheckAt;
      if (task.healthStatus === 'UNHEALTHY') signals.push({ kind: 'unhealthy', task });
    }
    const before = task.healthStatus;
    refreshHealth(task, t);
    if (task.healthStatus !== before) {
      task.version++;
      signals.push(
        task.healthStatus === 'UNHEALTHY' ? { kind: 'unhealthy', task } : { kind: 'changed', task },
      );
    }
    if (!task.stable && task.healthySince !== undefined && task.healthySince + STABLE_MS <= t) {
      task.stable = true;
      signals.push({ kind: 'stable', task });
    }
  }
  if (task.lastStatus === 'DEPROVISIONING' && (task.stoppingAt ?? 0) + DEPROVISIONING_MS <= t) {
    task.lastStatus = 'STOPPED';
    task.stoppedAt = t;
    task.version++;
    signals.push({ kind: 'changed', task });
  }
}
