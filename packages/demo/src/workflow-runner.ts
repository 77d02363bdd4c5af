import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { runAction, type SimHandle } from '@ecs-delivery/testkit';
import { asString, condition, interpolate, type ExpressionContext, type Value } from './expressions';
import {
  callInputs,
  jobOrder,
  loadWorkflow,
  needsOf,
  ownAction,
  ownReference,
  OWN_REPOSITORY,
  type JobDoc,
  type StepDoc,
  type Workflow,
} from './workflow-model';

const run = promisify(execFile);

export type Result = 'success' | 'failure' | 'skipped';

/** What one step did, for the report. */
export interface StepRecord {
  name: string;
  /** This repository's action the step ran (`deploy-ecs`), if any. */
  action: string | undefined;
  inputs: Record<string, string>;
  result: Result;
  outputs: Record<string, string>;
  /** The step's job summary (Markdown), main and post. */
  summary: string;
  /** What the step printed (main and post), and its error annotations. */
  log: string;
  errors: string[];
  durationMs: number;
}

/** What one job did: `stage` is the caller's job (`staging`), `job` the reusable workflow's own. */
export interface JobRecord {
  stage: string;
  workflow: string;
  job: string;
  environment: string | undefined;
  result: Result;
  outputs: Record<string, string>;
  steps: StepRecord[];
  durationMs: number;
}

/** The run's `github` context. */
export interface GithubRun {
  repository: string;
  sha: string;
  ref: string;
  actor: string;
  token: string;
  eventName: string;
}

export interface RunnerOptions {
  /** This repository's checkout: its workflows and built actions run, whatever ref a `uses:` names. */
  root: string;
  /** The caller's checkout (what `actions/checkout` would have put in the workspace). */
  workspace: string;
  sim: SimHandle;
  github: GithubRun;
  /** Where `actions/upload-artifact` puts its files. */
  artifactsDir: string;
  /** Progress lines. */
  log: (line: string) => void;
  /** How long one step may take. */
  stepTimeoutMs: number;
  /** The `secrets` context. */
  secrets?: Record<string, string>;
  /** The runner machine's environment, given to every step (what earlier steps exported, `AWS_REGION`, …). */
  env?: Record<string, string | undefined>;
  /**
   * Other repositories' actions whose work the runner has already done, each with the reason
   * (`docker/setup-buildx-action`: buildx is installed): such a step succeeds and does nothing.
   */
  preinstalled?: Record<string, string>;
}

export interface JobResult {
  result: Result;
  outputs: Record<string, string>;
}

/**
 * Runs workflows the way GitHub would for one push: jobs in `needs` order (a job whose needs did not all
 * succeed is skipped), reusable workflows called with their typed inputs, steps with their `if:` conditions,
 * and this repository's actions through the testkit, exactly as the runner starts them (`INPUT_*`, the post
 * step, OIDC for the job's environment). `actions/checkout` is the workspace already there;
 * `actions/upload-artifact` copies into `artifactsDir`; `run:` steps run in bash (in their `working-directory`).
 */
export class WorkflowRunner {
  readonly jobs: JobRecord[] = [];

  constructor(private readonly options: RunnerOptions) {}

  private contexts(inputs: Record<string, Value>, needs: Record<string, Value>): Record<string, Value> {
    return { github: this.githubContext(), inputs, needs, secrets: this.options.secrets ?? {} };
  }

  private githubContext(): Record<string, Value> {
    const g = this.options.github;
    return {
      repository: g.repository,
      repository_owner: g.repository.split('/')[0]!,
      sha: g.sha,
      ref: g.ref,
      actor: g.actor,
      token: g.token,
      event_name: g.eventName,
    };
  }

  /** Runs the job `jobId` of a caller's workflow (in the workspace), with `extra` added to its `with:`. */
  async runCaller(path: string, jobId: string, extra: Record<string, Value> = {}): Promise<JobResult> {
    const workflow = loadWorkflow(this.options.workspace, path);
    const job = workflow.doc.jobs[jobId];
    if (job?.uses === undefined) throw new Error(`${path} has no job "${jobId}" that calls a workflow`);
    const context: ExpressionContext = { contexts: this.contexts({}, {}), status: 'success' };
    return this.call(job.uses, { ...evaluateMap(job.with, context), ...extra }, jobId);
  }

  /** A `uses:` of a reusable workflow of this repository. */
  async call(uses: string, given: Record<string, Value>, stage: string): Promise<JobResult> {
    const { path, ref } = ownReference(uses);
    const workflow = loadWorkflow(this.options.root, path);
    const inputs = callInputs(workflow, given);
    const results = await this.runJobs(workflow, { repository: OWN_REPOSITORY, ref, inputs, stage });
    const declared = workflow.doc.on?.workflow_call?.outputs ?? {};
    const jobsContext = Object.fromEntries(
      Object.entries(results).map(([k, v]) => [k, { result: v.result, outputs: v.outputs }]),
    );
    const outputs: Record<string, string> = {};
    for (const [name, { value }] of Object.entries(declared)) {
      outputs[name] = asString(
        interpolate(value, { contexts: { jobs: jobsContext, inputs }, status: 'success' }),
      );
    }
    const all = Object.values(results).map((r) => r.result);
    return { result: all.includes('failure') ? 'failure' : 'success', outputs };
  }

