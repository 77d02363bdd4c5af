import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { ConfigurationError } from '../errors/configuration-error';
import type { TargetInputs } from '../inputs/aws-inputs';
import type { LogsClientFor } from '../logs/task-logs';
import type { ReferenceClients } from '../preflight/references';
import { authenticate, type AwsSession } from './auth/authenticate';

/** The AWS clients of a deploy or a rollback, all on one session (renewed before it expires). */
export interface DeployClients {
  region: string;
  accountId: string;
  ecs: ECSClient;
  ecr: ECRClient;
  /** ECR in a region (an image's repository may live in another one than the tasks run in). */
  ecrFor: (region: string) => ECRClient;
  /** CloudWatch Logs in a region (a container may log to another one than the task runs in). */
  logsFor: LogsClientFor;
  /** SSM, Secrets Manager and Logs per region, for the preflight of what a task definition references. */
  references: ReferenceClients;
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
  expectedAccount?: { id: string; source: string; input: string } | undefined;
}

/**
 * Attempts per AWS call. A deploy runs for minutes and must ride out throttling (the watcher also outlasts a
 * call that fails after all of them).
 */
const MAX_ATTEMPTS = 8;

/** A client per region, made on first use. */
function perRegion<C>(make: (region: string | undefined) => C): (region: string | undefined) => C {
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

export function deployClientsFor(session: AwsSession): DeployClients {
  const logs = perRegion((region) =>
    session.client(CloudWatchLogsClient, region === undefined ? {} : { region }),
  );
  return {
    region: session.region,
    accountId: session.accountId,
    ecs: session.client(ECSClient),
    ecr: session.client(ECRClient),
    ecrFor: perRegion((region) => session.client(ECRClient, region === undefined ? {} : { region })),
    logsFor: logs,
    references: {
      ssm: perRegion((region) => session.client(SSMClient, region === undefined ? {} : { region })),
      secrets: perRegion((region) =>
        session.client(SecretsManagerClient, region === undefined ? {} : { region }),
      ),
      logs,
    },
  };
}

/** The connect options of an action's target inputs: a manifest environment's `account-id` is enforced. */
export function connectOptions(target: TargetInputs): ConnectOptions {
  return {
    region: target.awsRegion,
    roleToAssume: target.roleToAssume,
    audience: target.audience,
    roleDurationSeconds: target.roleDurationSeconds,
    expectedAccount:
      target.accountId === undefined
        ? undefined
        : {
            id: target.accountId,
            source: `environment "${target.environment ?? ''}" of the manifest`,
            input: 'manifest',
          },
  };
}

/** Authenticates (GitHub OIDC when a role is given, else ambient credentials) and makes the clients. */
export async function connectDeployClients(options: ConnectOptions): Promise<DeployClients> {
  const session = await authenticate({
    region: options.region,
    roleToAssume: options.roleToAssume,
    audience: options.audience,
    roleDurationSeconds: options.roleDurationSeconds,
    maxAttempts: MAX_ATTEMPTS,
  });
  const expected = options.expectedAccount;
  if (expected !== undefined && session.accountId !== expected.id) {
    throw new ConfigurationError(
      `The AWS credentials belong to account ${session.accountId}, but ${expected.source} is account ${expected.id}: check role-to-assume.`,
      { input: expected.input },
    );
  }
  return deployClientsFor(session);
}
