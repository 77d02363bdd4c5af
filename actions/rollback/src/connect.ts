import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { authenticate, type AwsSession, type LogsClientFor } from '@ecs-delivery/shared';

/** The AWS clients of one run, all on one session (renewed before it expires). */
export interface Clients {
  region: string;
  ecs: ECSClient;
  ecr: ECRClient;
  /** CloudWatch Logs in a region (a container may log to another one), for explaining a failure. */
  logsFor: LogsClientFor;
}

export interface ConnectOptions {
  region: string | undefined;
  roleToAssume: string | undefined;
  audience: string;
  roleDurationSeconds?: number | undefined;
}

/**
 * Attempts per AWS call. A rollback is what runs when things are already going wrong: it must ride out
 * throttling, and the watcher also outlasts a call that fails after all of them.
 */
const MAX_ATTEMPTS = 8;

export function clientsFor(session: AwsSession): Clients {
  const logs = new Map<string, CloudWatchLogsClient>();
  return {
    region: session.region,
    ecs: session.client(ECSClient),
    ecr: session.client(ECRClient),
    logsFor: (region) => {
      const key = region ?? '';
      let client = logs.get(key);
      if (client === undefined) {
        client = session.client(CloudWatchLogsClient, region === undefined ? {} : { region });
        logs.set(key, client);
      }
      return client;
    },
  };
}

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
