import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../errors/configuration-error';
import type { CallBudget } from '../runner/call-budget';
import { arnParts } from '../inputs/arn';
import type { TargetInputs } from '../inputs/aws-inputs';
import type { LogsClientFor } from '../logs/task-logs';
import { authenticate, type AwsSession } from './auth/authenticate';
import { type ExpectedAccount, manifestAccount, refuseOtherAccount } from './expected-account';

/** The AWS clients of a deploy or a rollback, all on one session (renewed before it expires). */
export interface EcsClients {
  region: string;
  accountId: string;
  ecs: ECSClient;
  ecr: ECRClient;
  /** ECR in a region (an image's repository may live in another one than the tasks run in). */
  ecrFor: (region: string) => ECRClient;
  /** CloudWatch Logs in a region (a container may log to another one than the task runs in). */
  logsFor: LogsClientFor;
}

export interface ConnectOptions {
  region: string | undefined;
  roleToAssume: string | undefined;
  audience: string;
  roleDurationSeconds?: number | undefined;
  /**
   * The account the credentials must belong to (a manifest environment's `account-id`): anything else fails
   * before any other call, naming `input` and where the expectation came from.
   */
  expectedAccount?: ExpectedAccount | undefined;
  /**
   * ARNs the inputs give (a cluster, a service, a task definition): one of another account or region than the
   * session's fails before any call but authentication's, naming its input and both accounts or regions.
   */
  arns?: readonly { value: string; input: string }[] | undefined;
  /** The run's budget (`ActionContext.budget`): every call is aborted on a cancel and at its phase's deadline. */
  budget?: CallBudget | undefined;
}

/** The cluster and service of each target as ARNs to check: named by `cluster`/`service`, or by `manifest`. */
export function serviceArns(
  targets: readonly { cluster: string; service: string }[],
  fromManifest: boolean,
): { value: string; input: string }[] {
  return targets.flatMap((t) => [
    { value: t.cluster, input: fromManifest ? 'manifest' : 'cluster' },
    { value: t.service, input: fromManifest ? 'manifest' : 'service' },
  ]);
}

/** The problem with an ARN an input gives for a session of `accountId` in `region`, if any. */
export function foreignArnProblem(
  arn: { value: string; input: string },
  session: { accountId: string; region: string },
): ConfigurationError | undefined {
  const scope = arnParts(arn.value);
  if (scope === undefined) return undefined;
  if (scope.account !== session.accountId) {
    return new ConfigurationError(
      `Input "${arn.input}" names ${arn.value}, of account ${scope.account}, but the AWS credentials belong to account ${session.accountId}: deploy to another account with that account's role-to-assume.`,
      { input: arn.input },
    );
  }
  if (scope.region !== '' && scope.region !== session.region) {
    return new ConfigurationError(
      `Input "${arn.input}" names ${arn.value}, in region ${scope.region}, but the run is in region ${session.region}: set aws-region to ${scope.region}.`,
      { input: arn.input },
    );
  }
  return undefined;
}

/**
 * Attempts per AWS call. A deploy runs for minutes and must ride out throttling (the watcher also outlasts a
 * call that fails after all of them).
 */
const MAX_ATTEMPTS = 8;

/** A client per region, made on first use. */
export function perRegion<C>(make: (region: string | undefined) => C): (region: string | undefined) => C {
  const made = new Map<string, C>();
  return (region) => {
    const key = region ?? '';
    let client = made.get(key);
    if (client === undefined) {
      client = make(region);
      made.set(key, client);
    }
    return client;
  };
}

/** The ECS, ECR and Logs clients of a session. */
export function ecsClientsFor(session: AwsSession): EcsClients {
  return {
    region: session.region,
    accountId: session.accountId,
    ecs: session.client(ECSClient),
    ecr: session.client(ECRClient),
    ecrFor: perRegion((region) => session.client(ECRClient, region === undefined ? {} : { region })),
    logsFor: perRegion((region) =>
      session.client(CloudWatchLogsClient, region === undefined ? {} : { region }),
    ),
  };
}

/** The connect options of an action's target inputs: a manifest environment's `account-id` is enforced. */
export function connectOptions(target: TargetInputs): ConnectOptions {
  return {
    region: target.awsRegion,
    roleToAssume: target.roleToAssume,
    audience: target.audience,
    roleDurationSeconds: target.roleDurationSeconds,
    expectedAccount: manifestAccount(target.environment, target.accountId),
  };
}

/**
 * Authenticates (GitHub OIDC when a role is given, else ambient credentials) and checks the account: the session
 * the clients are made on.
 */
export async function connectSession(options: ConnectOptions): Promise<AwsSession> {
  const session = await authenticate({
    region: options.region,
    roleToAssume: options.roleToAssume,
    audience: options.audience,
    roleDurationSeconds: options.roleDurationSeconds,
    maxAttempts: MAX_ATTEMPTS,
    budget: options.budget,
  });
  refuseOtherAccount(session.accountId, options.expectedAccount);
  for (const arn of options.arns ?? []) {
    const problem = foreignArnProblem(arn, session);
    if (problem !== undefined) throw problem;
  }
  return session;
}

/** Authenticates and makes the ECS, ECR and Logs clients (what a rollback needs). */
export async function connectEcsClients(options: ConnectOptions): Promise<EcsClients> {
  return ecsClientsFor(await connectSession(options));
}
