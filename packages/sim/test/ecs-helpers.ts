import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient, RegisterTaskDefinitionCommand, type ContainerDefinition } from '@aws-sdk/client-ecs';
import { startSimulator, type RunningSimulator } from '../src/index';

/** Shared setup for the ECS and Logs tests: a simulator on a free port and real SDK clients pointed at it. */

export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
export const subnets = {
  awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'], assignPublicIp: 'DISABLED' as const },
};

export interface Harness {
  sim: RunningSimulator;
  ecs: ECSClient;
  logs: CloudWatchLogsClient;
}

export async function startHarness(timeScale: number, seed?: unknown, randomSeed?: number): Promise<Harness> {
  const sim = await startSimulator({
    timeScale,
    ...(seed !== undefined ? { seed } : {}),
    ...(randomSeed !== undefined ? { randomSeed } : {}),
  });
  const config = { endpoint: sim.url, region: 'us-east-1', credentials, maxAttempts: 10 };
  return { sim, ecs: new ECSClient(config), logs: new CloudWatchLogsClient(config) };
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  if (!h) return;
  h.ecs.destroy();
  h.logs.destroy();
  await h.sim.close();
}

/** Polls with short real sleeps until `check` returns a value (not undefined/false), or fails after `ms`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  ms = 4000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

export function container(
  name: string,
  image: string,
  extra: Partial<ContainerDefinition> = {},
): ContainerDefinition {
  return { name, image, essential: true, ...extra };
}

/** Registers a Fargate task definition with one container and returns its ARN. */
export async function register(
  ecs: ECSClient,
  family: string,
  image: string,
  extra: Partial<ContainerDefinition> = {},
): Promise<string> {
  const out = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: 'arn:aws:iam::000000000000:role/exec',
      containerDefinitions: [container('app', image, extra)],
    }),
  );
  return out.taskDefinition!.taskDefinitionArn!;
}
