import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { pushImage } from '@ecs-delivery/sim';
import { type SimHandle, githubOidcTrust } from '@ecs-delivery/testkit';
import { repositoryRoot } from './root';
import { OWN_REPOSITORY } from './workflow-model';

/**
 * The api-and-workers system of `examples/api-and-workers/` as it stands in AWS before the first delivery: three
 * accounts (dev, staging, prod) in eu-central-1, each with its ECR repository, cluster, log groups, secrets, the
 * deploy role of the example's `iam/` folder (its permission policies enforced by the simulator), and the two
 * services running the previous release, the workers scaled as the queue-depth autoscaler left them. A load
 * balancer host per environment fronts the API, so the smoke checks reach the tasks.
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
  /** How many workers run: the autoscaler's count, which a deploy leaves alone. */
  workers: number;
}

export const STAGES: Stage[] = [
  {
    name: 'dev',
    account: '222222222201',
    githubEnvironment: 'dev',
    host: 'api.dev.mobilytics.com',
    workers: 1,
  },
  {
    name: 'staging',
    account: '222222222202',
    githubEnvironment: 'staging',
    host: 'api.staging.mobilytics.com',
    workers: 2,
  },
  {
    name: 'prod',
    account: '222222222203',
    githubEnvironment: 'production',
    host: 'api.mobilytics.com',
    workers: 5,
  },
];

export const SERVICES = ['app-api', 'bullmq-workers'] as const;

/**
 * Who may assume each environment's deploy role. `environment`: the trust policy of the example's
 * `iam/<env>/trust-policy.json`, as a team would create it: only the GitHub job of that environment running the
 * deploy or rollback workflow of a v1 release (and, in dev, the build workflow on main), as docs/iam.md
 * recommends. `repository`: any job of the repository — for runners such as act, which cannot give each job an
 * OIDC token of its own environment.
 */
export type Trust = 'environment' | 'repository';

/** The example system, in this repository. */
export const EXAMPLE = 'examples/api-and-workers';

/** An environment's files under the example's `iam/`. */
export interface StageIam {
  trustPolicy: unknown;
  /** The permission policies of the deploy role, one per action it runs (every file but the two below). */
  policies: unknown[];
  /** The policy of the environment's repository, letting the next environment's role read it. */
  repositoryPolicy: unknown;
}

/** Reads `iam/<env>/` of the example: what each environment's account needs in IAM and ECR. */
export function stageIam(root: string, stage: Stage): StageIam {
  const dir = join(root, EXAMPLE, 'iam', stage.name);
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
  const own = ['trust-policy.json', 'repository-policy.json'];
  return {
    trustPolicy: read('trust-policy.json'),
    policies: readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !own.includes(f))
      .sort()
      .map(read),
    repositoryPolicy: existsSync(join(dir, own[1]!)) ? read(own[1]!) : undefined,
  };
}

function anyJobOf(account: string): unknown {
  return githubOidcTrust(account, `repo:${REPOSITORY}:*`, {
    job_workflow_ref: `${OWN_REPOSITORY}/.github/workflows/*@*`,
  });
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

/**
 * Seeds the whole system; the services run `previous` (a tag pushed to every account) and start steady. The roles
 * and repository policies are read from the example's `iam/` in `root` (default this checkout).
 */
export async function seedSystem(
  sim: SimHandle,
  options: { trust: Trust; previous: string; root?: string },
): Promise<void> {
  const root = options.root ?? repositoryRoot();
  for (const stage of STAGES) {
    const { account, name } = stage;
    const where = { account, region: REGION };
    const iam = stageIam(root, stage);
    await sim.seed({
      roles: [
        {
          name: 'PlatformDeployRole',
          account,
          trustPolicy: options.trust === 'environment' ? iam.trustPolicy : anyJobOf(account),
          policies: iam.policies,
        },
      ],
      repositories: [
        {
          name: IMAGE_REPOSITORY,
          imageTagMutability: 'IMMUTABLE',
          ...(iam.repositoryPolicy !== undefined ? { policy: iam.repositoryPolicy } : {}),
          ...where,
        },
      ],
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
        desiredCount: service === 'app-api' ? 2 : stage.workers,
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
