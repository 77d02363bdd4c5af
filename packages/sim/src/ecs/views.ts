import type { Json } from '../core/request';
import {
  toDate,
  type ClusterRecord,
  type DeploymentRecord,
  type Region,
  type ServiceDeploymentRecord,
  type ServiceRecord,
  type TaskRecord,
} from './model';

/** The ECS response shapes, built from the model on the way out. */

function countTasks(
  tasks: Iterable<TaskRecord>,
  match: (t: TaskRecord) => boolean,
): { running: number; pending: number } {
  let running = 0;
  let pending = 0;
  for (const task of tasks) {
    if (!match(task)) continue;
    if (task.lastStatus === 'RUNNING') running++;
    else if (
      task.desiredStatus === 'RUNNING' &&
      (task.lastStatus === 'PROVISIONING' || task.lastStatus === 'PENDING')
    ) {
      pending++;
    }
  }
  return { running, pending };
}

export function clusterOut(cluster: ClusterRecord, include: string[]): Json {
  const { running, pending } = countTasks(cluster.tasks.values(), () => true);
  let active = 0;
  for (const svc of cluster.services.values()) if (svc.status === 'ACTIVE') active++;
  return {
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: cluster.status,
    registeredContainerInstancesCount: cluster.containerInstances?.length ?? 0,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: active,
    statistics: [],
    tags: include.includes('TAGS') ? cluster.tags : [],
    settings: include.includes('SETTINGS') ? cluster.settings : undefined,
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
    configuration: include.includes('CONFIGURATIONS') ? cluster.configuration : undefined,
  };
}

/** `tasks`: the cluster's tasks, or any subset holding the deployment's (its service's). */
function deploymentOut(dep: DeploymentRecord, tasks: readonly TaskRecord[]): Json {
  const { running, pending } = countTasks(tasks, (t) => t.deploymentId === dep.id);
  return {
    id: dep.id,
    status: dep.status,
    taskDefinition: dep.taskDefinition,
    desiredCount: dep.desiredCount,
    pendingCount: pending,
    runningCount: running,
    failedTasks: dep.failedTasks,
    createdAt: toDate(dep.createdAt),
    updatedAt: toDate(dep.updatedAt),
    launchType: dep.launchType,
    capacityProviderStrategy: dep.capacityProviderStrategy,
    platformVersion: dep.platformVersion ?? (dep.launchType === 'FARGATE' ? 'LATEST' : undefined),
    platformFamily: dep.launchType === 'FARGATE' ? 'Linux' : undefined,
    networkConfiguration: dep.networkConfiguration,
    rolloutState: dep.rolloutState,
    rolloutStateReason: dep.rolloutStateReason,
  };
}

export function serviceOut(cluster: ClusterRecord, svc: ServiceRecord, withTags: boolean): Json {
  // One pass over the cluster's tasks; the deployments' counts come from the service's own.
  const own: TaskRecord[] = [];
  for (const task of cluster.tasks.values()) if (task.serviceName === svc.name) own.push(task);
  const { running, pending } = countTasks(own, () => true);
  const primary = svc.deployments.find((d) => d.status === 'PRIMARY');
  const revisions = new Map<string, { requested: number; running: number; pending: number }>();
  for (const dep of svc.deployments) {
    const counts = countTasks(own, (t) => t.deploymentId === dep.id);
    const entry = revisions.get(dep.serviceRevisionArn) ?? { requested: 0, running: 0, pending: 0 };
    entry.requested += dep.status === 'PRIMARY' ? dep.desiredCount : 0;
    entry.running += counts.running;
    entry.pending += counts.pending;
    revisions.set(dep.serviceRevisionArn, entry);
  }
  return {
    ...svc.settings,
    serviceArn: svc.arn,
    serviceName: svc.name,
    clusterArn: svc.clusterArn,
    status: svc.status,
    desiredCount: svc.desiredCount,
    runningCount: running,
    pendingCount: pending,
    taskDefinition: svc.taskDefinition,
    deploymentConfiguration: svc.deploymentConfiguration,
    deployments: svc.deployments.map((d) => deploymentOut(d, own)),
    events: svc.events.map((e) => ({ id: e.id, createdAt: toDate(e.createdAt), message: e.message })),
    createdAt: toDate(svc.createdAt),
    createdBy: svc.createdBy,
    currentServiceDeployment: primary?.serviceDeploymentArn,
    currentServiceRevisions: [...revisions].map(([arn, c]) => ({
      arn,
      requestedTaskCount: c.requested,
      runningTaskCount: c.running,
      pendingTaskCount: c.pending,
    })),
    tags: withTags ? svc.tags : undefined,
  };
}

