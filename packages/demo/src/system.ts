import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { pushImage } from '@ecs-delivery/sim';
import type { SimHandle } from '@ecs-delivery/testkit';
import { OWN_REPOSITORY } from './workflow-model';

/**
 * The api-and-workers system of `examples/api-and-workers/` as it stands in AWS before the first delivery: three
 * accounts (dev, staging, prod) in eu-central-1, each with its ECR repository, cluster, log groups, secrets, the
 * deploy role, and the two services running the previous release. A load balancer host per environment fronts
 * the API, so the smoke checks reach the tasks.
 */
export const REPOSITORY = 'mobilytics/platform';
export const REGION = 'eu-central-1';
export const IMAGE_REPOSITORY = 'mobilytics/app-api';

export interface Stage {
  /** The manifest environment. */
  name: string;
  account: string;
  /** The GitHub environment of its deploy job. */
  githubEnvironment: string;
  /** The API's host name behind the environment's load balancer. */
  host: string;
}

export const STAGES: Stage[] = [
  { name: 'dev', account: '222222222201', githubEnvironment: 'dev', host: 'api.dev.mobilytics.com' },
  {
    name: 'staging',
    account: '222222222202',
    githubEnvironment: 'staging',
    host: 'api.staging.mobilytics.com',
  },
  { name: 'prod', account: '222222222203', githubEnvironment: 'production', host: 'api.mobilytics.com' },
];

export const SERVICES = ['app-api', 'bullmq-workers'] as const;

/**
 * Who may assume each environment's deploy role. `environment`: only the GitHub job of that environment running
 * this repository's deploy or rollback workflow (and, in dev, the build workflow on main), as docs/iam.md
 * recommends. `repository`: any job of the repository — for runners such as act, which cannot give each job an
 * OIDC token of its own environment.
 */
export type Trust = 'environment' | 'repository';

function trustPolicy(account: string, stage: Stage, trust: Trust): unknown {
  const issuer = 'token.actions.githubusercontent.com';
  const federated = `arn:aws:iam::${account}:oidc-provider/${issuer}`;
  const statement = (sub: string, workflows: string[]): unknown => ({
    Effect: 'Allow',
    Principal: { Federated: federated },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' },
      StringLike: {
        [`${issuer}:sub`]: sub,
        [`${issuer}:job_workflow_ref`]: workflows.map((w) => `${OWN_REPOSITORY}/.github/workflows/${w}@*`),
      },
    },
  });
  if (trust === 'repository') {
    return { Version: '2012-10-17', Statement: [statement(`repo:${REPOSITORY}:*`, ['*'])] };
  }
  const statements = [
    statement(`repo:${REPOSITORY}:environment:${stage.githubEnvironment}`, ['deploy.yml', 'rollback.yml']),
  ];
  if (stage.name === 'dev')
    statements.push(statement(`repo:${REPOSITORY}:ref:refs/heads/main`, ['build.yml']));
  return { Version: '2012-10-17', Statement: statements };
}

/** The registry host of the simulator: repositoryUri is `<host>/<account>/<region>/<repository>`. */
export function imageUri(sim: SimHandle, account: string): string {
  return `${new URL(sim.url).host}/${account}/${REGION}/${IMAGE_REPOSITORY}`;
}

function taskDefinition(
  family: string,
  container: string,
  image: string,
  account: string,
  env: string,
): unknown {
  return {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: `arn:aws:iam::${account}:role/ecsTaskExecutionRole`,
    containerDefinitions: [
      {
        name: container,
        image,
        essential: true,
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': `/ecs/mobilytics-${env}/${family}`,
            'awslogs-region': REGION,
            'awslogs-stream-prefix': family,
          },
        },
      },
    ],
  };
}

/** Pushes a small image through the registry API into an account's repository; returns its digest. */
export async function pushRelease(
  sim: SimHandle,
  account: string,
  tags: string[],
  content: string,
): Promise<string> {
  const ecr = new ECRClient({
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: account, secretAccessKey: 'demo' },
  });
  try {
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    const [username, password] = Buffer.from(data.authorizationToken!, 'base64').toString('utf8').split(':');
    const pushed = await pushImage({
      registryUrl: data.proxyEndpoint!,
      repository: `${account}/${REGION}/${IMAGE_REPOSITORY}`,
      tags,
      auth: { username: username!, password: password! },
      files: { 'release.txt': content },
    });
    return pushed.digest;
  } finally {
    ecr.destroy();
  }
}

/** Seeds the whole system; the services run `previous` (a tag pushed to every account) and start steady. */
export async function seedSystem(sim: SimHandle, options: { trust: Trust; previous: string }): Promise<void> {
  for (const stage of STAGES) {
    const { account, name } = stage;
    const where = { account, region: REGION };
    await sim.seed({
      roles: [
        { name: 'PlatformDeployRole', account, trustPolicy: trustPolicy(account, stage, options.trust) },
      ],
      repositories: [{ name: IMAGE_REPOSITORY, imageTagMutability: 'IMMUTABLE', ...where }],
      logGroups: SERVICES.map((s) => ({ name: `/ecs/mobilytics-${name}/${s}`, ...where })),
      secrets: ['database-url', 'redis-url'].map((s) => ({
        name: `/mobilytics/${name}/app-api/${s}`,
        value: `${s === 'redis-url' ? 'rediss' : 'postgres'}://app:${name}-password@${s}.${name}.internal`,
        ...where,
      })),
      clusters: [{ name: `mobilytics-${name}`, ...where }],
    });
    await pushRelease(sim, account, [options.previous], `app-api ${options.previous}\n`);
    const image = `${imageUri(sim, account)}:${options.previous}`;
    await sim.seed({
      taskDefinitions: [
        { ...(taskDefinition('app-api', 'api', image, account, name) as object), ...where },
        { ...(taskDefinition('bullmq-workers', 'worker', image, account, name) as object), ...where },
      ],
      services: SERVICES.map((service) => ({
        cluster: `mobilytics-${name}`,
        serviceName: service,
        taskDefinition: service,
        desiredCount: service === 'app-api' ? 2 : 1,
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
      fronts: [{ host: stage.host, cluster: `mobilytics-${name}`, service: 'app-api', ...where }],
    });
  }
  await sim.scenario([MIGRATION_RULE]);
}

/** The manifest's migrations: a one-off task that applies the schema and exits 0, whatever the image does. */
export const MIGRATION_RULE = {
  command: 'npx prisma migrate deploy',
  task: {
    exitCode: 0,
    afterSeconds: 20,
    logs: ['1 migration found in prisma/migrations', 'All migrations have been successfully applied.'],
  },
};
