import { randomBytes, randomUUID } from 'node:crypto';
import type { TaskBehaviour } from '../core/scenario';
import type { Simulator } from '../core/simulator';
import type { Json } from '../core/request';

export type Tag = { key: string; value: string };

export interface TaskDefinitionRecord {
  arn: string;
  family: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE';
  /** The task definition as DescribeTaskDefinition returns it (without the dates, added on the way out). */
  body: Json;
  registeredAt: number;
  deregisteredAt?: number;
  tags: Tag[];
}

export interface HealthCheckSpec {
  intervalMs: number;
  retries: number;
  startPeriodMs: number;
}

export interface ContainerRecord {
  name: string;
  image: string;
  imageDigest?: string;
  essential: boolean;
  lastStatus: string;
  exitCode?: number;
  reason?: string;
  healthStatus?: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  behaviour: TaskBehaviour;
  healthCheck?: HealthCheckSpec;
  /** Times on the simulator clock, computed when the task starts running. */
  exitAt?: number;
  healthyAt?: number;
  unhealthyAt?: number;
  /** awslogs destination, if the container logs there. */
  logs?: { group: string; region: string; stream: string; createGroup: boolean };
  cpu?: string;
  memory?: string;
}

export interface TaskRecord {
  id: string;
  arn: string;
  clusterName: string;
  clusterArn: string;
  taskDefinitionArn: string;
  family: string;
  group: string;
  startedBy?: string;
  /** Service tasks: the service name and the deployment id (`ecs-svc/…`) that launched them. */
  serviceName?: string;
  deploymentId?: string;
  serviceRevisionArn?: string;
  launchType: string;
  capacityProviderName?: string;
  platformVersion?: string;
  cpu?: string;
  memory?: string;
  overrides: Json;
  tags: Tag[];
  lastStatus: string;
  desiredStatus: 'RUNNING' | 'STOPPED';
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  containers: ContainerRecord[];
  createdAt: number;
  pendingAt: number;
  runAt: number;
  /** Why the task cannot start (pull failure, logger, scenario), decided when it reaches the end of PENDING. */
  failToStart?: string;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  connectivityAt?: number;
  startedAt?: number;
  /** When the task counted as healthy for its deployment, and when that healthy state became stable. */
  healthySince?: number;
  stable: boolean;
  /** An UNHEALTHY service task inside the health check grace period: when to tell the scheduler again. */
  recheckAt?: number;
  stoppingAt?: number;
  executionStoppedAt?: number;
  stoppedAt?: number;
  stopCode?: string;
  stoppedReason?: string;
  version: number;
  availabilityZone: string;
  networkConfiguration?: Json;
  /** EC2 tasks: the container instance whose CPU and memory the task holds until it stops. */
  containerInstanceArn?: string;
  /** Service tasks: the scheduler's launch round that started the task (its throttle counts rounds). */
  launchRound?: number;
}

/** An EC2 instance registered to a cluster: what tasks may reserve on it. */
export interface ContainerInstanceRecord {
  arn: string;
  id: string;
  ec2InstanceId: string;
  cpu: number;
  memory: number;
  availabilityZone: string;
  registeredAt: number;
}

/**
 * The service scheduler's pacing. Launch rounds whose tasks never reached RUNNING are counted, and each such
 * round pushes the next launch further out (ECS's service throttle logic); a task that could not be placed
 * also waits for the scheduler's next attempt.
 */
export interface SchedulerPacing {
  rounds: number;
  failedRounds: number;
  lastFailedRound: number;
  /** The scheduler launches nothing for this service before this time. */
  notBefore?: number;
  /** The throttle's service event was sent for the current streak. */
  announced: boolean;
  /** The placement problem last reported as a service event (ECS repeats one only after it was resolved). */
  placementProblem?: string;
}

export interface CircuitBreakerState {
  enabled: boolean;
  rollback: boolean;
  resetOnHealthyTask: boolean;
  threshold: number;
  failureCount: number;
  status: 'MONITORING' | 'TRIGGERED' | 'MONITORING_COMPLETE' | 'DISABLED';
}

export interface DeploymentRecord {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinition: string;
  desiredCount: number;
  failedTasks: number;
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
  createdAt: number;
  updatedAt: number;
  launchType?: string;
  capacityProviderStrategy?: Json[];
  platformVersion?: string;
  networkConfiguration?: Json;
  serviceDeploymentArn: string;
  serviceRevisionArn: string;
  circuit: CircuitBreakerState;
  /** Set on the deployment ECS started to roll another one back. */
  rollbackOf?: string;
}

export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

export interface ServiceRecord {
  name: string;
  arn: string;
  clusterName: string;
  clusterArn: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  taskDefinition: string;
  /** Everything CreateService/UpdateService accepted that DescribeServices echoes back unchanged. */
  settings: Json;
  deploymentConfiguration: Json;
  deployments: DeploymentRecord[];
  events: ServiceEventRecord[];
  createdAt: number;
  createdBy?: string;
  tags: Tag[];
  /** The last deployment that reached COMPLETED: where a rollback goes. */
  lastCompleted?: { deploymentId: string; taskDefinition: string; serviceRevisionArn: string };
  /** The scheduler must look at this service at the next step. */
  dirty: boolean;
  steady: boolean;
  pacing?: SchedulerPacing;
}

