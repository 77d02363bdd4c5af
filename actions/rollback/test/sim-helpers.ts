import { join } from 'node:path';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import { poll } from '@ecs-delivery/shared';
import {
  CLUSTER,
  describeService,
  runAction,
  seedServices as seedEcsServices,
  uriOf,
  useSim as useEcsSim,
  withEcs,
  type ActionRun,
  type Digests,
  type RunActionOptions,
  type ServiceSeed,
  type SimHandle,
  type StartSimOptions,
} from '@ecs-delivery/testkit';

/**
 * The rollback tests' helpers: the testkit's ECS fixtures (services seeded on images pinned by digest),
 * deployments made with the SDK, and the bundled action with a short timeout.
 */

export {
  ACCOUNT,
  actionsSince,
  CLUSTER,
  container,
  describeService,
  ecsOf,
  getFront,
  githubDeployments,
  hostOf,
  imagesOf,
  MUTATING_ACTIONS as MUTATING,
  mutatingSince,
  REGION,
  revisionsOf,
  seedImage,
  servicesOutput as services,
  uriOf,
  visible,
  withEcs,
  type Digests,
  type GithubDeployment,
  type ServiceSeed,
} from '@ecs-delivery/testkit';

/** A fresh simulator for each test. */
export function useSim(options: StartSimOptions = {}): () => SimHandle {
  return useEcsSim({ ...options, per: 'test' });
}

/** The cluster `shop` with steady services on the first tag, pinned by digest. */
export function seedServices(sim: SimHandle, services: ServiceSeed[]): Promise<Digests> {
  return seedEcsServices(sim, services, { pinned: true });
}

/** Waits until the service runs one deployment that has ended (COMPLETED, or FAILED and left alone). */
export async function waitSettled(sim: SimHandle, name: string): Promise<Service> {
  const settled = await poll({
    timeoutMs: 30_000,
    minDelayMs: 50,
    maxDelayMs: 200,
    check: async () => {
      const svc = await describeService(sim, name);
      const deployments = svc.deployments ?? [];
      const done = deployments.length === 1 && deployments[0]!.rolloutState !== 'IN_PROGRESS';
      return done ? { done: true, value: svc } : { done: false };
    },
  });
  if (settled.outcome !== 'done') throw new Error(`${name} did not settle`);
  return settled.value;
}

/**
 * Deploys a new revision of the service's definition with the image of `tag` (by digest) through the SDK,
 * the way any other tool would; `settle: false` returns as soon as UpdateService answered.
 */
export async function deployWithSdk(
  sim: SimHandle,
  name: string,
  digest: string,
  options: { settle?: boolean } = {},
): Promise<string> {
  const arn = await withEcs(sim, async (ecs) => {
    const svc = (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] })))
      .services![0]!;
    const live = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: svc.taskDefinition })))
      .taskDefinition!;
    const input: RegisterTaskDefinitionCommandInput = {
      family: live.family,
      networkMode: live.networkMode,
      executionRoleArn: live.executionRoleArn,
      requiresCompatibilities: live.requiresCompatibilities,
      cpu: live.cpu,
      memory: live.memory,
      containerDefinitions: (live.containerDefinitions ?? []).map((c) => ({
        ...c,
        image: `${uriOf(sim, `shop/${name}`)}@${digest}`,
      })),
    };
    const registered = await ecs.send(new RegisterTaskDefinitionCommand(input));
    const td = registered.taskDefinition!.taskDefinitionArn!;
    await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: name, taskDefinition: td }));
    return td;
  });
  if (options.settle !== false) await waitSettled(sim, name);
  return arn;
}

/** The test fixtures: the workspace rollback runs in unless told otherwise, so its files name them relatively. */
export const FIXTURES = join(__dirname, 'fixtures');

/** Runs the bundled rollback action with a short timeout unless the inputs say otherwise. */
export function rollback(
  sim: SimHandle,
  inputs: Record<string, string>,
  options: Omit<RunActionOptions, 'sim' | 'inputs'> = {},
): Promise<ActionRun> {
  return runAction('rollback', { sim, cwd: FIXTURES, ...options, inputs: { timeout: '30s', ...inputs } });
}
