import { markdownTable } from '../summary/markdown';
import { redact } from '../summary/redact';
import type { TaskDefinitionChange } from './diff';

const MAX_VALUE = 160;

function short(value: string | undefined): string {
  if (value === undefined) return '';
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
}

function withDigest(image: string | undefined, digest: string | undefined): string {
  if (image === undefined) return '(none)';
  return digest === undefined || image.endsWith(digest) ? image : `${image} (${digest})`;
}

const SYMBOL = { added: '+', changed: '~', removed: '-' } as const;

/** One change as `[what, container, before, after]` cells. */
function cells(change: TaskDefinitionChange): [string, string, string, string] {
  switch (change.kind) {
    case 'image':
      return [
        'image',
        change.container,
        withDigest(change.before, change.beforeDigest),
        withDigest(change.after, change.afterDigest),
      ];
    case 'environment':
      return [
        `environment ${change.name} (${change.change})`,
        change.container,
        short(change.before),
        short(change.after),
      ];
    case 'secret':
      return [
        `secret ${change.name} (${change.change})`,
        change.container,
        short(change.before),
        short(change.after),
      ];
    case 'resources':
      return [
        change.field,
        change.container ?? '(task)',
        change.before ?? '(none)',
        change.after ?? '(none)',
      ];
    case 'container':
      return [`container ${change.change}`, change.container, '', ''];
    default:
      return [
        change.field,
        change.container ?? '(task)',
        short(change.before) || '(none)',
        short(change.after) || '(none)',
      ];
  }
}

/** Options for the renderers. */
export interface FormatDiffOptions {
  /** Values to replace with `***` (for text shown where the runner's masking does not reach). */
  redact?: readonly (string | undefined)[];
}

/**
 * The changes for the step log, one per line:
 * `~ image web: repo:1 (sha256:…) → repo@sha256:…`, `+ environment LOG_LEVEL [web]: debug`,
 * `- secret OLD_KEY [web] (was /app/old)`. `No changes.` when there are none.
 */
export function formatDiffText(
  changes: readonly TaskDefinitionChange[],
  options: FormatDiffOptions = {},
): string {
  if (changes.length === 0) return 'No changes.';
  const lines = changes.map((change) => {
    const [what, container, before, after] = cells(change);
    const where = container === '(task)' ? '' : ` [${container}]`;
    if (change.kind === 'container') return `${SYMBOL[change.change]} container ${change.container}`;
    if (change.kind === 'environment' || change.kind === 'secret') {
      const label = `${change.kind} ${change.name}${where}`;
      if (change.change === 'added') return `+ ${label}: ${after}`;
      if (change.change === 'removed') return `- ${label} (was ${before})`;
      return `~ ${label}: ${before} → ${after}`;
    }
    return `~ ${what}${where}: ${before} → ${after}`;
  });
  return redact(lines.join('\n'), options.redact ?? []);
}

/** The changes as a Markdown table (Change | Container | Before | After) for the job summary. */
export function formatDiffMarkdown(
  changes: readonly TaskDefinitionChange[],
  options: FormatDiffOptions = {},
): string {
  if (changes.length === 0) return 'No changes to the task definition.';
  const code = (text: string): string => (text === '' ? '' : `\`${text.replace(/`/g, "'")}\``);
  const rows = changes.map((c) => {
    const [what, container, before, after] = cells(c);
    return [what, container, code(before), code(after)];
  });
  const table = markdownTable(['Change', 'Container', 'Before', 'After'], rows);
  return redact(table, options.redact ?? []);
}
