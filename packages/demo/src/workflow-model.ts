import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Value } from './expressions';

/** This repository, as the reusable workflows name it in `uses:`. */
export const OWN_REPOSITORY = 'ecs-delivery/ecs-delivery';

export interface StepDoc {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: string | boolean;
  /** Where a `run:` step runs, relative to the workspace. */
  'working-directory'?: string;
}

export interface JobDoc {
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  needs?: string | string[];
  if?: string | boolean;
  environment?: string | { name: string; url?: string };
  outputs?: Record<string, string>;
  steps?: StepDoc[];
}

export interface InputDoc {
  type?: 'string' | 'boolean' | 'number' | 'choice' | 'environment';
  required?: boolean;
  default?: string | boolean | number;
}

export interface WorkflowDoc {
  name?: string;
  on?: {
    workflow_call?: {
      inputs?: Record<string, InputDoc>;
      outputs?: Record<string, { value: string }>;
    };
    workflow_dispatch?: { inputs?: Record<string, InputDoc> };
  } & Record<string, unknown>;
  jobs: Record<string, JobDoc>;
}

/** A workflow file: where it is (relative to the repository that holds it) and what it says. */
export interface Workflow {
  /** `.github/workflows/deploy.yml`. */
  path: string;
  doc: WorkflowDoc;
}

export function loadWorkflow(root: string, path: string): Workflow {
  const doc = parse(readFileSync(join(root, path), 'utf8')) as WorkflowDoc;
  return { path, doc };
}

/** `owner/repo/path@ref` → its parts; a reference to another repository than this one is refused. */
export function ownReference(uses: string): { path: string; ref: string } {
  const m = /^([^/]+\/[^/]+)\/(.+)@(.+)$/.exec(uses);
  if (m === null || m[1] !== OWN_REPOSITORY) {
    throw new Error(`${uses} is not a reference to ${OWN_REPOSITORY}'s actions or workflows`);
  }
  return { path: m[2]!, ref: m[3]! };
}

/** The action a step runs, when it is one of this repository's (`actions/<name>`). */
export function ownAction(uses: string | undefined): string | undefined {
  if (uses === undefined || !uses.startsWith(`${OWN_REPOSITORY}/actions/`)) return undefined;
  return ownReference(uses).path.slice('actions/'.length);
}

/**
 * The inputs a `workflow_call` (or `workflow_dispatch`) receives: those given, typed as declared, and the
 * defaults of the others.
 * An undeclared or missing required input is an error, as on GitHub.
 */
export function callInputs(
  workflow: Workflow,
  given: Record<string, Value>,
  event: 'workflow_call' | 'workflow_dispatch' = 'workflow_call',
): Record<string, Value> {
  const declared = workflow.doc.on?.[event]?.inputs ?? {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(declared, name)) throw new Error(`${workflow.path} has no input "${name}"`);
  }
  const inputs: Record<string, Value> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const value = Object.hasOwn(given, name) ? given[name]! : spec.default;
    if (value === undefined) {
      if (spec.required === true) throw new Error(`${workflow.path} needs the input "${name}"`);
      inputs[name] = spec.type === 'boolean' ? false : '';
      continue;
    }
    inputs[name] =
      spec.type === 'boolean'
        ? value === true || value === 'true'
        : spec.type === 'number'
          ? Number(value)
          : value;
  }
  return inputs;
}

/** A job's `needs`, as a list. */
export function needsOf(job: JobDoc): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

/**
 * The jobs of a workflow in an order that runs every job after the jobs it needs; `done` names jobs of an
 * earlier run that its jobs may need.
 */
export function jobOrder(workflow: Workflow, done: readonly string[] = []): string[] {
  const order: string[] = [];
  const visit = (id: string, path: string[]): void => {
    if (order.includes(id) || (done.includes(id) && workflow.doc.jobs[id] === undefined)) return;
    if (path.includes(id)) throw new Error(`${workflow.path}: the jobs ${path.join(' → ')} need each other`);
    const job = workflow.doc.jobs[id];
    if (job === undefined) throw new Error(`${workflow.path}: a job needs "${id}", which does not exist`);
    for (const need of needsOf(job)) visit(need, [...path, id]);
    order.push(id);
  };
  for (const id of Object.keys(workflow.doc.jobs)) visit(id, []);
  return order;
}
