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
import { startSim, type ActionRun, type SimHandle, type StartSimOptions } from '@ecs-delivery/testkit';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const CLUSTER = 'shop';

const credentials = (account: string) => ({
  accessKeyId: account === ACCOUNT ? 'test' : account,
  secretAccessKey: 'test',
});

export function ecsOf(sim: SimHandle, account = ACCOUNT): ECSClient {
  return new ECSClient({
    endpoint: sim.url,
    region: REGION,
    credentials: credentials(account),
    maxAttempts: 1,
  });
}

export function ecrOf(sim: SimHandle, account = ACCOUNT): ECRClient {
  return new ECRClient({
    endpoint: sim.url,
    region: REGION,
    credentials: credentials(account),
    maxAttempts: 1,
  });
}

export function logsOf(sim: SimHandle, account = ACCOUNT): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    endpoint: sim.url,
    region: REGION,
    credentials: credentials(account),
    maxAttempts: 1,
  });
}

/** One simulator per test file, reset before each test. */
export function useSim(options: StartSimOptions = {}): () => SimHandle {
  let sim: SimHandle | undefined;
  beforeAll(async () => {
    sim = await startSim({ timeScale: 60, ...options });
  });
  afterAll(async () => {
    await sim?.stop();
  });
  beforeEach(async () => {
    await sim!.reset();
    await sim!.clock({ timeScale: options.timeScale ?? 60 });
  });
  return () => sim!;
}

/** The simulator's repositoryUri of a repository. */
export function uriOf(sim: SimHandle, repository: string, account = ACCOUNT): string {
  return `${new URL(sim.url).host}/${account}/${REGION}/${repository}`;
}

/** Pushes a small image over the registry API and returns its digest. */
export async function seedImage(
  sim: SimHandle,
  repository: string,
  tag: string,
  account = ACCOUNT,
): Promise<string> {
  const ecr = ecrOf(sim, account);
  try {
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    const decoded = Buffer.from(data.authorizationToken!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const pushed = await pushImage({
      registryUrl: data.proxyEndpoint!,
      repository: `${account}/${REGION}/${repository}`,
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
  /** Image tags to push to `shop/<name>`; the first one is what the service runs. */
  tags: string[];
  desiredCount?: number;
  circuitBreaker?: { enable: boolean; rollback: boolean } | false;
  healthCheck?: boolean;
  logGroup?: string;
}

/** A container definition logging to `/ecs/<name>`. */
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

/**
 * Seeds the cluster `shop` with, per service: an IMMUTABLE repository `shop/<name>` holding the tags, a log
 * group, a task definition `<name>` on the first tag and a steady service. Returns each tag's digest.
 */
export async function seedServices(
  sim: SimHandle,
  services: ServiceSeed[],
): Promise<Record<string, Record<string, string>>> {
  await sim.seed({
    clusters: [CLUSTER],
    repositories: services.map((s) => ({ name: `shop/${s.name}`, imageTagMutability: 'IMMUTABLE' })),
    logGroups: services.map((s) => s.logGroup ?? `/ecs/${s.name}`),
  });
  const digests: Record<string, Record<string, string>> = {};
  for (const s of services) {
    digests[s.name] = {};
    for (const tag of s.tags) digests[s.name]![tag] = await seedImage(sim, `shop/${s.name}`, tag);
  }
  await sim.seed({
    taskDefinitions: services.map((s) => ({
      family: s.name,
      networkMode: 'awsvpc',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [container(s.name, `${uriOf(sim, `shop/${s.name}`)}:${s.tags[0]!}`)],
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
  const ecs = ecsOf(sim);
  try {
    return (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] })))
      .services![0]!;
  } finally {
    ecs.destroy();
  }
}

/** The images of a task definition's containers. */
export async function imagesOf(sim: SimHandle, taskDefinition: string): Promise<string[]> {
  const ecs = ecsOf(sim);
  try {
    const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
    return (out.taskDefinition?.containerDefinitions ?? []).map((c) => c.image ?? '');
  } finally {
    ecs.destroy();
  }
}

export async function revisionsOf(sim: SimHandle, family: string): Promise<string[]> {
  const ecs = ecsOf(sim);
  try {
    return (
      (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family }))).taskDefinitionArns ?? []
    );
  } finally {
    ecs.destroy();
  }
}

/** The AWS actions the simulator recorded since `since`, `service:Action`. */
export async function actionsSince(sim: SimHandle, since: number): Promise<string[]> {
  return (await sim.calls({ since })).map((c) => `${c.service}:${c.action}`);
}

/** The ECS calls that change something. */
export const MUTATING = [
  'ecs:RegisterTaskDefinition',
  'ecs:UpdateService',
  'ecs:RunTask',
  'ecs:StopTask',
  'ecs:StopServiceDeployment',
  'ecs:DeregisterTaskDefinition',
  'ecs:CreateService',
];

/** What a person reads of a run: both steps' logs and the annotations. */
export function visible(run: ActionRun): string {
  return [run.log, run.postLog, ...run.annotations.map((a) => `${a.title ?? ''}: ${a.message}`)].join('\n');
}

export function services(run: ActionRun): Record<string, unknown>[] {
  return JSON.parse(run.outputs.services ?? '[]') as Record<string, unknown>[];
}
