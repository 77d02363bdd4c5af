import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { compileManifestValidator } from './schema-validator';
import schema from './schema.json';
import { formatPath, type ManifestProblem, type ManifestSource, type PathSegment } from './source';

/** The manifest's JSON Schema (draft 2020-12), as an object. */
export const MANIFEST_SCHEMA: object = schema;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= compileManifestValidator();
  return compiled;
}

function decodePointer(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Turns list indexes back into numbers, following the data. */
function typedPath(data: unknown, segments: PathSegment[]): PathSegment[] {
  let node = data;
  return segments.map((seg) => {
    const out = Array.isArray(node) ? Number(seg) : seg;
    node =
      node === null || typeof node !== 'object' ? undefined : (node as Record<string, unknown>)[String(seg)];
    return out;
  });
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a map of names to values',
  array: 'a list',
  null: 'empty',
};

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return JSON.stringify(value);
}

function description(error: ErrorObject): string | undefined {
  const parent = error.parentSchema as { description?: unknown } | undefined;
  return typeof parent?.description === 'string' ? parent.description : undefined;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

function message(
  error: ErrorObject,
  where: string,
): { text: string; extra?: PathSegment; key?: boolean } | undefined {
  const p = error.params as Record<string, unknown>;
  const subject = where === '' ? 'The manifest' : where;
  switch (error.keyword) {
    case 'required':
      return { text: `${subject} is missing "${String(p.missingProperty)}"`, key: true };
    case 'additionalProperties': {
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const hint = known.length > 0 ? `; expected one of: ${known.join(', ')}` : '';
      return {
        text: `${subject}: unknown property "${String(p.additionalProperty)}"${hint}`,
        extra: String(p.additionalProperty),
        key: true,
      };
    }
    case 'type': {
      const words = String(p.type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t);
      // A form description ("a 12-digit AWS account id") helps; prose about a whole section does not.
      const what =
        (error.parentSchema as { pattern?: unknown }).pattern === undefined ? undefined : description(error);
      const hint = what === undefined ? '' : ` (${what})`;
      return { text: `${subject} must be ${words.join(' or ')}${hint}; got ${describeValue(error.data)}` };
    }
    case 'const':
      if (p.allowedValue === false) return { text: `${subject} must be a map with "command", or false` };
      return {
        text: `${subject} must be ${JSON.stringify(p.allowedValue)}; got ${describeValue(error.data)}`,
      };
    case 'enum':
      return {
        text: `${subject} must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}; got ${describeValue(error.data)}`,
      };
    case 'pattern':
      return {
        text: `${subject} must be ${description(error) ?? `text matching ${String(p.pattern)}`}; got ${describeValue(error.data)}`,
      };
    case 'minimum':
      return { text: `${subject} must be at least ${String(p.limit)}; got ${describeValue(error.data)}` };
    case 'maximum':
      return { text: `${subject} must be at most ${String(p.limit)}; got ${describeValue(error.data)}` };
    case 'minItems':
      return { text: `${subject} must have at least ${plural(Number(p.limit), 'item', 'items')}` };
    case 'minProperties':
      return { text: `${subject} must have at least ${plural(Number(p.limit), 'entry', 'entries')}` };
    case 'minLength':
      return { text: `${subject} must not be empty` };
    case 'maxLength':
      return { text: `${subject} must be at most ${String(p.limit)} characters long` };
    case 'uniqueItems':
      return {
        text: `${subject} lists ${describeValue((error.data as unknown[])[Number(p.j)])} more than once`,
      };
    case 'if':
    case 'propertyNames':
      return undefined; // the errors of the sub-schemas say it better
    default:
      return { text: `${subject} ${error.message ?? 'is not valid'}` };
  }
}

/**
 * Validates a parsed manifest against {@link MANIFEST_SCHEMA}; every error becomes a problem that says what
 * is wrong in words and points at the line and column of the offending value (or key).
 */
export function validateManifestSchema(data: unknown, source: ManifestSource): ManifestProblem[] {
  const validate = validator();
  if (validate(data)) return [];
  const problems: ManifestProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    let path = typedPath(data, decodePointer(error.instancePath));
    let text: string;
    let key: boolean;
    if (error.propertyName !== undefined) {
      path = [...path, error.propertyName];
      text = `${formatPath(path)}: the name "${error.propertyName}" is not valid; use ${description(error) ?? 'letters, digits, - and _'}`;
      key = true;
    } else {
      const m = message(error, formatPath(path));
      if (m === undefined) continue;
      if (m.extra !== undefined) path = [...path, m.extra];
      text = m.text;
      key = m.key === true;
    }
    const id = `${formatPath(path)}\n${text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(source.problem(path, text, { key }));
  }
  return problems;
}
