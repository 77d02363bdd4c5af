import { AwsError } from '../core/errors';
import { pageOf } from '../core/listing';
import { type Input, validationError } from '../core/request';
import type { CallContext } from '../core/simulator';
import { type ImageId, type Repository, requireRepository } from './store';

/** What ECR's calls read alike: the registry and repository they address, image ids, paging. */

/** The registry (account) a call addresses: `registryId` when given, else the caller's account. */
export function registryOf(ctx: CallContext, input: Input): string {
  const registryId = input.str('registryId');
  if (registryId !== undefined && !/^[0-9]{12}$/.test(registryId)) {
    throw validationError(
      'registryId',
      "Member must satisfy regular expression pattern: '[0-9]{12}'",
      registryId,
    );
  }
  return registryId ?? ctx.account;
}

/** The repository a call names with `registryId` and `repositoryName`; RepositoryNotFoundException if none. */
export function repositoryOf(ctx: CallContext, input: Input): Repository {
  return requireRepository(ctx.sim, registryOf(ctx, input), ctx.region, input.required('repositoryName'));
}

/** `{imageDigest?, imageTag?}`, keeping only the string members. */
function imageIdOf(value: unknown): ImageId {
  const id = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    ...(typeof id.imageDigest === 'string' ? { imageDigest: id.imageDigest } : {}),
    ...(typeof id.imageTag === 'string' ? { imageTag: id.imageTag } : {}),
  };
}

export function imageIds(input: Input, member: string): ImageId[] | undefined {
  const value = input.raw[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw validationError(member, 'Member must be a list', value);
  return value.map(imageIdOf);
}

/** The `imageIds` of a batch call: at least one. */
export function batchImageIds(input: Input): ImageId[] {
  const ids = imageIds(input, 'imageIds');
  if (!ids || ids.length === 0) {
    throw validationError('imageIds', 'Member must have length greater than or equal to 1', ids);
  }
  return ids;
}

/** The single `imageId` a scan call names. */
export function requiredImageId(input: Input): ImageId {
  const value = input.raw.imageId;
  if (typeof value !== 'object' || value === null) {
    throw validationError('imageId', 'Member must not be null', value);
  }
  return imageIdOf(value);
}

/** A list of at least one string, as the layer calls take their digests. */
export function nonEmptyStrings(input: Input, member: string): string[] {
  const value = input.raw[member];
  if (!Array.isArray(value) || value.length === 0) {
    throw validationError(member, 'Member must have length greater than or equal to 1', value);
  }
  return value.map(String);
}

/** Offset pagination with `maxResults` (1 to `maxLimit`) and an opaque `nextToken`. */
export function paginate<T>(
  items: T[],
  input: Input,
  maxLimit = 1000,
  defaultLimit = 100,
): { page: T[]; nextToken?: string } {
  const max = input.raw.maxResults;
  if (max !== undefined && (typeof max !== 'number' || max < 1 || max > maxLimit)) {
    throw validationError('maxResults', `Member must have value less than or equal to ${maxLimit}`, max);
  }
  return pageOf(
    items,
    typeof max === 'number' ? max : defaultLimit,
    input.str('nextToken'),
    () => new AwsError('InvalidParameterException', 'Invalid parameter at nextToken: the token is not valid'),
  );
}
