import * as core from '@actions/core';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { fromAwsError } from '../../errors/aws-operation-error';
import { ConfigurationError } from '../../errors/configuration-error';
import { arnParts } from '../../inputs/arn';
import { systemClock, type Clock } from '../../poll/clock';
import type { CallBudget } from '../../runner/call-budget';
import { maskSecret } from '../../runner/mask';
import { createClient, type AwsClientConstructor, type ClientOptions } from '../create-client';
import { resolveRegion } from '../region';
import { assumeRole, assumeRoleWithWebIdentity, type LoadedCredentials } from './assume-role';
import { CredentialCache, type SessionCredentialsProvider } from './credential-cache';
import { addExpiredTokenRetry, type ClientWithMiddleware } from './expired-token-retry';
import { requestIdToken, type IdTokenSource } from './id-token';
import { checkRoleSessionName, defaultRoleSessionName } from './session-name';
import { messageOf } from '../../runner/describe-error';

export interface AuthenticateOptions {
  /** The `aws-region` input; else `AWS_REGION` / `AWS_DEFAULT_REGION`. */
  region?: string | undefined;
  /** A role to assume with the job's GitHub OIDC token; without one, the ambient credential chain is used. */
  roleToAssume?: string | undefined;
  /** The OIDC token's audience (default `sts.amazonaws.com`). */
  audience?: string | undefined;
  /** Default `ecs-delivery-<run id>-<attempt>-<job>` (see {@link defaultRoleSessionName}). */
  roleSessionName?: string | undefined;
  /** 900–43200 (default 3600). Chained roles get at most 3600, as AWS allows. */
  roleDurationSeconds?: number | undefined;
  /** Further roles to assume in turn after `roleToAssume` (or the ambient credentials), e.g. cross-account. */
  roleChain?: readonly string[] | undefined;
  /** Refuse (with a `ConfigurationError`) credentials of any other account. */
  allowedAccountIds?: readonly string[] | undefined;
  /** Mask the account id in the log too. */
  maskAccountId?: boolean | undefined;
  /**
   * Write `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` and `AWS_REGION` to `GITHUB_ENV`
   * for later steps. Off by default: credentials stay in memory. Exported credentials are not renewed.
   */
  exportCredentials?: boolean | undefined;
  /** Attempts per AWS call for the session's clients (default 5). */
  maxAttempts?: number | undefined;
  /**
   * The run's budget (`ActionContext.budget`): every call of the session — authentication, renewals, its
   * clients' — is aborted on a cancel and at its phase's deadline.
   */
  budget?: CallBudget | undefined;
  /** For tests: the clock renewals are timed by. */
  clock?: Clock | undefined;
  /** For tests: where ID tokens come from (default `core.getIDToken`). */
  idTokenSource?: IdTokenSource | undefined;
}

/** Authenticated AWS access for one job: hand `credentials` or `client(...)` to the code that calls AWS. */
export interface AwsSession {
  readonly region: string;
  readonly accountId: string;
  /** The caller's ARN (an assumed-role ARN with OIDC). */
  readonly arn: string;
  /** A provider SDK clients call for every request; it renews the session before it expires. */
  readonly credentials: SessionCredentialsProvider;
  /**
   * A client on this session ({@link createClient} with the session's region and credentials) that also
   * renews the credentials and retries once when a call fails with `ExpiredToken(Exception)`.
   */
  client<C extends ClientWithMiddleware & { config: { serviceId?: string }; destroy(): void }>(
    Ctor: AwsClientConstructor<C>,
    extra?: Omit<ClientOptions, 'credentials'>,
  ): C;
}

const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
const CHAINED_MAX_SECONDS = 3600;

function checkDuration(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43_200) {
    throw ConfigurationError.invalidInput(
      'role-duration-seconds',
      'a whole number from 900 to 43200',
      String(seconds),
    );
  }
  return seconds;
}

/** Loads ambient credentials (environment, profile, container, instance) and masks them. */
function ambientLoader(): (reason: 'initial' | 'renewal') => Promise<LoadedCredentials> {
  const chain: AwsCredentialIdentityProvider = fromNodeProviderChain();
  return async (reason) => {
    let identity: AwsCredentialIdentity;
    try {
      identity = await chain(reason === 'renewal' ? { forceRefresh: true } : undefined);
    } catch (err) {
      throw new ConfigurationError(
        'No AWS credentials: give "role-to-assume" to use GitHub OIDC (recommended), or provide credentials ' +
          `in the environment. (${messageOf(err)})`,
        { input: 'role-to-assume', cause: err },
      );
    }
    maskSecret(identity.accessKeyId);
    maskSecret(identity.secretAccessKey);
    maskSecret(identity.sessionToken);
    const expiresAt = identity.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
    return { identity, renewAt: expiresAt - 5 * 60_000, expiresAt };
  };
}

