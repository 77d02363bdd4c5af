import { request } from 'node:http';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { pushImage } from '@ecs-delivery/sim';
import type { ActionRun } from './run-action';
import { startSim, type SimHandle, type StartSimOptions } from './sim';

/**
 * Seeding and reading the simulator for the actions' end-to-end tests: AWS SDK clients of the simulator,
 * images pushed over the registry API, a cluster of steady Fargate services, and what a run shows.
 */

/** The account the static `test` keys belong to, and the region the tests use. */
export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
/** The cluster {@link seedServices} creates. */
export const CLUSTER = 'shop';

/** Client settings for the simulator: a 12-digit access key id is that account's static key. */
export function simClientConfig(
  sim: SimHandle,
  account = ACCOUNT,
): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
} {
  return {
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: account === ACCOUNT ? 'test' : account, secretAccessKey: 'test' },
    maxAttempts: 1,
  };
}

export const ecsOf = (sim: SimHandle, account = ACCOUNT): ECSClient =>
  new ECSClient(simClientConfig(sim, account));
export const ecrOf = (sim: SimHandle, account = ACCOUNT): ECRClient =>
  new ECRClient(simClientConfig(sim, account));
export const logsOf = (sim: SimHandle, account = ACCOUNT): CloudWatchLogsClient =>
  new CloudWatchLogsClient(simClientConfig(sim, account));

/** Runs `use` with an ECS client of the simulator, destroyed afterwards. */
export async function withEcs<T>(sim: SimHandle, use: (ecs: ECSClient) => Promise<T>): Promise<T> {
  const ecs = ecsOf(sim);
  try {
    return await use(ecs);
  } finally {
    ecs.destroy();
  }
}

/**
 * A simulator for a test file: `file` (default) starts one for the file and resets it (clock back at its time
 * scale) before each test; `test` starts a fresh one for each test. Returns a getter.
 */
export function useSim(options: StartSimOptions & { per?: 'file' | 'test' } = {}): () => SimHandle {
  const { per = 'file', ...start } = options;
  const timeScale = start.timeScale ?? 60;
  let sim: SimHandle | undefined;
  if (per === 'test') {
    beforeEach(async () => {
      sim = await startSim({ ...start, timeScale });
    });
    afterEach(async () => {
      await sim?.stop();
      sim = undefined;
    });
  } else {
    beforeAll(async () => {
      sim = await startSim({ ...start, timeScale });
    });
    afterAll(async () => {
      await sim?.stop();
    });
    beforeEach(async () => {
      await sim!.reset();
      await sim!.clock({ timeScale });
    });
  }
  return () => sim!;
}

/** The simulator's repositoryUri of a repository. */
export function uriOf(sim: SimHandle, repository: string, account = ACCOUNT): string {
  return `${new URL(sim.url).host}/${account}/${REGION}/${repository}`;
}

/** GetAuthorizationToken of `account`: the registry URL and the `AWS:<password>` credentials. */
export async function registryLogin(
  sim: SimHandle,
  account = ACCOUNT,
): Promise<{ registryUrl: string; username: string; password: string }> {
  const ecr = ecrOf(sim, account);
  try {
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    const decoded = Buffer.from(data.authorizationToken!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return {
      registryUrl: data.proxyEndpoint!,
      username: decoded.slice(0, colon),
      password: decoded.slice(colon + 1),
    };
  } finally {
    ecr.destroy();
  }
}

/** Pushes a small image under `tags` over the registry API (no container engine) and returns its digest. */
export async function seedImage(
  sim: SimHandle,
  repository: string,
  tags: string | string[],
  options: { account?: string; content?: string } = {},
): Promise<string> {
  const account = options.account ?? ACCOUNT;
  const list = typeof tags === 'string' ? [tags] : tags;
  const { registryUrl, username, password } = await registryLogin(sim, account);
  const pushed = await pushImage({
    registryUrl,
    repository: `${account}/${REGION}/${repository}`,
    tags: list,
    auth: { username, password },
    files: { 'app.txt': options.content ?? `${repository} ${list.join(',')}\n` },
  });
  return pushed.digest;
}

/** A container definition listening on 8080 and logging to `/ecs/<name>`. */
export function container(
  name: string,
  image: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name,
    image,
    essential: true,
    portMappings: [{ containerPort: 8080 }],
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': `/ecs/${name}`, 'awslogs-region': REGION, 'awslogs-stream-prefix': 'ecs' },
    },
    ...extra,
  };
}

export interface ServiceSeed {
  name: string;
  /** Image tags to push to `shop/<name>`; the first one is what the service runs. */
  tags: string[];
  desiredCount?: number;
  circuitBreaker?: { enable: boolean; rollback: boolean } | false;
  /** The log group to create (default `/ecs/<name>`, the one the container logs to). */
  logGroup?: string;
}

/** Each tag's digest, per service. */
export type Digests = Record<string, Record<string, string>>;

