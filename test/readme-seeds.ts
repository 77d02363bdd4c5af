import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { poll } from '@ecs-delivery/shared';
import { type SimHandle, githubOidcTrust } from '@ecs-delivery/testkit';
import { GITHUB } from './readme-examples';

/** What the README examples name, seeded on the simulator: roles, repositories, images and running services. */

export interface Where {
  account: string;
  region: string;
}

/** A role that any workflow of the examples' repository may assume through GitHub OIDC. */
export function oidcRole(arn: string): Record<string, unknown> {
  const [, , , , account, resource] = arn.split(':');
  return {
    name: resource!.slice('role/'.length),
    account,
    trustPolicy: githubOidcTrust(account!, `repo:${GITHUB.repository}:*`),
  };
}

/** The simulator's repositoryUri of a repository. */
export function uriIn(sim: SimHandle, where: Where, repository: string): string {
  return `${new URL(sim.url).host}/${where.account}/${where.region}/${repository}`;
}

/** Stores a synthetic image under `tags` (the repository must exist); returns its digest. */
export async function seedImageIn(
  sim: SimHandle,
  where: Where,
  repository: string,
  tags: string[],
  label: string,
): Promise<string> {
  const res = await fetch(`${sim.url}/_sim/seed`, {
    method: 'POST',
    body: JSON.stringify({ images: [{ repository, tags, label, ...where }] }),
  });
  const answer = (await res.json()) as { images?: { digest: string }[] };
  if (answer.images === undefined)
    throw new Error(`seeding an image of ${repository}: ${JSON.stringify(answer)}`);
  return answer.images[0]!.digest;
}

function client<C>(Ctor: new (config: object) => C, sim: SimHandle, where: Where): C {
  return new Ctor({
    endpoint: sim.url,
    region: where.region,
    credentials: { accessKeyId: where.account, secretAccessKey: 'readme' },
    maxAttempts: 1,
  });
}

/** A Fargate task definition of one container logging to `/shop/<stage>/<family>`. */
export function taskDefinition(
  family: string,
  image: string,
  where: Where,
  stage: string,
): Record<string, unknown> {
  return {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: `arn:aws:iam::${where.account}:role/ecsTaskExecutionRole`,
    containerDefinitions: [
      {
        name: family,
        image,
        essential: true,
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': `/shop/${stage}/${family}`,
            'awslogs-region': where.region,
            'awslogs-stream-prefix': family,
          },
        },
      },
    ],
  };
}

/**
 * A cluster whose services (container named after the service) run `image`, steady, with their log groups
 * `/shop/<stage>/<service>` and the circuit breaker on.
 */
export async function seedCluster(
  sim: SimHandle,
  where: Where,
  cluster: string,
  stage: string,
  services: Record<string, string>,
): Promise<void> {
  const names = Object.keys(services);
  await sim.seed({
    clusters: [{ name: cluster, ...where }],
    logGroups: names.map((s) => ({ name: `/shop/${stage}/${s}`, ...where })),
    taskDefinitions: names.map((s) => ({ ...taskDefinition(s, services[s]!, where, stage), ...where })),
    services: names.map((s) => ({
      cluster,
      serviceName: s,
      taskDefinition: s,
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] },
      },
      deploymentConfiguration: {
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      },
      ...where,
    })),
  });
}

/** A service as DescribeServices shows it. */
export async function serviceIn(
  sim: SimHandle,
  where: Where,
  cluster: string,
  service: string,
): Promise<Service> {
  const ecs = client(ECSClient, sim, where);
  try {
    return (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }))).services![0]!;
  } finally {
    ecs.destroy();
  }
}

/** The images of a task definition's containers. */
export async function imagesIn(sim: SimHandle, where: Where, taskDefinitionArn: string): Promise<string[]> {
  const ecs = client(ECSClient, sim, where);
  try {
    const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinitionArn }));
    return (out.taskDefinition?.containerDefinitions ?? []).map((c) => c.image ?? '');
  } finally {
    ecs.destroy();
  }
}

/** Deploys a new revision of a service on `image` with the SDK and waits for it to complete: history to go back on. */
export async function deployRevision(
  sim: SimHandle,
  where: Where,
  cluster: string,
  stage: string,
  service: string,
  image: string,
): Promise<string> {
  const ecs = client(ECSClient, sim, where);
  try {
    const registered = await ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition(service, image, where, stage) as never),
    );
    const arn = registered.taskDefinition!.taskDefinitionArn!;
    await ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition: arn }));
    const settled = await poll({
      timeoutMs: 60_000,
      minDelayMs: 100,
      maxDelayMs: 300,
      check: async () => {
        const svc = (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] })))
          .services![0]!;
        const d = svc.deployments ?? [];
        return d.length === 1 && d[0]!.rolloutState === 'COMPLETED'
          ? { done: true, value: arn }
          : { done: false };
      },
    });
    if (settled.outcome !== 'done') throw new Error(`${service} did not complete its deployment`);
    return arn;
  } finally {
    ecs.destroy();
  }
}

/** The tags of an image in a repository, by digest. */
export async function tagsOf(
  sim: SimHandle,
  where: Where,
  repository: string,
  digest: string,
): Promise<string[]> {
  const ecr = client(ECRClient, sim, where);
  try {
    const out = await ecr.send(
      new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageDigest: digest }] }),
    );
    return out.imageDetails?.[0]?.imageTags ?? [];
  } finally {
    ecr.destroy();
  }
}

export { githubDeployments } from '@ecs-delivery/testkit';
