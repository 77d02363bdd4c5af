import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One statement of an IAM policy, as far as the check needs it (conditions and resources are documented only). */
export interface IamStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** An identity-based IAM policy document. */
export interface IamPolicy {
  Version: '2012-10-17';
  Statement: IamStatement[];
}

/** A policy as it sits in a Markdown document: its marker name and the line of its opening fence. */
export interface DocumentedPolicy {
  name: string;
  line: number;
  policy: IamPolicy;
}

/** What a marker says its JSON block is: a permission policy, a role's trust policy or an ECR repository policy. */
export type DocumentKind = 'policy' | 'trust-policy' | 'repository-policy';

/** A JSON block of a Markdown document under a `<!-- KIND: NAME -->` marker, parsed but not validated. */
export interface MarkedJson {
  kind: DocumentKind;
  name: string;
  /** The 1-based line of the block's opening fence. */
  line: number;
  value: unknown;
}

/** The document the permission policies live in, relative to the repository root. */
export const IAM_DOC = 'docs/iam.md';

const MARKER = /^<!--\s*(policy|trust-policy|repository-policy):\s*([a-z0-9][a-z0-9-]*)\s*-->$/;
const FENCE_OPEN = /^```json\s*$/;
const FENCE_CLOSE = /^```\s*$/;
/** `service:Action`, where the action part may use IAM's wildcards `*` and `?`. */
const ACTION_PATTERN = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
  'Principal',
  'NotPrincipal',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrList(value: unknown): value is string | string[] {
  return (
    (typeof value === 'string' && value !== '') ||
    (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== ''))
  );
}

function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/** The problems of one statement, each naming where it is. */
function statementProblems(raw: unknown, where: string): string[] {
  if (!isRecord(raw)) return [`${where} is not an object`];
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(key)) problems.push(`${where} has the unknown key ${key}`);
  }
  if ('Principal' in raw || 'NotPrincipal' in raw)
    problems.push(`${where} names a principal: a permission policy has none (that is a trust policy)`);
  if (raw.Sid !== undefined && (typeof raw.Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(raw.Sid)))
    problems.push(`${where} has a Sid that is not alphanumeric`);
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') problems.push(`${where} has no Effect Allow or Deny`);
  if (('Action' in raw ? 1 : 0) + ('NotAction' in raw ? 1 : 0) !== 1)
    problems.push(`${where} needs exactly one of Action and NotAction`);
  for (const key of ['Action', 'NotAction'] as const) {
    if (!(key in raw)) continue;
    const value = raw[key];
    if (!isStringOrList(value)) problems.push(`${where} ${key} is not a string or a list of strings`);
    else {
      for (const action of listOf(value)) {
        if (!ACTION_PATTERN.test(action))
          problems.push(`${where} ${key} ${JSON.stringify(action)} is not of the form service:Action`);
      }
    }
  }
  if (('Resource' in raw ? 1 : 0) + ('NotResource' in raw ? 1 : 0) !== 1)
    problems.push(`${where} needs exactly one of Resource and NotResource`);
  for (const key of ['Resource', 'NotResource'] as const) {
    if (key in raw && !isStringOrList(raw[key]))
      problems.push(`${where} ${key} is not a string or a list of strings`);
  }
  if (raw.Condition !== undefined) {
    const ok =
      isRecord(raw.Condition) &&
      Object.values(raw.Condition).every(
        (block) => isRecord(block) && Object.values(block).every((v) => isStringOrList(v)),
      );
    if (!ok) problems.push(`${where} Condition is not {operator: {key: value or [values]}}`);
  }
  return problems;
}

/**
 * Checks that `raw` is an identity-based IAM policy: Version 2012-10-17 and a non-empty Statement list whose
 * statements have an Effect, actions of the form `service:Action` and resources. Throws naming every problem.
 */
