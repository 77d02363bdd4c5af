import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { CallBudget } from '../runner/call-budget';
import { USER_AGENT } from '../version';
import { resolveEndpoint } from './endpoint';
import { resolveRegion } from './region';

/** The attempts (first try included) an AWS call gets under the SDK's standard retry strategy by default. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The longest one attempt of an AWS call may wait for its answer (then it fails with `TimeoutError`, which the
 * SDK's retry strategy retries): ECS, ECR, STS, Logs, SSM and Secrets Manager answer in well under a second.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The longest connecting to an AWS endpoint may take (then `TimeoutError`, retried like a timed-out request). */
export const CONNECTION_TIMEOUT_MS = 10_000;

/** The client configuration ecs-delivery sets; every SDK v3 client accepts it. */
export interface AwsClientConfig {
  region?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  endpoint?: string;
  maxAttempts?: number;
  retryMode?: string;
  customUserAgent?: string;
  /** The SDK's NodeHttpHandler options (the client makes its handler from them). */
  requestHandler?: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
}

/** An SDK v3 client constructor: `ECSClient`, `ECRClient`, `STSClient`, `CloudWatchLogsClient`, … */
export type AwsClientConstructor<C> = new (config: AwsClientConfig) => C;

/** What createClient reads from a client: its service id (`ECS`, `CloudWatch Logs`). */
interface ClientWithServiceId {
  config: { serviceId?: string };
  destroy(): void;
}

export interface ClientOptions {
  /** Else `AWS_REGION` / `AWS_DEFAULT_REGION`; a `ConfigurationError` naming `aws-region` when none is set. */
  region?: string | undefined;
  /** Else the SDK's default chain (use an {@link AwsSession} instead). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  /** Attempts per call under the SDK's standard retry strategy, first try included (default 5). */
  maxAttempts?: number | undefined;
  /** The version in the user agent `ecs-delivery/<version>` (default: this release). */
  userAgentVersion?: string | undefined;
  /** An explicit endpoint; else `AWS_ENDPOINT_URL_<SERVICE>` / `AWS_ENDPOINT_URL` (see {@link resolveEndpoint}). */
  endpoint?: string | undefined;
  /** The most one attempt may wait for its answer (default {@link DEFAULT_REQUEST_TIMEOUT_MS}). */
  requestTimeoutMs?: number | undefined;
  /** The run's budget: each call is aborted on a cancel and at its phase's deadline (see {@link CallBudget}). */
  budget?: CallBudget | undefined;
}

const serviceIds = new WeakMap<object, string>();

/** The service id of a client class, read once from a throwaway instance (the SDK keeps it in the config). */
function serviceIdOf(Ctor: AwsClientConstructor<ClientWithServiceId>): string | undefined {
  const cached = serviceIds.get(Ctor);
  if (cached !== undefined) return cached;
  const probe = new Ctor({ region: 'us-east-1' });
  const id = probe.config.serviceId;
  probe.destroy();
  if (id !== undefined) serviceIds.set(Ctor, id);
  return id;
}

/** A client's promise-style `send`, as {@link limitCalls} wraps it. */
type Send = (command: unknown, options?: unknown) => Promise<unknown>;

/**
 * Makes every call of `client` end when the budget says: its abort signal goes to the SDK (which aborts the HTTP
 * request) and the call rejects with the signal's reason at once, even while the SDK waits between attempts.
 */
function limitCalls(client: object, budget: CallBudget): void {
  const target = client as { send: Send };
  const send = target.send.bind(client);
  target.send = (command, options) => {
    // A callback-style call (none in ecs-delivery) is left as it is.
    if (typeof options === 'function') return send(command, options);
    const given = typeof options === 'object' && options !== null ? options : {};
    return budget.call((signal) =>
      send(command, signal === undefined ? options : { ...given, abortSignal: signal }),
    );
  };
}

/**
 * Creates an SDK v3 client the way every ecs-delivery action should:
 * the region resolved (see {@link resolveRegion}), the endpoint from `AWS_ENDPOINT_URL_<SERVICE>` or
 * `AWS_ENDPOINT_URL`, the SDK's `standard` retry strategy with `maxAttempts` attempts (throttling and 5xx
 * are retried with backoff), and the user agent `ecs-delivery/<version>`. No attempt waits longer than
 * `requestTimeoutMs` for its answer, and with a `budget` no call outlives its phase or a cancel.
 *
 * @example `const ecs = createClient(ECSClient, { region: inputs.awsRegion, credentials: session.credentials })`
 */
export function createClient<C extends ClientWithServiceId>(
  Ctor: AwsClientConstructor<C>,
  options: ClientOptions = {},
): C {
  const config: AwsClientConfig = {
    region: resolveRegion(options.region),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard',
    customUserAgent:
      options.userAgentVersion === undefined ? USER_AGENT : `ecs-delivery/${options.userAgentVersion}`,
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  };
  if (options.credentials !== undefined) config.credentials = options.credentials;
  const serviceId = serviceIdOf(Ctor);
  const endpoint = options.endpoint ?? (serviceId === undefined ? undefined : resolveEndpoint(serviceId));
  if (endpoint !== undefined) config.endpoint = endpoint;
  const client = new Ctor(config);
  if (options.budget !== undefined) limitCalls(client, options.budget);
  return client;
}
