import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import {
  ConfigurationError,
  getBooleanInput,
  getEnumInput,
  getIntegerInput,
  getKeyValueInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
  maskSecret,
  regionInput,
  roleInput,
  workspacePath,
} from '@ecs-delivery/shared';

export const MODES = ['synth', 'diff', 'deploy', 'drift'] as const;
export type Mode = (typeof MODES)[number];

/** Where the cloud assembly comes from: a command the toolkit runs, or a directory synthesized earlier. */
export type AppSource = { kind: 'command'; command: string } | { kind: 'assembly'; directory: string };

/** A CloudFormation parameter for every stack (`stack` undefined) or for one. */
export interface StackParameter {
  stack: string | undefined;
  name: string;
  value: string;
}

/** Every input of action.yml, validated. */
export interface Inputs {
  app: AppSource;
  /** Absolute. */
  workingDirectory: string;
  /** Patterns; empty for every stack. */
  stacks: string[];
  mode: Mode;
  context: Record<string, string>;
  parameters: StackParameter[];
  tags: Record<string, string>;
  awsRegion: string | undefined;
  roleToAssume: string | undefined;
  roleDurationSeconds: number | undefined;
  audience: string;
  approveBroadening: boolean;
  bootstrap: boolean;
  githubToken: string | undefined;
  commentOnPr: boolean;
  /** Absolute. */
  outputsFile: string | undefined;
  /** CI=true or GITHUB_ACTIONS=true: context lookups are off. */
  ci: boolean;
}

/** At most this many of each list input: more is a mistake, not a workflow. */
const MAX_ENTRIES = 100;
/** A stack name or pattern: CloudFormation's characters, `/` between a stage and its stacks, glob wildcards. */
const STACK_PATTERN = /^[A-Za-z0-9*?][A-Za-z0-9*?/_.-]{0,254}$/;
/** A CloudFormation parameter's logical name. */
const PARAMETER_NAME = /^[A-Za-z0-9]{1,255}$/;
/** A stack name as CloudFormation allows it. */
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
/** CloudFormation stack tags: at most 50, keys up to 128 characters and values up to 256. */
const MAX_TAGS = 50;
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/;

function refuse(input: string, why: string): never {
  throw new ConfigurationError(`Input "${input}" ${why}.`, { input });
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function workingDirectoryInput(): string {
  const given = getRequiredInput('working-directory');
  const dir = workspacePath(given);
  const workspace = workspacePath('.');
  if (!within(workspace, dir))
    refuse('working-directory', `must be inside the workspace; got ${quoted(given)}`);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    refuse('working-directory', `must be a directory of the workspace; ${quoted(given)} is none`);
  return dir;
}

/**
 * `app`: a directory holding manifest.json is a synthesized cloud assembly; any other directory is a mistake
 * (say which); else it is the command that runs the app, one line.
 */
export function appInput(workingDirectory: string): AppSource {
  const given = getRequiredInput('app');
  if (given.includes('\n') || CONTROL.test(given))
    refuse('app', `must be one command line or a directory; got ${quoted(given)}`);
  const path = resolve(workingDirectory, given);
  if (existsSync(path) && statSync(path).isDirectory()) {
    if (!existsSync(resolve(path, 'manifest.json'))) {
      refuse(
        'app',
        `names the directory ${quoted(given)}, which holds no manifest.json: give a synthesized cloud assembly (like cdk.out) or the command that runs the app (like "node bin/app.js")`,
      );
    }
    return { kind: 'assembly', directory: path };
  }
  return { kind: 'command', command: given };
}

function stacksInput(): string[] {
  const stacks = getListInput('stacks');
  if (stacks.length > MAX_ENTRIES)
    refuse('stacks', `names ${stacks.length} stacks or patterns; at most ${MAX_ENTRIES}`);
  const bad = stacks.find((s) => !STACK_PATTERN.test(s));
  if (bad !== undefined) {
    refuse(
      'stacks',
      `must be stack names or patterns (letters, digits, "-", "_", ".", "/", "*" and "?"); got ${quoted(bad)}`,
    );
  }
  return stacks;
}

function checkEntries(input: string, entries: Record<string, string>): void {
  const keys = Object.keys(entries);
  if (keys.length > MAX_ENTRIES) refuse(input, `has ${keys.length} entries; at most ${MAX_ENTRIES}`);
  for (const [key, value] of Object.entries(entries)) {
    if (/\s/.test(key) || CONTROL.test(key)) refuse(input, `has a key with a space in it: ${quoted(key)}`);
    if (CONTROL.test(value)) refuse(input, `has a control character in the value of ${quoted(key)}`);
  }
}

function contextInput(): Record<string, string> {
  const context = getKeyValueInput('context');
  checkEntries('context', context);
  return context;
}

function parametersInput(): StackParameter[] {
  const entries = getKeyValueInput('parameters');
  checkEntries('parameters', entries);
  return Object.entries(entries).map(([key, value]) => {
    const colon = key.indexOf(':');
    const stack = colon < 0 ? undefined : key.slice(0, colon);
    const name = colon < 0 ? key : key.slice(colon + 1);
    if (stack !== undefined && !STACK_NAME.test(stack)) {
      refuse(
        'parameters',
        `names the stack ${quoted(stack)}, which is no stack name (a letter, then letters, digits and "-")`,
      );
    }
    if (!PARAMETER_NAME.test(name)) {
      refuse(
        'parameters',
        `must be Name=value or Stack:Name=value with a parameter name of letters and digits; got ${quoted(key)}`,
      );
    }
    return { stack, name, value };
  });
}

function tagsInput(): Record<string, string> {
  const tags = getKeyValueInput('tags');
  checkEntries('tags', tags);
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) refuse('tags', `has ${keys.length} tags; CloudFormation allows ${MAX_TAGS}`);
  for (const [key, value] of Object.entries(tags)) {
    if (key.length > 128) refuse('tags', `has a key over 128 characters: ${quoted(key)}`);
    if (key.toLowerCase().startsWith('aws:'))
      refuse('tags', `has a key in the reserved "aws:" prefix: ${quoted(key)}`);
    if (value.length > 256) refuse('tags', `has a value over 256 characters (tag ${quoted(key)})`);
  }
  return tags;
}

