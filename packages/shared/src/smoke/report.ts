import { formatDuration } from '../inputs/duration';
import { codeBlock, details, heading, keyValueTable, markdownTable } from '../summary/markdown';
import { clip } from './redact-http';
import type { CheckReport, SmokeReport } from './run';

/** How a smoke report reads: in the job summary, in the log, and as the step's error. */

function statusesText(check: CheckReport): string {
  const entries = Object.entries(check.statuses);
  return entries.length === 0 ? '—' : entries.map(([s, n]) => `${s} ×${n}`).join(', ');
}

function latency(ms: number | undefined): string {
  return ms === undefined ? '—' : formatDuration(ms);
}

function target(check: CheckReport): string {
  return `${check.method} ${check.url}${check.host !== undefined ? ` (Host: ${check.host})` : ''}`;
}

/** The job summary: a table of every check, then what each failed one saw. */
export function smokeSummary(report: SmokeReport): string {
  const failed = report.checks.filter((c) => c.verdict === 'failed');
  const title = report.passed
    ? `Smoke test passed: ${report.checks.length} check(s) healthy ${report.healthyFor} time(s) in a row`
    : `Smoke test failed: ${failed.length} of ${report.checks.length} check(s) failed`;
  // The version column proves which build answered; it shows only when some check expects a version.
  const versions = report.checks.some((c) => c.expectVersion !== undefined);
  const rows = report.checks.map((c) => [
    c.name,
    String(c.attempts),
    statusesText(c),
    latency(c.latencyMs?.p50),
    latency(c.latencyMs?.p95),
    ...(versions ? [c.expectVersion === undefined ? '' : (c.versionSeen ?? '—')] : []),
    c.verdict === 'passed' ? '✅ passed' : '❌ failed',
  ]);
  const header = ['Check', 'Attempts', 'Statuses', 'p50', 'p95', ...(versions ? ['Version'] : []), 'Verdict'];
  const sections = [heading(title), markdownTable(header, rows)];
  for (const c of failed) {
    const failure = c.failure;
    sections.push(heading(`❌ ${c.name}`, 3));
    sections.push(
      keyValueTable(
        {
          Request: target(c),
          Status: failure?.status !== undefined ? String(failure.status) : undefined,
          Error: failure?.error,
          'Expected version': c.expectVersion,
          'Version seen': c.versionSeen,
          Why: c.reasons.join('; '),
        },
        ['', ''],
      ),
    );
    if (failure && Object.keys(failure.headers).length > 0) {
      sections.push(
        details('Response headers', markdownTable(['Header', 'Value'], Object.entries(failure.headers))),
      );
    }
    if (failure && failure.bodyExcerpt !== '')
      sections.push(details('Body (excerpt)', codeBlock(failure.bodyExcerpt)));
  }
  return sections.join('\n\n');
}

/** Lines for the log: one per check, then the details of each failure. */
export function smokeLogLines(report: SmokeReport): string[] {
  const lines: string[] = [];
  for (const c of report.checks) {
    const lat = c.latencyMs ? `, p50 ${latency(c.latencyMs.p50)}, p95 ${latency(c.latencyMs.p95)}` : '';
    const version = c.verdict === 'passed' && c.versionSeen !== undefined ? `, version ${c.versionSeen}` : '';
    lines.push(
      `${c.verdict === 'passed' ? '✓' : '✗'} ${c.name}: ${c.attempts} attempt(s), ${statusesText(c)}${lat}${version}`,
    );
    if (c.verdict === 'passed') continue;
    lines.push(`    request: ${target(c)}`);
    for (const reason of c.reasons) lines.push(`    why: ${reason}`);
    if (c.versionSeen !== undefined) lines.push(`    version seen: ${c.versionSeen}`);
    for (const [name, value] of Object.entries(c.failure?.headers ?? {}))
      lines.push(`    < ${name}: ${value}`);
    if (c.failure?.bodyExcerpt) lines.push(`    body: ${c.failure.bodyExcerpt}`);
  }
  return lines;
}

/** How many failed checks the step's error names; the job summary and the log have them all. */
export const FAILURES_NAMED = 10;

/** At most this much of each failed check the step's error says. */
const FAILURE_SHOWN = 200;

/**
 * The step's error: which checks failed and why, in one message of bounded size (at most
 * {@link FAILURES_NAMED} checks, each cut to a line), as an annotation must stay readable.
 */
export function smokeFailureMessage(report: SmokeReport): string {
  const failed = report.checks.filter((c) => c.verdict === 'failed');
  const parts = failed
    .slice(0, FAILURES_NAMED)
    .map((c) => clip(`${c.name}: ${c.reasons[0] ?? 'failed'}`, FAILURE_SHOWN));
  const more = failed.length - parts.length;
  const rest = more > 0 ? ` And ${more} more: see the job summary.` : '';
  return `Smoke test failed: ${failed.length} of ${report.checks.length} check(s) failed. ${parts.join('. ')}.${rest}`;
}
