import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeImagesCommand, ECRClient, type ImageDetail } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  type ContainerDefinition,
} from '@aws-sdk/client-ecs';
import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { loadWorkflow, WorkflowRunner, type JobRecord } from '@ecs-delivery/demo';
import { REPO_ROOT, type SimHandle, githubOidcTrust } from '@ecs-delivery/testkit';
import { parseDocument } from 'yaml';

/**
 * The city-data platform of `examples/city-data/` as it stands in AWS before a delivery: one account, one cluster,
 * dev and prod side by side (five services each, on the previous release), the five ECR repositories, the SSM
 * parameters under `/legocity/<env>/…`, the log groups, and the roles of `iam/` with their permission policies, which
 * the simulator enforces. Host-named fronts stand for the load balancer's listener rules.
 */
export const EXAMPLE = join(REPO_ROOT, 'examples', 'city-data');
export const CALLER = '.github/workflows/delivery.yml';
export const REPOSITORY = 'example-city/legocity';
export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';
export const CLUSTER = 'legocity-cluster';
export const ENVIRONMENTS = ['dev', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface Service {
  /** The manifest's name. */
  name: string;
  container: string;
  repository: string;
  /** The host its load balancer rule routes, per environment; none for an internal or headless service. */
  host?: Record<Environment, string>;
}

export const SERVICES: Service[] = [
  { name: 'broker', container: 'broker', repository: 'legocity-broker' },
  {
    name: 'payload',
    container: 'payload',
    repository: 'legocity-payload',
    host: { dev: 'admin.dev.city.example', prod: 'admin.city.example' },
  },
  {
    name: 'proxy',
    container: 'proxy',
    repository: 'legocity-proxy',
    host: { dev: 'api.dev.city.example', prod: 'api.city.example' },
  },
  {
    name: 'dashboard',
    container: 'dashboard',
    repository: 'legocity-dashboard',
    host: { dev: 'dev.city.example', prod: 'city.example' },
  },
  { name: 'update-env', container: 'updater', repository: 'legocity-update-env' },
];

/** The manifest's rollout, the plan's update order. */
export const WAVES = [['dashboard'], ['proxy', 'update-env'], ['broker', 'payload']];

export const ecsService = (env: Environment, service: string): string => `legocity-${env}-${service}-service`;

/** The parameters the task definitions name, as the team keeps them (SecureString for what is secret). */
const PARAMETERS: { path: string; secure: boolean; value: (env: Environment) => string }[] = [
  { path: 'broker/url', secure: false, value: (env) => `http://broker.${env}.legocity.internal:1026` },
  { path: 'broker/write-key/env', secure: true, value: (env) => `${env}-broker-write-key-3c9a` },
  {
    path: 'payload/db-url',
    secure: true,
    value: (env) => `postgres://payload:${env}-db-pass@legocity-payload-db.${env}.internal:5432/payload`,
  },
  { path: 'external/weather/api-key', secure: true, value: (env) => `${env}-weather-key-81f2` },
];

/** Each role of `iam/`: its trust policy and permission policies, read from the files a team would apply. */
export function iamRoles(): { name: string; trustPolicy: unknown; policies: unknown[] }[] {
  const dir = join(EXAMPLE, 'iam');
  return readdirSync(dir).map((name) => {
    const files = readdirSync(join(dir, name)).filter((f) => f.endsWith('.json'));
    const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, name, f), 'utf8'));
    return {
      name,
      trustPolicy: read('trust-policy.json'),
      policies: files.filter((f) => f !== 'trust-policy.json').map(read),
    };
  });
}

/**
 * How the roles GitHub's OIDC tokens assume are trusted. `environment`: as iam/ says (each GitHub environment running
 * the reusable deploy workflow, the build workflow on main). `repository`: any job of the repository, for act, which
 * gives every job of a run the same token.
 */
export type Trust = 'environment' | 'repository';

function trustFor(role: { name: string; trustPolicy: unknown }, trust: Trust): unknown {
  const oidc = JSON.stringify(role.trustPolicy).includes('oidc-provider');
  if (trust === 'environment' || !oidc) return role.trustPolicy;
  return githubOidcTrust(ACCOUNT, `repo:${REPOSITORY}:*`);
}

/** The image `tag` of every service's repository, as a task definition names it. */
export const imageOf = (sim: SimHandle, repository: string, ref: string): string =>
  `${new URL(sim.url).host}/${ACCOUNT}/${REGION}/${repository}${ref.startsWith('sha256:') ? '@' : ':'}${ref}`;

