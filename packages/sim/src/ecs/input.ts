import { AwsError } from '../core/errors';

export type Json = Record<string, unknown>;

/**
 * Typed access to a decoded awsJson request. Wrong types fail the way the services do for a malformed
 * request: with the service's validation error code (ECS `InvalidParameterException`, Logs the same name).
 */
export class Input {
  constructor(
    readonly raw: Json,
    private readonly errorCode = 'InvalidParameterException',
  ) {}

  fail(message: string): never {
    throw new AwsError(this.errorCode, message);
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  str(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.fail(`${key} must be a string.`);
    return v;
  }

  reqStr(key: string): string {
    const v = this.str(key);
    if (v === undefined || v === '') this.fail(`${key} can not be blank.`);
    return v;
  }

  int(key: string, min?: number, max?: number): number | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(`${key} must be an integer.`);
    if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
      this.fail(`${key} must be between ${min ?? '-∞'} and ${max ?? '∞'}.`);
    }
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') this.fail(`${key} must be a boolean.`);
    return v;
  }

  strList(key: string): string[] | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
      this.fail(`${key} must be a list of strings.`);
    return v as string[];
  }

  obj(key: string): Json | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(`${key} must be an object.`);
    return v as Json;
  }

  objList(key: string): Json[] | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) {
      this.fail(`${key} must be a list of objects.`);
    }
    return v as Json[];
  }
}

/** Offset paging as the list APIs do it: an opaque token that is the index of the next item. */
export function page<T>(
  items: T[],
  maxResults: number,
  nextToken: string | undefined,
  fail: (m: string) => never,
) {
  let start = 0;
  if (nextToken !== undefined) {
    const decoded = Number(Buffer.from(nextToken, 'base64').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0) fail('The specified nextToken is invalid.');
    start = decoded;
  }
  const slice = items.slice(start, start + maxResults);
  const next =
    start + maxResults < items.length
      ? Buffer.from(String(start + maxResults)).toString('base64')
      : undefined;
  return { items: slice, nextToken: next };
}
