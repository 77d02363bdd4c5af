import type { TemplateDiff } from '@aws-cdk/cloudformation-diff';
import { codeBlock, escapeHtml, markdownTable } from '@ecs-delivery/shared';

/** How far a stack's changes widen access: CDK's own classification (the toolkit's permissionChangeType). */
export type PermissionChange = 'none' | 'non-broadening' | 'broadening';

/** One resource a change set adds, changes or removes. */
export interface ResourceLine {
  logicalId: string;
  type: string;
  /** The construct path (`Shop/Service/Service`) the template's metadata gives, when it does. */
  constructPath: string | undefined;
  /** `will` or `may` when CloudFormation replaces the resource (a new physical resource, the old one deleted). */
  replacement: 'will' | 'may' | undefined;
}

/** What a diff says about one stack, in the terms a reviewer reads. */
export interface StackChanges {
  stack: string;
  added: ResourceLine[];
  changed: ResourceLine[];
  removed: ResourceLine[];
  /** Parameters, outputs, conditions and the rest that are no resource. */
  otherChanges: number;
  permissionChange: PermissionChange;
  /** Rows of the IAM statement changes, the header first (`+`/`-`, resource, effect, action, principal, condition). */
  iamStatements: string[][];
  /** Rows of managed-policy attachments, the header first. */
  managedPolicies: string[][];
  /** Rows of security-group rule changes, the header first. */
  securityGroups: string[][];
}

/** The counts of the `changes` output. */
export interface ChangeCounts {
  stacks: number;
  added: number;
  changed: number;
  removed: number;
  replaced: number;
  iam: number;
  securityGroups: number;
  drifted: number;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The diff library colours its table cells when it thinks a terminal is there; a summary wants plain text. */
export function plain(text: string): string {
  return text.replace(ANSI, '');
}

function rows(table: string[][]): string[][] {
  const clean = table.map((row) => row.map(plain));
  // Only a header: nothing changed.
  return clean.length > 1 ? clean : [];
}

function constructPathOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const metadata = (value as { Metadata?: Record<string, unknown> }).Metadata;
  const path = metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path : undefined;
}

function permissionChangeOf(diff: TemplateDiff): PermissionChange {
  if (diff.permissionsBroadened) return 'broadening';
  return diff.permissionsAnyChanges ? 'non-broadening' : 'none';
}

/** The widest of several permission changes. */
export function widest(changes: readonly PermissionChange[]): PermissionChange {
  if (changes.includes('broadening')) return 'broadening';
  return changes.includes('non-broadening') ? 'non-broadening' : 'none';
}

/** Reads a TemplateDiff (from the toolkit's diff, or fullDiff of two templates) into {@link StackChanges}. */
export function summarizeDiff(stack: string, diff: TemplateDiff): StackChanges {
  const added: ResourceLine[] = [];
  const changed: ResourceLine[] = [];
  const removed: ResourceLine[] = [];
  diff.resources.forEachDifference((logicalId, change) => {
    const impact = change.changeImpact as string;
    const line: ResourceLine = {
      logicalId,
      type: change.resourceType ?? 'unknown type',
      constructPath: constructPathOf(change.newValue) ?? constructPathOf(change.oldValue),
      replacement: impact === 'WILL_REPLACE' ? 'will' : impact === 'MAY_REPLACE' ? 'may' : undefined,
    };
    if (change.isAddition) added.push(line);
    else if (change.isRemoval) removed.push(line);
    else changed.push(line);
  });
  const resourceCount = added.length + changed.length + removed.length;
  return {
    stack,
    added,
    changed,
    removed,
    otherChanges: Math.max(0, diff.differenceCount - resourceCount),
    permissionChange: permissionChangeOf(diff),
    iamStatements: rows(diff.iamChanges.summarizeStatements()),
    managedPolicies: rows(diff.iamChanges.summarizeManagedPolicies()),
    securityGroups: rows(diff.securityGroupChanges.summarize()),
  };
}

export function hasChanges(s: StackChanges): boolean {
  return s.added.length + s.changed.length + s.removed.length + s.otherChanges > 0;
}

export function countChanges(stacks: readonly StackChanges[], drifted = 0): ChangeCounts {
  const sum = (f: (s: StackChanges) => number): number => stacks.reduce((n, s) => n + f(s), 0);
  return {
    stacks: stacks.filter(hasChanges).length,
    added: sum((s) => s.added.length),
    changed: sum((s) => s.changed.length),
    removed: sum((s) => s.removed.length),
    replaced: sum((s) => s.changed.filter((r) => r.replacement !== undefined).length),
    iam: sum((s) => Math.max(0, s.iamStatements.length - 1) + Math.max(0, s.managedPolicies.length - 1)),
    securityGroups: sum((s) => Math.max(0, s.securityGroups.length - 1)),
    drifted,
  };
}

