import { ConfigurationError } from '../errors/configuration-error';
import { isPlainObject } from './types';

/**
 * Placeholders in task-definition templates and manifests: `{{ name }}`, spaces optional. GitHub only expands
 * `${{ … }}` (and only in workflow files), so a template can be written inside a workflow or passed through
 * an input without GitHub touching it.
 *
 * - Names: a letter or `_`, then letters, digits, `_`, `-` or `.` (`image_tag`, `account-id`, `db.host`).
 * - `{{{{` is a literal `{{` (write `{{{{ name }}` to get the text `{{ name }}`); a lone `}}` is literal.
 * - `${{ name }}` is refused: GitHub does not expand files, so it is almost always a mistake.
 * - Only string values are rendered; object keys are left as they are; the result is always a string.
 */
export const PLACEHOLDER_FORM = '{{ name }}';

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/;
const PLACEHOLDER = new RegExp(`\\{\\{\\s*(${NAME.source})\\s*\\}\\}`, 'y');

/** One place where a placeholder is used: its name and the JSON path of the string holding it. */
export interface PlaceholderUse {
  name: string;
  /** JSON path, e.g. `containerDefinitions[0].image`. */
  path: string;
}

/** A placeholder that cannot be rendered: no value, or not well formed. */
export interface PlaceholderProblem {
  path: string;
  /** The placeholder as written (`{{ tag }}`) or the start of a malformed one. */
  text: string;
  reason: 'missing' | 'malformed' | 'github-expression';
  name?: string;
}

interface Scan {
  output: string;
  uses: PlaceholderUse[];
  problems: PlaceholderProblem[];
}

function scanString(text: string, path: string, vars: Readonly<Record<string, string>> | undefined): Scan {
  let output = '';
  const uses: PlaceholderUse[] = [];
  const problems: PlaceholderProblem[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('{{{{', i)) {
      output += '{{';
      i += 4;
      continue;
    }
    if (!text.startsWith('{{', i)) {
      output += text[i];
      i += 1;
      continue;
    }
    PLACEHOLDER.lastIndex = i;
    const match = PLACEHOLDER.exec(text);
    if (match === null) {
      const end = text.indexOf('}}', i);
      const snippet = end < 0 ? text.slice(i, i + 20) : text.slice(i, end + 2);
      problems.push({ path, text: snippet, reason: 'malformed' });
      output += '{{';
      i += 2;
      continue;
    }
    const name = match[1]!;
    uses.push({ name, path });
    if (text[i - 1] === '$' && !output.endsWith('{{')) {
      problems.push({ path, text: `$${match[0]}`, reason: 'github-expression', name });
    } else if (vars !== undefined && !Object.hasOwn(vars, name)) {
      problems.push({ path, text: match[0], reason: 'missing', name });
    } else if (vars !== undefined) {
      output += vars[name];
    }
    if (vars === undefined) output += match[0];
    i += match[0].length;
  }
  return { output, uses, problems };
}

/** JSON path of a child: `a.b`, `a[0]`, `a["odd-key"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

function walk<T>(value: T, path: string, visit: (text: string, path: string) => string): T {
  if (typeof value === 'string') return visit(value, path) as T;
  if (Array.isArray(value)) return value.map((v: unknown, i) => walk(v, childPath(path, i), visit)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, childPath(path, k), visit);
    return out as T;
  }
  return value;
}

/** Every placeholder used in the string values of `value`, in document order. */
export function findPlaceholders(value: unknown): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  walk(value, '', (text, path) => {
    uses.push(...scanString(text, path, undefined).uses);
    return text;
  });
  return uses;
}

/** Options for {@link renderPlaceholders}. */
export interface RenderPlaceholdersOptions {
  /** What is being rendered, for messages: `task definition deploy/api.json`. */
  source: string;
  /** The input that supplies values, named in the message (default `vars`). */
  input?: string;
  /** The input that names the template, named when the template itself is wrong (default `input`). */
  fileInput?: string;
}

/**
 * Replaces every `{{ name }}` in the string values of `value` with `vars[name]`. Every problem is collected
 * first, so one {@link ConfigurationError} lists each missing name with where it is used.
 */
export function renderPlaceholders<T>(
  value: T,
  vars: Readonly<Record<string, string>>,
  options: RenderPlaceholdersOptions,
): T {
  const problems: PlaceholderProblem[] = [];
  const rendered = walk(value, '', (text, path) => {
    const scan = scanString(text, path, vars);
    problems.push(...scan.problems);
    return scan.output;
  });
  if (problems.length > 0) throw placeholderError(problems, options);
  return rendered;
}

/** Renders one string (a manifest value, a file name); `path` says where it came from. */
export function renderTemplateString(
  text: string,
  vars: Readonly<Record<string, string>>,
  options: RenderPlaceholdersOptions & { path: string },
): string {
  const scan = scanString(text, options.path, vars);
  if (scan.problems.length > 0) throw placeholderError(scan.problems, options);
  return scan.output;
}

/** The problems of rendering `text`, without throwing (for validators that collect many errors). */
export function checkTemplateString(
  text: string,
  vars: Readonly<Record<string, string>> | undefined,
  path: string,
): PlaceholderProblem[] {
  const scan = scanString(text, path, vars ?? {});
  return vars === undefined ? scan.problems.filter((p) => p.reason !== 'missing') : scan.problems;
}

function describeProblem(p: PlaceholderProblem): string {
  const where = p.path === '' ? '' : ` at ${p.path}`;
  switch (p.reason) {
    case 'missing':
      return `${p.text}${where} has no value`;
    case 'github-expression':
      return `${p.text}${where} looks like a GitHub expression, which GitHub does not expand here; write {{ ${p.name} }}`;
    default:
      return `${JSON.stringify(p.text)}${where} is not a placeholder; write {{ name }}, or {{{{ for a literal "{{"`;
  }
}

/** One error listing every problem; missing names are also summarised so they can be given at once. */
export function placeholderError(
  problems: readonly PlaceholderProblem[],
  options: RenderPlaceholdersOptions,
): ConfigurationError {
  const missing = [...new Set(problems.filter((p) => p.reason === 'missing').map((p) => p.name!))];
  const valuesInput = options.input ?? 'vars';
  const input = missing.length > 0 ? valuesInput : (options.fileInput ?? valuesInput);
  const lines = problems.map((p) => `  - ${describeProblem(p)}`);
  const head =
    missing.length > 0
      ? `The ${options.source} uses placeholders with no value in "${input}": ${missing.join(', ')}.`
      : `Input "${input}": the ${options.source} has placeholders that cannot be rendered.`;
  const hint = missing.length > 0 ? `\nGive each one in "${input}" as name=value.` : '';
  return new ConfigurationError(`${head}\n${lines.join('\n')}${hint}`, { input });
}
