import { AwsError } from './errors';

/**
 * The awsJson deserializer of AWS's own services reads a request against its model before any handler sees it:
 * a member of the wrong JSON type is a `SerializationException` whose message names the JSON token and the
 * model's type (`STRING_VALUE can not be converted to an Integer`), wording that clients and emulators measured
 * against AWS agree on. A boolean member also takes the strings `true`/`false`, `yes`/`no`, `y`/`n`, `t`/`f`,
 * `1`/`0` (any case), which the deserializer converts; other strings are refused.
 */
export type Shape =
  'string' | 'integer' | 'boolean' | { list: Shape } | { map: Shape } | { structure: Record<string, Shape> };

const TRUE = new Set(['true', 'yes', 'y', 't', '1']);
const FALSE = new Set(['false', 'no', 'n', 'f', '0']);

function refuse(message: string): never {
  throw new AwsError('SerializationException', message);
}

function token(value: unknown): string {
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'number') return 'NUMBER_VALUE';
  return value === true ? 'TRUE_VALUE' : 'FALSE_VALUE';
}

function refuseContainer(value: unknown): void {
  if (Array.isArray(value)) refuse('Start of list found where not expected');
  if (typeof value === 'object' && value !== null)
    refuse('Start of structure or map found where not expected.');
}

/**
 * Reads `value` as `shape` describes it and returns it as the service stores it (a boolean string converted,
 * a fractional integer truncated); members the shape does not name pass through untouched, null is absent.
 */
export function readShape(value: unknown, shape: Shape): unknown {
  if (value === null || value === undefined) return value;
  if (shape === 'string') {
    refuseContainer(value);
    if (typeof value !== 'string') refuse(`${token(value)} can not be converted to a String`);
    return value;
  }
  if (shape === 'integer') {
    refuseContainer(value);
    if (typeof value !== 'number') refuse(`${token(value)} can not be converted to an Integer`);
    return Math.trunc(value);
  }
  if (shape === 'boolean') {
    refuseContainer(value);
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') refuse('NUMBER_VALUE can not be converted to a Boolean');
    const text = String(value).toLowerCase();
    if (TRUE.has(text)) return true;
    if (FALSE.has(text)) return false;
    return refuse('STRING_VALUE can not be converted to an Boolean');
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) {
      if (typeof value === 'object') refuse('Start of structure or map found where not expected.');
      return refuse('Expected list or null');
    }
    return value.map((item) => readShape(item, shape.list));
  }
  if (Array.isArray(value)) refuse('Start of list found where not expected');
  if (typeof value !== 'object') refuse('map' in shape ? 'Expected map or null' : 'Expected null');
  const members = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(members)) {
    const memberShape = 'map' in shape ? shape.map : shape.structure[key];
    out[key] = memberShape === undefined ? member : readShape(member, memberShape);
  }
  return out;
}
