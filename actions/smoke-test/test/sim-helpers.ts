import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import type { SmokeReport } from '@ecs-delivery/shared/src/smoke';
import { pushImage } from '@ecs-delivery/sim';
import {
  runAction,
  startSim,
  type ActionRun,
  type RunActionOptions,
  type SimHandle,
  type StartSimOptions,
} from '@ecs-delivery/testkit';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const CLUSTER = 'shop';

/**
 * One simulator for a test file, started before its tests and stopped after; everything is forgotten before
 * each test (the clock back at its time scale). Returns a getter (the handle exists only once beforeAll has run).
 */
export function useSim(options: StartSimOptions = {}): () => SimHandle {
  let sim: SimHandle | undefined;
  const timeScale = options.timeScale ?? 120;
  beforeAll(async () => {
    sim = await startSim({ ...options, timeScale });
  });
  afterAll(async () => {
    await sim?.stop();
  });
  beforeEach(async () => {
    await sim!.reset();
    await sim!.clock({ timeScale });
  });
  return () => sim!;
}

function clientConfig(sim: SimHandle): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
} {
  return {
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
}

export function ecsOf(sim: SimHandle): ECSClient {
  return new ECSClient(clientConfig(sim));
}

/** The simulator's repositoryUri of a repository. */
export function uriOf(sim: SimHandle, repository: string): string {
  return `${new URL(sim.url).host}/${ACCOUNT}/${REGION}/${repository}`;
}

/** Pushes a small image to the simulator's ECR (no container engine) and returns its digest. */
export async function seedImage(sim: SimHandle, repository: string, tag: string): Promise<string> {
  const ecr = new ECRClient(clientConfig(sim));
  try {
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    const [username, password] = Buffer.from(data.authorizationToken!, 'base64').toString('utf8').split(':');
    const pushed = await pushImage({
      registryUrl: data.proxyEndpoint!,
      repository: `${ACCOUNT}/${REGION}/${repository}`,
      tags: [tag],
      auth: { username: username!, password: password! },
      files: { 'app.txt': `${repository}:${tag}\n` },
    });
    return pushed.digest;
  } finally {
    ecr.destroy();
  }
}

/** Services of cluster `shop`, each running `image` on `count` tasks, steady from the start. */
export async function seedServices(
  sim: SimHandle,
  services: Record<string, { image: string; count?: number }>,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const entries = Object.entries(services);
  await sim.seed({
    clusters: [CLUSTER],
    taskDefinitions: entries.map(([name, s]) => ({
      family: name,
      containerDefinitions: [{ name, image: s.image, essential: true, memory: 256 }],
    })),
    services: entries.map(([name, s]) => ({
      cluster: CLUSTER,
      serviceName: name,
      taskDefinition: name,
      desiredCount: s.count ?? 2,
    })),
    ...extra,
  });
}

/** The default front host of a service of cluster `shop`. */
export function hostOf(service: string): string {
  return `${service}.${CLUSTER}.ecs.sim`;
}

/** How many requests the front of a service has answered from a task (what the simulator counts per service). */
export async function frontRequests(sim: SimHandle, service: string): Promise<number> {
  const state = (await sim.state()) as { fronts?: { cursors?: Record<string, number> } };
  return state.fronts?.cursors?.[`${ACCOUNT}/${REGION}/${CLUSTER}/${service}`] ?? 0;
}

/** Runs the bundled action with fast pacing unless the inputs say otherwise. */
export function smokeTest(
  sim: SimHandle,
  inputs: Record<string, string>,
  options: Omit<RunActionOptions, 'sim' | 'inputs'> = {},
): Promise<ActionRun> {
  return runAction('smoke-test', {
    sim,
    ...options,
    inputs: { interval: '100ms', timeout: '5s', 'healthy-for': '2', ...inputs },
  });
}

/** The `report` output, parsed. */
export function reportOf(run: ActionRun): SmokeReport {
  expect(run.outputs.report).toBeDefined();
  return JSON.parse(run.outputs.report!) as SmokeReport;
}

/** What a person reads of a run: the log and the annotations. */
export function visible(run: ActionRun): string {
  return [run.log, ...run.annotations.map((a) => `${a.title ?? ''}: ${a.message}`)].join('\n');
}
