/**
 * One ECS/ECR/STS/Logs call sequence made with the real AWS SDK v3 clients, the way the actions use them. It is
 * run against the simulator (aws-sequence.test.ts) and against moto server (moto.conformance.test.ts), so the
 * same inputs are judged by two independent implementations.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { STSClient } from '@aws-sdk/client-sts';
import { ecrSteps } from './aws-sequence-ecr';
import { DEFAULT_NETWORK, ecsSteps, type Network } from './aws-sequence-ecs';
import { stsSteps } from './aws-sequence-sts';

export interface SequenceOptions {
  endpoint: string;
  /** A GitHub OIDC token (a JWT) for AssumeRoleWithWebIdentity into CI_ROLE (aws-sequence-sts.ts). */
  webIdentityToken: string;
  region?: string;
  /** SDK attempts per call (1 makes a missing operation fail fast). */
  maxAttempts?: number;
  /** Names are suffixed with this so a sequence can run twice against one server. */
  suffix?: string;
  /** Subnets and security groups for awsvpc (default: ids the simulator accepts as they are). */
  network?: Network;
  /** Called after CreateService, e.g. to move a simulator's clock on so its first deployment completes. */
  afterCreateService?: () => Promise<void>;
  /** Called after RunTask, e.g. to move a simulator's clock on so the task has run and logged. */
  afterRunTask?: () => Promise<void>;
}

export interface StepResult {
  /** `<service>:<Action>`, plus a label when one action is called more than once. */
  name: string;
  service: 'sts' | 'ecr' | 'ecs' | 'logs';
  action: string;
  /** What this call of the action is for, when the sequence calls it more than once. */
  label?: string;
  ok: boolean;
  /** The AWS error code the step expects (the call must fail with exactly it), if any. */
  expectedError?: string;
  /** Why the result depends on simulated behaviour (a task really running), not just on the API. */
  needsBehaviour?: string;
  errorName?: string;
  errorMessage?: string;
  httpStatus?: number;
  output?: unknown;
}

export interface Clients {
  sts: STSClient;
  ecr: ECRClient;
  ecs: ECSClient;
  logs: CloudWatchLogsClient;
}

/** Records every call; a failed call is recorded, not thrown, so the sequence always runs to the end. */
export class Recorder {
  readonly results: StepResult[] = [];

  async call<T>(
    service: StepResult['service'],
    action: string,
    send: () => Promise<T>,
    options: { label?: string; expectedError?: string; needsBehaviour?: string } = {},
  ): Promise<T | undefined> {
    const name = `${service}:${action}${options.label ? ` (${options.label})` : ''}`;
    const base = {
      name,
      service,
      action,
      ...(options.label ? { label: options.label } : {}),
      ...(options.expectedError ? { expectedError: options.expectedError } : {}),
      ...(options.needsBehaviour ? { needsBehaviour: options.needsBehaviour } : {}),
    };
    try {
      const output = await send();
      this.results.push({ ...base, ok: options.expectedError === undefined, output });
      return output;
    } catch (err) {
      const e = err as Error & { $metadata?: { httpStatusCode?: number } };
      this.results.push({
        ...base,
        ok: options.expectedError !== undefined && e.name === options.expectedError,
        errorName: e.name,
        errorMessage: e.message.slice(0, 300),
        ...(e.$metadata?.httpStatusCode !== undefined ? { httpStatus: e.$metadata.httpStatusCode } : {}),
      });
      return undefined;
    }
  }
}

export function makeClients(options: SequenceOptions): Clients {
  const config = {
    endpoint: options.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: options.maxAttempts ?? 3,
  };
  return {
    sts: new STSClient(config),
    ecr: new ECRClient(config),
    ecs: new ECSClient(config),
    logs: new CloudWatchLogsClient(config),
  };
}

export async function runAwsSequence(options: SequenceOptions): Promise<StepResult[]> {
  const clients = makeClients(options);
  const rec = new Recorder();
  const suffix = options.suffix ?? '';
  try {
    await stsSteps(clients, rec, {
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      maxAttempts: options.maxAttempts ?? 3,
      webIdentityToken: options.webIdentityToken,
    });
    const image = await ecrSteps(clients, rec, { endpoint: options.endpoint, suffix });
    await ecsSteps(clients, rec, {
      suffix,
      image,
      network: options.network ?? DEFAULT_NETWORK,
      ...(options.afterCreateService ? { afterCreateService: options.afterCreateService } : {}),
      ...(options.afterRunTask ? { afterRunTask: options.afterRunTask } : {}),
    });
  } finally {
    for (const client of Object.values(clients)) client.destroy();
  }
  return rec.results;
}

/** A one-line-per-step report for a failing assertion. */
export function describeResults(results: StepResult[]): string {
  return results
    .map((r) =>
      r.ok
        ? `  ok   ${r.name}`
        : `  FAIL ${r.name}: ${r.errorName ?? 'succeeded'}${r.expectedError ? ` (expected ${r.expectedError})` : ''}` +
          `${r.errorMessage ? ` — ${r.errorMessage}` : ''}`,
    )
    .join('\n');
}
