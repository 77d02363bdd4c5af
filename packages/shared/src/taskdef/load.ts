import { readFile, stat } from 'node:fs/promises';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { ConfigurationError } from '../errors/configuration-error';
import { isPlainObject, READ_ONLY_FIELDS, type TaskDefinitionDocument } from './types';
import { messageOf } from '../runner/describe-error';
import { githubExpressionPaths, taskDefinitionShapeProblems } from './shape';

/** Options for {@link parseTaskDefinition} and {@link loadTaskDefinitionFile}. */
export interface ParseTaskDefinitionOptions {
  /** The file the text came from, named in messages. */
  file?: string;
  /** The action input that named the file, carried by the error (default `task-definition`). */
  input?: string;
}

/** `file 12:5` style location text for a YAML error, with the line of source it points at. */
export function describeYamlError(error: YAMLError, file: string): string {
  const pos = error.linePos?.[0];
  const where = pos === undefined ? file : `${file}:${pos.line}:${pos.col}`;
  // yaml's message is "<what> at line L, column C:\n\n<source excerpt>"; keep both parts, reworded.
  const [first = '', ...rest] = error.message.split('\n');
  const what = first.replace(/ at line \d+, column \d+:?$/, '');
  const excerpt = rest.join('\n').trim();
  return `${where}: ${what}${excerpt === '' ? '' : `\n${excerpt}`}`;
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: (before[before.length - 1]?.length ?? 0) + 1 };
}

/**
 * For text that looks like JSON, the JSON parser's message (plainer than YAML's for JSON mistakes) with the
 * position it names; `undefined` when it parses.
 */
function jsonSyntaxError(text: string, file: string): string | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = messageOf(error);
    const offset = /at position (\d+)/.exec(message)?.[1];
    const pos = lineColumn(text, offset === undefined ? text.length : Number(offset));
    const what = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    const line = text.split('\n')[pos.line - 1] ?? '';
    return `${file}:${pos.line}:${pos.col}: ${what}\n${line}\n${' '.repeat(pos.col - 1)}^`;
  }
}

/**
 * Parses a task definition written as JSON or YAML; a syntax error names the file, line and column (JSON
 * text is checked by the JSON parser first, for its plainer messages; both are then read by the YAML 1.2 parser,
 * which also refuses duplicate keys). Accepts a plain definition, or what `aws ecs describe-task-definition`
 * prints (`{"taskDefinition": {...}, "tags": [...]}`): the definition is unwrapped and its tags kept.
 *
 * @throws ConfigurationError naming the file and position for a syntax error, and the input when the result is
 *   not an object with a `family` and a non-empty `containerDefinitions` list of named containers.
 */