function describeLine(r: ResourceLine): string {
  const path = r.constructPath === undefined ? '' : ` (${r.constructPath})`;
  const replace =
    r.replacement === 'will' ? ' — REPLACED' : r.replacement === 'may' ? ' — may be replaced' : '';
  return `${r.logicalId} ${r.type}${path}${replace}`;
}

/** The log lines of one stack's changes: each resource with its sign, then the security tables. */
export function logLines(s: StackChanges): string[] {
  if (!hasChanges(s)) return [`${s.stack}: no changes`];
  const lines = [
    `${s.stack}: ${s.added.length} to add, ${s.changed.length} to change, ${s.removed.length} to remove` +
      (s.otherChanges > 0 ? `, ${s.otherChanges} other changes` : ''),
    ...s.added.map((r) => `  + ${describeLine(r)}`),
    ...s.changed.map((r) => `  ~ ${describeLine(r)}`),
    ...s.removed.map((r) => `  - ${describeLine(r)}`),
  ];
  const table = (title: string, t: string[][]): string[] =>
    t.length === 0
      ? []
      : [`  ${title}:`, ...t.map((row) => `    ${row.map((c) => c.replace(/\s*\n\s*/g, ', ')).join(' | ')}`)];
  lines.push(
    ...table('IAM statements', s.iamStatements),
    ...table('Managed policies', s.managedPolicies),
    ...table('Security-group rules', s.securityGroups),
  );
  if (s.permissionChange === 'broadening')
    lines.push('  These changes broaden IAM permissions or network access.');
  return lines;
}

/** Text for a table cell or heading (markdownTable escapes pipes and line breaks itself). */
function cell(text: string): string {
  return escapeHtml(text);
}

function resourceTable(s: StackChanges): string {
  const all = [
    ...s.added.map((r) => ['➕ add', r]),
    ...s.changed.map((r) => [
      r.replacement === 'will' ? '♻️ replace' : r.replacement === 'may' ? '⚠️ may replace' : '✏️ change',
      r,
    ]),
    ...s.removed.map((r) => ['➖ remove', r]),
  ] as [string, ResourceLine][];
  return markdownTable(
    ['', 'Resource', 'Type', 'Construct'],
    all.map(([what, r]) => [what, `\`${r.logicalId}\``, cell(r.type), cell(r.constructPath ?? '')]),
  );
}

/** A security table in Markdown (the rows' first row is the header). */
export function securityTable(table: string[][]): string {
  const [header, ...body] = table;
  return markdownTable(
    (header ?? []).map((h) => cell(h)),
    body.map((row) => row.map((c) => cell(c))),
  );
}

/** One stack's section of the job summary and the PR comment. */
export function stackMarkdown(s: StackChanges): string {
  if (!hasChanges(s)) return `### ${cell(s.stack)}\n\nNo changes.\n`;
  const replaced = s.changed.filter((r) => r.replacement !== undefined);
  const parts = [
    `### ${cell(s.stack)}`,
    `${s.added.length} to add, ${s.changed.length} to change, ${s.removed.length} to remove` +
      (replaced.length > 0
        ? `; **${replaced.length} replaced** (${replaced.map((r) => `\`${r.logicalId}\``).join(', ')})`
        : '') +
      (s.otherChanges > 0 ? `; ${s.otherChanges} other changes (parameters, outputs, …)` : '') +
      '.',
  ];
  if (s.added.length + s.changed.length + s.removed.length > 0) parts.push(resourceTable(s));
  if (s.iamStatements.length > 0) parts.push('**IAM statement changes**', securityTable(s.iamStatements));
  if (s.managedPolicies.length > 0)
    parts.push('**Managed policy changes**', securityTable(s.managedPolicies));
  if (s.securityGroups.length > 0) parts.push('**Security-group changes**', securityTable(s.securityGroups));
  if (s.permissionChange === 'broadening')
    parts.push('> [!WARNING]\n> These changes broaden IAM permissions or network access.');
  return `${parts.join('\n\n')}\n`;
}

/** The drift of one stack, as the toolkit formats it, for the log and the summary. */
export interface StackDrift {
  stack: string;
  drifted: number;
  unchecked: number;
  /** The toolkit's own text of the modified and deleted resources. */
  details: string;
}

/** `1 resource`, `2 resources`. */
export function resources(n: number): string {
  return `${n} resource${n === 1 ? '' : 's'}`;
}

export function driftMarkdown(d: StackDrift): string {
  const head = `### ${cell(d.stack)}\n\n`;
  if (d.drifted === 0) return `${head}No drift (${d.unchecked} resources could not be checked).\n`;
  return `${head}**${resources(d.drifted)} changed outside CDK.**\n\n${codeBlock(plain(d.details), 'text')}\n`;
}
