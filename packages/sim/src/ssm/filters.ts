import { AwsError } from '../core/errors';
import { type Input, validationError } from '../core/request';
import { current, type Parameter, PARAMETER_TYPES, rooted } from './store';

/** One ParameterStringFilter, checked. */
export interface ParameterFilter {
  key: string;
  option: string;
  values: string[];
}

const KEY_PATTERN = /^(tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType)$/;

const invalidKey = (key: string, valid: string[]): AwsError =>
  new AwsError(
    'InvalidFilterKey',
    `The following filter key is not valid: ${key}. Valid filter keys include: [${valid.join(', ')}].`,
  );

const invalidOption = (option: string, valid: string[]): AwsError =>
  new AwsError(
    'InvalidFilterOption',
    `The following filter option is not valid: ${option}. Valid options include: [${valid.join(', ')}].`,
  );

const PATH_VALUE = /^\/([a-zA-Z0-9_.-]+(\/[a-zA-Z0-9_.-]+)*)?\/?$/;

function optionsFor(key: string, operation: 'DescribeParameters' | 'GetParametersByPath'): string[] {
  if (key === 'Path') return ['Recursive', 'OneLevel'];
  if (operation === 'GetParametersByPath' && key === 'Label') return ['Equals'];
  if (operation === 'DescribeParameters' && key === 'Name') return ['Equals', 'BeginsWith', 'Contains'];
  return ['Equals', 'BeginsWith'];
}

/** Reads `ParameterFilters` with the keys and options each operation allows. */
export function readParameterFilters(
  input: Input,
  operation: 'DescribeParameters' | 'GetParametersByPath',
): ParameterFilter[] {
  const raw = input.objects('ParameterFilters') ?? [];
  const validKeys =
    operation === 'DescribeParameters'
      ? ['Path', 'Name', 'Type', 'KeyId', 'Tier', 'DataType', 'tag:']
      : ['Type', 'KeyId', 'Label'];
  return raw.map((f, i) => {
    const filter = input.nested(f);
    const key = filter.required('Key');
    if (!KEY_PATTERN.test(key)) {
      throw validationError(
        `ParameterFilters.${i + 1}.member.key`,
        'Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType',
        key,
      );
    }
    const keyAllowed = key.startsWith('tag:') ? validKeys.includes('tag:') : validKeys.includes(key);
    if (!keyAllowed)
      throw invalidKey(
        key,
        validKeys.map((k) => (k === 'tag:' ? 'tag' : k)),
      );
    const options = optionsFor(key, operation);
    const option = filter.str('Option') ?? (key === 'Path' ? 'OneLevel' : 'Equals');
    if (!options.includes(option)) throw invalidOption(option, options);
    const values = filter.strings('Values') ?? [];
    if (values.length === 0 && !key.startsWith('tag:')) {
      throw new AwsError(
        'InvalidFilterValue',
        `The following filter values are missing : null for filter key ${key}.`,
      );
    }
    if (values.length > 50) {
      throw validationError(
        `ParameterFilters.${i + 1}.member.values`,
        'Member must have length less than or equal to 50',
        values,
      );
    }
    if (key === 'Path') {
      for (const v of values) {
        if (!PATH_VALUE.test(v)) {
          throw new AwsError(
            'InvalidFilterValue',
            `The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash "/". It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Value: ${v}`,
          );
        }
      }
    }
    if (key === 'Type') {
      const bad = values.find((v) => !PARAMETER_TYPES.includes(v as (typeof PARAMETER_TYPES)[number]));
      if (bad !== undefined) {
        throw new AwsError(
          'InvalidFilterValue',
          `The following filter value is not valid: ${bad}. Valid values include: [${PARAMETER_TYPES.join(', ')}].`,
        );
      }
    }
    return { key, option, values };
  });
}

/** The legacy `Filters` of DescribeParameters (keys Name, Type, KeyId), read as Equals filters. */
export function readLegacyFilters(input: Input): ParameterFilter[] {
  return (input.objects('Filters') ?? []).map((f) => {
    const filter = input.nested(f);
    const key = filter.required('Key');
    if (!['Name', 'Type', 'KeyId'].includes(key)) throw invalidKey(key, ['Name', 'Type', 'KeyId']);
    return { key, option: 'Equals', values: filter.strings('Values') ?? [] };
  });
}

/** Whether `name` sits under `path`: directly (OneLevel) or at any depth (Recursive). */
export function underPath(name: string, path: string, recursive: boolean): boolean {
  const base = path === '/' ? '/' : `${path.replace(/\/+$/, '')}/`;
  const full = rooted(name);
  if (!full.startsWith(base) || full.length === base.length) return false;
  return recursive || !full.slice(base.length).includes('/');
}

function compare(actual: string | undefined, option: string, wanted: string): boolean {
  if (actual === undefined) return false;
  if (option === 'BeginsWith') return actual.startsWith(wanted);
  if (option === 'Contains') return actual.includes(wanted);
  return actual === wanted;
}

function matchesOne(param: Parameter, filter: ParameterFilter): boolean {
  const v = current(param);
  const { key, option, values } = filter;
  if (key === 'Path') return values.some((p) => underPath(param.name, p, option === 'Recursive'));
  if (key === 'Name') {
    // SSM compares names with one leading slash, so `a` and `/a` find the same parameter.
    const name = option === 'Contains' ? param.name : rooted(param.name);
    return values.some((w) => compare(name, option, option === 'Contains' ? w : rooted(w)));
  }
  if (key.startsWith('tag:')) {
    const tag = param.tags.find((t) => t.Key === key.slice(4));
    return tag !== undefined && (values.length === 0 || values.some((w) => compare(tag.Value, option, w)));
  }
  const actual: Record<string, string | undefined> = {
    Type: v.type,
    KeyId: v.keyId,
    Tier: v.tier,
    DataType: v.dataType,
  };
  if (key === 'Label') return values.some((w) => v.labels.includes(w));
  return values.some((w) => compare(actual[key], option, w));
}

/** Every filter must match (AND); within a filter, any value (OR). */
export function matchesFilters(param: Parameter, filters: ParameterFilter[]): boolean {
  return filters.every((f) => matchesOne(param, f));
}
