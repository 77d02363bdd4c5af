import { AwsError } from '../core/errors';
import type { CallContext } from '../core/simulator';
import type { Repository, StoredImage } from './store';

/** Reading awsJson request members the way ECR validates them. */

export function validationError(member: string, constraint: string, value: unknown): AwsError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

export function requiredString(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value !== 'string') throw validationError(member, 'Member must not be null', value);
  return value;
}

export function optionalString(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError(member, 'Member must be a string', value);
  return value;
}

/** The registry (account) a call addresses: `registryId` when given, else the caller's account. */
export function registryOf(ctx: CallContext, input: Record<string, unknown>): string {
  const registryId = optionalString(input, 'registryId');
  if (registryId !== undefined && !/^[0-9]{12}$/.test(registryId)) {
    throw validationError(
      'registryId',
      "Member must satisfy regular expression pattern: '[0-9]{12}'",
      registryId,
    );
  }
  return registryId ?? ctx.account;
}

export interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

export function imageIds(input: Record<string, unknown>, member: string): ImageId[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw validationError(member, 'Member must be a list', value);
  return value.map((v: unknown) => {
    const id = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    return {
      ...(typeof id.imageDigest === 'string' ? { imageDigest: id.imageDigest } : {}),
      ...(typeof id.imageTag === 'string' ? { imageTag: id.imageTag } : {}),
    };
  });
}

/** ECR's own rendering of an image id in error messages: `{imageDigest:'null', imageTag:'v1'}`. */
export function showImageId(id: ImageId): string {
  return `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;
}

/** Offset pagination with an opaque `nextToken`. */
export function paginate<T>(
  items: T[],
  input: Record<string, unknown>,
  maxLimit = 1000,
  defaultLimit = 100,
): { page: T[]; nextToken?: string } {
  const max = input.maxResults;
  if (max !== undefined && (typeof max !== 'number' || max < 1 || max > maxLimit)) {
    throw validationError('maxResults', `Member must have value less than or equal to ${maxLimit}`, max);
  }
  const limit = typeof max === 'number' ? max : defaultLimit;
  const token = optionalString(input, 'nextToken');
  let start = 0;
  if (token !== undefined) {
    start = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) {
      throw new AwsError(
        'InvalidParameterException',
        'Invalid parameter at nextToken: the token is not valid',
      );
    }
  }
  const page = items.slice(start, start + limit);
  const next = start + limit;
  return next < items.length
    ? { page, nextToken: Buffer.from(String(next)).toString('base64url') }
    : { page };
}

export function imageNotFound(repo: Repository, id: ImageId): AwsError {
  return new AwsError(
    'ImageNotFoundException',
    `The image with imageId ${showImageId(id)} does not exist within the repository with name '${repo.name}' in the registry with id '${repo.account}'`,
  );
}

/** The image an id names, by digest or by tag; undefined when absent or when the tag names another digest. */
export function resolveImage(repo: Repository, id: ImageId): StoredImage | undefined {
  const digest = id.imageDigest ?? (id.imageTag !== undefined ? repo.tags.get(id.imageTag) : undefined);
  if (digest === undefined) return undefined;
  if (id.imageTag !== undefined && repo.tags.get(id.imageTag) !== digest) return undefined;
  return repo.images.get(digest);
}
