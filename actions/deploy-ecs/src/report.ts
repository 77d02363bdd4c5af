import * as core from '@actions/core';
import {
  codeBlock,
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
import { isFailure } from './release';
import { finalTaskDefinition, type ServiceRun } from './service-run';

/** The run's verdict: `dry_run`, `cancelled`, the first failure in rollout order, else `started` / `succeeded`. */
export function overallOutcome(runs: readonly ServiceRun[], dryRun: boolean): RunOutcome {
  return overallOf(
    runs.map((r) => r.outcome),
    dryRun,
  );
}

/** One service's entry in the `services` output. */
export function serviceJson(run: ServiceRun): Record<string, unknown> {
  const p = run.prepared;
  return {
    name: run.label,
    cluster: p.ref.cluster,
    service: p.ref.service,
    wave: p.plan.wave,
    outcome: run.outcome ?? (run.noop ? 'succeeded' : 'not_started'),
    taskDefinitionArn: run.registration?.arn ?? (run.noop ? p.live?.taskDefinitionArn : undefined),
    registered: run.registration?.registered ?? false,
    previousTaskDefinitionArn: p.live?.taskDefinitionArn ?? p.service.taskDefinition,
    lastSuccessfulTaskDefinitionArn: p.knownGood?.taskDefinitionArn,
    finalTaskDefinitionArn: finalTaskDefinition(run),
    deploymentId: run.tracked?.deploymentId,
    failureReason: run.failureReason,
    migrationExitCode: run.migration?.exitCode,
    rollback: run.rollback,
  };
}

export function setOutputs(runs: readonly ServiceRun[], outcome: string): void {
  const first = runs[0];
  const failed = runs.find(isFailure) ?? runs.find((r) => r.failureReason !== undefined);
  const migration =
    runs.find((r) => r.migration !== undefined && !r.migration.ok) ??
    runs.find((r) => r.migration !== undefined);
  core.setOutput('outcome', outcome);
  if (first !== undefined) {
    const entry = serviceJson(first);
    core.setOutput('task-definition-arn', entry['taskDefinitionArn'] ?? '');
    core.setOutput('previous-task-definition-arn', entry['previousTaskDefinitionArn'] ?? '');
    core.setOutput('deployment-id', first.tracked?.deploymentId ?? '');
  }
  core.setOutput('failure-reason', failed?.failureReason ?? '');
  core.setOutput('migration-exit-code', migration?.migration?.exitCode ?? '');
  core.setOutput('services', JSON.stringify(runs.map(serviceJson)));
  // What a later step (a smoke test that fails, say) must roll back: the services this run moved.
  const deployed = runs.filter((r) => r.tracked !== undefined).map((r) => r.label);
  core.setOutput('deployed-services', deployed.join('\n'));
}

/** The error annotation of each failed service, and a failed step. */
export function annotateFailures(runs: readonly ServiceRun[]): void {
  for (const run of runs.filter(isFailure)) {
    core.error(
      `${run.label}: ${run.failureReason ?? run.outcome ?? 'failed'}${rollbackText(run) === '' ? '' : ` ${rollbackText(run)}`}`,
      {
        title: `deploy-ecs: ${run.label} ${run.outcome ?? 'failed'}`,
      },
    );
  }
}

function rollbackText(run: ServiceRun): string {
  const rb = run.rollback;
  if (rb === undefined) return '';
  const to = rb.to === undefined ? '' : ` to ${shortTaskDefinition(rb.to)}`;
  switch (rb.outcome) {
    case 'succeeded':
      return rb.method === 'ecs' ? `ECS rolled it back${to}.` : `Rolled back${to}.`;
    case 'requested':
      return `Rollback${to} requested.`;
    case 'disabled':
      return 'Not rolled back (rollback-on-failure is false).';
    case 'not_possible':
      return `Not rolled back: ${rb.reason ?? ''}`.trim();
    default:
      return `The rollback${to} ${rb.outcome === 'timed_out' ? 'timed out' : 'failed'}: ${rb.reason ?? ''}`.trim();
  }
}

function outcomeCell(run: ServiceRun): string {
  const outcome = run.outcome ?? 'not_started';
  const icon =
    outcome === 'succeeded' ? '✅' : outcome === 'not_started' || outcome === 'started' ? '⏸️' : '❌';
  return `${icon} ${outcome}${run.noop ? ' (unchanged)' : ''}`;
}

function serviceSection(run: ServiceRun): string {
  const p = run.prepared;
  const parts = [heading(run.label, 3)];
  const rows: [string, string][] = [
    ['Service', `${p.ref.service} (cluster ${p.ref.cluster})`],
    ['Outcome', outcomeCell(run)],
    ['Before', shortTaskDefinition(p.live?.taskDefinitionArn ?? p.service.taskDefinition)],
  ];
  if (run.registration !== undefined) {
    rows.push([
      'Deployed',
      `${shortTaskDefinition(run.registration.arn)}${run.registration.registered ? ' (new revision)' : ' (existing revision)'}`,
    ]);
  }
  if (run.tracked !== undefined) rows.push(['Deployment', `\`${run.tracked.deploymentId}\``]);
  for (const { container, checked } of p.images) {
    rows.push([
      `Image ${container}`,
      checked.kind === 'ecr'
        ? `\`${checked.pinned}\`${checked.tag !== undefined ? ` (${checked.tag})` : ''}`
        : `\`${checked.image}\``,
    ]);
  }
  if (run.migration !== undefined) {
    rows.push([
      'Migrations',
      run.migration.ok
        ? `✅ exit code ${run.migration.exitCode ?? 0}`
        : `❌ ${escapeHtml(run.migration.reason ?? 'failed')}`,
    ]);
  }
  const rb = rollbackText(run);
  if (rb !== '') rows.push(['Rollback', escapeHtml(rb)]);
  parts.push(keyValueTable(rows, ['', '']));
  if (run.explanation !== undefined) parts.push(explanationMarkdown(run.explanation));
  else if (run.failureReason !== undefined && isFailure(run))
    parts.push(`**Reason:** ${escapeHtml(run.failureReason)}`);
  if (run.migration !== undefined && !run.migration.ok && run.migration.logTail.length > 0) {
    parts.push(`**Migration log:**\n\n${codeBlock(run.migration.logTail.join('\n'))}`);
  }
  parts.push(details(`Task definition changes (${p.changes.length})`, formatDiffMarkdown(p.changes)));
  return parts.join('\n\n');
}

/** The job summary: the verdict, a row per service, then each service's details. */
export async function writeReport(
  runs: readonly ServiceRun[],
  outcome: string,
  title: string,
): Promise<void> {
  const table = markdownTable(
    ['Service', 'Outcome', 'Task definition', 'Before', 'Rollback'],
    runs.map((run) => [
      run.label,
      outcomeCell(run),
      shortTaskDefinition(
        run.registration?.arn ?? (run.noop ? run.prepared.live?.taskDefinitionArn : undefined),
      ),
      shortTaskDefinition(run.prepared.live?.taskDefinitionArn ?? run.prepared.service.taskDefinition),
      escapeHtml(rollbackText(run)),
    ]),
  );
  await writeSummary(heading(`${title}: ${outcome}`), table, ...runs.map(serviceSection));
}
