import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  waitUntilStackCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { pushImage } from '@ecs-delivery/sim';
import { REPO_ROOT, type SimHandle, githubOidcTrust } from '@ecs-delivery/testkit';

/**
 * The Dougust backend of examples/cdk-backend as it stands before its first delivery: one AWS account with the
 * GitHub OIDC provider, the five roles of iam/ (trust and permission policies, enforced by the simulator), the
 * secrets the team put in Secrets Manager per environment, and the CDK bootstrap stack an administrator made
 * once. Everything else (registry, clusters, services, log groups, task roles) comes from the CDK app.
 */
export const EXAMPLE = join(REPO_ROOT, 'examples', 'cdk-backend');
export const REPOSITORY = 'dougust/backend';
export const ACCOUNT = '444444444444';
export const REGION = 'us-east-1';
export const IMAGE_REPOSITORY = 'dougust-backend';

export interface Environment {
  /** The manifest environment. */
  name: string;
  /** The GitHub environment of its jobs. */
  githubEnvironment: string;
  /** The API's host behind the environment's load balancer. */
  host: string;
  desiredCount: number;
}

export const ENVIRONMENTS: Environment[] = [
  { name: 'staging', githubEnvironment: 'staging', host: 'api.staging.dougust.example', desiredCount: 2 },
  { name: 'prod', githubEnvironment: 'production', host: 'api.dougust.example', desiredCount: 4 },
];

export const clusterOf = (env: Environment): string => `dougust-${env.name}`;
export const SERVICE = 'backend';

/** A role of iam/: its folder holds trust-policy.json and one file per permission policy. */
export interface RoleFiles {
  name: string;
  trustPolicy: unknown;
  policies: Record<string, unknown>;
}

export function roleFiles(): RoleFiles[] {
  const iam = join(EXAMPLE, 'iam');
  return readdirSync(iam).map((name) => {
    const read = (file: string): unknown => JSON.parse(readFileSync(join(iam, name, file), 'utf8'));
    const files = readdirSync(join(iam, name)).filter((f) => f !== 'trust-policy.json');
    return {
      name,
      trustPolicy: read('trust-policy.json'),
      policies: Object.fromEntries(files.map((f) => [f.replace(/\.json$/, ''), read(f)])),
    };
  });
}

/**
 * Who may assume a role. `committed`: the trust policies of iam/ as they are. `repository`: any job of the
 * repository running any workflow — for act, whose one OIDC token serves every job of a run, so it cannot
 * stand for each job's own environment and workflow. The permission policies are the same either way.
 */
export type Trust = 'committed' | 'repository';

function trustOf(role: RoleFiles, trust: Trust): unknown {
  if (trust === 'committed') return role.trustPolicy;
  return githubOidcTrust(ACCOUNT, `repo:${REPOSITORY}:*`);
}

/** Seeds the roles of iam/ and each environment's secrets. */
export async function seedAccount(sim: SimHandle, trust: Trust): Promise<void> {
  const where = { account: ACCOUNT, region: REGION };
  await sim.seed({
    roles: roleFiles().map((role) => ({
      name: role.name,
      account: ACCOUNT,
      trustPolicy: trustOf(role, trust),
      policies: Object.values(role.policies),
    })),
    secrets: ENVIRONMENTS.flatMap((env) => [
      {
        name: `${env.name}/dougust/database-url`,
        value: `postgres://dougust:${env.name}-password@db.${env.name}.internal:5432/dougust`,
        ...where,
      },
      { name: `${env.name}/dougust/jwt-secret`, value: `${env.name}-jwt-secret-value`, ...where },
      { name: `${env.name}/dougust/jwt-refresh-secret`, value: `${env.name}-jwt-refresh-value`, ...where },
    ]),
  });
}

/**
 * What `cdk bootstrap aws://444444444444/us-east-1` does, run once by an administrator: the CDKToolkit stack from
 * the bootstrap template cdk-deploy carries (staging bucket and repository, the deploy, lookup and publishing
 * roles, the version parameter), created with the account's own keys.
 */
export async function bootstrapAsAdministrator(sim: SimHandle): Promise<void> {
  const cfn = new CloudFormationClient({
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'administrator' },
  });
  try {
    const template = readFileSync(
      join(REPO_ROOT, 'actions', 'cdk-deploy', 'dist', 'bootstrap-template.yaml'),
      'utf8',
    );
    await cfn.send(
      new CreateStackCommand({
        StackName: 'CDKToolkit',
        TemplateBody: template,
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    );
    await waitUntilStackCreateComplete(
      { client: cfn, maxWaitTime: 120, minDelay: 1, maxDelay: 2 },
      { StackName: 'CDKToolkit' },
    );
  } finally {
    cfn.destroy();
  }
}

/** The load balancer's listener rules, which the simulator does not model: each host to its environment's service. */
export async function seedFronts(sim: SimHandle): Promise<void> {
  await sim.seed({
    fronts: ENVIRONMENTS.map((env) => ({
      host: env.host,
      cluster: clusterOf(env),
      service: SERVICE,
      account: ACCOUNT,
      region: REGION,
    })),
  });
}

/**
 * Pushes a small image into the registry the stack made, as the build would (tagged with the commit's short
 * SHA, so the build workflow finds it and builds nothing); returns its digest.
 */
export async function pushRelease(sim: SimHandle, tag: string, content: string): Promise<string> {
  const ecr = new ECRClient({
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'release' },
  });
  try {
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    const [username, password] = Buffer.from(data.authorizationToken!, 'base64').toString('utf8').split(':');
    const pushed = await pushImage({
      registryUrl: data.proxyEndpoint!,
      repository: `${ACCOUNT}/${REGION}/${IMAGE_REPOSITORY}`,
      tags: [tag],
      auth: { username: username!, password: password! },
      files: { 'release.txt': content },
    });
    return pushed.digest;
  } finally {
    ecr.destroy();
  }
}

/**
 * The caller repository's checkout: the example folder, with infra/node_modules linked to this repository's
 * (where `npm install` would put aws-cdk-lib and constructs).
 */
export function checkout(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'ecs-delivery-cdk-backend-'));
  cpSync(EXAMPLE, workspace, { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(workspace, 'infra', 'node_modules'), 'dir');
  return workspace;
}
