import { randomBytes } from 'node:crypto';
import { AwsError } from '../core/errors';
import { Input, invalidParameter, type Json, nextTokenPaging } from '../core/request';
import { seedEntries } from '../core/seed-entries';
import type { ActionHandler, Simulator } from '../core/simulator';
import { activeTasks, arnPrefix, regionOf, type ContainerInstanceRecord, type Region } from './model';
import { remaining } from './placement';
import { lastSegment, regionFor, requireCluster } from './resolve';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/identity';

/**
 * EC2 container instances: registered by the seed key `containerInstances` (the simulator runs no agent), read
 * back with ListContainerInstances and DescribeContainerInstances. Their CPU and memory bound what EC2 tasks
 * RunTask and services can place.
 */

function register(sim: Simulator, r: Region, clusterName: string, spec: Json): ContainerInstanceRecord {
  const cluster = r.clusters.get(clusterName);
  if (!cluster) {
    throw new AwsError(
      'ClusterNotFoundException',
      `cluster "${clusterName}" does not exist in account ${r.account}, region ${r.region}`,
    );
  }
  const id = randomBytes(16).toString('hex');
  const instance: ContainerInstanceRecord = {
    arn: `${arnPrefix(r)}:container-instance/${cluster.name}/${id}`,
    id,
    ec2InstanceId: `i-${randomBytes(9).toString('hex').slice(0, 17)}`,
    cpu: spec.cpu as number,
    memory: spec.memory as number,
    availabilityZone: typeof spec.availabilityZone === 'string' ? spec.availabilityZone : `${r.region}a`,
    registeredAt: sim.clock.now(),
  };
  (cluster.containerInstances ??= []).push(instance);
  return instance;
}

/** Seed `containerInstances`: `{cluster, cpu?: 2048, memory?: 3943, count?: 1, availabilityZone?, account?, region?}`. */
export function seedContainerInstances(data: unknown, sim: Simulator): void {
  seedEntries('containerInstances', data, (entry) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new AwsError('ValidationException', 'a container instance must be an object');
    const { account, region, cluster, count = 1, cpu = 2048, memory = 3943, ...rest } = entry as Json;
    for (const [key, value] of Object.entries({ count, cpu, memory })) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
        throw new AwsError('ValidationException', `${key} must be a positive integer`);
    }
    if (typeof cluster !== 'string')
      throw new AwsError('ValidationException', 'a container instance needs a cluster');
    const unknown = Object.keys(rest).filter((k) => k !== 'availabilityZone');
    if (unknown.length > 0) throw new AwsError('ValidationException', `unknown key "${unknown[0]!}"`);
    const r = regionOf(
      sim,
      typeof account === 'string' ? account : DEFAULT_ACCOUNT,
      typeof region === 'string' ? region : DEFAULT_REGION,
    );
    for (let i = 0; i < (count as number); i++) register(sim, r, cluster, { cpu, memory, ...rest });
  });
}

function instanceOut(r: Region, instance: ContainerInstanceRecord): Json {
  const left = remaining(r, instance);
  let running = 0;
  let pending = 0;
  for (const task of activeTasks(r)) {
    if (task.containerInstanceArn !== instance.arn) continue;
    if (task.lastStatus === 'RUNNING') running++;
    else if (task.lastStatus === 'PROVISIONING' || task.lastStatus === 'PENDING') pending++;
  }
  const resource = (name: string, value: number): Json => ({
    name,
    type: 'INTEGER',
    integerValue: value,
    doubleValue: 0,
    longValue: 0,
  });
  return {
    containerInstanceArn: instance.arn,
    ec2InstanceId: instance.ec2InstanceId,
    version: 1,
    status: 'ACTIVE',
    agentConnected: true,
    runningTasksCount: running,
    pendingTasksCount: pending,
    registeredAt: new Date(instance.registeredAt),
    registeredResources: [resource('CPU', instance.cpu), resource('MEMORY', instance.memory)],
    remainingResources: [resource('CPU', left.cpu), resource('MEMORY', left.memory)],
    attributes: [{ name: 'ecs.availability-zone', value: instance.availabilityZone }],
    tags: [],
  };
}

const ListContainerInstances: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const status = input.str('status');
  const arns =
    status !== undefined && status !== 'ACTIVE' ? [] : (cluster.containerInstances ?? []).map((i) => i.arn);
  const { page, nextToken } = input.page(arns, nextTokenPaging('maxResults', 100, 100));
  return { containerInstanceArns: page, nextToken };
};

const DescribeContainerInstances: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const refs = input.strings('containerInstances') ?? [];
  if (refs.length === 0)
    throw new AwsError('InvalidParameterException', 'containerInstances cannot be empty.');
  if (refs.length > 100)
    throw new AwsError('InvalidParameterException', 'containerInstances can have at most 100 items.');
  const containerInstances: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    const found = (cluster.containerInstances ?? []).find((i) => i.arn === ref || i.id === lastSegment(ref));
    if (found) containerInstances.push(instanceOut(r, found));
    else failures.push({ arn: ref, reason: 'MISSING' });
  }
  return { containerInstances, failures };
};

export const containerInstanceActions: Record<string, ActionHandler> = {
  ListContainerInstances,
  DescribeContainerInstances,
};
