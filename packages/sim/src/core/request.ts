import { AwsError } from './errors';
import { pageOf } from './listing';

/** A decoded awsJson request, or one structure inside it. */
export type Json = Record<string, unknown>;

/** The types a request member is read as. */
export type MemberType = 'string' | 'integer' | 'boolean' | 'strings' | 'object' | 'objects';

/** What is wrong with one member of a request. */
export type Problem =
  | { kind: 'missing' }
  | { kind: 'type'; expected: MemberType }
  | { kind: 'range'; min?: number; max?: number };

/**
 * How a service words a malformed request. ECS and CloudWatch Logs answer a plain sentence
 * (`InvalidParameterException: cpu must be an integer.`); SSM, Secrets Manager and ECR answer
 * `ValidationException: 1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: …`.
 */
export interface RequestErrors {
  /** The error code of a malformed member and of `Input.fail()`. */
  readonly code: string;
  /** Whether `required()` refuses an empty string as it refuses a missing member. */
  readonly blankIsMissing: boolean;
  message(member: string, problem: Problem, value: unknown): string;
}

const PLAIN_NOUN: Record<MemberType, string> = {
  string: 'a string',
  integer: 'an integer',
  boolean: 'a boolean',
  strings: 'a list of strings',
  object: 'an object',
  objects: 'a list of objects',
};

/** ECS's and CloudWatch Logs' wording, under `code`: `cpu must be an integer.`, `cluster can not be blank.` */
export function plainErrors(code: string): RequestErrors {
  return {
    code,
    blankIsMissing: true,
    message(member, problem) {
      switch (problem.kind) {
        case 'missing':
          return `${member} can not be blank.`;
        case 'type':
          return `${member} must be ${PLAIN_NOUN[problem.expected]}.`;
        case 'range':
          return `${member} must be between ${problem.min ?? '-∞'} and ${problem.max ?? '∞'}.`;
      }
    },
  };
}

export const invalidParameter: RequestErrors = plainErrors('InvalidParameterException');

const MEMBER_NOUN: Record<MemberType, string> = {
  ...PLAIN_NOUN,
  object: 'a structure',
  objects: 'a list of structures',
};

/**
 * One constraint violation as AWS's validation layer words it, `Value 'x' at 'member' failed to satisfy
 * constraint: …`, with the member in lowerCamelCase as AWS writes it whatever the wire name's case.
 */
export function violation(member: string, value: unknown, constraint: string): string {
  const shown =
    value === undefined || value === null
      ? 'null'
      : `'${Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value)}'`;
  const camel = member.charAt(0).toLowerCase() + member.slice(1);
  return `Value ${shown} at '${camel}' failed to satisfy constraint: ${constraint}`;
}

/** A `ValidationException` for one member. */
export function validationError(member: string, constraint: string, value: unknown): AwsError {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: ${violation(member, value, constraint)}`,
  );
}

function constraintOf(problem: Problem, value: unknown): string {
  switch (problem.kind) {
    case 'missing':
      return 'Member must not be null';
    case 'type':
      return `Member must be ${MEMBER_NOUN[problem.expected]}`;
    case 'range':
      return problem.min !== undefined && typeof value === 'number' && value < problem.min
        ? `Member must have value greater than or equal to ${problem.min}`
        : `Member must have value less than or equal to ${problem.max ?? '∞'}`;
  }
}

/** SSM's, Secrets Manager's and ECR's wording: a `ValidationException` naming the member and its constraint. */
export const validationErrors: RequestErrors = {
  code: 'ValidationException',
  blankIsMissing: false,
  message: (member, problem, value) =>
    `1 validation error detected: ${violation(member, value, constraintOf(problem, value))}`,
};

/** How a list call names its paging members and how large its pages are. */
export interface Paging {
  /** The member that caps the page: `maxResults`, `limit`, `MaxResults`. */
  limit: string;
  /** The member that says where the page starts: `nextToken`, `NextToken`. */
  token: string;
  max: number;
  /** The page size when the call gives none. */
  fallback: number;
  /** The error for a token the simulator did not hand out. */
  invalidToken: () => AwsError;
}

/**
 * Typed access to the members of an awsJson request. A member of the wrong type, a missing required one or a
 * number out of range fails the way the service does, as `errors` words it.
 */
export class Input {
  constructor(
    readonly raw: Json,
    readonly errors: RequestErrors,
  ) {}

  /** A structure inside this request, read with the same wording. */
  nested(raw: Json): Input {
    return new Input(raw, this.errors);
  }

  fail(message: string): never {
    throw new AwsError(this.errors.code, message);
  }

  private invalid(member: string, problem: Problem): never {
    this.fail(this.errors.message(member, problem, this.raw[member]));
  }

  /** The member's value, undefined when it is absent or null. */
  private value(member: string): unknown {
    const v = this.raw[member];
    return v === null ? undefined : v;
  }

  has(member: string): boolean {
    return this.value(member) !== undefined;
  }

  str(member: string): string | undefined {
    const v = this.value(member);
    if (v !== undefined && typeof v !== 'string') this.invalid(member, { kind: 'type', expected: 'string' });
    return v;
  }

  required(member: string): string {
    const v = this.str(member);
    if (v === undefined || (v === '' && this.errors.blankIsMissing))
      this.invalid(member, { kind: 'missing' });
    return v;
  }

  int(member: string, min?: number, max?: number): number | undefined {
    const v = this.value(member);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v))
      this.invalid(member, { kind: 'type', expected: 'integer' });
    if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
      this.invalid(member, {
        kind: 'range',
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
      });
    }
    return v;
  }

  bool(member: string): boolean | undefined {
    const v = this.value(member);
    if (v !== undefined && typeof v !== 'boolean')
      this.invalid(member, { kind: 'type', expected: 'boolean' });
    return v;
  }

  strings(member: string): string[] | undefined {
    const v = this.value(member);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      this.invalid(member, { kind: 'type', expected: 'strings' });
    }
    return v as string[];
  }

  object(member: string): Json | undefined {
    const v = this.value(member);
    if (v === undefined) return undefined;
    if (!isJson(v)) this.invalid(member, { kind: 'type', expected: 'object' });
    return v;
  }

  objects(member: string): Json[] | undefined {
    const v = this.value(member);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every(isJson)) this.invalid(member, { kind: 'type', expected: 'objects' });
    return v as Json[];
  }

  /** The page of `items` the call asks for with its paging members. */
  page<T>(items: T[], paging: Paging): { page: T[]; nextToken?: string } {
    const limit = this.int(paging.limit, 1, paging.max) ?? paging.fallback;
    return pageOf(items, limit, this.str(paging.token), paging.invalidToken);
  }
}

function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `[{Key, Value}]` resource tags, as SSM and Secrets Manager take them. */
export function keyValueTags(input: Input, member = 'Tags'): { Key: string; Value: string }[] | undefined {
  return input.objects(member)?.map((t, i) => {
    const tag = input.nested(t);
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

/** The paging of ECS's and CloudWatch Logs' list calls: a `nextToken`, refused as an invalid parameter. */
export function nextTokenPaging(limit: string, max: number, fallback: number): Paging {
  return {
    limit,
    token: 'nextToken',
    max,
    fallback,
    invalidToken: () => new AwsError('InvalidParameterException', 'The specified nextToken is invalid.'),
  };
}
