import {
  DescribeServiceDeploymentsCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  type ServiceDeployment,
  type Task,
} from '@aws-sdk/client-ecs';
import { CLUSTER, withEcs, type SimHandle } from '@ecs-delivery/testkit';

/**
 * What ECS (the simulator) says happened, with its own timestamps: read through the ECS API after a run, so the
 * figures rest on what any client would see. Timestamps come back with millisecond precision.
 */

/** The service's ServiceDeployments, newest first. */
export async function serviceDeployments(
  sim: SimHandle,
  service: string,
  cluster = CLUSTER,
): Promise<ServiceDeployment[]> {
  return withEcs(sim, async (ecs) => {
    const listed = await ecs.send(new ListServiceDeploymentsCommand({ cluster, service, maxResults: 20 }));
    const arns = (listed.serviceDeployments ?? []).map((sd) => sd.serviceDeploymentArn!);
    if (arns.length === 0) return [];
    const described = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: arns }));
    return (described.serviceDeployments ?? []).sort(
      (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
    );
  });
}

/** The newest ServiceDeployment of a service: the one a run just started. */
export async function latestServiceDeployment(
  sim: SimHandle,
  service: string,
  cluster = CLUSTER,
): Promise<ServiceDeployment> {
  const [latest] = await serviceDeployments(sim, service, cluster);
  if (latest === undefined) throw new Error(`service ${service} has no service deployment`);
  return latest;
}

/** Every task, running or stopped (ECS keeps stopped ones an hour), started by `startedBy`. */
export async function tasksStartedBy(sim: SimHandle, startedBy: string, cluster = CLUSTER): Promise<Task[]> {
  return listTasks(sim, { startedBy }, cluster);
}

/** Every task, running or stopped, of a service. */
export async function tasksOfService(sim: SimHandle, service: string, cluster = CLUSTER): Promise<Task[]> {
  return listTasks(sim, { serviceName: service }, cluster);
}

async function listTasks(
  sim: SimHandle,
  filter: { startedBy?: string; serviceName?: string },
  cluster: string,
): Promise<Task[]> {
  return withEcs(sim, async (ecs) => {
    const arns: string[] = [];
    for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
      const out = await ecs.send(new ListTasksCommand({ cluster, ...filter, desiredStatus }));
      arns.push(...(out.taskArns ?? []));
    }
    const tasks: Task[] = [];
    for (let i = 0; i < arns.length; i += 100) {
      const out = await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) }));
      tasks.push(...(out.tasks ?? []));
    }
    return tasks;
  });
}
