import type { Json } from '../core/request';
import {
  arnPrefix,
  newDeploymentId,
  newEventId,
  newShortId,
  type CircuitBreakerState,
  type DeploymentRecord,
  type Region,
  type ServiceDeploymentRecord,
  type ServiceRecord,
} from './model';

/** Deployments of one service: starting them, finishing them, and the circuit breaker's rollback. */

const MAX_EVENTS = 100;

export function addEvent(svc: ServiceRecord, t: number, message: string): void {
  svc.events.unshift({ id: newEventId(), createdAt: t, message });
  if (svc.events.length > MAX_EVENTS) svc.events.length = MAX_EVENTS;
}

/** deploymentConfiguration with ECS's defaults filled in, as DescribeServices shows it. */
export function normalizeDeploymentConfiguration(raw: Json | undefined, previous?: Json): Json {
  const base = previous ?? {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: 200,
    minimumHealthyPercent: 100,
  };
  if (!raw) return base;
  return { ...base, ...raw };
}

/** ECS's threshold: `thresholdConfiguration` if given, else 50 % of the desired count within 3..200. */
export function circuitFor(config: Json, desiredCount: number): CircuitBreakerState {
  const cb = (config.deploymentCircuitBreaker ?? {}) as Json;
  const enabled = cb.enable === true;
  const tc = cb.thresholdConfiguration as { type?: string; value?: number } | undefined;
  let threshold = Math.min(200, Math.max(3, Math.ceil(0.5 * desiredCount)));
  if (tc && typeof tc.value === 'number') {
    if (tc.type === 'COUNT') threshold = Math.max(1, tc.value);
    else {
      const raw = Math.ceil((tc.value / 100) * desiredCount);
      threshold = tc.type === 'UNBOUNDED_PERCENT' ? Math.max(1, raw) : Math.min(200, Math.max(3, raw));
    }
  }
  return {
    enabled,
    rollback: enabled && cb.rollback === true,
    resetOnHealthyTask: cb.resetOnHealthyTask !== false,
    threshold,
    failureCount: 0,
    status: enabled ? 'MONITORING' : 'DISABLED',
  };
}

function recordOf(r: Region, dep: DeploymentRecord): ServiceDeploymentRecord | undefined {
  return r.serviceDeployments.get(dep.serviceDeploymentArn);
}

const IN_FLIGHT = new Set([
  'PENDING',
  'IN_PROGRESS',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'STOP_REQUESTED',
]);

export function isInFlight(record: ServiceDeploymentRecord): boolean {
  return IN_FLIGHT.has(record.status);
}

/**
 * Starts a new PRIMARY deployment of the service's current task definition (UpdateService, CreateService).
 * The previous PRIMARY becomes ACTIVE and drains; a deployment still in flight is superseded (STOPPED).
 */
export function startDeployment(r: Region, svc: ServiceRecord, t: number): DeploymentRecord {
  const prefix = arnPrefix(r);
  const previous = svc.deployments.find((d) => d.status === 'PRIMARY');
  if (previous && previous.taskDefinition !== svc.taskDefinition) endThrottle(svc);
  const revisionArn = `${prefix}:service-revision/${svc.clusterName}/${svc.name}/${newShortId()}`;
  const settings = svc.settings;
  r.serviceRevisions.set(revisionArn, {
    arn: revisionArn,
    serviceArn: svc.arn,
    clusterArn: svc.clusterArn,
    taskDefinition: svc.taskDefinition,
    createdAt: t,
    ...(settings.launchType ? { launchType: settings.launchType as string } : {}),
    ...(settings.capacityProviderStrategy
      ? { capacityProviderStrategy: settings.capacityProviderStrategy as Json[] }
      : {}),
    ...(settings.platformVersion ? { platformVersion: settings.platformVersion as string } : {}),
    ...(settings.networkConfiguration ? { networkConfiguration: settings.networkConfiguration as Json } : {}),
  });
  const sourceRevisionArns = [...new Set(svc.deployments.map((d) => d.serviceRevisionArn))];
  for (const d of svc.deployments) {
    d.status = 'ACTIVE';
    const old = recordOf(r, d);
    if (old && isInFlight(old)) {
      old.status = 'STOPPED';
      old.statusReason = 'Service deployment was stopped because a new service deployment was started.';
      old.stoppedAt = t;
      old.updatedAt = t;
    }
  }
  const id = newDeploymentId();
  const sdArn = `${prefix}:service-deployment/${svc.clusterName}/${svc.name}/${newShortId()}`;
  const circuit = circuitFor(svc.deploymentConfiguration, svc.desiredCount);
  const dep: DeploymentRecord = {
    id,
    status: 'PRIMARY',
    taskDefinition: svc.taskDefinition,
    desiredCount: svc.desiredCount,
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: 'ECS deployment ' + id + ' in progress.',
    createdAt: t,
    updatedAt: t,
    serviceDeploymentArn: sdArn,
    serviceRevisionArn: revisionArn,
    circuit,
    ...(settings.launchType ? { launchType: settings.launchType as string } : {}),
    ...(settings.capacityProviderStrategy
      ? { capacityProviderStrategy: settings.capacityProviderStrategy as Json[] }
      : {}),
    ...(settings.platformVersion ? { platformVersion: settings.platformVersion as string } : {}),
    ...(settings.networkConfiguration ? { networkConfiguration: settings.networkConfiguration as Json } : {}),
  };
  svc.deployments.unshift(dep);
  r.serviceDeployments.set(sdArn, {
    arn: sdArn,
    serviceArn: svc.arn,
    clusterArn: svc.clusterArn,
    serviceName: svc.name,
    clusterName: svc.clusterName,
    deploymentId: id,
    createdAt: t,
    updatedAt: t,
    sourceRevisionArns,
    targetRevisionArn: revisionArn,
    status: 'PENDING',
    deploymentConfiguration: svc.deploymentConfiguration,
    circuit,
  });
  svc.steady = false;
  svc.dirty = true;
  return dep;
}

