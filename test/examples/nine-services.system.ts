import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateClusterCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  type Deployment,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import { loadWorkflow, WorkflowRunner, type JobResult } from '@ecs-delivery/demo';
import { REPO_ROOT, type SimHandle, githubOidcTrust } from '@ecs-delivery/testkit';

/**
 * The Smartboard platform of examples/nine-services as it stands in AWS before a delivery: one account, one
 * cluster with the FARGATE and FARGATE_SPOT capacity providers, nine ECR repositories, the log groups, SSM
 * parameters and secrets the task definitions name, the build and deploy roles of the example's iam/ folder
 * (their permission policies enforced by the simulator), and the nine services steady on release 2026.11.0.
 */
export const EXAMPLE = join(REPO_ROOT, 'examples', 'nine-services');
export const CALLER = '.github/workflows/delivery.yml';
export const ACCOUNT = '333333333333';
export const REGION = 'eu-west-1';
export const CLUSTER = 'smartboard-prod';
export const REPOSITORY = 'smartboard/platform';
export const PREVIOUS = '2026.11.0';
export const HOST = 'smartboard.example';

export interface ServiceSpec {
  /** The manifest's name, also the image's. */
  name: string;
  wave: number;
  migrates: boolean;
  port: string;
}

/** The manifest's services, in its order. */
export const SERVICES: ServiceSpec[] = [
  ...['svc-auth', 'svc-tenants', 'svc-datasets', 'svc-analytics', 'svc-dashboards', 'svc-realtime'].map(
    (name, i) => ({ name, wave: 1, migrates: true, port: String(4010 + 10 * i) }),
  ),
  { name: 'worker', wave: 2, migrates: true, port: '4070' },
  { name: 'gateway', wave: 2, migrates: false, port: '4000' },
  { name: 'web', wave: 3, migrates: false, port: '3000' },
];

export const ecsName = (service: string): string => `smartboard-${service}`;

/**
 * Who may assume the roles. `workflow`: the example's trust policies as written (the deploy workflow of a v1
 * release for the environment prod, the build workflow on main). `repository`: any job of the repository, for act,
 * which gives every job of a run the same OIDC token.
 */
export type Trust = 'workflow' | 'repository';

const readJson = (...parts: string[]): unknown =>
  JSON.parse(readFileSync(join(EXAMPLE, ...parts), 'utf8')) as unknown;

/** The roles of iam/: one folder per role, its trust policy and its permission policies. */
export function exampleRoles(trust: Trust): unknown[] {
  return readdirSync(join(EXAMPLE, 'iam')).map((name) => {
    const files = readdirSync(join(EXAMPLE, 'iam', name)).filter((f) => f.endsWith('.json'));
    const policies = files.filter((f) => f !== 'trust-policy.json').map((f) => readJson('iam', name, f));
    return {
      name,
      account: ACCOUNT,
      trustPolicy: trust === 'workflow' ? readJson('iam', name, 'trust-policy.json') : anyJobOf(REPOSITORY),
      policies,
    };
  });
}

function anyJobOf(repository: string): unknown {
  return githubOidcTrust(ACCOUNT, `repo:${repository}:*`);
}

export function ecsClient(sim: SimHandle): ECSClient {
  return new ECSClient({
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' },
  });
}

/** The image URI of a service's repository in the simulator's ECR. */
export function imageUri(sim: SimHandle, service: string): string {
  return `${new URL(sim.url).host}/${ACCOUNT}/${REGION}/${ecsName(service)}`;
}

/** A task-definition template of the example, rendered as deploy-ecs would for prod, with `image`. */
function renderTemplate(sim: SimHandle, spec: ServiceSpec, tag: string): Record<string, unknown> {
  const file = ['gateway', 'web'].includes(spec.name) ? `${spec.name}.json` : 'internal.json';
  const values: Record<string, string> = {
    service: spec.name,
    env: 'prod',
    region: REGION,
    'account-id': ACCOUNT,
    port: spec.port,
  };
  const text = readFileSync(join(EXAMPLE, 'deploy', 'taskdefs', file), 'utf8').replace(
    /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g,
    (_, name: string) => values[name] ?? '',
  );
  const def = JSON.parse(text) as { containerDefinitions: Record<string, unknown>[] };
  def.containerDefinitions[0]!['image'] = `${imageUri(sim, spec.name)}:${tag}`;
  return def;
}

/** The example's own scenario: quick task starts, migrations that apply and exit 0, ready health endpoints. */
export const SCENARIO = [
  { image: '*/smartboard-*', task: { startSeconds: 1 } },
  {
    command: 'pnpm db:migrate',
    task: { exitCode: 0, afterSeconds: 3, logs: ['Applying migrations…', 'All migrations applied.'] },
  },
  {
    image: '*/smartboard-*',
    http: {
      paths: {
        '/health/ready': { body: '{"status":"ready"}' },
        '/api/health/ready': { body: '{"status":"ready"}' },
      },
    },
  },
];

