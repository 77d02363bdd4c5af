import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}

/** The parts of an action.yml the runner uses to run a JavaScript action. */
export interface ActionMetadata {
  name: string;
  inputs: Record<string, ActionInput>;
  outputs: string[];
  runs: { using: string; main: string; pre?: string; post?: string; postIf: string };
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} must be a mapping`);
  return value as Record<string, unknown>;
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return String(value);
}

export function readActionMetadata(actionDir: string): ActionMetadata {
  const file = join(actionDir, 'action.yml');
  const doc = asRecord(parse(readFileSync(file, 'utf8')) as unknown, file);
  const runs = asRecord(doc.runs, `${file}: runs`);
  const using = optionalString(runs.using);
  const main = optionalString(runs.main);
  if (!using || !main)
    throw new Error(`${file}: runs.using and runs.main are required for a JavaScript action`);
  if (!/^node\d+$/.test(using)) throw new Error(`${file}: runs.using is ${using}, not a node runtime`);
  const inputs: Record<string, ActionInput> = {};
  for (const [name, raw] of Object.entries(asRecord(doc.inputs, `${file}: inputs`))) {
    const spec = asRecord(raw, `${file}: inputs.${name}`);
    const input: ActionInput = {};
    const description = optionalString(spec.description);
    const def = optionalString(spec.default);
    if (description !== undefined) input.description = description;
    if (def !== undefined) input.default = def;
    if (spec.required !== undefined) input.required = spec.required === true || spec.required === 'true';
    inputs[name] = input;
  }
  const pre = optionalString(runs.pre);
  const post = optionalString(runs.post);
  return {
    name: optionalString(doc.name) ?? actionDir,
    inputs,
    outputs: Object.keys(asRecord(doc.outputs, `${file}: outputs`)),
    runs: {
      using,
      main,
      ...(pre !== undefined ? { pre } : {}),
      ...(post !== undefined ? { post } : {}),
      postIf: optionalString(runs['post-if']) ?? 'always()',
    },
  };
}

export interface JobStatus {
  failed: boolean;
  cancelled: boolean;
}

/**
 * Evaluates a `post-if` condition: the status functions `always()`, `success()`, `failure()`, `cancelled()`,
 * combined with `!`, `&&`, `||` and parentheses, optionally wrapped in `${{ }}`. Anything else throws, so a test
 * never silently skips a post step the runner would run.
 */
export function evaluatePostIf(expression: string, status: JobStatus): boolean {
  const text = expression
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .trim();
  const tokens = text.match(
    /\s*(always\(\)|success\(\)|failure\(\)|cancelled\(\)|true|false|&&|\|\||!|\(|\))/gy,
  );
  if (!tokens || tokens.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) {
    throw new Error(
      `post-if "${expression}": only always(), success(), failure(), cancelled(), !, &&, || are supported`,
    );
  }
  const queue = tokens.map((t) => t.trim());
  let pos = 0;
  const value = (name: string): boolean => {
    switch (name) {
      case 'always()':
      case 'true':
        return true;
      case 'false':
        return false;
      case 'success()':
        return !status.failed && !status.cancelled;
      case 'failure()':
        return status.failed && !status.cancelled;
      case 'cancelled()':
        return status.cancelled;
      default:
        throw new Error(`post-if "${expression}": unexpected ${name}`);
    }
  };
  const primary = (): boolean => {
    const t = queue[pos++];
    if (t === '!') return !primary();
    if (t === '(') {
      const v = or();
      if (queue[pos++] !== ')') throw new Error(`post-if "${expression}": missing )`);
      return v;
    }
    if (t === undefined) throw new Error(`post-if "${expression}": unexpected end`);
    return value(t);
  };
  const and = (): boolean => {
    let v = primary();
    while (queue[pos] === '&&') {
      pos += 1;
      const rhs = primary();
      v = v && rhs;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (queue[pos] === '||') {
      pos += 1;
      const rhs = and();
      v = v || rhs;
    }
    return v;
  };
  const result = or();
  if (pos !== queue.length) throw new Error(`post-if "${expression}": unexpected ${queue[pos]}`);
  return result;
}