/**
 * Seeds the cluster `shop` with, per service: an IMMUTABLE repository `shop/<name>` holding the tags, a log
 * group, a Fargate task definition `<name>:1` on the first tag (by tag, or by digest with `pinned`) and a
 * steady service of two tasks with the circuit breaker and rollback on.
 */
export async function seedServices(
  sim: SimHandle,
  services: ServiceSeed[],
  options: { pinned?: boolean } = {},
): Promise<Digests> {
  await sim.seed({
    clusters: [CLUSTER],
    repositories: services.map((s) => ({ name: `shop/${s.name}`, imageTagMutability: 'IMMUTABLE' })),
    logGroups: services.map((s) => s.logGroup ?? `/ecs/${s.name}`),
  });
  const digests: Digests = {};
  for (const s of services) {
    digests[s.name] = {};
    for (const tag of s.tags) digests[s.name]![tag] = await seedImage(sim, `shop/${s.name}`, tag);
  }
  const imageOf = (s: ServiceSeed): string =>
    options.pinned === true
      ? `${uriOf(sim, `shop/${s.name}`)}@${digests[s.name]![s.tags[0]!]!}`
      : `${uriOf(sim, `shop/${s.name}`)}:${s.tags[0]!}`;
  await sim.seed({
    taskDefinitions: services.map((s) => ({
      family: s.name,
      networkMode: 'awsvpc',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [container(s.name, imageOf(s))],
    })),
    services: services.map((s) => ({
      cluster: CLUSTER,
      serviceName: s.name,
      taskDefinition: s.name,
      desiredCount: s.desiredCount ?? 2,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] },
      },
      deploymentConfiguration: {
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        deploymentCircuitBreaker:
          s.circuitBreaker === false
            ? { enable: false, rollback: false }
            : (s.circuitBreaker ?? { enable: true, rollback: true }),
      },
    })),
  });
  return digests;
}

/** A service of the cluster `shop`, as DescribeServices shows it. */
export async function describeService(sim: SimHandle, name: string): Promise<Service> {
  return withEcs(
    sim,
    async (ecs) =>
      (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] }))).services![0]!,
  );
}

/** The images of a task definition's containers. */
export async function imagesOf(sim: SimHandle, taskDefinition: string): Promise<string[]> {
  return withEcs(sim, async (ecs) => {
    const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
    return (out.taskDefinition?.containerDefinitions ?? []).map((c) => c.image ?? '');
  });
}

/** The ARNs of a family's revisions. */
export async function revisionsOf(sim: SimHandle, family: string): Promise<string[]> {
  return withEcs(
    sim,
    async (ecs) =>
      (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family }))).taskDefinitionArns ?? [],
  );
}

/** The AWS (and GitHub) calls the simulator recorded since `since` (real epoch ms), as `service:Action`. */
export async function actionsSince(sim: SimHandle, since: number): Promise<string[]> {
  return (await sim.calls({ since })).map((c) => `${c.service}:${c.action}`);
}

/** The ECS calls that change something. */
export const MUTATING_ACTIONS: readonly string[] = [
  'ecs:RegisterTaskDefinition',
  'ecs:DeregisterTaskDefinition',
  'ecs:UpdateService',
  'ecs:CreateService',
  'ecs:DeleteService',
  'ecs:StopServiceDeployment',
  'ecs:RunTask',
  'ecs:StopTask',
];

/** The mutating calls since `since`. */
export async function mutatingSince(sim: SimHandle, since: number): Promise<string[]> {
  return (await actionsSince(sim, since)).filter((c) => MUTATING_ACTIONS.includes(c));
}

/** What a person reads of a run: both steps' logs and the annotations. */
export function visible(run: ActionRun): string {
  return [run.log, run.postLog, ...run.annotations.map((a) => `${a.title ?? ''}: ${a.message}`)].join('\n');
}

/** The `services` output of a run, parsed. */
export function servicesOutput(run: ActionRun): Record<string, unknown>[] {
  return JSON.parse(run.outputs.services ?? '[]') as Record<string, unknown>[];
}

/** A GitHub deployment as the simulator keeps it. */
export interface GithubDeployment {
  environment: string;
  payload?: unknown;
  statuses: { state: string; description?: string }[];
}

/** Every GitHub deployment the simulator holds, oldest first. */
export async function githubDeployments(sim: SimHandle): Promise<GithubDeployment[]> {
  const state = (await sim.state()) as { github?: { deployments?: Record<string, GithubDeployment> } };
  return Object.values(state.github?.deployments ?? {});
}

/** The default HTTP front host of a service of the cluster `shop`. */
export function hostOf(service: string): string {
  return `${service}.${CLUSTER}.ecs.sim`;
}

/** A GET through a service's HTTP front (with node:http: `fetch` may not set `Host`). */
export function getFront(
  sim: SimHandle,
  service: string,
  path: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(path, sim.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: { host: hostOf(service) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}
