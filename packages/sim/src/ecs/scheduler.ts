import type { Simulator } from '../core/simulator';
import { addEvent, completeDeployment, tripCircuitBreaker } from './deployments';
import type { Json } from '../core/request';
import {
  activeTasks,
  type ClusterRecord,
  type DeploymentRecord,
  type Region,
  type SchedulerPacing,
  type ServiceRecord,
  type Tag,
  type TaskRecord,
} from './model';
import { placeTask } from './placement';
import { findTaskDefinition } from './resolve';
import {
  countsHealthy,
  createTask,
  type NewTask,
  stopTask,
  type TaskFailure,
  type TaskSignal,
} from './task-lifecycle';
import { launchFor } from './launch';

/**
 * The ECS service scheduler for rolling updates: keeps the PRIMARY deployment at its desired count within
 * minimumHealthyPercent / maximumPercent, drains older deployments, completes deployments, and feeds the
 * circuit breaker with the tasks that fail.
 */

function percent(config: Json, key: string, fallback: number): number {
  const v = config[key];
  return typeof v === 'number' ? v : fallback;
}

/** The service's tasks that are not STOPPED yet (stopped ones no longer matter to the scheduler). */
function serviceTasks(r: Region, svc: ServiceRecord): TaskRecord[] {
  const out: TaskRecord[] = [];
  for (const task of activeTasks(r)) {
    if (task.serviceName === svc.name && task.clusterName === svc.clusterName) out.push(task);
  }
  return out;
}

/** The first relaunch after a round of tasks that never ran waits this long; each further such round doubles it. */
export const RELAUNCH_DELAY_MS = 15_000;
/** ECS's service throttle: "incrementally increased up to a maximum of 27 minutes". */
export const MAX_RELAUNCH_DELAY_MS = 27 * 60_000;
/** From this many consecutive failed rounds on, the service says it is throttled. */
export const THROTTLE_EVENT_AFTER = 3;
/** A task that could not be placed is tried again at the scheduler's next attempt. */
export const PLACEMENT_RETRY_MS = 30_000;

export function relaunchDelay(failedRounds: number): number {
  return Math.min(MAX_RELAUNCH_DELAY_MS, RELAUNCH_DELAY_MS * 2 ** Math.max(0, failedRounds - 1));
}

export function pacingOf(svc: ServiceRecord): SchedulerPacing {
  svc.pacing ??= { rounds: 0, failedRounds: 0, lastFailedRound: 0, announced: false };
  return svc.pacing;
}

/** A tracked placement problem is reported once, until a task is placed again (ECS omits duplicate events). */
function reportPlacement(svc: ServiceRecord, t: number, message: string): void {
  const pacing = pacingOf(svc);
  if (pacing.placementProblem === message) return;
  pacing.placementProblem = message;
  addEvent(svc, t, message);
}

function launch(
  sim: Simulator,
  r: Region,
  cluster: ClusterRecord,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  count: number,
  t: number,
): void {
  const td = findTaskDefinition(r, dep.taskDefinition);
  if (!td || count <= 0) return;
  const pacing = pacingOf(svc);
  if (pacing.notBefore !== undefined && pacing.notBefore > t) return;
  const placement = launchFor(svc.settings, td, cluster);
  const propagate = svc.settings.propagateTags;
  const tags = propagate === 'SERVICE' ? svc.tags : propagate === 'TASK_DEFINITION' ? td.tags : [];
  const round = ++pacing.rounds;
  const ids: string[] = [];
  let unplaced = 0;
  for (let i = 0; i < count; i++) {
    const where = placeTask(sim, r, cluster, td, placement, svc.name);
    if (!where.ok) {
      unplaced = count - i;
      reportPlacement(svc, t, where.event);
      break;
    }
    const spec = serviceTask(svc, dep, placement, tags);
    const task = createTask(
      sim,
      r,
      cluster,
      td,
      {
        ...spec,
        launchRound: round,
        ...(where.containerInstanceArn ? { containerInstanceArn: where.containerInstanceArn } : {}),
      },
      t,
    );
    ids.push(task.id);
  }
  if (ids.length > 0) {
    delete pacing.placementProblem;
    addEvent(
      svc,
      t,
      `(service ${svc.name}) has started ${ids.length} tasks: ${ids.map((id) => `(task ${id})`).join(' ')}.`,
    );
  }
  if (unplaced > 0) {
    // A task the scheduler cannot launch is a failed task of its deployment (API reference, Deployment.failedTasks).
    pacing.notBefore = t + PLACEMENT_RETRY_MS;
    countFailures(r, svc, dep, unplaced, t);
  }
}

