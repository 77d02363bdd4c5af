import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import {
  authenticate,
  type AwsSession,
  type LogsClientFor,
  type ReferenceClients,
} from '@ecs-delivery/shared';

/** The AWS clients of one run, all on one session (renewed before it expires). */
export interface Clients {
  region: string;
  accountId: string;
  ecs: ECSClient;
  ecr: ECRClient;
  logsFor: LogsClientFor;
  references: ReferenceClients;
}

export interface ConnectOptions {
  region: string | undefined;
  roleToAssume: string | undefined;
  audience: string;
  roleDurationSeconds?: number | undefined;
}

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

export function clientsFor(session: AwsSession): Clients {
  const at = <C extends Parameters<AwsSession['client']>[0]>(Ctor: C) =>
    perRegion((region) => session.client(Ctor, region === undefined ? {} : { region }) as InstanceType<C>);
  const logs = at(CloudWatchLogsClient);
  return {
    region: session.region,
    accountId: session.accountId,
    ecs: session.client(ECSClient),
    ecr: session.client(ECRClient),
    logsFor: logs,
    references: { ssm: at(SSMClient), secrets: at(SecretsManagerClient), logs },
  };
}

/**
 * Attempts per AWS call. A deploy runs for minutes and must ride out throttling; the watcher also outlasts
 * a call that fails after all of them.
 */
const MAX_ATTEMPTS = 8;

/** Authenticates (GitHub OIDC when a role is given, else ambient credentials) and makes the clients. */
export async function connect(options: ConnectOptions): Promise<Clients> {
  const session = await authenticate({
    region: options.region,
    roleToAssume: options.roleToAssume,
    audience: options.audience,
    roleDurationSeconds: options.roleDurationSeconds,
    maxAttempts: MAX_ATTEMPTS,
  });
  return clientsFor(session);
}
