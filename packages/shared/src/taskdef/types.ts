import type {
  ContainerDefinition,
  KeyValuePair,
  RegisterTaskDefinitionCommandInput,
  Secret,
  Tag,
  TaskDefinition,
} from '@aws-sdk/client-ecs';

/**
 * A task definition as a user writes it or as DescribeTaskDefinition returns it: every field optional, the
 * read-only fields allowed, and `tags` beside the rest (DescribeTaskDefinition returns them next to the
 * definition; {@link parseTaskDefinition} folds them in).
 */
export type TaskDefinitionDocument = TaskDefinition & { tags?: Tag[] | undefined };

/** What RegisterTaskDefinition takes: the output of {@link renderTaskDefinition}. */
export type RegisterTaskDefinitionInput = RegisterTaskDefinitionCommandInput;

export type { ContainerDefinition, KeyValuePair, Secret, Tag };

/**
 * The fields DescribeTaskDefinition returns that RegisterTaskDefinition refuses or ignores. They are removed
 * before registering and before comparing.
 */
export const READ_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const;

/** A plain JSON value, as parsed from a file. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A plain JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** True for a plain object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