export function validatePolicy(raw: unknown, what: string): IamPolicy {
  const problems: string[] = [];
  if (!isRecord(raw)) problems.push('it is not a JSON object');
  else {
    for (const key of Object.keys(raw)) {
      if (key !== 'Version' && key !== 'Statement' && key !== 'Id') problems.push(`unknown key ${key}`);
    }
    if (raw.Version !== '2012-10-17') problems.push('Version is not "2012-10-17"');
    if (!Array.isArray(raw.Statement) || raw.Statement.length === 0)
      problems.push('Statement is not a non-empty list');
    else raw.Statement.forEach((s, i) => problems.push(...statementProblems(s, `Statement[${i}]`)));
  }
  if (problems.length > 0) throw new Error(`${what} is not a valid IAM policy: ${problems.join('; ')}.`);
  return raw as unknown as IamPolicy;
}

/**
 * Every marked JSON block of a Markdown document: a marker line `<!-- KIND: NAME -->` (KIND `policy`,
 * `trust-policy` or `repository-policy`), then, after blank lines at most, a fenced ```json block. Throws on a
 * marker without its block, a name used twice for one kind, or JSON that does not parse.
 */
export function markedJsonBlocks(markdown: string, source = IAM_DOC): MarkedJson[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: MarkedJson[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i]!.trim());
    if (marker === null) continue;
    const kind = marker[1] as DocumentKind;
    const name = marker[2]!;
    const what = `${kind} "${name}"`;
    let open = i + 1;
    while (open < lines.length && lines[open]!.trim() === '') open++;
    if (open >= lines.length || !FENCE_OPEN.test(lines[open]!.trim()))
      throw new Error(`${source}:${i + 1}: the marker of ${what} is not followed by a \`\`\`json block.`);
    let close = open + 1;
    while (close < lines.length && !FENCE_CLOSE.test(lines[close]!.trim())) close++;
    if (close >= lines.length)
      throw new Error(`${source}:${open + 1}: the json block of ${what} never ends.`);
    if (blocks.some((b) => b.kind === kind && b.name === name))
      throw new Error(`${source}:${i + 1}: ${what} is documented twice.`);
    let value: unknown;
    try {
      value = JSON.parse(lines.slice(open + 1, close).join('\n'));
    } catch (err) {
      throw new Error(`${source}:${open + 1}: ${what} is not valid JSON: ${(err as Error).message}`, {
        cause: err,
      });
    }
    blocks.push({ kind, name, line: open + 1, value });
    i = close;
  }
  return blocks;
}

/**
 * The permission policies (`<!-- policy: NAME -->` blocks) of a Markdown document, each validated as an IAM
 * policy ({@link validatePolicy}).
 */
export function parsePolicies(markdown: string, source = IAM_DOC): DocumentedPolicy[] {
  return markedJsonBlocks(markdown, source)
    .filter((b) => b.kind === 'policy')
    .map((b) => ({
      name: b.name,
      line: b.line,
      policy: validatePolicy(b.value, `${source}:${b.line}: policy "${b.name}"`),
    }));
}

/** The policies of docs/iam.md (read on every call: the document may change while tests run). */
export function readDocumentedPolicies(root: string): DocumentedPolicy[] {
  return parsePolicies(readFileSync(join(root, IAM_DOC), 'utf8'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether an IAM action pattern matches an action, as IAM compares them: case-insensitively, with `*` for any
 * run of characters and `?` for one.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const source = escapeRegExp(pattern).replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(action);
}

function statementCovers(statement: IamStatement, action: string): boolean {
  if (statement.Action !== undefined) return listOf(statement.Action).some((p) => actionMatches(p, action));
  return !listOf(statement.NotAction).some((p) => actionMatches(p, action));
}

/**
 * Whether the policies together allow an action by name (an explicit Deny wins over any Allow), for checks of the
 * document itself ("no policy lets an action delete anything"). Resources and conditions are not evaluated here:
 * the simulator evaluates them on every call of a run (see iam-session.ts).
 */
export function grants(policies: readonly IamPolicy[], action: string): boolean {
  const statements = policies.flatMap((p) => p.Statement);
  if (statements.some((s) => s.Effect === 'Deny' && statementCovers(s, action))) return false;
  return statements.some((s) => s.Effect === 'Allow' && statementCovers(s, action));
}