/** Counts failed tasks of an in-progress deployment, and trips its circuit breaker at the threshold. */
function countFailures(r: Region, svc: ServiceRecord, dep: DeploymentRecord, n: number, t: number): void {
  if (dep.rolloutState !== 'IN_PROGRESS') return;
  dep.failedTasks += n;
  dep.updatedAt = t;
  if (!dep.circuit.enabled) return;
  dep.circuit.failureCount += n;
  if (dep.circuit.failureCount >= dep.circuit.threshold) tripCircuitBreaker(r, svc, dep, t);
}

/** A task the service scheduler launches for one of the service's deployments. */
export function serviceTask(
  svc: ServiceRecord,
  dep: DeploymentRecord,
  placement: ReturnType<typeof launchFor>,
  tags: Tag[],
): NewTask {
  return {
    startedBy: dep.id,
    group: `service:${svc.name}`,
    serviceName: svc.name,
    deploymentId: dep.id,
    serviceRevisionArn: dep.serviceRevisionArn,
    ...placement,
    overrides: { containerOverrides: [], inferenceAcceleratorOverrides: [] },
    tags,
    ...(dep.networkConfiguration ? { networkConfiguration: dep.networkConfiguration } : {}),
  };
}

function stopForScheduler(
  svc: ServiceRecord,
  tasks: TaskRecord[],
  reason: string,
  t: number,
  signals: TaskSignal[],
): void {
  if (tasks.length === 0) return;
  for (const task of tasks) stopTask(task, t, 'ServiceSchedulerInitiated', reason, signals, false);
  const ids = tasks.map((task) => `(task ${task.id})`).join(' ');
  addEvent(svc, t, `(service ${svc.name}) has stopped ${tasks.length} running tasks: ${ids}.`);
}

export function reconcile(
  sim: Simulator,
  r: Region,
  cluster: ClusterRecord,
  svc: ServiceRecord,
  t: number,
  signals: TaskSignal[],
): void {
  if (svc.status === 'INACTIVE') return;
  if (svc.pacing?.notBefore !== undefined && svc.pacing.notBefore <= t) delete svc.pacing.notBefore;
  const all = serviceTasks(r, svc);
  const live = all.filter((task) => task.desiredStatus === 'RUNNING');
  if (svc.status === 'DRAINING') {
    stopForScheduler(svc, live, `Service ${svc.name} is being deleted.`, t, signals);
    if (all.every((task) => task.lastStatus === 'STOPPED')) {
      svc.status = 'INACTIVE';
      for (const d of svc.deployments) d.status = 'INACTIVE';
    }
    return;
  }
  const primary = svc.deployments.find((d) => d.status === 'PRIMARY');
  if (!primary) return;
  const record = r.serviceDeployments.get(primary.serviceDeploymentArn);
  if (record?.status === 'PENDING') {
    record.status = 'IN_PROGRESS';
    record.startedAt = t;
    record.updatedAt = t;
  }
  if (primary.rolloutState === 'FAILED') return; // a FAILED deployment launches no new tasks
  const desired = svc.desiredCount;
  primary.desiredCount = desired;
  const config = svc.deploymentConfiguration;
  const maxTotal = Math.floor((desired * percent(config, 'maximumPercent', 200)) / 100);
  const minHealthy = Math.ceil((desired * percent(config, 'minimumHealthyPercent', 100)) / 100);
  const reason = `Scaling activity initiated by (deployment ${primary.id})`;

  const isPrimary = (task: TaskRecord): boolean => task.deploymentId === primary.id;
  const old = live.filter((task) => !isPrimary(task));
  const stops = old.filter((task) => !countsHealthy(task));
  let healthy = live.filter(countsHealthy).length;
  for (const task of old.filter(countsHealthy).sort((a, b) => a.createdAt - b.createdAt)) {
    if (healthy - 1 < minHealthy) break;
    stops.push(task);
    healthy--;
  }
  // Scale-in of the primary: unhealthy tasks go first, then the newest.
  const mine = live
    .filter(isPrimary)
    .sort((a, b) => Number(countsHealthy(a)) - Number(countsHealthy(b)) || b.createdAt - a.createdAt);
  const excess = mine.slice(0, Math.max(0, mine.length - desired));
  stops.push(...excess);
  stopForScheduler(svc, stops, reason, t, signals);

  const remaining = live.length - stops.length;
  const mineLeft = mine.length - excess.length;
  launch(sim, r, cluster, svc, primary, Math.min(desired - mineLeft, maxTotal - remaining), t);

  const stillLive = serviceTasks(r, svc).filter((task) => task.desiredStatus === 'RUNNING');
  const othersLive = stillLive.some((task) => !isPrimary(task));
  const mineLive = stillLive.filter(isPrimary);
  const stable = mineLive.filter((task) => countsHealthy(task) && task.stable).length;
  const settled = !othersLive && mineLive.length === desired && stable === desired;
  if (!settled) {
    svc.steady = false;
    return;
  }
  if (primary.rolloutState === 'IN_PROGRESS') completeDeployment(r, svc, primary, t);
  else if (!svc.steady) {
    // A completed service that replaced tasks (crashes, scaling) says so again once it has recovered.
    addEvent(svc, t, `(service ${svc.name}) has reached a steady state.`);
    svc.steady = true;
  }
}

