import { AwsError } from '../core/errors';

/**
 * Reading the members of an awsJson request (SSM and Secrets Manager name them in PascalCase) and failing the
 * way those services do: `1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: …`,
 * where AWS writes the member in lowerCamelCase.
 */
export function validationError(member: string, constraint: string, value: unknown): AwsError {
  const shown =
    value === undefined || value === null
      ? 'null'
      : `'${Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value)}'`;
  const camel = member.charAt(0).toLowerCase() + member.slice(1);
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value ${shown} at '${camel}' failed to satisfy constraint: ${constraint}`,
  );
}

export class Input {
  constructor(readonly raw: Record<string, unknown>) {}

  str(member: string): string | undefined {
    const value = this.raw[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw validationError(member, 'Member must be a string', value);
    return value;
  }

  required(member: string): string {
    const value = this.str(member);
    if (value === undefined) throw validationError(member, 'Member must not be null', value);
    return value;
  }

  bool(member: string): boolean | undefined {
    const value = this.raw[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw validationError(member, 'Member must be a boolean', value);
    return value;
  }

  int(member: string, min: number, max: number): number | undefined {
    const value = this.raw[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw validationError(member, 'Member must be an integer', value);
    }
    if (value < min)
      throw validationError(member, `Member must have value greater than or equal to ${min}`, value);
    if (value > max)
      throw validationError(member, `Member must have value less than or equal to ${max}`, value);
    return value;
  }

  strings(member: string): string[] | undefined {
    const value = this.raw[member];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw validationError(member, 'Member must be a list of strings', value);
    }
    return value as string[];
  }

  objects(member: string): Record<string, unknown>[] | undefined {
    const value = this.raw[member];
    if (value === undefined || value === null) return undefined;
    if (
      !Array.isArray(value) ||
      !value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
    ) {
      throw validationError(member, 'Member must be a list of structures', value);
    }
    return value as Record<string, unknown>[];
  }

  /** `[{Key, Value}]` resource tags. */
  tags(member = 'Tags'): { Key: string; Value: string }[] | undefined {
    return this.objects(member)?.map((t, i) => {
      const tag = new Input(t);
      const key = tag.str('Key');
      if (key === undefined || key.length === 0 || key.length > 128) {
        throw validationError(
          `${member}.${i + 1}.member.key`,
          'Member must have length between 1 and 128',
          key,
        );
      }
      return { Key: key, Value: tag.str('Value') ?? '' };
    });
  }
}

/** Offset pagination behind an opaque NextToken, as both services page their lists. */
export function pageOf<T>(
  items: T[],
  limit: number,
  token: string | undefined,
  invalidToken: () => AwsError,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded) throw invalidToken();
    start = Number(decoded[1]);
  }
  const page = items.slice(start, start + limit);
  const next = start + limit;
  return next < items.length ? { page, nextToken: Buffer.from(`o:${next}`).toString('base64url') } : { page };
}

/** Sorts by a string key in code-point order, as AWS lists names. */
export function byName<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

/** The values of a map keyed `account/region/name` that belong to one account and region. */
export function inScope<T>(map: Map<string, T>, account: string, region: string): T[] {
  const prefix = `${account}/${region}/`;
  return [...map.entries()].filter(([key]) => key.startsWith(prefix)).map(([, value]) => value);
}
