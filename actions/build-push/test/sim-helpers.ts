import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { pushImage } from '@ecs-delivery/sim';
import { startSim, type ActionRun, type SimHandle, type StartSimOptions } from '@ecs-delivery/testkit';

export const ACCOUNT = '000000000000';
export const OTHER_ACCOUNT = '111111111111';
export const REGION = 'us-east-1';

/** An ECR client of the simulator for `account` (a 12-digit access key is that account's static key). */
export function ecrOf(sim: SimHandle, account = ACCOUNT): ECRClient {
  return new ECRClient({
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: account === ACCOUNT ? 'test' : account, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/**
 * One simulator for a test file, started before its tests and stopped after; `reset` forgets everything
 * before each test. Returns a getter (the handle exists only once beforeAll has run).
 */
export function useSim(options: StartSimOptions & { reset?: boolean } = {}): () => SimHandle {
  let sim: SimHandle | undefined;
  beforeAll(async () => {
    sim = await startSim(options);
  });
  afterAll(async () => {
    await sim?.stop();
  });
  if (options.reset !== false) {
    beforeEach(async () => {
      await sim!.reset();
    });
  }
  return () => sim!;
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

/** Pushes a small image over the registry API (no container engine) and returns its digest. */
export async function seedImage(
  sim: SimHandle,
  repository: string,
  tags: string[],
  options: { account?: string; content?: string } = {},
): Promise<string> {
  const account = options.account ?? ACCOUNT;
  const { registryUrl, username, password } = await registryLogin(sim, account);
  const pushed = await pushImage({
    registryUrl,
    repository: `${account}/${REGION}/${repository}`,
    tags,
    auth: { username, password },
    files: { 'app.txt': options.content ?? `${repository} ${tags.join(',')}\n` },
  });
  return pushed.digest;
}

/** The simulator's repositoryUri of a repository. */
export function uriOf(sim: SimHandle, repository: string, account = ACCOUNT): string {
  return `${new URL(sim.url).host}/${account}/${REGION}/${repository}`;
}

/** What a person reads of a run: the log of both steps, the annotations. */
export function visible(run: ActionRun): string {
  return [run.log, run.postLog, ...run.annotations.map((a) => `${a.title ?? ''}: ${a.message}`)].join('\n');
}

/** A trust policy letting any workflow of acme/shop assume a role of `account` through GitHub OIDC. */
export function oidcTrust(account: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:*' },
        },
      },
    ],
  };
}
