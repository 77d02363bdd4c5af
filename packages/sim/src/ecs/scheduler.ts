import type { Simulator } from '../core/simulator';
import { addEvent, completeDeployment, tripCircuitBreaker } from './deployments';
import type { Json } from '../core/request';
import {
  activeTasks,
  type ClusterRecord,
  type DeploymentRecord,
  type Region,
  type ServiceRecord,
  type Tag,
  type TaskRecord,
} from './model';
import { findTaskDefinition } from './resolve';
import { countsHealthy, createTask, type NewTask, stopTask, type TaskSignal } from './task-lifecycle';
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
  const placement = launchFor(svc.settings, td, cluster);
  const propagate = svc.settings.propagateTags;
  const tags = propagate === 'SERVICE' ? svc.tags : propagate === 'TASK_DEFINITION' ? td.tags : [];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const task = createTask(sim, r, cluster, td, serviceTask(svc, dep, placement, tags), t);
    ids.push(task.id);
  }
  addEvent(
    svc,
    t,
    `(service ${svc.name}) has started ${count} tasks: ${ids.map((id) => `(task ${id})`).join(' ')}.`,
  );
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

/** Feeds task transitions to their services: circuit-breaker counts, health replacements, rescheduling. */
export function handleSignals(r: Region, signals: TaskSignal[], t: number): void {
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
      stopTask(task, t, 'ServiceSchedulerInitiated', 'Task failed container health checks', signals, true);
    }
    if (!dep || dep.rolloutState !== 'IN_PROGRESS') continue;
    if (signal.kind === 'stopping' && signal.failure) {
      dep.failedTasks++;
      dep.updatedAt = t;
      if (dep.circuit.enabled) {
        dep.circuit.failureCount++;
        if (dep.circuit.failureCount >= dep.circuit.threshold) tripCircuitBreaker(r, svc, dep, t);
      }
    }
    if (signal.kind === 'stable' && dep.circuit.resetOnHealthyTask) {
      dep.circuit.failureCount = 0;
      dep.failedTasks = 0;
    }
  }
}