function outputsFileInput(): string | undefined {
  const given = getOptionalInput('outputs-file');
  if (given === undefined) return undefined;
  const path = workspacePath(given);
  if (existsSync(path) && statSync(path).isDirectory())
    refuse('outputs-file', `must name a file; ${quoted(given)} is a directory`);
  return path;
}

/** Whether lookups are off: the toolkit runs in CI (the runner sets both). */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(true|1)$/i.test(env['CI'] ?? '') || /^(true|1)$/i.test(env['GITHUB_ACTIONS'] ?? '');
}

/**
 * Reads and validates every input before the toolkit or any AWS SDK module is loaded: a bad one is a
 * ConfigurationError naming it.
 */
export function getInputs(): Inputs {
  const githubToken = getOptionalInput('github-token');
  maskSecret(githubToken);
  const mode = getEnumInput('mode', MODES, { required: true });
  const workingDirectory = workingDirectoryInput();
  const app = appInput(workingDirectory);
  const stacks = stacksInput();
  const context = contextInput();
  const parameters = parametersInput();
  const tags = tagsInput();
  const approveBroadening = getBooleanInput('approve-broadening');
  const bootstrap = getBooleanInput('bootstrap');
  const commentOnPr = getBooleanInput('comment-on-pr');
  if (commentOnPr && githubToken === undefined)
    refuse('github-token', 'is required with "comment-on-pr: true" (give `${{ github.token }}`)');
  if (bootstrap && mode !== 'deploy')
    refuse('bootstrap', `only applies with "mode: deploy" (mode is ${mode})`);
  if (mode === 'synth' && app.kind === 'assembly')
    refuse('app', 'names a synthesized cloud assembly, which "mode: synth" has nothing to do with');
  if (mode === 'synth' || mode === 'drift') {
    const unused = parameters.length > 0 ? 'parameters' : Object.keys(tags).length > 0 ? 'tags' : undefined;
    if (unused !== undefined) refuse(unused, `only applies with "mode: deploy" or "diff" (mode is ${mode})`);
  }
  const region = getOptionalInput('aws-region');
  if (app.kind === 'assembly' && Object.keys(context).length > 0)
    refuse(
      'context',
      'only applies to an app command: a synthesized cloud assembly has its context built in',
    );
  return {
    app,
    workingDirectory,
    stacks,
    mode,
    context,
    parameters,
    tags,
    // synth calls no AWS: a region is checked when given, not required.
    awsRegion: mode === 'synth' && region === undefined ? undefined : regionInput(region),
    roleToAssume: roleInput(getOptionalInput('role-to-assume')),
    roleDurationSeconds: getIntegerInput('role-duration-seconds', { min: 900, max: 43_200 }),
    audience: getRequiredInput('audience'),
    approveBroadening,
    bootstrap,
    githubToken,
    commentOnPr,
    outputsFile: outputsFileInput(),
    ci: inCi(),
  };
}