export interface ServiceDeploymentRecord {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  serviceName: string;
  clusterName: string;
  deploymentId: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  stoppedAt?: number;
  updatedAt: number;
  sourceRevisionArns: string[];
  targetRevisionArn: string;
  status: string;
  statusReason?: string;
  deploymentConfiguration: Json;
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string };
  /** The deployment ECS started for the rollback. */
  rollbackDeploymentId?: string;
  /** Shared with the target deployment, so both report the same counts. */
  circuit: CircuitBreakerState;
}

export interface ServiceRevisionRecord {
  arn: string;
  serviceArn: string;
  clusterArn: string;
  taskDefinition: string;
  launchType?: string;
  capacityProviderStrategy?: Json[];
  platformVersion?: string;
  networkConfiguration?: Json;
  createdAt: number;
}

export interface ClusterRecord {
  name: string;
  arn: string;
  status: 'ACTIVE' | 'INACTIVE';
  tags: Tag[];
  settings: Json[];
  capacityProviders: string[];
  defaultCapacityProviderStrategy: Json[];
  configuration?: Json;
  services: Map<string, ServiceRecord>;
  tasks: Map<string, TaskRecord>;
  /** Registered EC2 container instances (seed key `containerInstances`); none unless seeded. */
  containerInstances?: ContainerInstanceRecord[];
}

/** A RunTask clientToken: the request it was first used with (without the token) and the tasks it started. */
export interface RunTaskToken {
  request: string;
  taskIds: string[];
  failures: Json[];
  createdAt: number;
}

/** ECS state of one account in one region. */
export interface Region {
  account: string;
  region: string;
  clusters: Map<string, ClusterRecord>;
  families: Map<string, TaskDefinitionRecord[]>;
  serviceDeployments: Map<string, ServiceDeploymentRecord>;
  serviceRevisions: Map<string, ServiceRevisionRecord>;
  /** `cluster/clientToken` of a RunTask → what it asked for and the tasks it started. */
  clientTokens: Map<string, RunTaskToken>;
  /** The simulator time the behaviour model has reached. */
  modelTime: number;
}

interface EcsState {
  regions: Map<string, Region>;
}

export function ecsState(sim: Simulator): EcsState {
  return sim.store<EcsState>('ecs', () => ({ regions: new Map() }));
}

export function regionOf(sim: Simulator, account: string, region: string): Region {
  const state = ecsState(sim);
  const key = `${account}/${region}`;
  let r = state.regions.get(key);
  if (!r) {
    r = {
      account,
      region,
      clusters: new Map(),
      families: new Map(),
      serviceDeployments: new Map(),
      serviceRevisions: new Map(),
      clientTokens: new Map(),
      modelTime: sim.clock.now(),
    };
    state.regions.set(key, r);
  }
  return r;
}

/**
 * The tasks not yet STOPPED, per region: the only ones the clock has to step. Kept outside the store so the
 * `/_sim/state` snapshot does not list every task twice; reset() replaces the regions and so drops these too.
 */
const activeByRegion = new WeakMap<Region, Set<TaskRecord>>();

export function activeTasks(r: Region): Set<TaskRecord> {
  let set = activeByRegion.get(r);
  if (!set) {
    set = new Set();
    for (const cluster of r.clusters.values()) {
      for (const task of cluster.tasks.values()) if (task.lastStatus !== 'STOPPED') set.add(task);
    }
    activeByRegion.set(r, set);
  }
  return set;
}

export const arnPrefix = (r: Region): string => `arn:aws:ecs:${r.region}:${r.account}`;

export const newTaskId = (): string => randomBytes(16).toString('hex');

/** `ecs-svc/` and 19 digits, like the deployment ids ECS hands out. */
export function newDeploymentId(): string {
  let digits = String(1 + Math.floor(Math.random() * 9));
  while (digits.length < 19) digits += String(Math.floor(Math.random() * 10));
  return `ecs-svc/${digits}`;
}

/** The opaque ids of service deployments and revisions: 22 URL-safe characters. */
export const newShortId = (): string => randomBytes(16).toString('base64url').slice(0, 22);

export const newEventId = (): string => randomUUID();

export function tagsIn(list: Json[] | undefined, fail: (m: string) => never): Tag[] {
  if (!list) return [];
  if (list.length > 50) fail('Too many tags: a resource can have at most 50 tags.');
  return list.map((t) => {
    if (typeof t.key !== 'string' || t.key.length < 1 || t.key.length > 128)
      fail('Tag keys must be 1-128 characters.');
    const value = t.value ?? '';
    if (typeof value !== 'string' || value.length > 256) fail('Tag values must be at most 256 characters.');
    return { key: t.key, value };
  });
}

export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const map = new Map(existing.map((t) => [t.key, t.value]));
  for (const t of added) map.set(t.key, t.value);
  return [...map].map(([key, value]) => ({ key, value }));
}

export const toDate = (ms: number | undefined): Date | undefined =>
  ms === undefined ? undefined : new Date(ms);
