import { STSClient, type Credentials } from '@aws-sdk/client-sts';
import type { RunningSimulator } from '../src';

export { startSimulator, type RunningSimulator } from '../src';

/** A GitHub OIDC provider ARN in an account, as trust policies name it. */
export const providerArn = (account: string): string =>
  `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`;

/** A trust policy for GitHub OIDC with the given Condition block. */
export function githubTrust(
  account: string,
  condition: Record<string, Record<string, string | string[]>>,
): unknown {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn(account) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  };
}

/** Registers a run with the simulator's GitHub and fetches its ID token over HTTP, as the runner's client does. */
export async function fetchIdToken(
  sim: RunningSimulator,
  context: Record<string, unknown>,
  audience = 'sts.amazonaws.com',
): Promise<string> {
  const reg = await fetch(`${sim.url}/_sim/oidc/contexts`, { method: 'POST', body: JSON.stringify(context) });
  expect(reg.status).toBe(200);
  const { requestToken, requestUrl } = (await reg.json()) as { requestToken: string; requestUrl: string };
  const res = await fetch(`${requestUrl}&audience=${encodeURIComponent(audience)}`, {
    headers: { Authorization: `Bearer ${requestToken}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: string }).value;
}

/** The payload of a JWT, unverified. */
export function jwtClaims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function stsClient(
  sim: RunningSimulator,
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): STSClient {
  return new STSClient({
    endpoint: sim.url,
    region: 'us-east-1',
    maxAttempts: 1,
    ...(credentials ? { credentials } : {}),
  });
}

/** Credentials of an STS response, in the shape SDK clients take. */
export function asCredentials(creds: Credentials | undefined): {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
} {
  return {
    accessKeyId: creds!.AccessKeyId!,
    secretAccessKey: creds!.SecretAccessKey!,
    sessionToken: creds!.SessionToken!,
  };
}
