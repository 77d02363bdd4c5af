import * as core from '@actions/core';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { escapeHtml, heading, keyValueTable, markdownTable, writeSummary } from '@ecs-delivery/shared';
import {
  countChanges,
  driftMarkdown,
  hasChanges,
  resources,
  securityTable,
  stackMarkdown,
  widest,
  type ChangeCounts,
  type StackChanges,
  type StackDrift,
} from './diff-report';
import type { FailedResource } from './io-host';

/** `{stack: {key: value}}`: what later jobs read. */
export type StackOutputs = Record<string, Record<string, string>>;

/** What a run found or did, for the outputs, the summary and the comment. */
export interface RunReport {
  mode: string;
  changes: StackChanges[];
  drift: StackDrift[];
  outputs: StackOutputs;
  /** Whether anything changed (deploy) or would change (diff). */
  hasChanges: boolean;
}

export function changeCountsOf(report: RunReport): ChangeCounts {
  return countChanges(
    report.changes,
    report.drift.reduce((n, d) => n + d.drifted, 0),
  );
}

/** Sets every output of action.yml and writes `outputs-file`. */
export async function setOutputs(report: RunReport, outputsFile: string | undefined): Promise<void> {
  const json = JSON.stringify(report.outputs);
  core.setOutput('stack-outputs', json);
  core.setOutput('has-changes', String(report.hasChanges));
  core.setOutput('security-changes', widest(report.changes.map((c) => c.permissionChange)));
  core.setOutput('changes', JSON.stringify(changeCountsOf(report)));
  if (outputsFile !== undefined) {
    await mkdir(dirname(outputsFile), { recursive: true });
    await writeFile(outputsFile, `${JSON.stringify(report.outputs, null, 2)}\n`, 'utf8');
    core.info(`Stack outputs written to ${outputsFile}.`);
  }
}

function outputsMarkdown(outputs: StackOutputs): string[] {
  const rows = Object.entries(outputs).flatMap(([stack, values]) =>
    Object.entries(values).map(([key, value]) => [escapeHtml(stack), escapeHtml(key), escapeHtml(value)]),
  );
  return rows.length === 0
    ? []
    : [heading('Stack outputs', 3), markdownTable(['Stack', 'Output', 'Value'], rows)];
}

/** The stacks' sections, as the summary and the comment show them. */
export function changeSections(report: RunReport): string[] {
  return [...report.changes.map(stackMarkdown), ...report.drift.map(driftMarkdown)];
}

/** The one line under the title: what changed, in numbers. */
export function headline(report: RunReport): string {
  const c = changeCountsOf(report);
  if (report.mode === 'drift')
    return c.drifted === 0 ? 'No drift.' : `**${resources(c.drifted)} changed outside CDK.**`;
  if (report.mode === 'synth') return 'Synthesized.';
  if (!report.hasChanges)
    return report.mode === 'deploy' ? 'No changes: nothing was executed.' : 'No changes.';
  const verb = report.mode === 'deploy' ? 'Applied' : 'Would apply';
  const security = widest(report.changes.map((s) => s.permissionChange));
  return (
    `${verb}: ${c.added} to add, ${c.changed} to change (${c.replaced} replaced), ${c.removed} to remove` +
    ` in ${c.stacks} of ${report.changes.length} stacks` +
    (security === 'none' ? '.' : `; security changes: **${security}**.`)
  );
}

export async function writeReport(report: RunReport, title: string): Promise<void> {
  await writeSummary(
    heading(title, 2),
    headline(report),
    ...changeSections(report).filter((s, i) => i >= report.changes.length || hasChanges(report.changes[i]!)),
    ...outputsMarkdown(report.outputs),
  );
}

