import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  waitUntilServicesStable,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import type { CallRecord } from '@ecs-delivery/sim';
import { CLUSTER, ecsOf, uriOf, type SimHandle } from '@ecs-delivery/testkit';
import { latestServiceDeployment } from './ecs-timeline';
import { callsBetween, clockOffset, realTimeOf } from './sim';

/**
 * The baseline: what the official aws-actions/amazon-ecs-deploy-task-definition action does to deploy and wait.
 * It registers the task definition (from the workflow's file), checks the service with DescribeServices, updates
 * it, then calls the SDK's `waitUntilServicesStable`, which asks DescribeServices until the service has one
 * deployment running its desired count; here every 15 s exactly (minDelay = maxDelay = 15).
 */

export const FIXED_POLL_SECONDS = 15;

export interface FixedPollRun {
  /** Real epoch ms of the start (before RegisterTaskDefinition) and of the waiter's return. */
  startedAt: number;
  exitedAt: number;
  /** Every call from RegisterTaskDefinition to the waiter's return. */
  calls: CallRecord[];
  /** The calls from UpdateService on. */
  rolloutCalls: CallRecord[];
  rolloutMs: number;
  /** ServiceDeployment finishedAt → the waiter's return (ms). */
  verdictLagMs: number;
}

/** Deploys `tag` of `shop/<service>` to `service` as the official action does and waits like it. */
export async function deployWithFixedPoll(
  sim: SimHandle,
  service: string,
  tag: string,
  options: { maxWaitSeconds?: number; delaySeconds?: number } = {},
): Promise<FixedPollRun> {
  const ecs = ecsOf(sim);
  try {
    const offset = await clockOffset(sim);
    // The workflow's task definition file (fetched before the action runs, so not counted), on the new image.
    const current = (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [service] })))
      .services![0]!;
    const td = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: current.taskDefinition })))
      .taskDefinition!;
    const image = `${uriOf(sim, `shop/${service}`)}:${tag}`;
    const input: RegisterTaskDefinitionCommandInput = {
      family: td.family!,
      containerDefinitions: td.containerDefinitions!.map((c, i) => (i === 0 ? { ...c, image } : c)),
      ...(td.networkMode !== undefined ? { networkMode: td.networkMode } : {}),
      ...(td.executionRoleArn !== undefined ? { executionRoleArn: td.executionRoleArn } : {}),
      ...(td.requiresCompatibilities !== undefined
        ? { requiresCompatibilities: td.requiresCompatibilities }
        : {}),
      ...(td.cpu !== undefined ? { cpu: td.cpu } : {}),
      ...(td.memory !== undefined ? { memory: td.memory } : {}),
    };

    const startedAt = Date.now();
    const registered = await ecs.send(new RegisterTaskDefinitionCommand(input));
    await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [service] }));
    await ecs.send(
      new UpdateServiceCommand({
        cluster: CLUSTER,
        service,
        taskDefinition: registered.taskDefinition!.taskDefinitionArn!,
      }),
    );
    const delay = options.delaySeconds ?? FIXED_POLL_SECONDS;
    await waitUntilServicesStable(
      { client: ecs, minDelay: delay, maxDelay: delay, maxWaitTime: options.maxWaitSeconds ?? 1800 },
      { cluster: CLUSTER, services: [service] },
    );
    const exitedAt = Date.now();
    const calls = await callsBetween(sim, startedAt, exitedAt);
    const update = calls.find((c) => c.action === 'UpdateService');
    const sd = await latestServiceDeployment(sim, service);
    if (sd.createdAt === undefined || sd.finishedAt === undefined)
      throw new Error(`the fixed poll returned before ECS finished ${sd.serviceDeploymentArn ?? '?'}`);
    return {
      startedAt,
      exitedAt,
      calls,
      rolloutCalls: calls.filter((c) => c.realTime >= (update?.realTime ?? startedAt)),
      rolloutMs: sd.finishedAt.getTime() - sd.createdAt.getTime(),
      verdictLagMs: exitedAt - realTimeOf(sd.finishedAt, offset),
    };
  } finally {
    ecs.destroy();
  }
}