  /**
   * Runs a workflow of the caller's repository (its jobs with steps, in `needs` order) as one run of `event`:
   * `inputs` typed as its `workflow_dispatch` declares them; `needs` stands for jobs of an earlier run that
   * its jobs name but it does not hold. Returns each job's result.
   */
  async runWorkflow(
    workflow: Workflow,
    given: { inputs?: Record<string, Value>; needs?: Record<string, JobResult> } = {},
  ): Promise<Record<string, JobResult>> {
    const dispatch = workflow.doc.on?.workflow_dispatch !== undefined;
    const inputs = dispatch ? callInputs(workflow, given.inputs ?? {}, 'workflow_dispatch') : {};
    return this.runJobs(workflow, {
      repository: this.options.github.repository,
      ref: this.options.github.ref,
      inputs,
      stage: undefined,
      needs: given.needs ?? {},
    });
  }

  private async runJobs(
    workflow: Workflow,
    run: {
      repository: string;
      ref: string;
      inputs: Record<string, Value>;
      /** The caller's job, for a reusable workflow's jobs; else each job is its own stage. */
      stage: string | undefined;
      needs?: Record<string, JobResult>;
    },
  ): Promise<Record<string, JobResult>> {
    const { inputs } = run;
    const results: Record<string, JobResult> = {};
    for (const id of jobOrder(workflow, Object.keys(run.needs ?? {}))) {
      const job = workflow.doc.jobs[id]!;
      const needs = Object.fromEntries(
        needsOf(job).map((n) => {
          const done = results[n] ?? run.needs?.[n];
          return [n, { result: done!.result, outputs: done!.outputs }];
        }),
      );
      const needResults = Object.values(needs).map((n) => n.result);
      const context: ExpressionContext = {
        contexts: this.contexts(inputs, needs),
        status: needResults.includes('failure')
          ? 'failure'
          : needResults.includes('skipped')
            ? 'skipped'
            : 'success',
      };
      const key = job.uses === undefined ? (run.stage ?? id) : id;
      if (!condition(job.if, context)) {
        this.options.log(`[${key}] skipped: ${needsOf(job).join(', ')} did not succeed`);
        results[id] = { result: 'skipped', outputs: {} };
        this.jobs.push(emptyJob(key, workflow, id, 'skipped'));
        continue;
      }
      results[id] =
        job.uses !== undefined
          ? await this.call(job.uses, evaluateMap(job.with, context), id)
          : await this.runJob(
              workflow,
              `${run.repository}/${workflow.path}@${refName(run.ref)}`,
              id,
              job,
              context,
              key,
            );
    }
    return results;
  }

  private async runJob(
    workflow: Workflow,
    jobWorkflowRef: string,
    id: string,
    job: JobDoc,
    jobContext: ExpressionContext,
    stage: string,
  ): Promise<JobResult> {
    const started = Date.now();
    const env = job.environment;
    const environment =
      env === undefined
        ? undefined
        : asString(interpolate(typeof env === 'string' ? env : env.name, jobContext));
    const temp = mkdtempSync(join(tmpdir(), 'ecs-delivery-demo-runner-'));
    const steps: Record<string, Value> = {};
    const records: StepRecord[] = [];
    let status: ExpressionContext['status'] = 'success';
    this.options.log(
      `[${stage}] ${workflow.path}${environment === undefined ? '' : ` (environment ${environment})`}`,
    );
    for (const [index, step] of (job.steps ?? []).entries()) {
      const context: ExpressionContext = {
        contexts: { ...jobContext.contexts, steps, runner: { temp }, env: {} },
        status,
      };
      const name = step.name ?? step.uses ?? step.run ?? `step ${index + 1}`;
      const record = await this.runStep(step, name, context, {
        stage,
        temp,
        environment,
        jobWorkflowRef,
      });
      records.push(record);
      if (step.id !== undefined) {
        steps[step.id] = { outputs: record.outputs, outcome: record.result, conclusion: record.result };
      }
      if (record.result === 'failure') status = 'failure';
    }
    const context: ExpressionContext = { contexts: { ...jobContext.contexts, steps }, status };
    const outputs: Record<string, string> = {};
    for (const [name, value] of Object.entries(job.outputs ?? {}))
      outputs[name] = asString(interpolate(value, context));
    const result: Result = status === 'success' ? 'success' : 'failure';
    this.jobs.push({
      stage,
      workflow: workflow.path,
      job: id,
      environment,
      result,
      outputs,
      steps: records,
      durationMs: Date.now() - started,
    });
    this.options.log(
      `[${stage}] ${result === 'success' ? 'succeeded' : 'FAILED'} in ${seconds(Date.now() - started)}`,
    );
    return { result, outputs };
  }

