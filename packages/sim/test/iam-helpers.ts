import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { RunningSimulator } from '../src';

export { startSimulator, type RunningSimulator } from '../src';

/** The accounts of the IAM tests: staging deploys from one, prod is another. */
export const STAGING = '111111111111';
export const PROD = '222222222222';
export const REGION = 'us-east-1';

export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** A trust policy that lets the static `test` key (account 000000000000) assume the role. */
export const trustsTestKey = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '000000000000' }, Action: 'sts:AssumeRole' }],
};

/** A role seed entry: `name` in `account`, assumable with the `test` key, with these permission policies. */
export function role(name: string, account: string, policies?: unknown[]): Record<string, unknown> {
  return { name, account, trustPolicy: trustsTestKey, ...(policies ? { policies } : {}) };
}

/** A policy document of these statements. */
export const policy = (...Statement: Record<string, unknown>[]): Record<string, unknown> => ({
  Version: '2012-10-17',
  Statement,
});

/** Assumes a role with the static `test` key and answers the session's credentials. */
export async function assume(
  sim: RunningSimulator,
  roleArn: string,
  sessionName = 'gha-run',
): Promise<Session> {
  const sts = new STSClient({
    endpoint: sim.url,
    region: REGION,
    maxAttempts: 1,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }));
  sts.destroy();
  return {
    accessKeyId: out.Credentials!.AccessKeyId!,
    secretAccessKey: out.Credentials!.SecretAccessKey!,
    sessionToken: out.Credentials!.SessionToken!,
  };
}

/** The configuration of an SDK client on the simulator, without retries. */
export function config(
  sim: RunningSimulator,
  credentials: Session | { accessKeyId: string; secretAccessKey: string },
): { endpoint: string; region: string; maxAttempts: number; credentials: typeof credentials } {
  return { endpoint: sim.url, region: REGION, maxAttempts: 1, credentials };
}

/** The error a call fails with: its name (the AWS error code), message and HTTP status. */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return {
      name: e.name,
      message: e.message,
      ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}),
    };
  }
  throw new Error('expected the call to fail');
}

/** IAM's message for a call no identity-based policy allows. */
export const notAllowed = (principal: string, action: string, resource: string): string =>
  `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
