import * as core from '@actions/core';
import { relative } from 'node:path';
import { messageOf, workspacePath } from '@ecs-delivery/shared';
import { hasChanges, stackMarkdown, type StackChanges } from './diff-report';
import type { Inputs } from './inputs';
import { commentMarker, fitComment, pullRequestNumber, upsertComment } from './pr-comment';
import { headline, type RunReport } from './report';
import { driftMarkdown } from './diff-report';

function runLink(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

function shortForm(s: StackChanges): string {
  const counts = `${s.added.length} to add, ${s.changed.length} to change, ${s.removed.length} to remove`;
  return `### ${s.stack}\n\n${hasChanges(s) ? counts : 'No changes'}${s.permissionChange === 'broadening' ? ', **broadening**' : ''} _(details cut)_\n`;
}

/** The comment's text: marker, title, headline, the stacks' sections, and a foot naming the run. */
export function commentBody(report: RunReport, marker: string, label: string): string {
  const link = runLink();
  const head = `${marker}\n## CDK ${report.mode}: ${label}\n\n${headline(report)}\n`;
  const sections = [
    ...report.changes.map((s) => ({ full: stackMarkdown(s), short: shortForm(s) })),
    ...report.drift.map((d) => ({
      full: driftMarkdown(d),
      short: `### ${d.stack}\n\n${d.drifted} drifted _(details cut)_\n`,
    })),
  ];
  const foot = `<sub>Updated by ${link === undefined ? 'run' : `[this run](${link})`} of ${process.env['GITHUB_WORKFLOW'] ?? 'the workflow'}.</sub>`;
  return fitComment(head, sections, foot);
}

/**
 * Posts the diff on the pull request the run is for, as the one comment of this workflow, app directory and
 * stack set (created the first time, edited after). A failure to comment is a warning: the diff is in the log
 * and the summary anyway.
 */
export async function commentOnPullRequest(report: RunReport, inputs: Inputs, token: string): Promise<void> {
  const pr = pullRequestNumber();
  if (pr === undefined) {
    core.info('comment-on-pr: this run is not for a pull request; no comment.');
    return;
  }
  const workflow = process.env['GITHUB_WORKFLOW'] ?? 'workflow';
  const dir = relative(workspacePath('.'), inputs.workingDirectory) || '.';
  const marker = commentMarker(workflow, dir, inputs.stacks);
  const label = `${inputs.stacks.length === 0 ? 'all stacks' : inputs.stacks.join(', ')}${dir === '.' ? '' : ` in ${dir}`}`;
  try {
    const result = await upsertComment(pr, marker, commentBody(report, marker, label), { token });
    core.info(
      `${result.created ? 'Commented on' : 'Updated the comment on'} pull request #${pr}${result.url === undefined ? '' : `: ${result.url}`}.`,
    );
  } catch (err) {
    core.warning(`Could not comment on pull request #${pr}: ${messageOf(err)}`, {
      title: 'cdk-deploy comment',
    });
  }
}