/**
 * Authenticates to AWS once per job and returns an {@link AwsSession}.
 *
 * With `roleToAssume`: a GitHub OIDC token (audience `sts.amazonaws.com`) → AssumeRoleWithWebIdentity, then
 * each role of `roleChain` with AssumeRole. Without it: the ambient credential chain, then `roleChain`.
 * Then one GetCallerIdentity learns the account and enforces `allowedAccountIds`. Every key and token is
 * masked as soon as it exists, before anything is logged. The session renews itself (with a fresh ID
 * token) before it expires, measured on the server's clock.
 */
export async function authenticate(options: AuthenticateOptions = {}): Promise<AwsSession> {
  const region = resolveRegion(options.region);
  const clock = options.clock ?? systemClock;
  const duration = checkDuration(options.roleDurationSeconds ?? 3600);
  const sessionName =
    options.roleSessionName === undefined
      ? defaultRoleSessionName()
      : checkRoleSessionName(options.roleSessionName);
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const chain = options.roleChain ?? [];
  const roleToAssume = options.roleToAssume;
  if (options.maskAccountId === true) {
    for (const arn of [roleToAssume, ...chain])
      maskSecret(arn === undefined ? undefined : arnParts(arn)?.account);
  }
  const budget = options.budget;
  const sts = { region, clock, maxAttempts: options.maxAttempts, budget };

  const base =
    roleToAssume === undefined
      ? ambientLoader()
      : async (): Promise<LoadedCredentials> => {
          const fetchToken = (): Promise<string> =>
            requestIdToken(audience, roleToAssume, options.idTokenSource);
          const token = await (budget === undefined ? fetchToken() : budget.call(fetchToken));
          maskSecret(token);
          return assumeRoleWithWebIdentity({
            ...sts,
            roleArn: roleToAssume,
            sessionName,
            durationSeconds: duration,
            token,
          });
        };
  const load = async (reason: 'initial' | 'renewal'): Promise<LoadedCredentials> => {
    let loaded = await base(reason);
    let fromArn = roleToAssume ?? 'the ambient credentials';
    for (const roleArn of chain) {
      const durationSeconds = Math.min(duration, CHAINED_MAX_SECONDS);
      loaded = await assumeRole({
        ...sts,
        roleArn,
        sessionName,
        durationSeconds,
        credentials: loaded.identity,
        fromArn,
      });
      fromArn = roleArn;
    }
    if (reason === 'renewal') core.info('Renewed the AWS session.');
    return loaded;
  };

  const cache = new CredentialCache(load, clock);
  const identity = await cache.get();
  const caller = await callerIdentity(region, cache.provider, options.maxAttempts, budget);
  if (options.maskAccountId === true) maskSecret(caller.accountId);

  const allowed = options.allowedAccountIds ?? [];
  if (allowed.length > 0 && !allowed.includes(caller.accountId)) {
    throw new ConfigurationError(
      `The AWS credentials belong to account ${caller.accountId}, which is not in allowed-account-ids ` +
        `(${allowed.join(', ')}).`,
      { input: 'allowed-account-ids' },
    );
  }
  if (options.exportCredentials === true) exportCredentials(region, identity);
  core.info(`Authenticated to AWS account ${caller.accountId} as ${caller.arn} in ${region}.`);

  return {
    region,
    accountId: caller.accountId,
    arn: caller.arn,
    credentials: cache.provider,
    client(Ctor, extra = {}) {
      const client = createClient(Ctor, {
        region,
        maxAttempts: options.maxAttempts,
        budget,
        ...extra,
        credentials: cache.provider,
      });
      addExpiredTokenRetry(client, cache);
      return client;
    },
  };
}

async function callerIdentity(
  region: string,
  credentials: AwsCredentialIdentityProvider,
  maxAttempts: number | undefined,
  budget: CallBudget | undefined,
): Promise<{ accountId: string; arn: string }> {
  const sts = createClient(STSClient, { region, credentials, maxAttempts, budget });
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    if (out.Account === undefined || out.Arn === undefined)
      throw new Error('GetCallerIdentity returned no account');
    return { accountId: out.Account, arn: out.Arn };
  } catch (err) {
    throw fromAwsError(err, 'sts:GetCallerIdentity');
  } finally {
    sts.destroy();
  }
}

/** Writes the (already masked) credentials to `GITHUB_ENV` for later steps. */
function exportCredentials(region: string, identity: AwsCredentialIdentity): void {
  core.exportVariable('AWS_ACCESS_KEY_ID', identity.accessKeyId);
  core.exportVariable('AWS_SECRET_ACCESS_KEY', identity.secretAccessKey);
  if (identity.sessionToken !== undefined) core.exportVariable('AWS_SESSION_TOKEN', identity.sessionToken);
  core.exportVariable('AWS_REGION', region);
  core.exportVariable('AWS_DEFAULT_REGION', region);
}
