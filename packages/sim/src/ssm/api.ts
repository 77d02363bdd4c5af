import { AwsError } from '../core/errors';
import { byName, pageOf } from '../core/listing';
import { Input, keyValueTags, validationError, validationErrors } from '../core/request';
import { Sealed } from '../core/sealed';
import type { ActionHandler, CallContext, Simulator } from '../core/simulator';
import { matchesFilters, readLegacyFilters, readParameterFilters, underPath } from './filters';
import { lookupRef, parseParameterRef, selectVersion } from './resolve';
import {
  current,
  findParameter,
  metadataView,
  type Parameter,
  parameterNotFound,
  parametersOf,
  type ParameterTier,
  type ParameterType,
  PARAMETER_TYPES,
  parameterView,
  removeParameter,
  saveParameter,
  validateParameterName,
} from './store';

const STANDARD_MAX = 4096;
const ADVANCED_MAX = 8192;
/** SSM keeps the last 100 versions of a parameter. */
const MAX_VERSIONS = 100;
const DEFAULT_KEY_ID = 'alias/aws/ssm';

const invalidNextToken = (): AwsError =>
  new AwsError('InvalidNextToken', 'The specified token is not valid.');

export interface PutParameterSpec {
  account: string;
  region: string;
  name: string;
  value: string;
  type?: ParameterType;
  overwrite?: boolean;
  description?: string;
  keyId?: string;
  allowedPattern?: string;
  tier?: string;
  dataType?: string;
  tags?: { Key: string; Value: string }[];
  user: string;
  now: number;
}

function tierOf(
  requested: string | undefined,
  value: string,
  previous: ParameterTier | undefined,
): ParameterTier {
  const tier = requested ?? 'Standard';
  if (!['Standard', 'Advanced', 'Intelligent-Tiering'].includes(tier)) {
    throw validationError(
      'Tier',
      'Member must satisfy enum value set: [Standard, Advanced, Intelligent-Tiering]',
      tier,
    );
  }
  if (tier === 'Advanced' || previous === 'Advanced') return 'Advanced';
  if (tier === 'Intelligent-Tiering') return value.length > STANDARD_MAX ? 'Advanced' : 'Standard';
  if (value.length > STANDARD_MAX) {
    throw new AwsError(
      'ValidationException',
      `Standard tier parameters support a maximum parameter value of ${STANDARD_MAX} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html`,
    );
  }
  return 'Standard';
}

