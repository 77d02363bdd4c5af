/**
 * A small JSON path evaluator for smoke checks: `$`, `$.status`, `$.items[0].id`, `$['odd key']`,
 * `$.items[-1]` (from the end). A leading `$` is optional (`status` = `$.status`).
 */

export type PathSegment = string | number;

/** Why a path is malformed. */
export class JsonPathError extends Error {}

const IDENT = /^[A-Za-z_$][\w$-]*/;

export function parseJsonPath(path: string): PathSegment[] {
  let rest = path.trim();
  if (rest === '') throw new JsonPathError('the path is empty');
  if (rest.startsWith('$')) rest = rest.slice(1);
  else rest = `.${rest}`;
  const segments: PathSegment[] = [];
  while (rest !== '') {
    if (rest.startsWith('.')) {
      const m = IDENT.exec(rest.slice(1));
      if (!m) throw new JsonPathError(`expected a field name after "." in ${JSON.stringify(path)}`);
      segments.push(m[0]);
      rest = rest.slice(1 + m[0].length);
      continue;
    }
    const index = /^\[\s*(-?\d+)\s*\]/.exec(rest);
    if (index) {
      segments.push(Number(index[1]));
      rest = rest.slice(index[0].length);
      continue;
    }
    const quoted = /^\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/.exec(rest);
    if (quoted) {
      segments.push((quoted[1] ?? quoted[2] ?? '').replace(/\\(.)/g, '$1'));
      rest = rest.slice(quoted[0].length);
      continue;
    }
    throw new JsonPathError(`unexpected ${JSON.stringify(rest.slice(0, 10))} in ${JSON.stringify(path)}`);
  }
  return segments;
}

/** The value at `path` in `value`, or `{ found: false }` when the path does not exist there. */
export function evaluateJsonPath(
  value: unknown,
  path: readonly PathSegment[],
): { found: true; value: unknown } | { found: false } {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return { found: false };
      const i = segment < 0 ? current.length + segment : segment;
      if (i < 0 || i >= current.length) return { found: false };
      current = current[i] as unknown;
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return { found: false };
      if (!Object.hasOwn(current, segment)) return { found: false };
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}

/** Deep equality of JSON values (what `json-equals` compares). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}