/** The step's error for a refused change, with the broadening tables in the log and the summary. */
export async function reportRefusal(refused: StackChanges[]): Promise<string> {
  const tables = refused.flatMap((s) => [
    heading(`${escapeHtml(s.stack)}: broadening changes`, 3),
    ...(s.iamStatements.length > 0 ? ['**IAM statements**', securityTable(s.iamStatements)] : []),
    ...(s.managedPolicies.length > 0 ? ['**Managed policies**', securityTable(s.managedPolicies)] : []),
    ...(s.securityGroups.length > 0 ? ['**Security-group rules**', securityTable(s.securityGroups)] : []),
  ]);
  await writeSummary(
    heading('cdk-deploy refused a broadening change', 2),
    'The change set was deleted; nothing was applied. Review the changes below and re-run with ' +
      '`approve-broadening: true` to apply them.',
    ...tables,
  );
  const counts = refused.map(
    (s) =>
      `${s.stack} (${Math.max(0, s.iamStatements.length - 1)} IAM statements, ` +
      `${Math.max(0, s.managedPolicies.length - 1)} managed policies, ` +
      `${Math.max(0, s.securityGroups.length - 1)} security-group rules)`,
  );
  return (
    `Refused: the changes to ${counts.join(', ')} broaden IAM permissions or network access, and ` +
    'approve-broadening is false. The change set was deleted; nothing was applied. Review them in the job ' +
    'summary and set approve-broadening: true to apply them.'
  );
}

function traceLine(trace: string[] | undefined): string | undefined {
  // The first frame outside the CDK library: the line of the app that made the resource.
  return trace?.find((frame) => !/node_modules[\\/](aws-cdk-lib|constructs)[\\/]/.test(frame))?.trim();
}

/**
 * Where the toolkit's own failure message says a resource was made: the first `(file:line:col)` of the app
 * (not of a library) after the resource's logical id (its "Source Location", when the app records traces).
 */
export function sourceLocationIn(message: string, logicalId: string): string | undefined {
  const at = logicalId === '' ? -1 : message.indexOf(logicalId);
  if (at < 0) return undefined;
  // Up to the next resource the message names (`Path  (AWS::Type LogicalId)`).
  const rest = message.slice(at + logicalId.length);
  const next = rest.search(/\(AWS::\S+ \S+\)/);
  const block = next < 0 ? rest : rest.slice(0, next);
  for (const m of block.matchAll(/\(([^()\s]+?\.[cm]?[jt]sx?:\d+:\d+)\)/g)) {
    if (!/node_modules[\\/]/.test(m[1]!)) return m[1];
  }
  return undefined;
}

/** The step's error for a failed deployment: each failing resource, CloudFormation's reason, the stack's end. */
export async function reportFailure(
  failures: FailedResource[],
  finalStatus: ReadonlyMap<string, string>,
  toolkitMessage: string,
): Promise<string> {
  for (const f of failures) {
    if (traceLine(f.trace) === undefined) {
      const location = sourceLocationIn(toolkitMessage, f.logicalId);
      if (location !== undefined) f.trace = [location];
    }
  }
  const endOf = (stack: string): string =>
    finalStatus.get(stack) ??
    /\b([A-Z]+(?:_[A-Z]+)*_(?:COMPLETE|FAILED))\b/.exec(toolkitMessage)?.[1] ??
    'unknown';
  const rows = failures.map((f) => [
    escapeHtml(f.stack),
    `\`${f.logicalId}\``,
    escapeHtml(f.type),
    escapeHtml(f.constructPath ?? ''),
    escapeHtml(traceLine(f.trace) ?? ''),
    escapeHtml(f.reason),
  ]);
  const stacks = [...new Set(failures.map((f) => f.stack))];
  await writeSummary(
    heading('cdk-deploy failed', 2),
    keyValueTable(
      stacks.map((s) => [s, endOf(s)] as [string, string]),
      ['Stack', 'Final status'],
    ),
    ...(rows.length > 0
      ? [markdownTable(['Stack', 'Resource', 'Type', 'Construct', 'Defined at', 'Reason'], rows)]
      : []),
    `Toolkit: ${escapeHtml(toolkitMessage)}`,
  );
  if (failures.length === 0) return toolkitMessage;
  const first = failures[0]!;
  const where = [first.constructPath, traceLine(first.trace)].filter((p) => p !== undefined).join(', ');
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more failed resources)` : '';
  return (
    `${first.stack} failed, final status ${endOf(first.stack)}: ${first.logicalId} (${first.type}` +
    `${where === '' ? '' : `, ${where}`}) ${first.status}: ${first.reason}${more}`
  );
}