/** PutParameter: creates a parameter or, with `overwrite`, adds a version. Also used by the seed. */
export function putParameter(
  sim: Simulator,
  spec: PutParameterSpec,
): { version: number; tier: ParameterTier } {
  validateParameterName(spec.name);
  if (spec.tags !== undefined && spec.overwrite === true) {
    throw new AwsError(
      'ValidationException',
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  if (spec.type !== undefined && !PARAMETER_TYPES.includes(spec.type)) {
    throw validationError(
      'Type',
      `Member must satisfy enum value set: [${PARAMETER_TYPES.join(', ')}]`,
      spec.type,
    );
  }
  if (spec.value.length === 0) {
    throw validationError('Value', 'Member must have length greater than or equal to 1', spec.value);
  }
  if (spec.value.length > ADVANCED_MAX) {
    throw validationError(
      'Value',
      `Member must have length less than or equal to ${ADVANCED_MAX}`,
      '<value>',
    );
  }
  if (spec.allowedPattern !== undefined && !new RegExp(spec.allowedPattern).test(spec.value)) {
    throw new AwsError(
      'ParameterPatternMismatchException',
      `Parameter value, cannot be validated against allowedPattern: ${spec.allowedPattern}`,
    );
  }
  const existing = findParameter(sim, spec.account, spec.region, spec.name);
  if (existing && spec.overwrite !== true) {
    throw new AwsError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
  }
  const previous = existing ? current(existing) : undefined;
  const type = spec.type ?? previous?.type;
  if (type === undefined) {
    throw new AwsError('ValidationException', 'A parameter type is required when you create a parameter.');
  }
  if (spec.keyId !== undefined && type !== 'SecureString') {
    throw new AwsError('ValidationException', 'KeyId is required for SecureString type parameter only.');
  }
  const dataType = spec.dataType ?? previous?.dataType ?? 'text';
  if (!['text', 'aws:ec2:image', 'aws:ssm:integration'].includes(dataType)) {
    throw new AwsError(
      'ValidationException',
      `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`,
    );
  }
  const tier = tierOf(spec.tier, spec.value, previous?.tier);
  const description = spec.description ?? previous?.description;
  const allowedPattern = spec.allowedPattern ?? previous?.allowedPattern;
  const keyId = type === 'SecureString' ? (spec.keyId ?? previous?.keyId ?? DEFAULT_KEY_ID) : undefined;
  const param: Parameter = existing ?? {
    account: spec.account,
    region: spec.region,
    name: spec.name,
    tags: spec.tags ?? [],
    versions: [],
  };
  const version = (previous?.version ?? 0) + 1;
  param.versions.push({
    version,
    type,
    value: type === 'SecureString' ? new Sealed(spec.value) : spec.value,
    ...(keyId !== undefined ? { keyId } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(allowedPattern !== undefined ? { allowedPattern } : {}),
    dataType,
    tier,
    lastModifiedDate: spec.now,
    lastModifiedUser: spec.user,
    labels: [],
  });
  if (param.versions.length > MAX_VERSIONS) param.versions.splice(0, param.versions.length - MAX_VERSIONS);
  saveParameter(sim, param);
  return { version, tier };
}

function getOne(ctx: CallContext, ref: string, withDecryption: boolean): Record<string, unknown> | undefined {
  const parsed = parseParameterRef(ctx, ref);
  const param = lookupRef(ctx.sim, parsed);
  if (!param) return undefined;
  return parameterView(param, selectVersion(param, parsed.selector), withDecryption, parsed.selector);
}

export const ssmActions: Record<string, ActionHandler> = {
  PutParameter(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const tags = keyValueTags(input);
    const out = putParameter(ctx.sim, {
      account: ctx.account,
      region: ctx.region,
      name: input.required('Name'),
      value: input.required('Value'),
      ...optional('type', input.str('Type') as ParameterType | undefined),
      ...optional('overwrite', input.bool('Overwrite')),
      ...optional('description', input.str('Description')),
      ...optional('keyId', input.str('KeyId')),
      ...optional('allowedPattern', input.str('AllowedPattern')),
      ...optional('tier', input.str('Tier')),
      ...optional('dataType', input.str('DataType')),
      ...optional('tags', tags),
      user: ctx.principal?.arn ?? `arn:aws:iam::${ctx.account}:root`,
      now: ctx.now,
    });
    return { Version: out.version, Tier: out.tier };
  },

  GetParameter(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const name = input.required('Name');
    const found = getOne(ctx, name, input.bool('WithDecryption') === true);
    if (!found) throw parameterNotFound(name);
    return { Parameter: found };
  },

  GetParameters(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const names = input.strings('Names');
    if (names === undefined) throw validationError('Names', 'Member must not be null', names);
    if (names.length < 1 || names.length > 10) {
      throw validationError(
        'Names',
        `Member must have length ${names.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 10'}`,
        names,
      );
    }
    const withDecryption = input.bool('WithDecryption') === true;
    const parameters: Record<string, unknown>[] = [];
    const invalid: string[] = [];
    for (const name of new Set(names)) {
      let found: Record<string, unknown> | undefined;
      try {
        found = getOne(ctx, name, withDecryption);
      } catch (err) {
        // A selector naming a version that does not exist makes the name invalid, not the call.
        if (!(err instanceof AwsError && err.code === 'ParameterVersionNotFound')) throw err;
      }
      if (found) parameters.push(found);
      else invalid.push(name);
    }
    return { Parameters: parameters, InvalidParameters: invalid };
  },

  GetParametersByPath(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const path = input.required('Path');
    if (!path.startsWith('/')) {
      throw new AwsError(
        'ValidationException',
        'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".',
      );
    }
    const recursive = input.bool('Recursive') === true;
    const filters = readParameterFilters(input, 'GetParametersByPath');
    const limit = input.int('MaxResults', 1, 10) ?? 10;
    const withDecryption = input.bool('WithDecryption') === true;
    const matching = parametersOf(ctx.sim, ctx.account, ctx.region)
      .filter((p) => underPath(p.name, path, recursive) && matchesFilters(p, filters))
      .sort(byName((p) => p.name));
    const { page, nextToken } = pageOf(matching, limit, input.str('NextToken'), invalidNextToken);
    return {
      Parameters: page.map((p) => parameterView(p, current(p), withDecryption)),
      ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
    };
  },

  DescribeParameters(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const legacy = readLegacyFilters(input);
    const filters = readParameterFilters(input, 'DescribeParameters');
    if (legacy.length > 0 && filters.length > 0) {
      throw new AwsError(
        'InvalidFilterKey',
        'You can use either Filters or ParameterFilters in a single request.',
      );
    }
    const limit = input.int('MaxResults', 1, 50) ?? 50;
    const matching = parametersOf(ctx.sim, ctx.account, ctx.region)
      .filter((p) => matchesFilters(p, [...legacy, ...filters]))
      .sort(byName((p) => p.name));
    const { page, nextToken } = pageOf(matching, limit, input.str('NextToken'), invalidNextToken);
    return {
      Parameters: page.map(metadataView),
      ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
    };
  },

  DeleteParameter(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const name = input.required('Name');
    const param = findParameter(ctx.sim, ctx.account, ctx.region, name);
    if (!param) throw parameterNotFound(name);
    removeParameter(ctx.sim, param);
    return {};
  },

  DeleteParameters(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const names = input.strings('Names') ?? [];
    if (names.length < 1 || names.length > 10) {
      throw validationError('Names', 'Member must have length between 1 and 10', names);
    }
    const deleted: string[] = [];
    const invalid: string[] = [];
    for (const name of new Set(names)) {
      const param = findParameter(ctx.sim, ctx.account, ctx.region, name);
      if (param) {
        removeParameter(ctx.sim, param);
        deleted.push(name);
      } else invalid.push(name);
    }
    return { DeletedParameters: deleted, InvalidParameters: invalid };
  },
};

/** `{ key: value }` when the value is defined, so optional members stay absent (exactOptionalPropertyTypes). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