/** Whether the circuit breaker counts this stop, by the documentation's reading the scenario chose. */
function countsForBreaker(sim: Simulator, task: TaskRecord, failure: TaskFailure | false): boolean {
  if (failure === 'start' || failure === 'health') return true;
  return failure === 'exit' && !task.stable && sim.scenario.countsExitsAfterRunning();
}

/** A service task never reached RUNNING: count its launch round once, and push the next launch out. */
function throttle(svc: ServiceRecord, task: TaskRecord, t: number): void {
  const pacing = pacingOf(svc);
  const round = task.launchRound ?? 0;
  if (round <= pacing.lastFailedRound) return;
  pacing.lastFailedRound = round;
  pacing.failedRounds++;
  pacing.notBefore = Math.max(pacing.notBefore ?? 0, t + relaunchDelay(pacing.failedRounds));
  if (pacing.failedRounds >= THROTTLE_EVENT_AFTER && !pacing.announced) {
    pacing.announced = true;
    addEvent(svc, t, `(service ${svc.name}) is unable to consistently start tasks successfully.`);
  }
}

/** Feeds task transitions to their services: circuit-breaker counts, health replacements, rescheduling. */
export function handleSignals(sim: Simulator, r: Region, signals: TaskSignal[], t: number): void {
  for (let i = 0; i < signals.length; i++) {
    const signal = signals[i]!;
    const task = signal.task;
    if (!task.serviceName) continue;
    const svc = r.clusters.get(task.clusterName)?.services.get(task.serviceName);
    if (!svc) continue;
    svc.dirty = true;
    const dep = svc.deployments.find((d) => d.id === task.deploymentId);
    const graceEnds = (task.startedAt ?? 0) + Number(svc.settings.healthCheckGracePeriodSeconds ?? 0) * 1000;
    if (signal.kind === 'unhealthy' && task.desiredStatus === 'RUNNING' && graceEnds > t) {
      // The scheduler ignores failing health checks for healthCheckGracePeriodSeconds after the task started.
      task.recheckAt = graceEnds;
    } else if (signal.kind === 'unhealthy' && task.desiredStatus === 'RUNNING' && svc.status === 'ACTIVE') {
      addEvent(svc, t, `(service ${svc.name}) (task ${task.id}) failed container health checks.`);
      stopTask(
        task,
        t,
        'ServiceSchedulerInitiated',
        'Task failed container health checks',
        signals,
        'health',
      );
    }
    if (signal.kind === 'running') {
      // A task that reached RUNNING ends the throttle (stops after RUNNING never start it).
      const pacing = pacingOf(svc);
      pacing.failedRounds = 0;
      pacing.announced = false;
    }
    if (signal.kind === 'stopping' && signal.failure === 'start') throttle(svc, task, t);
    if (!dep || dep.rolloutState !== 'IN_PROGRESS') continue;
    if (signal.kind === 'stopping' && countsForBreaker(sim, task, signal.failure))
      countFailures(r, svc, dep, 1, t);
    if (signal.kind === 'stable' && dep.circuit.resetOnHealthyTask) {
      dep.circuit.failureCount = 0;
      dep.failedTasks = 0;
    }
  }
}