export function parseTaskDefinition(
  text: string,
  options: ParseTaskDefinitionOptions = {},
): TaskDefinitionDocument {
  const file = options.file ?? 'task definition';
  const input = options.input ?? 'task-definition';
  const jsonError = jsonSyntaxError(text, file);
  if (jsonError !== undefined) {
    throw new ConfigurationError(`Cannot parse the task definition (input "${input}"): ${jsonError}`, {
      input,
    });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, version: '1.2' });
  const error = doc.errors[0];
  if (error !== undefined) {
    throw new ConfigurationError(
      `Cannot parse the task definition (input "${input}"): ${describeYamlError(error, file)}`,
      {
        input,
      },
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // An alias with no anchor, or one that expands past all reason.
    throw new ConfigurationError(
      `Cannot parse the task definition (input "${input}"): ${file}: ${messageOf(err).split('\n')[0] ?? ''}.`,
      { input },
    );
  }
  if (isPlainObject(value) && isPlainObject(value.taskDefinition) && !('containerDefinitions' in value)) {
    const tags = value.tags;
    value = tags === undefined ? value.taskDefinition : { ...value.taskDefinition, tags };
  }
  const problems = checkShape(value);
  if (problems.length === 0) problems.push(...taskDefinitionShapeProblems(value));
  const expressions = githubExpressionPaths(value);
  if (problems.length === 0 && expressions.length > 0) {
    problems.push(
      `${expressions.slice(0, 3).join(', ')} ${expressions.length === 1 ? 'holds' : 'hold'} a GitHub expression, \${{ … }}, which GitHub never expands in a file: write a placeholder, {{ name }}, and give its value in "vars"`,
    );
  }
  if (problems.length > 0) {
    throw new ConfigurationError(
      `The task definition in ${file} (input "${input}") is not usable: ${problems.join('; ')}.`,
      { input },
    );
  }
  return value as TaskDefinitionDocument;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function checkShape(value: unknown): string[] {
  if (!isPlainObject(value))
    return [`it must be an object with "family" and "containerDefinitions", not ${kind(value)}`];
  const problems: string[] = [];
  if (typeof value.family !== 'string' || value.family.trim() === '') {
    problems.push(value.family === undefined ? '"family" is missing' : `"family" must be a non-empty string`);
  }
  const containers = value.containerDefinitions;
  if (containers === undefined) {
    problems.push('"containerDefinitions" is missing');
  } else if (!Array.isArray(containers) || containers.length === 0) {
    problems.push('"containerDefinitions" must be a non-empty list');
  } else {
    containers.forEach((c: unknown, i) => {
      if (!isPlainObject(c)) problems.push(`containerDefinitions[${i}] must be an object, not ${kind(c)}`);
      else if (typeof c.name !== 'string' || c.name === '') {
        problems.push(`containerDefinitions[${i}] has no "name"`);
      }
    });
  }
  if (value.tags !== undefined && !Array.isArray(value.tags))
    problems.push('"tags" must be a list of {key, value}');
  return problems;
}

/**
 * Reads a file an input names, as UTF-8.
 *
 * @param what how messages call the file (`file`, `manifest`).
 * @throws ConfigurationError naming the input and saying why the file cannot be read.
 */
export async function readInputFile(
  path: string,
  input: string,
  what = 'file',
  maxBytes = TASK_DEFINITION_MAX_BYTES,
): Promise<string> {
  let size: number | undefined;
  try {
    size = (await stat(path)).size;
  } catch {
    size = undefined; // the read below says why
  }
  if (size !== undefined && size > maxBytes) {
    throw new ConfigurationError(
      `Input "${input}" names the ${what} ${path}, which has ${size} bytes: at most ${maxBytes} are read.`,
      { input },
    );
  }
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a directory' : String(error);
    throw new ConfigurationError(
      `Input "${input}" names the ${what} ${path}, which cannot be read: ${why}.`,
      {
        input,
        cause: error,
      },
    );
  }
}

/** ECS's limit on a task definition (64 KiB): a larger file cannot be registered, so it is not even read. */
export const TASK_DEFINITION_MAX_BYTES = 65_536;

/** Reads and parses a task-definition file (JSON or YAML); see {@link parseTaskDefinition}. */
export async function loadTaskDefinitionFile(
  path: string,
  options: Omit<ParseTaskDefinitionOptions, 'file'> = {},
): Promise<TaskDefinitionDocument> {
  const input = options.input ?? 'task-definition';
  return parseTaskDefinition(await readInputFile(path, input), { file: path, input });
}

/** The top-level fields RegisterTaskDefinition takes (plus the read-only ones DescribeTaskDefinition adds). */
const KNOWN_FIELDS = new Set<string>([
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'tags',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
  ...READ_ONLY_FIELDS,
]);

/**
 * Top-level fields RegisterTaskDefinition does not know (`memmory`, `containerDefinition`): the SDK would drop
 * them silently, so an action should warn. Not an error: AWS may add fields before this list learns them.
 */
export function unknownTaskDefinitionFields(def: TaskDefinitionDocument): string[] {
  return Object.keys(def).filter((k) => !KNOWN_FIELDS.has(k));
}