/** "If you update your service to use a new task definition, your service returns to a normal, non-throttled state." */
function endThrottle(svc: ServiceRecord): void {
  if (!svc.pacing) return;
  svc.pacing.failedRounds = 0;
  svc.pacing.announced = false;
  delete svc.pacing.notBefore;
}

/** The new deployment runs its desired count healthy and the old ones are drained. */
export function completeDeployment(r: Region, svc: ServiceRecord, dep: DeploymentRecord, t: number): void {
  dep.rolloutState = 'COMPLETED';
  dep.rolloutStateReason = `ECS deployment ${dep.id} completed.`;
  dep.updatedAt = t;
  if (dep.circuit.enabled) dep.circuit.status = 'MONITORING_COMPLETE';
  for (const d of svc.deployments) if (d !== dep) d.status = 'INACTIVE';
  svc.deployments = [dep];
  svc.lastCompleted = {
    deploymentId: dep.id,
    taskDefinition: dep.taskDefinition,
    serviceRevisionArn: dep.serviceRevisionArn,
  };
  const record = recordOf(r, dep);
  if (record && isInFlight(record)) {
    record.status = dep.rollbackOf ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL';
    record.finishedAt = t;
    record.updatedAt = t;
  }
  addEvent(svc, t, `(service ${svc.name}) has reached a steady state.`);
  addEvent(svc, t, `(service ${svc.name}) (deployment ${dep.id}) deployment completed.`);
  svc.steady = true;
}

/**
 * Rolls the service back to its last COMPLETED deployment: a new PRIMARY deployment of that revision,
 * tracked by the same ServiceDeployment (ROLLBACK_IN_PROGRESS → ROLLBACK_SUCCESSFUL).
 */
export function startRollback(
  r: Region,
  svc: ServiceRecord,
  failed: DeploymentRecord,
  record: ServiceDeploymentRecord,
  t: number,
  reason: string,
  byCircuitBreaker = false,
): boolean {
  const target = svc.lastCompleted;
  if (!target || target.deploymentId === failed.id) return false;
  for (const d of svc.deployments) d.status = 'ACTIVE';
  const id = newDeploymentId();
  const circuit = circuitFor(svc.deploymentConfiguration, svc.desiredCount);
  // ECS does not roll back a rollback: a failing rollback ends as ROLLBACK_FAILED.
  circuit.rollback = false;
  const dep: DeploymentRecord = {
    ...failed,
    id,
    status: 'PRIMARY',
    taskDefinition: target.taskDefinition,
    desiredCount: svc.desiredCount,
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    // ECS's words (its deployment state change events and DescribeServices output) for a breaker's rollback.
    rolloutStateReason: byCircuitBreaker
      ? `ECS deployment circuit breaker: rolling back to deploymentId ${target.deploymentId}.`
      : `ECS deployment ${id} in progress.`,
    createdAt: t,
    updatedAt: t,
    serviceRevisionArn: target.serviceRevisionArn,
    circuit,
    rollbackOf: failed.id,
  };
  svc.deployments.unshift(dep);
  svc.taskDefinition = target.taskDefinition;
  endThrottle(svc);
  record.status = 'ROLLBACK_IN_PROGRESS';
  record.rollback = { reason, startedAt: t, serviceRevisionArn: target.serviceRevisionArn };
  record.rollbackDeploymentId = id;
  record.updatedAt = t;
  addEvent(svc, t, `(service ${svc.name}) rolling back to deployment ${target.deploymentId}.`);
  svc.steady = false;
  svc.dirty = true;
  return true;
}

/** The circuit breaker tripped: FAILED, launch nothing more, and roll back when configured to. */
export function tripCircuitBreaker(r: Region, svc: ServiceRecord, dep: DeploymentRecord, t: number): void {
  dep.rolloutState = 'FAILED';
  dep.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
  dep.updatedAt = t;
  dep.circuit.status = 'TRIGGERED';
  addEvent(svc, t, `(service ${svc.name}) (deployment ${dep.id}) deployment failed: tasks failed to start.`);
  const record = recordOf(r, dep);
  if (!record || !isInFlight(record)) return;
  record.updatedAt = t;
  if (dep.rollbackOf) {
    record.status = 'ROLLBACK_FAILED';
    record.statusReason = 'The rollback failed: the circuit breaker threshold was exceeded.';
    record.finishedAt = t;
    return;
  }
  record.statusReason = 'Service deployment failed because the circuit breaker threshold was exceeded.';
  const rolled =
    dep.circuit.rollback &&
    startRollback(
      r,
      svc,
      dep,
      record,
      t,
      'Service deployment rolled back because the circuit breaker threshold was exceeded.',
      true,
    );
  if (!rolled) {
    record.status = 'STOPPED';
    record.stoppedAt = t;
  }
}