/** A task-definition template of the example, filled for an environment, on `image`, with the manifest's values. */
function taskDefinition(service: Service, env: Environment, image: string): Record<string, unknown> {
  const text = readFileSync(join(EXAMPLE, 'deploy', 'taskdefs', `${service.name}.json`), 'utf8')
    .replaceAll('{{ env }}', env)
    .replaceAll('{{ region }}', REGION)
    .replaceAll('{{ account-id }}', ACCOUNT);
  const td = JSON.parse(text) as { containerDefinitions: ContainerDefinition[] };
  const secrets = {
    broker: ['BROKER_WRITE_KEY=broker/write-key/env'],
    payload: ['PAYLOAD_DB_URL=payload/db-url', 'BROKER_URL=broker/url'],
    proxy: ['BROKER_URL=broker/url'],
    dashboard: [],
    'update-env': [
      'BROKER_URL=broker/url',
      'BROKER_WRITE_KEY=broker/write-key/env',
      'WEATHER_API_KEY=external/weather/api-key',
    ],
  }[service.name]!;
  const container = td.containerDefinitions[0]!;
  container.image = image;
  container.secrets = secrets.map((s) => {
    const [name, path] = s.split('=');
    return { name: name!, valueFrom: `/legocity/${env}/${path!}` };
  });
  return { ...td, account: ACCOUNT, region: REGION };
}

const clientConfig = (
  sim: SimHandle,
): { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } } => ({
  endpoint: sim.url,
  region: REGION,
  credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' },
});

/** A release's images, one label per service (a build's content), tagged as the build job tags them. */
export async function pushRelease(
  sim: SimHandle,
  tags: string[],
  label: string,
): Promise<Record<string, string>> {
  await sim.seed({
    images: SERVICES.map((s) => ({
      repository: s.repository,
      tags,
      label: `${s.repository} ${label}`,
      account: ACCOUNT,
      region: REGION,
    })),
  });
  const ecr = new ECRClient(clientConfig(sim));
  try {
    const entries = await Promise.all(
      SERVICES.map(async (s) => {
        const out = await ecr.send(
          new DescribeImagesCommand({ repositoryName: s.repository, imageIds: [{ imageTag: tags[0]! }] }),
        );
        return [s.name, out.imageDetails![0]!.imageDigest!] as const;
      }),
    );
    return Object.fromEntries(entries);
  } finally {
    ecr.destroy();
  }
}

