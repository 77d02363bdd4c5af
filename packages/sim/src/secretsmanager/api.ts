import { AwsError } from '../core/errors';
import { pageOf } from '../core/listing';
import { Input, keyValueTags, validationError, validationErrors } from '../core/request';
import { Sealed } from '../core/sealed';
import type { ActionHandler, CallContext, Simulator } from '../core/simulator';
import {
  describeView,
  findSecretByName,
  markedForDeletion,
  newSecretArn,
  newVersionId,
  removeSecret,
  requireSecret,
  saveSecret,
  type Secret,
  type SecretVersion,
  secretsOf,
  versionsToStages,
} from './store';

const NAME_RE = /^[a-zA-Z0-9/_+=.@-]+$/;
const MAX_VALUE = 65_536;
const DAY_MS = 86_400_000;
/** Versions without a staging label that Secrets Manager keeps before it drops the oldest. */
const MAX_UNLABELLED = 100;

export interface SecretValueInput {
  value: string;
  binary: boolean;
}

/** SecretString or SecretBinary (base64 on the wire), never both. */
function readValue(input: Input): SecretValueInput | undefined {
  const str = input.str('SecretString');
  const bin = input.str('SecretBinary');
  if (str !== undefined && bin !== undefined) {
    throw new AwsError(
      'InvalidParameterException',
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  const value = str ?? bin;
  if (value === undefined) return undefined;
  if (value.length > MAX_VALUE) {
    throw validationError(
      str !== undefined ? 'SecretString' : 'SecretBinary',
      `Member must have length less than or equal to ${MAX_VALUE}`,
      '***',
    );
  }
  return { value, binary: bin !== undefined };
}

/** Adds a version and moves its labels; AWSCURRENT moving leaves AWSPREVIOUS on the version it left. */
export function addVersion(
  secret: Secret,
  value: SecretValueInput,
  versionId: string,
  stages: string[],
  now: number,
): SecretVersion {
  if (stages.includes('AWSCURRENT')) {
    const previous = secret.versions.find((v) => v.stages.includes('AWSCURRENT'));
    for (const v of secret.versions) v.stages = v.stages.filter((s) => s !== 'AWSPREVIOUS');
    if (previous) previous.stages = [...previous.stages.filter((s) => s !== 'AWSCURRENT'), 'AWSPREVIOUS'];
  }
  for (const v of secret.versions)
    v.stages = v.stages.filter((s) => s === 'AWSPREVIOUS' || !stages.includes(s));
  const version: SecretVersion = {
    versionId,
    value: new Sealed(value.value),
    binary: value.binary,
    stages: [...stages],
    createdDate: now,
  };
  secret.versions.push(version);
  const unlabelled = secret.versions.filter((v) => v.stages.length === 0);
  if (unlabelled.length > MAX_UNLABELLED) {
    const drop = new Set(unlabelled.slice(0, unlabelled.length - MAX_UNLABELLED));
    secret.versions = secret.versions.filter((v) => !drop.has(v));
  }
  secret.lastChangedDate = now;
  return version;
}

export interface NewSecret {
  account: string;
  region: string;
  name: string;
  value?: SecretValueInput;
  versionId?: string;
  description?: string;
  kmsKeyId?: string;
  tags?: { Key: string; Value: string }[];
  now: number;
}

function sameValue(version: SecretVersion, value: SecretValueInput | undefined): boolean {
  return value !== undefined && version.binary === value.binary && version.value.reveal() === value.value;
}

/** CreateSecret, also used by the seed. A retry with the same token and value answers as the first call. */
export function createSecret(sim: Simulator, spec: NewSecret): { secret: Secret; version?: SecretVersion } {
  if (spec.name.length < 1 || spec.name.length > 512) {
    throw validationError('Name', 'Member must have length between 1 and 512', spec.name);
  }
  if (!NAME_RE.test(spec.name)) {
    throw new AwsError(
      'ValidationException',
      'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
    );
  }
  const existing = findSecretByName(sim, spec.account, spec.region, spec.name);
  if (existing) {
    const retried = existing.versions.find((v) => v.versionId === spec.versionId);
    if (retried && sameValue(retried, spec.value)) return { secret: existing, version: retried };
    if (existing.deletionDate !== undefined) {
      throw new AwsError(
        'InvalidRequestException',
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
      );
    }
    throw new AwsError(
      'ResourceExistsException',
      `The operation failed because the secret ${spec.name} already exists.`,
    );
  }
  const secret: Secret = {
    account: spec.account,
    region: spec.region,
    name: spec.name,
    arn: newSecretArn(sim, spec.account, spec.region, spec.name),
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(spec.kmsKeyId !== undefined ? { kmsKeyId: spec.kmsKeyId } : {}),
    tags: spec.tags ?? [],
    createdDate: spec.now,
    lastChangedDate: spec.now,
    versions: [],
  };
  const version = spec.value
    ? addVersion(secret, spec.value, spec.versionId ?? newVersionId(), ['AWSCURRENT'], spec.now)
    : undefined;
  saveSecret(sim, secret);
  return { secret, ...(version ? { version } : {}) };
}

function secretOf(ctx: CallContext, input: Input): Secret {
  return requireSecret(ctx.sim, ctx.account, ctx.region, input.required('SecretId'));
}

function versionToken(input: Input): string | undefined {
  const token = input.str('ClientRequestToken');
  if (token !== undefined && (token.length < 32 || token.length > 64)) {
    throw validationError('ClientRequestToken', 'Member must have length between 32 and 64', token);
  }
  return token;
}

function matchesFilter(secret: Secret, key: string, values: string[]): boolean {
  const fields: Record<string, string[]> = {
    name: [secret.name],
    description: secret.description !== undefined ? [secret.description] : [],
    'tag-key': secret.tags.map((t) => t.Key),
    'tag-value': secret.tags.map((t) => t.Value),
    'primary-region': [secret.region],
    'owning-service': [],
  };
  const haystack = key === 'all' ? Object.values(fields).flat() : (fields[key] ?? []);
  const positive = values.filter((v) => !v.startsWith('!'));
  const negative = values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
  if (negative.some((n) => haystack.some((h) => h.startsWith(n)))) return false;
  return positive.length === 0 || positive.some((p) => haystack.some((h) => h.startsWith(p)));
}

const FILTER_KEYS = [
  'description',
  'name',
  'tag-key',
  'tag-value',
  'primary-region',
  'owning-service',
  'all',
];

export const secretsManagerActions: Record<string, ActionHandler> = {
  CreateSecret(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const description = input.str('Description');
    const kmsKeyId = input.str('KmsKeyId');
    const tags = keyValueTags(input);
    const value = readValue(input);
    const versionId = versionToken(input);
    const { secret, version } = createSecret(ctx.sim, {
      account: ctx.account,
      region: ctx.region,
      name: input.required('Name'),
      ...(value !== undefined ? { value } : {}),
      ...(versionId !== undefined ? { versionId } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
      ...(tags !== undefined ? { tags } : {}),
      now: ctx.now,
    });
    return {
      ARN: secret.arn,
      Name: secret.name,
      ...(version ? { VersionId: version.versionId } : {}),
      ReplicationStatus: [],
    };
  },

  DescribeSecret(ctx, raw) {
    return describeView(secretOf(ctx, new Input(raw, validationErrors)));
  },

  GetSecretValue(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const secret = secretOf(ctx, input);
    if (secret.deletionDate !== undefined) throw markedForDeletion();
    const versionId = input.str('VersionId');
    const stage = input.str('VersionStage');
    let version: SecretVersion | undefined;
    if (versionId !== undefined) {
      version = secret.versions.find((v) => v.versionId === versionId);
      if (!version) {
        throw new AwsError(
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`,
        );
      }
      if (stage !== undefined && !version.stages.includes(stage)) {
        throw new AwsError(
          'InvalidRequestException',
          'You provided a VersionStage that is not associated to the provided VersionId.',
        );
      }
    } else {
      const wanted = stage ?? 'AWSCURRENT';
      version = secret.versions.find((v) => v.stages.includes(wanted));
      if (!version) {
        throw new AwsError(
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret value for staging label: ${wanted}`,
        );
      }
    }
    secret.lastAccessedDate = Math.floor(ctx.now / DAY_MS) * DAY_MS;
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.versionId,
      ...(version.binary
        ? { SecretBinary: version.value.reveal() }
        : { SecretString: version.value.reveal() }),
      VersionStages: [...version.stages],
      CreatedDate: new Date(version.createdDate),
    };
  },

  PutSecretValue(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const secret = secretOf(ctx, input);
    if (secret.deletionDate !== undefined) throw markedForDeletion();
    const value = readValue(input);
    if (value === undefined) {
      throw new AwsError('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
    }
    const versionId = versionToken(input) ?? newVersionId();
    const existing = secret.versions.find((v) => v.versionId === versionId);
    if (existing) {
      if (!sameValue(existing, value)) {
        throw new AwsError(
          'ResourceExistsException',
          "You can't modify an existing version, you can only create a new version.",
        );
      }
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: versionId,
        VersionStages: [...existing.stages],
      };
    }
    const stages = input.strings('VersionStages') ?? ['AWSCURRENT'];
    const version = addVersion(secret, value, versionId, stages, ctx.now);
    return { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: [...version.stages] };
  },

  ListSecrets(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const limit = input.int('MaxResults', 1, 100) ?? 100;
    const includeDeleted = input.bool('IncludePlannedDeletion') === true;
    const order = input.str('SortOrder') ?? 'asc';
    if (order !== 'asc' && order !== 'desc') {
      throw validationError('SortOrder', 'Member must satisfy enum value set: [asc, desc]', order);
    }
    const filters = (input.objects('Filters') ?? []).map((f) => {
      const filter = input.nested(f);
      const key = filter.required('Key');
      if (!FILTER_KEYS.includes(key)) {
        throw validationError(
          'Filters.1.member.key',
          `Member must satisfy enum value set: [${FILTER_KEYS.join(', ')}]`,
          key,
        );
      }
      return { key, values: filter.strings('Values') ?? [] };
    });
    const matching = secretsOf(ctx.sim, ctx.account, ctx.region)
      .filter((s) => includeDeleted || s.deletionDate === undefined)
      .filter((s) => filters.every((f) => matchesFilter(s, f.key, f.values)))
      .sort((a, b) => (order === 'asc' ? a.createdDate - b.createdDate : b.createdDate - a.createdDate));
    const { page, nextToken } = pageOf(
      matching,
      limit,
      input.str('NextToken'),
      () => new AwsError('InvalidNextTokenException', 'The NextToken value is invalid.'),
    );
    return {
      SecretList: page.map((s) => {
        const { VersionIdsToStages: _omit, ...entry } = describeView(s);
        const stages = versionsToStages(s);
        return { ...entry, ...(stages !== undefined ? { SecretVersionsToStages: stages } : {}) };
      }),
      ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
    };
  },

  DeleteSecret(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const secret = secretOf(ctx, input);
    const window = input.raw['RecoveryWindowInDays'];
    const force = input.bool('ForceDeleteWithoutRecovery') === true;
    if (force && window !== undefined && window !== null) {
      throw new AwsError(
        'InvalidParameterException',
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      );
    }
    if (force) {
      removeSecret(ctx.sim, secret);
      return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(ctx.now) };
    }
    if (secret.deletionDate !== undefined) throw markedForDeletion();
    const days = typeof window === 'number' ? window : 30;
    if (!Number.isInteger(days) || days < 7 || days > 30) {
      throw new AwsError(
        'InvalidParameterException',
        'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
      );
    }
    secret.deletionDate = ctx.now + days * DAY_MS;
    return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(secret.deletionDate) };
  },

  RestoreSecret(ctx, raw) {
    const secret = secretOf(ctx, new Input(raw, validationErrors));
    delete secret.deletionDate;
    return { ARN: secret.arn, Name: secret.name };
  },
};
