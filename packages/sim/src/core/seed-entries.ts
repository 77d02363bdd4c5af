import { AwsError } from './errors';

/**
 * Seed errors name the entry they are about, `seed.services[1] (api): …`, so a person can find it in a long
 * seed document. The label is the entry's name under the first of these keys it has.
 */
const LABEL_KEYS = ['name', 'serviceName', 'family', 'repository', 'clusterName', 'host', 'arn'];

function labelOf(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return undefined;
  for (const key of LABEL_KEYS) {
    const value = (entry as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** `err` with `where` in front of its message, keeping its AWS error code (a plain Error is a validation error). */
export function seedError(where: string, err: unknown): AwsError {
  if (err instanceof AwsError)
    return new AwsError(err.code, `${where}: ${err.message}`, err.status, err.type);
  const message = err instanceof Error ? err.message : String(err);
  return new AwsError('ValidationException', `${where}: ${message}`);
}

/** Applies `apply` to every entry of the list under seed key `key`; an error names the entry that caused it. */
export function seedEntries<T>(key: string, data: unknown, apply: (entry: unknown, index: number) => T): T[] {
  if (!Array.isArray(data)) throw new AwsError('ValidationException', `seed.${key} must be an array`);
  return data.map((entry: unknown, index) => {
    try {
      return apply(entry, index);
    } catch (err) {
      const label = labelOf(entry);
      throw seedError(`seed.${key}[${index}]${label !== undefined ? ` (${label})` : ''}`, err);
    }
  });
}

/** Applies `apply` to the value of a seed key that takes one object (`oidc`); an error names the key. */
export function seedValue<T>(key: string, data: unknown, apply: (value: unknown) => T): T {
  try {
    return apply(data);
  } catch (err) {
    throw seedError(`seed.${key}`, err);
  }
}
