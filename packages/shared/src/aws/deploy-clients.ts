import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { ReferenceClients } from '../preflight/references';
import type { AwsSession } from './auth/authenticate';
import {
  connectSession,
  ecsClientsFor,
  perRegion,
  type ConnectOptions,
  type EcsClients,
} from './ecs-clients';

/** The clients of a deploy: those of a rollback, and what the preflight of a task definition's references needs. */
export interface DeployClients extends EcsClients {
  /** SSM, Secrets Manager and Logs per region, and S3, for the preflight of what a task definition references. */
  references: ReferenceClients;
}

export function deployClientsFor(session: AwsSession): DeployClients {
  const clients = ecsClientsFor(session);
  let s3: S3Client | undefined;
  return {
    ...clients,
    references: {
      ssm: perRegion((region) => session.client(SSMClient, region === undefined ? {} : { region })),
      secrets: perRegion((region) =>
        session.client(SecretsManagerClient, region === undefined ? {} : { region }),
      ),
      logs: clients.logsFor,
      s3: () => (s3 ??= session.client(S3Client)),
    },
  };
}

/** Authenticates and makes the clients of a deploy. */
export async function connectDeployClients(options: ConnectOptions): Promise<DeployClients> {
  return deployClientsFor(await connectSession(options));
}