/** Seeds the whole system; the services run release PREVIOUS and start steady. */
export async function seedNineServices(sim: SimHandle, trust: Trust): Promise<void> {
  await sim.seed({ ...(readJson('sim', 'seed.json') as object), roles: exampleRoles(trust) });
  const ecs = ecsClient(sim);
  try {
    // The team's infrastructure code creates the cluster with both Fargate capacity providers.
    await ecs.send(
      new CreateClusterCommand({
        clusterName: CLUSTER,
        capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
      }),
    );
  } finally {
    ecs.destroy();
  }
  const where = { account: ACCOUNT, region: REGION };
  await sim.seed({
    taskDefinitions: SERVICES.map((s) => ({ ...renderTemplate(sim, s, PREVIOUS), ...where })),
    services: SERVICES.map((s) => ({
      cluster: CLUSTER,
      serviceName: ecsName(s.name),
      taskDefinition: ecsName(s.name),
      desiredCount: 1,
      ...(s.name === 'worker'
        ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] }
        : { launchType: 'FARGATE' }),
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'],
          securityGroups: ['sg-0a1b2c3d'],
        },
      },
      deploymentConfiguration: {
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      },
      ...where,
    })),
  });
  await sim.scenario(SCENARIO);
}

/** A commit's SHA, stable for a version. */
export function commitOf(version: string): string {
  return createHash('sha1').update(`${REPOSITORY} ${version}`).digest('hex');
}

/**
 * What the build workflow would push for a commit: one image per service tagged with the commit's short SHA
 * (so build.yml finds them and builds nothing). Returns each service's digest.
 */
export async function pushRelease(
  sim: SimHandle,
  version: string,
  sha: string,
): Promise<Record<string, string>> {
  const res = await fetch(`${sim.url}/_sim/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      images: SERVICES.map((s) => ({
        repository: ecsName(s.name),
        tags: [sha.slice(0, 12)],
        label: `${s.name} ${version}`,
        account: ACCOUNT,
        region: REGION,
      })),
    }),
  });
  if (!res.ok) throw new Error(`pushing ${version}: ${res.status} ${await res.text()}`);
  const out = (await res.json()) as { images: { repository: string; digest: string }[] };
  return Object.fromEntries(out.images.map((i) => [i.repository.slice('smartboard-'.length), i.digest]));
}

/** A checkout of the example for one push: the caller workflow, the manifest, the task definitions. */
export function checkout(sim: SimHandle): string {
  const workspace = mkdtempSync(join(tmpdir(), 'nine-services-'));
  cpSync(EXAMPLE, workspace, { recursive: true });
  // The one difference from a push on GitHub: the smoke checks reach the simulator's load balancer.
  const caller = join(workspace, CALLER);
  const text = readFileSync(caller, 'utf8');
  const release = "release: '${{ needs.build.outputs.release }}' }";
  if (!text.includes(release)) throw new Error(`${CALLER} no longer passes the release as expected`);
  writeFileSync(caller, text.replace(release, `${release.slice(0, -2)}, vars: 'origin=${sim.url}' }`));
  return workspace;
}

export interface Delivery {
  results: Record<string, JobResult>;
  runner: WorkflowRunner;
  /** Real epoch ms when the run started, for the call log. */
  since: number;
}

/** One push to main of `version`, through the example's caller workflow and the reusable workflows it calls. */
export async function deliver(
  sim: SimHandle,
  version: string,
  log: (line: string) => void = () => undefined,
): Promise<Delivery> {
  const sha = commitOf(version);
  const workspace = checkout(sim);
  try {
    const runner = new WorkflowRunner({
      root: REPO_ROOT,
      workspace,
      sim,
      github: {
        repository: REPOSITORY,
        sha,
        ref: 'refs/heads/main',
        actor: 'smartboard-release-bot',
        token: `ghs_nine${sha.slice(0, 32)}`,
        eventName: 'push',
      },
      artifactsDir: join(workspace, '.artifacts'),
      log,
      stepTimeoutMs: 120_000,
    });
    const since = Date.now();
    const results = await runner.runWorkflow(loadWorkflow(workspace, CALLER));
    return { results, runner, since };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** What one service runs now: its task definition, image and launch settings, and its deployments. */
export interface Running {
  service: Service;
  taskDefinitionArn: string;
  image: string;
  primary: Deployment;
}

export async function runningServices(sim: SimHandle): Promise<Record<string, Running>> {
  const ecs = ecsClient(sim);
  try {
    const out = await ecs.send(
      new DescribeServicesCommand({ cluster: CLUSTER, services: SERVICES.map((s) => ecsName(s.name)) }),
    );
    const entries = await Promise.all(
      (out.services ?? []).map(async (service) => {
        const td = (
          await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: service.taskDefinition! }))
        ).taskDefinition!;
        const primary = service.deployments!.find((d) => d.status === 'PRIMARY')!;
        const name = service.serviceName!.slice('smartboard-'.length);
        const running: Running = {
          service,
          taskDefinitionArn: service.taskDefinition!,
          image: td.containerDefinitions![0]!.image!,
          primary,
        };
        return [name, running] as const;
      }),
    );
    return Object.fromEntries(entries);
  } finally {
    ecs.destroy();
  }
}

/** The one-off tasks deploy-ecs started (stopped by now), by task-definition family. */
export async function migrationTasks(sim: SimHandle): Promise<Task[]> {
  const ecs = ecsClient(sim);
  try {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ecs.send(
        new ListTasksCommand({
          cluster: CLUSTER,
          desiredStatus: 'STOPPED',
          startedBy: 'ecs-delivery',
          nextToken,
        }),
      );
      arns.push(...(page.taskArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    const tasks: Task[] = [];
    for (let i = 0; i < arns.length; i += 100) {
      const out = await ecs.send(
        new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns.slice(i, i + 100) }),
      );
      tasks.push(...(out.tasks ?? []));
    }
    return tasks;
  } finally {
    ecs.destroy();
  }
}
