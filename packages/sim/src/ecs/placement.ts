import type { Simulator } from '../core/simulator';
import type { Json } from '../core/request';
import {
  activeTasks,
  type ClusterRecord,
  type ContainerInstanceRecord,
  type Region,
  type TaskDefinitionRecord,
} from './model';
import { findTaskDefinition } from './resolve';

/**
 * Where a task can run. Fargate always has room unless a scenario `capacity` rule took it away. EC2 tasks need a
 * registered container instance with the CPU units and memory the task reserves; a cluster has none unless the
 * seed registered some, as on ECS. Ports, ENIs, GPUs, attributes and placement constraints are not modelled.
 */

/** RunTask's failure reason and the service event's wording when Fargate has no capacity. */
export const FARGATE_CAPACITY =
  'Capacity is unavailable at this time. Please try again later or in a different availability zone';
export const NO_CONTAINER_INSTANCES = 'No Container Instances were found in your cluster.';

export type Placement =
  | { ok: true; containerInstanceArn?: string }
  /** `failures`: RunTask's `failures[]` entries; `event`: the service event that says the same. */
  | { ok: false; failures: Json[]; event: string; noInstances?: boolean };

/** The CPU units and MiB a task reserves on an instance: the task's own sizes, else its containers' sum. */
export function reservation(td: TaskDefinitionRecord): { cpu: number; memory: number } {
  const containers = (td.body.containerDefinitions as Json[] | undefined) ?? [];
  const sum = (pick: (c: Json) => unknown): number =>
    containers.reduce((n, c) => n + (Number(pick(c)) || 0), 0);
  const cpu = td.body.cpu !== undefined ? Number(td.body.cpu) : sum((c) => c.cpu);
  const memory =
    td.body.memory !== undefined ? Number(td.body.memory) : sum((c) => c.memory ?? c.memoryReservation);
  return { cpu: cpu || 0, memory: memory || 0 };
}

/** What an instance has left: its registered resources less what its tasks that have not stopped reserve. */
export function remaining(r: Region, instance: ContainerInstanceRecord): { cpu: number; memory: number } {
  let cpu = instance.cpu;
  let memory = instance.memory;
  for (const task of activeTasks(r)) {
    if (task.containerInstanceArn !== instance.arn) continue;
    const td = findTaskDefinition(r, task.taskDefinitionArn);
    if (!td) continue;
    const need = reservation(td);
    cpu -= need.cpu;
    memory -= need.memory;
  }
  return { cpu, memory };
}

export function placeTask(
  sim: Simulator,
  r: Region,
  cluster: ClusterRecord,
  td: TaskDefinitionRecord,
  launch: { launchType: string; capacityProviderName?: string },
  serviceName?: string,
): Placement {
  const service = serviceName !== undefined ? `(service ${serviceName})` : '';
  if (launch.launchType === 'FARGATE') {
    const provider = launch.capacityProviderName ?? 'FARGATE';
    if (!sim.scenario.capacityUnavailable(provider, cluster.name)) return { ok: true };
    return {
      ok: false,
      failures: [{ reason: FARGATE_CAPACITY }],
      event: `${service} was unable to place a task. Reason: ${FARGATE_CAPACITY}.`,
    };
  }
  const instances = cluster.containerInstances ?? [];
  if (instances.length === 0) {
    return {
      ok: false,
      noInstances: true,
      failures: [],
      event: `${service} was unable to place a task because no container instance met all of its requirements. Reason: ${NO_CONTAINER_INSTANCES} For more information, see the Troubleshooting section.`,
    };
  }
  const need = reservation(td);
  const failures: Json[] = [];
  let closest: { instance: ContainerInstanceRecord; short: string } | undefined;
  for (const instance of instances) {
    const left = remaining(r, instance);
    if (left.cpu >= need.cpu && left.memory >= need.memory)
      return { ok: true, containerInstanceArn: instance.arn };
    const short = left.cpu < need.cpu ? 'CPU' : 'MEMORY';
    failures.push({ arn: instance.arn, reason: `RESOURCE:${short}` });
    closest ??= { instance, short };
  }
  const what = closest!.short === 'CPU' ? 'CPU units' : 'memory';
  return {
    ok: false,
    failures,
    event: `${service} was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${closest!.instance.id}) has insufficient ${what} available. For more information, see the Troubleshooting section.`,
  };
}