/** Seeds the whole system; every service runs `previous` (a commit whose images carry dev- and prod- tags). */
export async function seedCityData(
  sim: SimHandle,
  options: { trust: Trust; previous: string },
): Promise<void> {
  const where = { account: ACCOUNT, region: REGION };
  await sim.seed({
    oidcProviders: [{ account: ACCOUNT, clientIdList: ['sts.amazonaws.com'] }],
    roles: iamRoles().map((r) => ({
      name: r.name,
      account: ACCOUNT,
      trustPolicy: trustFor(r, options.trust),
      policies: r.policies,
    })),
    repositories: SERVICES.map((s) => ({ name: s.repository, imageTagMutability: 'IMMUTABLE', ...where })),
    logGroups: ENVIRONMENTS.flatMap((env) =>
      SERVICES.map((s) => ({ name: `/ecs/legocity-${env}/${s.name}`, ...where })),
    ),
    parameters: ENVIRONMENTS.flatMap((env) =>
      PARAMETERS.map((p) => ({
        name: `/legocity/${env}/${p.path}`,
        value: p.value(env),
        type: p.secure ? 'SecureString' : 'String',
        ...where,
      })),
    ),
    clusters: [{ name: CLUSTER, ...where }],
  });
  const previous = options.previous.slice(0, 12);
  await pushRelease(
    sim,
    [`dev-${options.previous.slice(0, 12)}`, `prod-${options.previous.slice(0, 12)}`],
    previous,
  );
  await sim.seed({
    taskDefinitions: ENVIRONMENTS.flatMap((env) =>
      SERVICES.map((s) => taskDefinition(s, env, imageOf(sim, s.repository, `${env}-${options.previous}`))),
    ),
    services: ENVIRONMENTS.flatMap((env) =>
      SERVICES.map((s) => ({
        cluster: CLUSTER,
        serviceName: ecsService(env, s.name),
        taskDefinition: `legocity-${env}-${s.name}`,
        desiredCount: env === 'prod' && s.host !== undefined ? 2 : 1,
        launchType: 'FARGATE',
        networkConfiguration: {
          awsvpcConfiguration: { subnets: ['subnet-0c1d2e3f'], securityGroups: ['sg-0ec5ec5'] },
        },
        deploymentConfiguration: {
          maximumPercent: 200,
          minimumHealthyPercent: 100,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
        ...where,
      })),
    ),
    fronts: ENVIRONMENTS.flatMap((env) =>
      SERVICES.filter((s) => s.host !== undefined).map((s) => ({
        host: s.host![env],
        cluster: CLUSTER,
        service: ecsService(env, s.name),
        ...where,
      })),
    ),
    // The dashboard serves its page at /; its version endpoint answers as every service's does.
    rules: [
      {
        image: '*/legocity-dashboard*',
        http: { paths: { '/': { body: '<html><body>City dashboard</body></html>' } } },
      },
    ],
  });
}

export interface Delivery {
  result: 'success' | 'failure';
  jobs: JobRecord[];
  durationMs: number;
}

/**
 * One push to main: the example's caller workflow, run as GitHub would run it (build.yml, then deploy.yml for dev,
 * then for prod), each step of the reusable workflows by this checkout's built actions. The one change from a push on
 * GitHub: each deploy job gets `vars: origin=<simulator>`, so the smoke checks reach the simulator's fronts.
 */
export async function deliver(sim: SimHandle, sha: string, log: (line: string) => void): Promise<Delivery> {
  const workspace = mkdtempSync(join(tmpdir(), 'city-data-'));
  const artifacts = mkdtempSync(join(tmpdir(), 'city-data-artifacts-'));
  try {
    cpSync(EXAMPLE, workspace, { recursive: true });
    const caller = parseDocument(readFileSync(join(workspace, CALLER), 'utf8'));
    for (const env of ENVIRONMENTS) caller.setIn(['jobs', env, 'with', 'vars'], `origin=${sim.url}`);
    writeFileSync(join(workspace, CALLER), caller.toString());
    const runner = new WorkflowRunner({
      root: REPO_ROOT,
      workspace,
      sim,
      github: {
        repository: REPOSITORY,
        sha,
        ref: 'refs/heads/main',
        actor: 'legocity-maintainer',
        token: `ghs_city${sha.slice(0, 28)}`,
        eventName: 'push',
      },
      artifactsDir: artifacts,
      log,
      stepTimeoutMs: 120_000,
    });
    const started = Date.now();
    const results = await runner.runWorkflow(loadWorkflow(workspace, CALLER));
    const all = Object.values(results).map((r) => r.result);
    return {
      result: all.every((r) => r === 'success') ? 'success' : 'failure',
      jobs: runner.jobs,
      durationMs: Date.now() - started,
    };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(artifacts, { recursive: true, force: true });
  }
}

export interface Running {
  taskDefinition: string;
  image: string;
  digest: string;
  secrets: { name: string; valueFrom: string }[];
  /** When the service's newest deployment started, and whether it completed. */
  deployedAt: number;
  rolloutState: string;
  runningCount: number;
}

/** What every service of an environment runs, by manifest name. */
export async function running(sim: SimHandle, env: Environment): Promise<Record<string, Running>> {
  const ecs = new ECSClient(clientConfig(sim));
  try {
    const out = await ecs.send(
      new DescribeServicesCommand({
        cluster: CLUSTER,
        services: SERVICES.map((s) => ecsService(env, s.name)),
      }),
    );
    const entries = await Promise.all(
      SERVICES.map(async (s) => {
        const svc = out.services!.find((x) => x.serviceName === ecsService(env, s.name))!;
        const td = (
          await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: svc.taskDefinition! }))
        ).taskDefinition!;
        const container = td.containerDefinitions![0]!;
        const image = container.image!;
        const primary = svc.deployments!.find((d) => d.status === 'PRIMARY')!;
        return [
          s.name,
          {
            taskDefinition: svc.taskDefinition!,
            image,
            digest: image.slice(image.indexOf('@') + 1),
            secrets: (container.secrets ?? []).map((x) => ({ name: x.name!, valueFrom: x.valueFrom! })),
            deployedAt: primary.createdAt!.getTime(),
            rolloutState: primary.rolloutState!,
            runningCount: svc.runningCount!,
          },
        ] as const;
      }),
    );
    return Object.fromEntries(entries);
  } finally {
    ecs.destroy();
  }
}

/** Every image of every repository, by manifest service name. */
export async function images(sim: SimHandle): Promise<Record<string, ImageDetail[]>> {
  const ecr = new ECRClient(clientConfig(sim));
  try {
    const entries = await Promise.all(
      SERVICES.map(async (s) => {
        const out = await ecr.send(new DescribeImagesCommand({ repositoryName: s.repository }));
        return [s.name, out.imageDetails ?? []] as const;
      }),
    );
    return Object.fromEntries(entries);
  } finally {
    ecr.destroy();
  }
}

/** The names of the SSM parameters that exist under a path. */
export async function parameterNames(sim: SimHandle, path: string): Promise<string[]> {
  const ssm = new SSMClient(clientConfig(sim));
  try {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const out = await ssm.send(
        new DescribeParametersCommand({
          ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: [path] }],
          ...(token !== undefined ? { NextToken: token } : {}),
        }),
      );
      names.push(...(out.Parameters ?? []).map((p) => p.Name!));
      token = out.NextToken;
    } while (token !== undefined);
    return names;
  } finally {
    ssm.destroy();
  }
}
