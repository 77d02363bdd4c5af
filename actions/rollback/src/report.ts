import * as core from '@actions/core';
import {
  details,
  escapeHtml,
  heading,
  keyValueTable,
  markdownTable,
  writeSummary,
} from '@ecs-delivery/shared';
import {
  explanationMarkdown,
  overallOutcome as overallOf,
  type RunOutcome,
  shortTaskDefinition,
} from '@ecs-delivery/shared/ecs';
import { formatDiffMarkdown } from '@ecs-delivery/shared/taskdef';
import { deploymentOf, finalTaskDefinition, isFailure, targetOf, type RollbackRun } from './service-run';

/** The run's verdict: `dry_run`, `cancelled`, the first failure, else `started` / `succeeded`. */
export function overallOutcome(runs: readonly RollbackRun[], dryRun: boolean): RunOutcome {
  return overallOf(
    runs.map((r) => r.outcome),
    dryRun,
  );
}

function method(run: RollbackRun, dryRun: boolean): string {
  if (run.prepared.noop) return 'none';
  if (run.start !== undefined) return run.start.method;
  if (!dryRun) return 'none';
  return run.prepared.stopInFlight ? 'stop-service-deployment' : 'update-service';
}

/** One service's entry in the `services` output. */
export function serviceJson(run: RollbackRun, dryRun: boolean): Record<string, unknown> {
  const p = run.prepared;
  return {
    name: run.label,
    cluster: p.ref.cluster,
    service: p.ref.service,
    outcome: dryRun ? 'dry_run' : (run.outcome ?? 'not_started'),
    method: method(run, dryRun),
    target: p.source,
    taskDefinitionArn: targetOf(run),
    registered: run.registration?.registered ?? false,
    image: p.image?.checked.kind === 'ecr' ? p.image.checked.pinned : p.image?.checked.image,
    previousTaskDefinitionArn: p.currentArn,
    finalTaskDefinitionArn: dryRun ? p.currentArn : finalTaskDefinition(run),
    deploymentId: deploymentOf(run),
    failureReason: run.failureReason,
  };
}

export function setOutputs(runs: readonly RollbackRun[], outcome: string): void {
  const dryRun = outcome === 'dry_run';
  const first = runs[0];
  const failed = runs.find((r) => !dryRun && isFailure(r)) ?? runs.find((r) => r.failureReason !== undefined);
  core.setOutput('outcome', outcome);
  core.setOutput('task-definition-arn', first === undefined ? '' : (targetOf(first) ?? ''));
  core.setOutput('previous-task-definition-arn', first?.prepared.currentArn ?? '');
  core.setOutput('deployment-id', first === undefined ? '' : (deploymentOf(first) ?? ''));
  core.setOutput('failure-reason', failed?.failureReason ?? '');
  core.setOutput('services', JSON.stringify(runs.map((r) => serviceJson(r, dryRun))));
}

const ENDED: Record<string, string> = {
  rolled_back: 'failed, and ECS rolled it back',
  failed: 'failed',
  timed_out: 'timed out',
  cancelled: 'was cancelled (a deployment ECS started goes on)',
};

/** The error annotation of each failed service. */
export function annotateFailures(runs: readonly RollbackRun[]): void {
  for (const run of runs.filter(isFailure)) {
    const outcome = run.outcome ?? 'failed';
    core.error(
      `${run.label}: the rollback to ${shortTaskDefinition(targetOf(run))} ${ENDED[outcome] ?? outcome}: ${run.failureReason ?? 'no reason given'} The service runs ${shortTaskDefinition(finalTaskDefinition(run))}.`,
      { title: `rollback: ${run.label} ${outcome}` },
    );
  }
}

function outcomeCell(run: RollbackRun, dryRun: boolean): string {
  if (dryRun) return run.prepared.noop ? '⏸️ dry_run (nothing to do)' : '⏸️ dry_run';
  const outcome = run.outcome ?? 'not_started';
  const icon = outcome === 'succeeded' ? '✅' : outcome === 'started' ? '⏸️' : '❌';
  return `${icon} ${outcome}${run.prepared.noop ? ' (already there)' : ''}`;
}

function howCell(run: RollbackRun, dryRun: boolean): string {
  switch (method(run, dryRun)) {
    case 'stop-service-deployment':
      return 'StopServiceDeployment (ROLLBACK) of the deployment in flight';
    case 'update-service':
      return 'UpdateService';
    default:
      return 'nothing to do';
  }
}

function serviceSection(run: RollbackRun, dryRun: boolean): string {
  const p = run.prepared;
  const rows: [string, string][] = [
    ['Service', `${p.ref.service} (cluster ${p.ref.cluster})`],
    ['Outcome', outcomeCell(run, dryRun)],
    ['Before', shortTaskDefinition(p.currentArn)],
    ['Target', escapeHtml(p.source)],
  ];
  const to = targetOf(run);
  if (to !== undefined || run.registration !== undefined) {
    rows.push([
      dryRun ? 'Would go to' : run.outcome === 'succeeded' ? 'Rolled back to' : 'Rollback to',
      `${shortTaskDefinition(to)}${run.registration?.registered === true ? ' (new revision)' : ''}`,
    ]);
  } else if (p.register !== undefined) {
    rows.push(['Would go to', 'a new revision of the current definition']);
  }
  rows.push(['How', howCell(run, dryRun)]);
  const deployment = deploymentOf(run);
  if (deployment !== undefined) rows.push(['Deployment', `\`${deployment}\``]);
  if (p.image !== undefined) {
    const c = p.image.checked;
    rows.push([
      `Image ${p.image.container}`,
      c.kind === 'ecr' ? `\`${c.pinned}\`${c.tag !== undefined ? ` (${c.tag})` : ''}` : `\`${c.image}\``,
    ]);
  }
  if (!dryRun) rows.push(['Runs now', shortTaskDefinition(finalTaskDefinition(run))]);
  const parts = [heading(run.label, 3), keyValueTable(rows, ['', ''])];
  if (run.explanation !== undefined) parts.push(explanationMarkdown(run.explanation));
  else if (run.failureReason !== undefined && isFailure(run))
    parts.push(`**Reason:** ${escapeHtml(run.failureReason)}`);
  parts.push(details(`Task definition changes (${p.changes.length})`, formatDiffMarkdown(p.changes)));
  return parts.join('\n\n');
}

/** The job summary: the verdict and the reason, a row per service, then a table per service. */
export async function writeReport(
  runs: readonly RollbackRun[],
  outcome: string,
  options: { title: string; reason: string | undefined; targetText: string },
): Promise<void> {
  const dryRun = outcome === 'dry_run';
  const intro = keyValueTable(
    [
      ['Reason', escapeHtml(options.reason ?? '(none given)')],
      ['To', escapeHtml(options.targetText)],
    ],
    ['', ''],
  );
  const table = markdownTable(
    ['Service', 'Outcome', 'Before', dryRun ? 'Would go to' : 'Rollback to', 'How'],
    runs.map((run) => [
      run.label,
      outcomeCell(run, dryRun),
      shortTaskDefinition(run.prepared.currentArn),
      run.prepared.register !== undefined && targetOf(run) === undefined
        ? 'a new revision'
        : shortTaskDefinition(targetOf(run)),
      howCell(run, dryRun),
    ]),
  );
  await writeSummary(
    heading(`${options.title}: ${outcome}`),
    intro,
    table,
    ...runs.map((r) => serviceSection(r, dryRun)),
  );
}
