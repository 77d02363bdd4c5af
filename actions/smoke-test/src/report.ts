import * as core from '@actions/core';
import { type Clock, createProgressLine, formatDuration, redact } from '@ecs-delivery/shared';
import {
  type AttemptSummary,
  formatStatusRanges,
  redactText,
  redactUrl,
  type SmokeCheck,
  type SmokeReport,
} from '@ecs-delivery/shared/smoke';

/** How the action tells a person what it checks, how it goes, and how it ended. */

function hostOf(check: SmokeCheck): string | undefined {
  return Object.entries(check.headers).find(([n]) => n.toLowerCase() === 'host')?.[1];
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** One line per check: what is sent and what must come back (no header values but Host). */
export function describeCheck(check: SmokeCheck, secrets: readonly string[]): string {
  const host = hostOf(check);
  const expects = [`status ${formatStatusRanges(check.status)}`];
  for (const needle of check.bodyContains) expects.push(`body contains ${short(needle)}`);
  for (const { path, value } of check.jsonEquals) expects.push(`${path} = ${short(value)}`);
  if (check.maxLatencyMs !== undefined) expects.push(`within ${formatDuration(check.maxLatencyMs)}`);
  if (check.expectVersion !== undefined) {
    const where = check.versionPath === undefined ? '' : ` at ${check.versionPath.path}`;
    expects.push(`version ${check.expectVersion}${where}`);
  }
  const request = `${check.method} ${redactUrl(check.url, secrets)}${host === undefined ? '' : ` (Host: ${host})`}`;
  return `${redactText(check.name, secrets)}: ${request}; expects ${redact(expects.join(', '), secrets)}`;
}

/**
 * Progress while checks retry: a line when what a check sees changes (a new status or reason, one more pass
 * in a row), and the same line again after 30 s of no change, so a long wait still shows signs of life.
 */
export function progressPrinter(
  healthyFor: number,
  options: { secrets?: readonly string[]; print?: (line: string) => void; clock?: Clock } = {},
): (check: SmokeCheck, attempt: AttemptSummary) => void {
  const print = options.print ?? ((line: string) => core.info(line));
  const lines = new WeakMap<SmokeCheck, (line: string) => boolean>();
  let current = 0;
  return (check, attempt) => {
    let progress = lines.get(check);
    if (progress === undefined) {
      progress = createProgressLine({
        print: (line) => print(`${line} (attempt ${current})`),
        repeatAfterMs: 30_000,
        ...(options.clock ? { clock: options.clock } : {}),
      });
      lines.set(check, progress);
    }
    current = attempt.attempt;
    const why = attempt.reasons.join('; ');
    const state = attempt.passed
      ? attempt.consecutivePasses >= healthyFor
        ? `healthy, ${attempt.consecutivePasses} pass(es) in a row`
        : `passed, ${attempt.consecutivePasses} of ${healthyFor} in a row`
      : `not yet${attempt.status !== undefined ? ` (HTTP ${attempt.status})` : ''}: ${why}`;
    // The reasons come redacted; the name is the check's own.
    progress(`${redactText(check.name, options.secrets ?? [])}: ${state}`);
  };
}

/** The outputs: `passed` and the report as JSON. */
export function setOutputs(report: SmokeReport): void {
  core.setOutput('passed', String(report.passed));
  core.setOutput('report', JSON.stringify(report));
}
