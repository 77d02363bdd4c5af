import { AwsError } from '../core/errors';
import { globMatch } from '../core/glob';

/** One `"Operator": { "key": values }` entry of a Condition block, split into its parts. */
export interface Condition {
  /** As written, e.g. `ForAnyValue:StringLike` or `StringEqualsIfExists`. */
  operator: string;
  base: string;
  qualifier: 'ForAnyValue' | 'ForAllValues' | undefined;
  ifExists: boolean;
  /** Lower case: IAM condition keys are case-insensitive. */
  key: string;
  values: string[];
}

/** The request's condition keys (lower case) and their values; a key that is absent is not in the map. */
export type ConditionContext = Map<string, string[]>;

interface Operator {
  match: (actual: string, expected: string) => boolean;
  /** Negated operators (StringNotEquals…) hold when no value matches, and when the key is absent. */
  negated: boolean;
}

const equals = (a: string, e: string): boolean => a === e;
const equalsIgnoreCase = (a: string, e: string): boolean => a.toLowerCase() === e.toLowerCase();
// IAM's `*` and `?` match across `:` and `/`, like the core glob.
const like = (a: string, e: string): boolean => globMatch(e, a);

function numbers(a: string, e: string): [number, number] | undefined {
  const x = Number(a);
  const y = Number(e);
  return a.trim() === '' || e.trim() === '' || Number.isNaN(x) || Number.isNaN(y) ? undefined : [x, y];
}

/** A date as IAM reads one: ISO 8601, or epoch seconds. */
function epochMs(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function dates(a: string, e: string): [number, number] | undefined {
  const x = epochMs(a);
  const y = epochMs(e);
  return x === undefined || y === undefined ? undefined : [x, y];
}

const compare =
  (read: (a: string, e: string) => [number, number] | undefined, test: (x: number, y: number) => boolean) =>
  (a: string, e: string): boolean => {
    const pair = read(a, e);
    return pair !== undefined && test(pair[0], pair[1]);
  };

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** `IpAddress`: an IPv4 address inside a CIDR block (or equal to an address). */
function inCidr(actual: string, expected: string): boolean {
  const [base, bits = '32'] = expected.split('/');
  const address = ipv4(actual.replace(/^::ffff:/, ''));
  const network = ipv4(base ?? '');
  const size = Number(bits);
  if (address === undefined || network === undefined || !Number.isInteger(size) || size < 0 || size > 32) {
    return actual === expected;
  }
  const block = 2 ** (32 - size);
  return Math.floor(address / block) === Math.floor(network / block);
}

const OPERATORS: Record<string, Operator> = {
  StringEquals: { match: equals, negated: false },
  StringNotEquals: { match: equals, negated: true },
  StringEqualsIgnoreCase: { match: equalsIgnoreCase, negated: false },
  StringNotEqualsIgnoreCase: { match: equalsIgnoreCase, negated: true },
  StringLike: { match: like, negated: false },
  StringNotLike: { match: like, negated: true },
  ArnEquals: { match: like, negated: false },
  ArnLike: { match: like, negated: false },
  ArnNotEquals: { match: like, negated: true },
  ArnNotLike: { match: like, negated: true },
  Bool: { match: equalsIgnoreCase, negated: false },
  BinaryEquals: { match: equals, negated: false },
  NumericEquals: { match: compare(numbers, (x, y) => x === y), negated: false },
  NumericNotEquals: { match: compare(numbers, (x, y) => x === y), negated: true },
  NumericLessThan: { match: compare(numbers, (x, y) => x < y), negated: false },
  NumericLessThanEquals: { match: compare(numbers, (x, y) => x <= y), negated: false },
  NumericGreaterThan: { match: compare(numbers, (x, y) => x > y), negated: false },
  NumericGreaterThanEquals: { match: compare(numbers, (x, y) => x >= y), negated: false },
  DateEquals: { match: compare(dates, (x, y) => x === y), negated: false },
  DateNotEquals: { match: compare(dates, (x, y) => x === y), negated: true },
  DateLessThan: { match: compare(dates, (x, y) => x < y), negated: false },
  DateLessThanEquals: { match: compare(dates, (x, y) => x <= y), negated: false },
  DateGreaterThan: { match: compare(dates, (x, y) => x > y), negated: false },
  DateGreaterThanEquals: { match: compare(dates, (x, y) => x >= y), negated: false },
  IpAddress: { match: inCidr, negated: false },
  NotIpAddress: { match: inCidr, negated: true },
};

function conditionValues(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.map((v) => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new AwsError(
      'MalformedPolicyDocument',
      `${where}: condition values must be strings or lists of strings`,
    );
  });
}

/** Parses a Condition block; an operator IAM would reject makes the policy malformed. */
export function parseConditions(block: unknown, where: string): Condition[] {
  if (block === undefined) return [];
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    throw new AwsError('MalformedPolicyDocument', `${where}: Condition must be an object`);
  }
  const out: Condition[] = [];
  for (const [operator, keys] of Object.entries(block)) {
    const m = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(operator);
    const base = m?.[2] ?? operator;
    if (!(base in OPERATORS) && base !== 'Null') {
      throw new AwsError(
        'MalformedPolicyDocument',
        `${where}: the simulator does not know condition operator ${operator}`,
      );
    }
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
      throw new AwsError(
        'MalformedPolicyDocument',
        `${where}: ${operator} must map condition keys to values`,
      );
    }
    for (const [key, value] of Object.entries(keys)) {
      out.push({
        operator,
        base,
        qualifier: m?.[1] as Condition['qualifier'],
        ifExists: m?.[3] !== undefined,
        key: key.toLowerCase(),
        values: conditionValues(value, `${where}: ${operator} ${key}`),
      });
    }
  }
  return out;
}

/** One condition, with IAM's semantics for absent keys, multi-valued keys and value lists (OR). */
export function conditionHolds(condition: Condition, context: ConditionContext): boolean {
  const actual = context.get(condition.key);
  const present = actual !== undefined && actual.length > 0;
  if (condition.base === 'Null') {
    // "Null": {"key": "true"} holds when the key is absent.
    return condition.values.some((v) => (v.toLowerCase() === 'true') !== present);
  }
  const op = OPERATORS[condition.base]!;
  const satisfies = (value: string): boolean => {
    const any = condition.values.some((expected) => op.match(value, expected));
    return op.negated ? !any : any;
  };
  if (!present) {
    if (condition.ifExists) return true;
    if (condition.qualifier === 'ForAllValues') return true;
    if (condition.qualifier === 'ForAnyValue') return false;
    return op.negated;
  }
  if (condition.qualifier === 'ForAllValues') return actual.every(satisfies);
  if (condition.qualifier === 'ForAnyValue') return actual.some(satisfies);
  // A single-valued key: negated operators hold only when no value of the request matches.
  return op.negated ? actual.every(satisfies) : actual.some(satisfies);
}

export function conditionsHold(conditions: Condition[], context: ConditionContext): boolean {
  return conditions.every((c) => conditionHolds(c, context));
}
