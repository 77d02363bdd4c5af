/**
 * The mobile backend of examples/mobile-backend as it stands in AWS before a delivery: one account in eu-west-2
 * with the GitHub OIDC provider, the two roles of the example's iam/ folder (trust and permission policies, so the
 * simulator enforces them), the two IMMUTABLE repositories, the bucket of environment files, the log groups, the
 * cluster, and the API and CMS services steady on the previous release behind the load balancer's two hosts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { pushImage } from '@ecs-delivery/sim';
import { REPO_ROOT, type SimHandle } from '@ecs-delivery/testkit';

export const EXAMPLE = join(REPO_ROOT, 'examples', 'mobile-backend');
export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-2';
export const REPOSITORY = 'oky-project/backend';
export const CLUSTER = 'project-oky-ecs-cluster';
export const CONFIG_BUCKET = 'project-oky-ecs-config';
export const BUILDER_ROLE = `arn:aws:iam::${ACCOUNT}:role/oky-image-builder`;

export interface Component {
  /** The manifest's service and image name, and the container's. */
  name: 'api' | 'cms';
  repository: string;
  family: string;
  service: string;
  host: string;
  envFile: string;
}

export const COMPONENTS: Component[] = (['api', 'cms'] as const).map((name) => ({
  name,
  repository: `oky/${name}_en`,
  family: `project-oky-ecs-${name}-task`,
  service: `project-oky-ecs-${name}-task-service-${name === 'api' ? '1lehr9r5' : 'smibyuqs'}`,
  host: `${name}.oky.example.com`,
  envFile: `project_oky_${name}_task_configuration.env`,
}));

/** A JSON file of the example. */
export function exampleJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(join(EXAMPLE, path), 'utf8')) as T;
}

/**
 * Who may assume the roles. `files`: the trust policies of the example's iam/ folder. `repository`: any job of the
 * repository — for runners such as act, which cannot give each job an OIDC token of its own environment and
 * workflow. The permission policies are the iam/ folder's either way.
 */
export type Trust = 'files' | 'repository';

const ANY_JOB_OF_THE_REPOSITORY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': `repo:${REPOSITORY}:*` },
      },
    },
  ],
};

/** A role of the example's iam/ folder, as the seed takes it. */
function role(name: string, policy: string, trust: Trust): unknown {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    trustPolicy: trust === 'files' ? exampleJson(`iam/${name}/trust-policy.json`) : ANY_JOB_OF_THE_REPOSITORY,
    policies: [exampleJson(`iam/${name}/${policy}`)],
  };
}

/** The task-definition template of a component, rendered as the team registered it for `image`. */
export function registeredTaskDefinition(component: Component, image: string): Record<string, unknown> {
  const text = readFileSync(join(EXAMPLE, 'deploy', 'taskdefs', `${component.name}.json`), 'utf8')
    .replaceAll('{{ account-id }}', ACCOUNT)
    .replaceAll('{{ region }}', REGION);
  const def = JSON.parse(text) as { containerDefinitions: { image: string }[] };
  def.containerDefinitions[0]!.image = image;
  return { ...def, account: ACCOUNT, region: REGION };
}

/** `<host>/<account>/<region>/<repository>`, the simulator's repositoryUri. */
export function repositoryUri(sim: SimHandle, repository: string): string {
  return `${new URL(sim.url).host}/${ACCOUNT}/${REGION}/${repository}`;
}

/** A session of a seeded role, as the simulator issues one (the testkit's way, with no AWS call logged). */
async function session(
  sim: SimHandle,
  roleArn: string,
): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken: string }> {
  const res = await fetch(`${sim.url}/_sim/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roleArn, sessionName: 'image-build' }),
  });
  if (!res.ok) throw new Error(`no session of ${roleArn}: ${res.status} ${await res.text()}`);
  const s = (await res.json()) as { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  return { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken };
}

/**
 * What the team's container build does, under the image builder role (its policy is enforced on the registry's
 * calls too): pushes each component's image for `release` under `tag`. Returns the digests by component.
 */
export async function pushRelease(
  sim: SimHandle,
  tag: string,
  release: string,
): Promise<Record<Component['name'], string>> {
  const ecr = new ECRClient({
    endpoint: sim.url,
    region: REGION,
    credentials: await session(sim, BUILDER_ROLE),
  });
  try {
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    const [username, password] = Buffer.from(data.authorizationToken!, 'base64').toString('utf8').split(':');
    const digests = {} as Record<Component['name'], string>;
    for (const c of COMPONENTS) {
      const pushed = await pushImage({
        registryUrl: data.proxyEndpoint!,
        repository: `${ACCOUNT}/${REGION}/${c.repository}`,
        tags: [tag],
        auth: { username: username!, password: password! },
        files: { 'release.txt': `oky ${c.name} ${release}\n` },
      });
      digests[c.name] = pushed.digest;
    }
    return digests;
  } finally {
    ecr.destroy();
  }
}

/** Seeds the system; the services run `previous` (a tag pushed to both repositories) and start steady. */
export async function seedSystem(sim: SimHandle, previous: string, trust: Trust = 'files'): Promise<void> {
  const where = { account: ACCOUNT, region: REGION };
  await sim.seed({
    roles: [
      role('oky-image-builder', 'image-builder-policy.json', trust),
      role('oky-service-updater', 'service-updater-policy.json', trust),
    ],
    repositories: COMPONENTS.map((c) => ({ name: c.repository, imageTagMutability: 'IMMUTABLE', ...where })),
    logGroups: COMPONENTS.map((c) => ({ name: `/ecs/${c.family}`, ...where })),
    buckets: [
      {
        name: CONFIG_BUCKET,
        account: ACCOUNT,
        objects: Object.fromEntries(
          COMPONENTS.map((c) => [c.envFile, `NODE_ENV=production\nDATABASE_HOST=db.oky.internal\n`]),
        ),
      },
    ],
    clusters: [{ name: CLUSTER, ...where }],
  });
  await pushRelease(sim, previous, previous);
  await sim.seed({
    taskDefinitions: COMPONENTS.map((c) =>
      registeredTaskDefinition(c, `${repositoryUri(sim, c.repository)}:${previous}`),
    ),
    services: COMPONENTS.map((c) => ({
      cluster: CLUSTER,
      serviceName: c.service,
      taskDefinition: c.family,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'],
          securityGroups: [`sg-${c.name}`],
        },
      },
      deploymentConfiguration: {
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      },
      ...where,
    })),
    fronts: COMPONENTS.map((c) => ({ host: c.host, cluster: CLUSTER, service: c.service, ...where })),
  });
}
