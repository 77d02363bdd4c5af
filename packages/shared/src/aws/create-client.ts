import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { USER_AGENT } from '../version';
import { resolveEndpoint } from './endpoint';
import { resolveRegion } from './region';

/** The attempts (first try included) an AWS call gets under the SDK's standard retry strategy by default. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** The client configuration ecs-delivery sets; every SDK v3 client accepts it. */
export interface AwsClientConfig {
  region?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  endpoint?: string;
  maxAttempts?: number;
  retryMode?: string;
  customUserAgent?: string;
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

/**
 * Creates an SDK v3 client the way every ecs-delivery action should:
 * the region resolved (see {@link resolveRegion}), the endpoint from `AWS_ENDPOINT_URL_<SERVICE>` or
 * `AWS_ENDPOINT_URL`, the SDK's `standard` retry strategy with `maxAttempts` attempts (throttling and 5xx
 * are retried with backoff), and the user agent `ecs-delivery/<version>`.
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
  };
  if (options.credentials !== undefined) config.credentials = options.credentials;
  const serviceId = serviceIdOf(Ctor);
  const endpoint = options.endpoint ?? (serviceId === undefined ? undefined : resolveEndpoint(serviceId));
  if (endpoint !== undefined) config.endpoint = endpoint;
  return new Ctor(config);
}
