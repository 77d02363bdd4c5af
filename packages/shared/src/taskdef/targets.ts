import { ConfigurationError } from '../errors/configuration-error';
import type { ContainerDefinition } from './types';

/**
 * Which containers an environment variable or secret goes to. A key is `NAME` (the default container: the
 * first essential one), `container:NAME` (that container) or `*:NAME` (every container).
 */
export interface TargetedKey {
  /** A container name, `*` for all, or `undefined` for the default container. */
  container: string | undefined;
  name: string;
}

/** Splits `web:LOG_LEVEL` into container and name; a key without `:` targets the default container. */
export function parseTargetedKey(key: string): TargetedKey {
  const colon = key.indexOf(':');
  if (colon < 0) return { container: undefined, name: key };
  return { container: key.slice(0, colon).trim(), name: key.slice(colon + 1).trim() };
}

/** The container untargeted variables and secrets go to: the first essential one (ECS's default is essential). */
export function defaultContainer(
  containers: readonly ContainerDefinition[],
): ContainerDefinition | undefined {
  return containers.find((c) => c.essential !== false) ?? containers[0];
}

/** The names of the containers, for messages: `"web", "worker"`. */
export function containerNames(containers: readonly ContainerDefinition[]): string {
  return containers.map((c) => JSON.stringify(c.name)).join(', ');
}

/**
 * The containers a key applies to.
 *
 * @throws ConfigurationError naming `input` when the container does not exist, listing the real ones.
 */
export function resolveTargets(
  key: string,
  containers: readonly ContainerDefinition[],
  input: string,
): { name: string; targets: ContainerDefinition[] } {
  const { container, name } = parseTargetedKey(key);
  if (name === '')
    throw new ConfigurationError(`Input "${input}": "${key}" has no variable name after the ":".`, { input });
  if (container === undefined) return { name, targets: [defaultContainer(containers)!] };
  if (container === '*') return { name, targets: [...containers] };
  const target = containers.find((c) => c.name === container);
  if (target === undefined) {
    throw new ConfigurationError(
      `Input "${input}" names container "${container}" (in "${key}"), which the task definition does not have; its containers are ${containerNames(containers)}.`,
      { input },
    );
  }
  return { name, targets: [target] };
}

/** Where ARNs built from parameter names point: the task's partition, region and account. */
export interface ArnContext {
  region: string;
  accountId: string;
  /** `aws` unless given (`aws-cn`, `aws-us-gov`). */
  partition?: string;
}

const SSM_NAME = /^[A-Za-z0-9_.\-/]+$/;

/**
 * Turns what a user wrote for a secret into a `valueFrom` ECS accepts. An ARN of an SSM parameter or a Secrets
 * Manager secret is kept. Anything else must be an SSM parameter name (`/app/prod/db-url` or `db-url`); with
 * `arnContext` it becomes the parameter's full ARN (needed when the parameter lives in another region), without
 * it the name is kept (ECS accepts a name for a parameter in the task's region).
 *
 * The message never repeats the value: a user may have pasted the secret itself.
 */
export function secretValueFrom(name: string, value: string, input: string, arnContext?: ArnContext): string {
  const ref = value.trim();
  if (/^arn:[a-z-]+:(ssm|secretsmanager):/.test(ref)) return ref;
  const problem = (why: string): ConfigurationError =>
    new ConfigurationError(
      `Input "${input}": the value of ${name} ${why}. Give the ARN of a Secrets Manager secret or an SSM parameter, or an SSM parameter name like /app/prod/db-url (never the secret itself).`,
      { input },
    );
  if (ref === '') throw problem('is empty');
  if (ref.startsWith('arn:')) throw problem('is an ARN of neither SSM nor Secrets Manager');
  if (!SSM_NAME.test(ref)) throw problem('is not an SSM parameter name (letters, digits, _ . - and /)');
  if (ref.includes('/') && !ref.startsWith('/')) {
    throw problem(
      'has "/" but does not start with "/" (SSM hierarchies start with "/"; Secrets Manager secrets need their ARN)',
    );
  }
  if (arnContext === undefined) return ref;
  const partition = arnContext.partition ?? 'aws';
  return `arn:${partition}:ssm:${arnContext.region}:${arnContext.accountId}:parameter/${ref.replace(/^\//, '')}`;
}
