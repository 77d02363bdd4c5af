import { marked } from 'marked';
import type { JobRecord, Result } from './workflow-runner';
import { seconds } from './workflow-runner';

/** One promotion run of the demo: a release, pushed from one commit, and what every job did with it. */
export interface ReleaseRun {
  title: string;
  version: string;
  sha: string;
  /** The image's digest, as built (pushed) for this commit. */
  digest: string;
  result: Result;
  jobs: JobRecord[];
  durationMs: number;
}

/** One row of the final table: a service in a stage of a release. */
export interface ServiceRow {
  release: string;
  stage: string;
  service: string;
  outcome: string;
  digest: string;
  duration: string;
  rollback: string;
}

interface ServiceEntry {
  name?: string;
  outcome?: string;
  failureReason?: string;
  rollback?: { outcome?: string; method?: string; reason?: string } | null;
}

function parseServices(text: string | undefined): ServiceEntry[] {
  if (text === undefined || text === '') return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as ServiceEntry[]) : [];
  } catch {
    return [];
  }
}

/** The deploy jobs of a run, by stage: the job that ran deploy-ecs. */
function deployJobs(run: ReleaseRun): JobRecord[] {
  return run.jobs.filter(
    (j) => j.workflow.endsWith('deploy.yml') || (j.result === 'skipped' && j.stage !== 'build'),
  );
}

/** The rows of the final table: per release, per stage, per service. */
export function serviceRows(runs: readonly ReleaseRun[], services: readonly string[]): ServiceRow[] {
  const rows: ServiceRow[] = [];
  for (const run of runs) {
    for (const job of deployJobs(run)) {
      const deploy = job.steps.find((s) => s.action === 'deploy-ecs');
      const rollbackStep = job.steps.find((s) => s.action === 'rollback' && s.result !== 'skipped');
      const entries = parseServices(deploy?.outputs['services']);
      const rolledBack = new Set(
        (rollbackStep?.inputs['services'] ?? '')
          .split(/[\n,]/)
          .map((s) => s.trim())
          .filter(Boolean),
      );
      for (const service of services) {
        const entry = entries.find((e) => e.name === service);
        let outcome =
          job.result === 'skipped' ? 'not run: an earlier stage failed' : (entry?.outcome ?? 'not_started');
        let rollback = '';
        if (entry?.failureReason !== undefined) rollback = entry.failureReason;
        if (entry?.rollback?.outcome !== undefined) {
          rollback = `${rollback === '' ? '' : `${rollback}; `}rolled back (${entry.rollback.method ?? 'ecs'}: ${entry.rollback.outcome})`;
        }
        if (rolledBack.has(service)) {
          outcome = `${outcome}, then rolled back`;
          rollback = `smoke test failed; rollback ${rollbackStep!.result}`;
        }
        rows.push({
          release: run.version,
          stage: job.stage,
          service,
          outcome,
          digest: job.result === 'skipped' ? '' : shortDigest(run.digest),
          duration: job.result === 'skipped' ? '' : seconds(job.durationMs),
          rollback,
        });
      }
    }
  }
  return rows;
}

export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

/** The rows as a fixed-width text table for the terminal. */
export function textTable(rows: readonly ServiceRow[]): string {
  const header = ['release', 'stage', 'service', 'outcome', 'digest', 'duration', 'rolled back / why'];
  const cells = rows.map((r) => [r.release, r.stage, r.service, r.outcome, r.digest, r.duration, r.rollback]);
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...cells.map((c) => c[i]!.length))));
  const line = (c: string[]): string =>
    c
      .map((v, i) => (v.length > widths[i]! ? `${v.slice(0, widths[i]! - 1)}…` : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2328; }
h1 { margin-bottom: 0.2rem; } .lead { color: #59636e; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8rem 0; } th, td { border: 1px solid #d1d9e0; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } code { font-size: 0.9em; }
.release { border-top: 3px solid #d1d9e0; margin-top: 2rem; }
.stage { border: 1px solid #d1d9e0; border-radius: 6px; margin: 1rem 0; padding: 0 1rem 0.5rem; }
.stage > h3 { display: flex; gap: 0.6rem; align-items: center; }
.badge { border-radius: 1rem; padding: 0.05rem 0.6rem; font-size: 0.8rem; font-weight: 600; color: #fff; }
.success { background: #1f883d; } .failure { background: #cf222e; } .skipped { background: #818b98; }
details.step { margin: 0.4rem 0; } details.step > summary { cursor: pointer; }
.summary { border-left: 3px solid #d1d9e0; padding-left: 0.8rem; margin: 0.4rem 0 0.8rem; overflow-x: auto; }
`;

function badge(result: Result): string {
  return `<span class="badge ${result}" data-result="${result}">${result}</span>`;
}

/** One page with every step's job summary, release by release and stage by stage. */
export function htmlPage(
  runs: readonly ReleaseRun[],
  rows: readonly ServiceRow[],
  meta: { simulator: string },
): string {
  const table = [
    '<table class="services"><tr><th>release</th><th>stage</th><th>service</th><th>outcome</th><th>digest</th><th>duration</th><th>rolled back / why</th></tr>',
    ...rows.map(
      (r) =>
        `<tr>${[r.release, r.stage, r.service, r.outcome, r.digest, r.duration, r.rollback].map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
    ),
    '</table>',
  ].join('\n');
  const sections = runs.map((run) => {
    const jobs = run.jobs.map((job) => {
      const steps = job.steps.map((step) => {
        const body =
          step.summary.trim() === ''
            ? '<p><em>no job summary</em></p>'
            : (marked.parse(step.summary, { async: false }) as string);
        return `<details class="step" ${step.summary.trim() !== '' ? 'open' : ''}><summary>${badge(step.result)} ${escapeHtml(step.name)}${step.action === undefined ? '' : ` <code>${step.action}</code>`} <small>${seconds(step.durationMs)}</small></summary><div class="summary">${body}</div></details>`;
      });
      const where =
        job.environment === undefined ? '' : ` — environment <code>${escapeHtml(job.environment)}</code>`;
      return `<section class="stage" data-stage="${escapeHtml(job.stage)}" data-result="${job.result}"><h3>${badge(job.result)} ${escapeHtml(job.stage)}${where} <small>${escapeHtml(job.workflow)}${job.durationMs > 0 ? `, ${seconds(job.durationMs)}` : ''}</small></h3>${steps.join('\n') || '<p>Skipped: a job it needs did not succeed.</p>'}</section>`;
    });
    return `<section class="release" data-release="${escapeHtml(run.version)}" data-result="${run.result}"><h2>${badge(run.result)} ${escapeHtml(run.title)}</h2><p>Commit <code>${run.sha.slice(0, 12)}</code>, image <code>${escapeHtml(run.digest)}</code>, ${seconds(run.durationMs)}.</p>${jobs.join('\n')}</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ecs-delivery demo</title><style>${STYLE}</style></head>
<body>
<h1>ecs-delivery demo</h1>
<p class="lead">The api-and-workers example promoted dev → staging → prod by <code>promote.yml</code>'s own steps, on the simulator at ${escapeHtml(meta.simulator)}.</p>
<h2>Every service, every stage</h2>
${table}
${sections.join('\n')}
</body></html>
`;
}
