import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  STSClient,
  type Credentials,
} from '@aws-sdk/client-sts';
import type {
  AwsCredentialIdentity,
  DeserializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
} from '@smithy/types';
import { type AwsOperationError, awsErrorCode, fromAwsError } from '../../errors/aws-operation-error';
import type { Clock } from '../../poll/clock';
import type { CallBudget } from '../../runner/call-budget';
import { maskSecret } from '../../runner/mask';
import { createClient } from '../create-client';
import { decodeJwtClaims } from './id-token';
import { localExpiry, renewalTime } from './lifetime';

/** Credentials with when to renew them, on the local clock. */
export interface LoadedCredentials {
  identity: AwsCredentialIdentity;
  /** Local epoch ms after which the credentials should be renewed. */
  renewAt: number;
  /** Local epoch ms when they stop working. */
  expiresAt: number;
}

export interface StsCallOptions {
  region: string;
  clock: Clock;
  maxAttempts?: number | undefined;
  budget?: CallBudget | undefined;
}

/** Adds a middleware to one command that records the `Date` header of its HTTP response. */
function recordServerDate<I extends object, O extends MetadataBearer>(command: {
  middlewareStack: MiddlewareStack<I, O>;
}): () => Date | undefined {
  let date: Date | undefined;
  const middleware: DeserializeMiddleware<I, O> = (next) => async (args) => {
    const result = await next(args);
    const headers = (result.response as { headers?: Record<string, string | undefined> }).headers;
    const value = headers?.['date'] ?? headers?.['Date'];
    if (value !== undefined) date = new Date(value);
    return result;
  };
  command.middlewareStack.add(middleware, { step: 'deserialize', name: 'ecsDeliveryServerDate' });
  return () => date;
}

/** Masks the credentials at once, then converts them; the expiration is moved onto the local clock. */
function toLoaded(
  creds: Credentials | undefined,
  receivedAt: number,
  serverDate: Date | undefined,
): LoadedCredentials {
  if (!creds?.AccessKeyId || !creds.SecretAccessKey) {
    throw new Error('STS returned no credentials');
  }
  maskSecret(creds.AccessKeyId);
  maskSecret(creds.SecretAccessKey);
  maskSecret(creds.SessionToken);
  const expiration = creds.Expiration ?? new Date(receivedAt + 3_600_000);
  const expiresAt = localExpiry(receivedAt, expiration, serverDate);
  const identity: AwsCredentialIdentity = {
    accessKeyId: creds.AccessKeyId,
    secretAccessKey: creds.SecretAccessKey,
    expiration: new Date(expiresAt),
    ...(creds.SessionToken ? { sessionToken: creds.SessionToken } : {}),
  };
  return { identity, renewAt: renewalTime(receivedAt, expiration, serverDate), expiresAt };
}

/** Sends one STS call that returns credentials; `serverDate` reads its response's Date, to time the renewal. */
async function requestCredentials(
  options: StsCallOptions,
  credentials: AwsCredentialIdentity | undefined,
  send: (sts: STSClient) => Promise<{ Credentials?: Credentials | undefined }>,
  serverDate: () => Date | undefined,
  explain: (err: unknown) => AwsOperationError,
): Promise<LoadedCredentials> {
  const sts = createClient(STSClient, {
    region: options.region,
    maxAttempts: options.maxAttempts,
    credentials,
    budget: options.budget,
  });
  try {
    const out = await send(sts);
    return toLoaded(out.Credentials, options.clock.now(), serverDate());
  } catch (err) {
    throw explain(err);
  } finally {
    sts.destroy();
  }
}

/** AssumeRoleWithWebIdentity; the STS client has no credentials (the call is not signed). */
export async function assumeRoleWithWebIdentity(
  options: StsCallOptions & { roleArn: string; sessionName: string; durationSeconds: number; token: string },
): Promise<LoadedCredentials> {
  const command = new AssumeRoleWithWebIdentityCommand({
    RoleArn: options.roleArn,
    RoleSessionName: options.sessionName,
    WebIdentityToken: options.token,
    DurationSeconds: options.durationSeconds,
  });
  return requestCredentials(
    options,
    undefined,
    (sts) => sts.send(command),
    recordServerDate(command),
    (err) => explainWebIdentityError(err, options.roleArn, options.token),
  );
}

/** AssumeRole with the credentials of the previous role in a chain (cross-account). */
export async function assumeRole(
  options: StsCallOptions & {
    roleArn: string;
    sessionName: string;
    durationSeconds: number;
    credentials: AwsCredentialIdentity;
    fromArn: string;
  },
): Promise<LoadedCredentials> {
  const command = new AssumeRoleCommand({
    RoleArn: options.roleArn,
    RoleSessionName: options.sessionName,
    DurationSeconds: options.durationSeconds,
  });
  const serverDate = recordServerDate(command);
  return requestCredentials(
    options,
    options.credentials,
    (sts) => sts.send(command),
    serverDate,
    (err) => {
      const wrapped = fromAwsError(err, 'sts:AssumeRole');
      if (wrapped.code !== 'AccessDenied') return wrapped;
      return wrapped.withMessage(
        `${options.fromArn} is not allowed to assume role ${options.roleArn}: the target role's trust policy ` +
          `must trust ${options.fromArn}, and that role needs sts:AssumeRole on the target. (${wrapped.message})`,
      );
    },
  );
}

/** Turns STS's refusals of a web identity token into messages that say what to fix. */
function explainWebIdentityError(err: unknown, roleArn: string, token: string): AwsOperationError {
  const wrapped = fromAwsError(err, 'sts:AssumeRoleWithWebIdentity');
  const code = awsErrorCode(err) ?? wrapped.code;
  const claims = decodeJwtClaims(token);
  const sub = typeof claims?.['sub'] === 'string' ? claims['sub'] : 'unknown';
  const aud = Array.isArray(claims?.['aud'])
    ? claims['aud'].join(', ')
    : String(claims?.['aud'] ?? 'unknown');
  const workflow = typeof claims?.['job_workflow_ref'] === 'string' ? claims['job_workflow_ref'] : undefined;
  let message: string | undefined;
  if (code === 'AccessDenied') {
    const claimed = workflow === undefined ? '' : `, job_workflow_ref "${workflow}"`;
    message =
      `Not authorized to assume role ${roleArn} with the GitHub OIDC token for sub "${sub}"${claimed} ` +
      `(aud "${aud}"): the role's trust policy did not match this token. Its conditions on ` +
      '"token.actions.githubusercontent.com:sub" (the repository and the environment, branch or pull request) ' +
      'and "token.actions.githubusercontent.com:job_workflow_ref" (the workflow that runs the job) must both ' +
      'match: run the job from the environment and the workflow the role trusts, or change the trust policy ' +
      `(ecs-delivery's docs/iam.md shows one per role). (${wrapped.message})`;
  } else if (code === 'InvalidIdentityToken' || code === 'IDPRejectedClaim') {
    message =
      `STS rejected the GitHub OIDC token for role ${roleArn} (sub "${sub}", aud "${aud}"): ${wrapped.message} ` +
      'Check that the account has an IAM OIDC identity provider for token.actions.githubusercontent.com ' +
      `with the audience "${aud}".`;
  }
  return message === undefined ? wrapped : wrapped.withMessage(message);
}
