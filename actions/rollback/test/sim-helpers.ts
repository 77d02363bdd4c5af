import { request } from 'node:http';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import { poll } from '@ecs-delivery/shared';
import { pushImage } from '@ecs-delivery/sim';
import {
  runAction,
  startSim,
  type ActionRun,
  type RunActionOptions,
  type SimHandle,
  type StartSimOptions,
} from '@ecs-delivery/testkit';

/**
 * Seeding and reading the simulator for the rollback tests: the same seeding as deploy-ecs's end-to-end
 * tests, plus images pinned by digest, deployments made with the SDK and the services' HTTP fronts.
 */

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const CLUSTER = 'shop';
const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`;

const clientConfig = {
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
};

export function ecsOf(sim: SimHandle): ECSClient {
  return new ECSClient({ endpoint: sim.url, ...clientConfig });
}

/** Runs `use` with an ECS client of the simulator, closed afterwards. */
export async function withEcs<T>(sim: SimHandle, use: (ecs: ECSClient) => Promise<T>): Promise<T> {
  const ecs = ecsOf(sim);
  try {
    return await use(ecs);
  } finally {
    ecs.destroy();
  }
}

/**
 * A simulator for each test. Its clock runs ahead of real time and never goes back, and once the `Date` it
 * answers with is minutes off, the AWS SDK takes every error answer for clock skew and retries it: a fresh
 * simulator per test keeps the expected errors (a missing task definition, the repository names ECR does
 * not have) single calls.
 */
export function useSim(options: StartSimOptions = {}): () => SimHandle {
  let sim: SimHandle | undefined;
  beforeEach(async () => {
    sim = await startSim({ timeScale: 60, ...options });
  });
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });
  return () => sim!;
}

/** The simulator's repositoryUri of a repository. */
export function uriOf(sim: SimHandle, repository: string): string {
  return `${new URL(sim.url).host}/${ACCOUNT}/${REGION}/${repository}`;
}

/** Pushes a small image over the registry API and returns its digest. */
export async function seedImage(sim: SimHandle, repository: string, tag: string): Promise<string> {
  const ecr = new ECRClient({ endpoint: sim.url, ...clientConfig });
  try {
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    const decoded = Buffer.from(data.authorizationToken!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const pushed = await pushImage({
      registryUrl: data.proxyEndpoint!,
      repository: `${ACCOUNT}/${REGION}/${repository}`,
      tags: [tag],
      auth: { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) },
      files: { 'app.txt': `${repository} ${tag}\n` },
    });
    return pushed.digest;
  } finally {
    ecr.destroy();
  }
}

export interface ServiceSeed {
  name: string;
  /** Image tags to push to `shop/<name>`; the first one is what the service runs, pinned by digest. */
  tags: string[];
  desiredCount?: number;
  circuitBreaker?: { enable: boolean; rollback: boolean } | false;
}

/** A container definition logging to `/ecs/<name>`. */
export function container(name: string, image: string): Record<string, unknown> {
  return {
    name,
    image,
    essential: true,
    portMappings: [{ containerPort: 8080 }],
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': `/ecs/${name}`, 'awslogs-region': REGION, 'awslogs-stream-prefix': 'ecs' },
    },
  };
}

/** Each tag's digest, per service. */
export type Digests = Record<string, Record<string, string>>;

/**
 * Seeds the cluster `shop` with, per service: an IMMUTABLE repository `shop/<name>` holding the tags, a log
 * group, a task definition `<name>:1` on the first tag's digest and a steady service.
 */
export async function seedServices(sim: SimHandle, services: ServiceSeed[]): Promise<Digests> {
  await sim.seed({
    clusters: [CLUSTER],
    repositories: services.map((s) => ({ name: `shop/${s.name}`, imageTagMutability: 'IMMUTABLE' })),
    logGroups: services.map((s) => `/ecs/${s.name}`),
  });
  const digests: Digests = {};
  for (const s of services) {
    digests[s.name] = {};
    for (const tag of s.tags) digests[s.name]![tag] = await seedImage(sim, `shop/${s.name}`, tag);
  }
  await sim.seed({
    taskDefinitions: services.map((s) => ({
      family: s.name,
      networkMode: 'awsvpc',
      executionRoleArn: EXECUTION_ROLE,
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        container(s.name, `${uriOf(sim, `shop/${s.name}`)}@${digests[s.name]![s.tags[0]!]!}`),
      ],
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

export async function revisionsOf(sim: SimHandle, family: string): Promise<string[]> {
  return withEcs(
    sim,
    async (ecs) =>
      (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family }))).taskDefinitionArns ?? [],
  );
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

/** Runs the bundled rollback action with a short timeout unless the inputs say otherwise. */
export function rollback(
  sim: SimHandle,
  inputs: Record<string, string>,
  options: Omit<RunActionOptions, 'sim' | 'inputs'> = {},
): Promise<ActionRun> {
  return runAction('rollback', { sim, ...options, inputs: { timeout: '30s', ...inputs } });
}

/** The AWS actions the simulator recorded since `since`, `service:Action`. */
export async function actionsSince(sim: SimHandle, since: number): Promise<string[]> {
  return (await sim.calls({ since })).map((c) => `${c.service}:${c.action}`);
}

/** The calls that change something (GitHub's are reports, not changes to the service). */
export const MUTATING = [
  'ecs:RegisterTaskDefinition',
  'ecs:UpdateService',
  'ecs:StopServiceDeployment',
  'ecs:DeregisterTaskDefinition',
  'ecs:RunTask',
  'ecs:StopTask',
  'ecs:CreateService',
  'ecs:DeleteService',
];

export async function mutatingSince(sim: SimHandle, since: number): Promise<string[]> {
  return (await actionsSince(sim, since)).filter((c) => MUTATING.includes(c));
}

/** What a person reads of a run: the log and the annotations. */
export function visible(run: ActionRun): string {
  return [run.log, ...run.annotations.map((a) => `${a.title ?? ''}: ${a.message}`)].join('\n');
}

export function services(run: ActionRun): Record<string, unknown>[] {
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

/** The default front host of a service of cluster `shop`. */
export function hostOf(service: string): string {
  return `${service}.${CLUSTER}.ecs.sim`;
}

/** A GET through a service's HTTP front (node:http: `fetch` may not set `Host`). */
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
