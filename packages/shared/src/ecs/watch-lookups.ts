import {
  DescribeServiceDeploymentsCommand,
  DescribeTasksCommand,
  type ECSClient,
  type ServiceDeployment,
  type Task,
} from '@aws-sdk/client-ecs';
import { callAws } from '../errors/aws-operation-error';

/** The reads a watch makes besides DescribeServices, each batched to as few calls as ECS allows. */

const DESCRIBE_SD_MAX = 20;
const DESCRIBE_TASKS_MAX = 100;

/** ServiceDeployments by ARN (20 a call); one ECS does not know is absent. */
export async function describeServiceDeployments(
  ecs: ECSClient,
  arns: string[],
): Promise<Map<string, ServiceDeployment>> {
  const found = new Map<string, ServiceDeployment>();
  for (let i = 0; i < arns.length; i += DESCRIBE_SD_MAX) {
    const chunk = arns.slice(i, i + DESCRIBE_SD_MAX);
    const out = await callAws('ecs:DescribeServiceDeployments', () =>
      ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: chunk })),
    );
    for (const sd of out.serviceDeployments ?? []) {
      if (sd.serviceDeploymentArn !== undefined) found.set(sd.serviceDeploymentArn, sd);
    }
  }
  return found;
}

/** Tasks by cluster and id, one DescribeTasks per cluster and 100 tasks; one ECS does not know is absent. */
export async function describeTasks(
  ecs: ECSClient,
  byCluster: ReadonlyMap<string, readonly string[]>,
): Promise<Task[]> {
  const calls: Promise<Task[]>[] = [];
  for (const [cluster, ids] of byCluster) {
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += DESCRIBE_TASKS_MAX) {
      const chunk = unique.slice(i, i + DESCRIBE_TASKS_MAX);
      calls.push(
        callAws('ecs:DescribeTasks', () =>
          ecs.send(new DescribeTasksCommand({ cluster, tasks: chunk })),
        ).then((out) => out.tasks ?? []),
      );
    }
  }
  return (await Promise.all(calls)).flat();
}