  private async runStep(
    step: StepDoc,
    name: string,
    context: ExpressionContext,
    job: { stage: string; temp: string; environment: string | undefined; jobWorkflowRef: string },
  ): Promise<StepRecord> {
    const base = {
      name,
      action: ownAction(step.uses),
      inputs: {},
      outputs: {},
      summary: '',
      log: '',
      errors: [],
      durationMs: 0,
    };
    if (!condition(step.if, context)) return { ...base, result: 'skipped' };
    const started = Date.now();
    const inputs = Object.fromEntries(
      Object.entries(evaluateMap(step.with, context)).map(([k, v]) => [k, asString(v)]),
    );
    const done = (result: Result, more: Partial<StepRecord> = {}): StepRecord => ({
      ...base,
      inputs,
      result,
      durationMs: Date.now() - started,
      ...more,
    });
    const uses = step.uses;
    if (uses?.startsWith('actions/checkout@') === true) return done('success');
    const preinstalled = Object.entries(this.options.preinstalled ?? {}).find(([a]) =>
      uses?.startsWith(`${a}@`),
    );
    if (preinstalled !== undefined) {
      this.options.log(`[${job.stage}] ${name}: nothing to do (${preinstalled[1]})`);
      return done('success');
    }
    if (uses?.startsWith('actions/upload-artifact@') === true) {
      const folder = join(this.options.artifactsDir, inputs['name'] ?? 'artifact');
      mkdirSync(folder, { recursive: true });
      copyFileSync(inputs['path']!, join(folder, basename(inputs['path']!)));
      return done('success');
    }
    if (step.run !== undefined) {
      const env = Object.fromEntries(
        Object.entries(evaluateMap(step.env, context)).map(([k, v]) => [k, asString(v)]),
      );
      try {
        const dir = step['working-directory'];
        const ran = await run('bash', ['-e', '-c', step.run], {
          cwd:
            dir === undefined
              ? this.options.workspace
              : join(this.options.workspace, asString(interpolate(dir, context))),
          env: {
            PATH: process.env['PATH'] ?? '',
            ...definedOnly(this.options.env),
            RUNNER_TEMP: job.temp,
            GITHUB_WORKSPACE: this.options.workspace,
            ...env,
          },
        });
        return done('success', { log: `${ran.stdout}${ran.stderr}` });
      } catch (err) {
        this.options.log(`[${job.stage}] ${name}: ${err instanceof Error ? err.message : String(err)}`);
        return done('failure', { errors: [err instanceof Error ? err.message : String(err)] });
      }
    }
    const action = base.action;
    if (action === undefined)
      throw new Error(`the demo cannot run the step "${name}" (${uses ?? 'no uses'})`);
    this.options.log(`[${job.stage}]   ${action}: ${name}`);
    const g = this.options.github;
    const result = await runAction(action, {
      sim: this.options.sim,
      inputs,
      cwd: this.options.workspace,
      staticCredentials: false,
      ...(this.options.env !== undefined ? { env: this.options.env } : {}),
      timeoutMs: this.options.stepTimeoutMs,
      oidc: {
        repository: g.repository,
        ref: g.ref,
        sha: g.sha,
        actor: g.actor,
        event_name: g.eventName,
        job_workflow_ref: job.jobWorkflowRef,
        ...(job.environment !== undefined ? { environment: job.environment } : {}),
      },
      github: {
        repository: g.repository,
        repositoryOwner: g.repository.split('/')[0]!,
        sha: g.sha,
        ref: g.ref,
        actor: g.actor,
        eventName: g.eventName,
        token: g.token,
        job: job.stage,
      },
    });
    const ok = result.exitCode === 0;
    const errors = result.annotations.filter((x) => x.level === 'error').map((a) => a.message);
    for (const message of errors) {
      this.options.log(`[${job.stage}]   ${action}: error: ${message.split('\n')[0]!}`);
    }
    return done(ok ? 'success' : 'failure', {
      outputs: result.outputs,
      log: [result.log, result.postLog].filter((s) => s !== '').join('\n'),
      errors,
      summary: [result.summary, result.postSummary].filter((s) => s.trim() !== '').join('\n\n'),
    });
  }
}

function evaluateMap(
  map: Record<string, unknown> | undefined,
  context: ExpressionContext,
): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(map ?? {})) {
    out[k] = typeof v === 'string' ? interpolate(v, context) : (v as Value);
  }
  return out;
}

function definedOnly(env: Record<string, string | undefined> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

function emptyJob(stage: string, workflow: Workflow, job: string, result: Result): JobRecord {
  return {
    stage,
    workflow: workflow.path,
    job,
    environment: undefined,
    result,
    outputs: {},
    steps: [],
    durationMs: 0,
  };
}

/** `main` → `refs/heads/main`, `v1.2.3` → `refs/tags/v1.2.3`, as a token's `job_workflow_ref` names it. */
function refName(ref: string): string {
  if (ref.startsWith('refs/')) return ref;
  return /^v\d/.test(ref) ? `refs/tags/${ref}` : `refs/heads/${ref}`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
