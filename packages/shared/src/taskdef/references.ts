import type { ContainerDefinition, RegisterTaskDefinitionInput, TaskDefinitionDocument } from './types';

type AnyDefinition = TaskDefinitionDocument | RegisterTaskDefinitionInput;

/** A container's image reference, as written (parse ECR ones with `parseImageRef` from `ecr/reference`). */
export interface ImageUse {
  container: string;
  image: string;
}

function containersOf(def: AnyDefinition): ContainerDefinition[] {
  return def.containerDefinitions ?? [];
}

/** Every container's image (containers without an image are skipped), in container order. */
export function referencedImages(def: AnyDefinition): ImageUse[] {
  return containersOf(def)
    .filter((c) => typeof c.image === 'string' && c.image !== '')
    .map((c) => ({ container: c.name ?? '', image: c.image! }));
}

/** Where a secret is referenced from. */
export type SecretLocation = 'secrets' | 'logConfiguration.secretOptions' | 'repositoryCredentials';

/** A secret a task needs at start, by reference (the value is never read). */
export interface SecretReference {
  container: string;
  /** The variable or option name (`repositoryCredentials` for registry credentials). */
  name: string;
  location: SecretLocation;
  /** As written in the definition. */
  valueFrom: string;
  service: 'ssm' | 'secretsmanager';
  /**
   * What to look up: for SSM the parameter name (`/app/prod/db-url`; from an ARN, a path gets its leading
   * `/` back), for Secrets Manager the secret's ARN without the `:json-key:stage:version` suffix.
   */
  id: string;
  /** From the ARN, when the reference is one. */
  region?: string;
  accountId?: string;
  /** Secrets Manager: the JSON key selected from the secret, when given. */
  jsonKey?: string;
}

/** Reads a `valueFrom`: an SSM or Secrets Manager ARN, or else an SSM parameter name. */
export function parseSecretReference(
  valueFrom: string,
): Pick<SecretReference, 'service' | 'id' | 'region' | 'accountId' | 'jsonKey'> {
  const parts = valueFrom.split(':');
  if (parts[0] === 'arn' && parts[2] === 'secretsmanager' && parts.length >= 7) {
    const jsonKey = parts[7];
    return {
      service: 'secretsmanager',
      id: parts.slice(0, 7).join(':'),
      region: parts[3]!,
      accountId: parts[4]!,
      ...(jsonKey === undefined || jsonKey === '' ? {} : { jsonKey }),
    };
  }
  if (parts[0] === 'arn' && parts[2] === 'ssm' && parts.length >= 6) {
    const resource = parts
      .slice(5)
      .join(':')
      .replace(/^parameter\//, '');
    return {
      service: 'ssm',
      id: resource.includes('/') ? `/${resource}` : resource,
      region: parts[3]!,
      accountId: parts[4]!,
    };
  }
  return { service: 'ssm', id: valueFrom };
}

/**
 * Every secret the definition references: container `secrets`, log-driver `secretOptions` and private-registry
 * `repositoryCredentials`, each with what to look up for a preflight existence check.
 */
export function referencedSecrets(def: AnyDefinition): SecretReference[] {
  const out: SecretReference[] = [];
  const add = (
    container: string,
    name: string,
    location: SecretLocation,
    valueFrom: string | undefined,
  ): void => {
    if (valueFrom === undefined || valueFrom === '') return;
    out.push({ container, name, location, valueFrom, ...parseSecretReference(valueFrom) });
  };
  for (const c of containersOf(def)) {
    const container = c.name ?? '';
    for (const s of c.secrets ?? []) add(container, s.name ?? '', 'secrets', s.valueFrom);
    for (const s of c.logConfiguration?.secretOptions ?? []) {
      add(container, s.name ?? '', 'logConfiguration.secretOptions', s.valueFrom);
    }
    add(
      container,
      'repositoryCredentials',
      'repositoryCredentials',
      c.repositoryCredentials?.credentialsParameter,
    );
  }
  return out;
}

/** A CloudWatch Logs group a container writes to with the `awslogs` driver. */
export interface AwslogsGroup {
  container: string;
  group: string;
  /** `awslogs-region`, when set. */
  region?: string;
  /** `awslogs-stream-prefix`, when set (stream names are `prefix/container/task-id`). */
  streamPrefix?: string;
  /** `awslogs-create-group: "true"`: the group is created on first use, so it need not exist yet. */
  createGroup: boolean;
}

/** The `awslogs` log groups of the definition's containers. */
export function awslogsGroups(def: AnyDefinition): AwslogsGroup[] {
  const out: AwslogsGroup[] = [];
  for (const c of containersOf(def)) {
    const log = c.logConfiguration;
    const group = log?.options?.['awslogs-group'];
    if (log?.logDriver !== 'awslogs' || group === undefined || group === '') continue;
    const region = log.options?.['awslogs-region'];
    const streamPrefix = log.options?.['awslogs-stream-prefix'];
    out.push({
      container: c.name ?? '',
      group,
      ...(region === undefined ? {} : { region }),
      ...(streamPrefix === undefined ? {} : { streamPrefix }),
      createGroup: String(log.options?.['awslogs-create-group']).toLowerCase() === 'true',
    });
  }
  return out;
}

/** An environment file a container loads at start (`environmentFiles`), as written. */
export interface EnvironmentFileUse {
  container: string;
  /** `s3`, the only type ECS supports. */
  type: string;
  /** The object's ARN, `arn:aws:s3:::bucket/key.env`. */
  value: string;
}

/** Every container's `environmentFiles`, in container order. */
export function referencedEnvironmentFiles(def: AnyDefinition): EnvironmentFileUse[] {
  return containersOf(def).flatMap((c) =>
    (c.environmentFiles ?? []).map((f) => ({
      container: c.name ?? '',
      type: f.type ?? '',
      value: f.value ?? '',
    })),
  );
}