export function taskOut(task: TaskRecord, withTags: boolean): Json {
  const octets = [parseInt(task.id.slice(0, 2), 16), parseInt(task.id.slice(2, 4), 16)];
  const ip = `10.0.${octets[0]}.${Math.max(1, octets[1] ?? 1)}`;
  const awsvpc = task.networkConfiguration !== undefined;
  const attachmentId = `${task.id.slice(0, 8)}-${task.id.slice(8, 12)}-${task.id.slice(12, 16)}-${task.id.slice(16, 20)}-${task.id.slice(20)}`;
  const vpc = (task.networkConfiguration?.awsvpcConfiguration ?? {}) as { subnets?: string[] };
  const stopped = task.lastStatus === 'STOPPED' || task.lastStatus === 'DEPROVISIONING';
  return {
    attachments: awsvpc
      ? [
          {
            id: attachmentId,
            type: 'ElasticNetworkInterface',
            status: stopped ? 'DELETED' : task.lastStatus === 'PROVISIONING' ? 'PRECREATED' : 'ATTACHED',
            details: [
              { name: 'subnetId', value: vpc.subnets?.[0] ?? 'subnet-00000000' },
              { name: 'networkInterfaceId', value: `eni-${task.id.slice(0, 17)}` },
              { name: 'privateIPv4Address', value: ip },
            ],
          },
        ]
      : [],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: task.availabilityZone,
    ...(task.containerInstanceArn !== undefined ? { containerInstanceArn: task.containerInstanceArn } : {}),
    capacityProviderName: task.capacityProviderName,
    clusterArn: task.clusterArn,
    connectivity: task.connectivityAt !== undefined ? 'CONNECTED' : undefined,
    connectivityAt: toDate(task.connectivityAt),
    containers: task.containers.map((c) => ({
      containerArn: `${task.arn.replace(':task/', ':container/')}/${c.name}`,
      taskArn: task.arn,
      name: c.name,
      image: c.image,
      imageDigest: c.imageDigest,
      runtimeId: task.startedAt !== undefined ? `${task.id}-${c.name}` : undefined,
      lastStatus: c.lastStatus,
      exitCode: c.exitCode,
      reason: c.reason,
      networkBindings: [],
      networkInterfaces: awsvpc ? [{ attachmentId, privateIpv4Address: ip }] : [],
      healthStatus: c.healthStatus ?? 'UNKNOWN',
      cpu: c.cpu ?? '0',
      memory: c.memory,
    })),
    cpu: task.cpu,
    createdAt: toDate(task.createdAt),
    desiredStatus: task.desiredStatus,
    enableExecuteCommand: false,
    executionStoppedAt: toDate(task.executionStoppedAt),
    group: task.group,
    healthStatus: task.healthStatus,
    lastStatus: task.lastStatus,
    launchType: task.launchType,
    memory: task.memory,
    overrides: task.overrides,
    platformVersion: task.platformVersion,
    platformFamily: task.launchType === 'FARGATE' ? 'Linux' : undefined,
    pullStartedAt: toDate(task.pullStartedAt),
    pullStoppedAt: toDate(task.pullStoppedAt),
    startedAt: toDate(task.startedAt),
    startedBy: task.startedBy,
    stopCode: task.stopCode,
    stoppedAt: toDate(task.stoppedAt),
    stoppedReason: task.stoppedReason,
    stoppingAt: toDate(task.stoppingAt),
    tags: withTags ? task.tags : undefined,
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    version: task.version,
    ephemeralStorage: { sizeInGiB: 20 },
  };
}

function revisionSummary(r: Region, arn: string, requested: number): Json {
  const clusterArn = r.serviceRevisions.get(arn)?.clusterArn;
  const cluster = clusterArn ? r.clusters.get(clusterArn.slice(clusterArn.indexOf('/') + 1)) : undefined;
  const counts = cluster
    ? countTasks(cluster.tasks.values(), (t) => t.serviceRevisionArn === arn && t.desiredStatus === 'RUNNING')
    : { running: 0, pending: 0 };
  return {
    arn,
    requestedTaskCount: requested,
    runningTaskCount: counts.running,
    pendingTaskCount: counts.pending,
  };
}

export function serviceDeploymentOut(r: Region, sd: ServiceDeploymentRecord, desired: number): Json {
  const inFlight = !['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED'].includes(sd.status);
  return {
    serviceDeploymentArn: sd.arn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    createdAt: toDate(sd.createdAt),
    startedAt: toDate(sd.startedAt),
    finishedAt: toDate(sd.finishedAt),
    stoppedAt: toDate(sd.stoppedAt),
    updatedAt: toDate(sd.updatedAt),
    sourceServiceRevisions: sd.sourceRevisionArns.map((arn) => revisionSummary(r, arn, 0)),
    targetServiceRevision: revisionSummary(
      r,
      sd.targetRevisionArn,
      inFlight || sd.status === 'SUCCESSFUL' ? desired : 0,
    ),
    status: sd.status,
    statusReason: sd.statusReason,
    deploymentConfiguration: sd.deploymentConfiguration,
    rollback: sd.rollback
      ? {
          reason: sd.rollback.reason,
          startedAt: toDate(sd.rollback.startedAt),
          serviceRevisionArn: sd.rollback.serviceRevisionArn,
        }
      : undefined,
    deploymentCircuitBreaker: {
      status: sd.circuit.status,
      failureCount: sd.circuit.failureCount,
      threshold: sd.circuit.threshold,
    },
  };
}

export function serviceDeploymentBrief(sd: ServiceDeploymentRecord): Json {
  return {
    serviceDeploymentArn: sd.arn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    startedAt: toDate(sd.startedAt),
    createdAt: toDate(sd.createdAt),
    finishedAt: toDate(sd.finishedAt),
    targetServiceRevisionArn: sd.targetRevisionArn,
    status: sd.status,
    statusReason: sd.statusReason,
  };
}
