import { AwsError } from '../core/errors';
import { pageOf } from '../core/listing';

/**
 * Typed access to an awsQuery request's members as CloudFormation reads them: every value arrives as text, lists
 * as `Name.member.N`. A malformed one is a ValidationError worded as AWS's validation layer words it.
 */
export class QueryInput {
  constructor(readonly raw: Record<string, unknown>) {}

  private static camel(member: string): string {
    return member.charAt(0).toLowerCase() + member.slice(1);
  }

  invalid(member: string, value: unknown, constraint: string): never {
    const shown = value === undefined ? 'null' : `'${String(value)}'`;
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value ${shown} at '${QueryInput.camel(member)}' failed to satisfy constraint: ${constraint}`,
    );
  }

  str(member: string): string | undefined {
    const v = this.raw[member];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') this.invalid(member, '[…]', 'Member must be a string');
    return v;
  }

  required(member: string): string {
    const v = this.str(member);
    if (v === undefined) this.invalid(member, undefined, 'Member must not be null');
    return v;
  }

  /** A name matching CloudFormation's `[a-zA-Z][-a-zA-Z0-9]*` (stack and change-set names), or an ARN. */
  name(member: string, options: { required: true; arn?: boolean }): string;
  name(member: string, options?: { required?: boolean; arn?: boolean }): string | undefined;
  name(member: string, options: { required?: boolean; arn?: boolean } = {}): string | undefined {
    const v = options.required ? this.required(member) : this.str(member);
    if (v === undefined) return undefined;
    if (options.arn && v.startsWith('arn:')) return v;
    if (v.length > 128) this.invalid(member, v, 'Member must have length less than or equal to 128');
    if (!/^[a-zA-Z][-a-zA-Z0-9]*$/.test(v)) {
      this.invalid(
        member,
        v,
        `Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*${options.arn ? '|arn:[-a-zA-Z0-9:/._+]*' : ''}`,
      );
    }
    return v;
  }

  bool(member: string): boolean | undefined {
    const v = this.str(member);
    if (v === undefined) return undefined;
    if (v !== 'true' && v !== 'false') this.invalid(member, v, 'Member must be a boolean');
    return v === 'true';
  }

  int(member: string, min: number, max: number): number | undefined {
    const v = this.str(member);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n)) this.invalid(member, v, 'Member must be an integer');
    if (n < min) this.invalid(member, v, `Member must have value greater than or equal to ${min}`);
    if (n > max) this.invalid(member, v, `Member must have value less than or equal to ${max}`);
    return n;
  }

  strings(member: string): string[] {
    const v = this.raw[member];
    if (v === undefined || v === '') return [];
    if (!Array.isArray(v)) this.invalid(member, '[…]', 'Member must be a list');
    return (v as unknown[]).filter((x) => x !== undefined).map(String);
  }

  objects(member: string): Record<string, unknown>[] {
    const v = this.raw[member];
    if (v === undefined || v === '') return [];
    if (!Array.isArray(v)) this.invalid(member, '[…]', 'Member must be a list');
    return (v as unknown[]).filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
  }

  /** A page of `items` by NextToken (CloudFormation's own page size, or MaxResults where the call takes one). */
  page<T>(items: T[], size: number): { page: T[]; nextToken?: string } {
    const limit = this.raw['MaxResults'] !== undefined ? (this.int('MaxResults', 1, 100) ?? size) : size;
    return pageOf(
      items,
      limit,
      this.str('NextToken'),
      () => new AwsError('ValidationError', 'Invalid NextToken'),
    );
  }
}

export const validationError = (message: string): AwsError => new AwsError('ValidationError', message);

export const stackMissing = (nameOrId: string): AwsError =>
  validationError(`Stack with id ${nameOrId} does not exist`);

/** `{NextToken}` for a response when there is a next page. */
export const tokenOf = (next: string | undefined): { NextToken?: string } =>
  next !== undefined ? { NextToken: next } : {};
