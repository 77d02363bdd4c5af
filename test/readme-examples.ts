import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import {
  WorkflowRunner,
  type JobRecord,
  type JobResult,
  type StepDoc,
  type StepRecord,
  type Value,
  type WorkflowDoc,
} from '@ecs-delivery/demo';
import { codeBlocks, REPO_ROOT, type CodeBlock, type SimHandle } from '@ecs-delivery/testkit';

/**
 * The code blocks of the READMEs, each matched to the one handler that runs it: a block that no handler
 * runs and no `<!-- readme-examples: skip (why) -->` marker excuses is a problem, and so is a handler that
 * matches no block or more than one. Workflow blocks run through the demo's WorkflowRunner on the simulator.
 */

export interface Example {
  /** `actions/deploy-ecs/README.md:49 (yaml)`. */
  where: string;
  file: string;
  block: CodeBlock;
}

/** A way to run one block, found by a line only that block has. */
export interface Handler {
  file: string;
  match: string;
}

export interface Matched<H extends Handler> {
  runs: { example: Example; handler: H }[];
  skipped: { where: string; reason: string }[];
  problems: string[];
}

/** Matches every code block of `files` (paths from the repository root) to `handlers`. */
export function matchExamples<H extends Handler>(
  files: readonly string[],
  handlers: readonly H[],
): Matched<H> {
  const out: Matched<H> = { runs: [], skipped: [], problems: [] };
  const used = new Map<H, number>();
  for (const file of files) {
    for (const block of codeBlocks(readFileSync(join(REPO_ROOT, file), 'utf8'))) {
      const where = `${file}:${block.line} (${block.lang || 'no language'})`;
      if (block.malformedMarker) {
        out.problems.push(`${where}: a skip marker reads \`<!-- readme-examples: skip (why) -->\``);
        continue;
      }
      if (block.skip !== undefined) {
        out.skipped.push({ where, reason: block.skip });
        continue;
      }
      const found = handlers.filter((h) => h.file === file && block.body.includes(h.match));
      if (found.length !== 1) {
        out.problems.push(
          found.length === 0
            ? `${where}: no test runs this block, and no skip marker says why`
            : `${where}: ${found.length} handlers match this block`,
        );
        continue;
      }
      used.set(found[0]!, (used.get(found[0]!) ?? 0) + 1);
      out.runs.push({ example: { where, file, block }, handler: found[0]! });
    }
  }
  for (const h of handlers) {
    const n = used.get(h) ?? 0;
    if (n !== 1) out.problems.push(`the handler for "${h.match}" in ${h.file} matches ${n} blocks, not one`);
  }
  return out;
}

/**
 * A block as a workflow: a document with `jobs` runs as it is; a list of steps becomes the steps of one job,
 * `example`, which needs the jobs its steps read (`needs.build.outputs.digest`). A `# later, in the <job> job:` comment starts another job that needs the first (named after its
 * first step's `id`), whose outputs are those of its steps that the later job reads as `needs.<id>.outputs.*`.
 */
export function asWorkflow(body: string): WorkflowDoc {
  const doc = parse(body) as unknown;
  if (!Array.isArray(doc)) return doc as WorkflowDoc;
  const parts = body.split(/^# later, in the ([a-z-]+) job:$/m);
  if (parts.length === 1) {
    const needs = [...new Set([...body.matchAll(/needs\.([a-z-]+)\./g)].map((m) => m[1]!))];
    return { jobs: { example: { needs, steps: doc as StepDoc[] } } } as WorkflowDoc;
  }
  const first = parse(parts[0]!) as StepDoc[];
  const firstId = first[0]!.id!;
  const later = parts[2]!;
  const outputs = Object.fromEntries(
    [...later.matchAll(new RegExp(`needs\\.${firstId}\\.outputs\\.([a-z-]+)`, 'g'))].map((m) => [
      m[1]!,
      `\${{ steps.${firstId}.outputs.${m[1]!} }}`,
    ]),
  );
  return {
    jobs: {
      [firstId]: { steps: first, outputs },
      [parts[1]!]: { needs: firstId, steps: parse(later) as StepDoc[] },
    },
  } as WorkflowDoc;
}

/** A text substitution for something the example names that this machine cannot reach. */
export interface Substitution {
  text: string;
  by: (sim: SimHandle) => string;
  why: string;
}

export function substitute(text: string, sim: SimHandle, table: readonly Substitution[]): string {
  return table.reduce((t, s) => t.split(s.text).join(s.by(sim)), text);
}

/** The run's `github` context. */
export const SHA = '5f3a9c1e7b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a';
export const GITHUB = {
  repository: 'acme/shop',
  sha: SHA,
  ref: 'refs/heads/main',
  actor: 'octocat',
  token: 'ghs_readmeExamplesTokenNotASecret0000',
  eventName: 'push',
};

export interface RunContext {
  secrets?: Record<string, string>;
  /** The jobs of an earlier run the example reads (`needs.build.outputs.image-ref`). */
  needs?: Record<string, JobResult>;
  /** A `workflow_dispatch` run's inputs. */
  inputs?: Record<string, Value>;
  /** The runner's environment (ambient credentials a step before the example would have exported). */
  env?: Record<string, string>;
  /** Files the repository holds beside test/fixtures/readme-workspace: path in the workspace → file to copy. */
  files?: Record<string, string>;
}

export interface ExampleRun {
  results: Record<string, JobResult>;
  jobs: JobRecord[];
  /** Every step of every job, in order. */
  steps: StepRecord[];
  /** The builds the buildx stand-in was asked for: its arguments and the contents of its secret files. */
  builds: { args: string[]; secrets: Record<string, string> }[];
  workspace: string;
}

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

/** Copies a folder, applying the substitutions to every file. */
function copyWorkspace(from: string, to: string, edit: (text: string) => string): void {
  cpSync(from, to, { recursive: true });
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else writeFileSync(path, edit(readFileSync(path, 'utf8')));
    }
  };
  walk(to);
}

/**
 * A runner machine like ubuntu-latest: docker with the buildx plugin (here the stand-in, in DOCKER_CONFIG),
 * so `docker/setup-buildx-action` has nothing left to do; npm, whose `ci` links this repository's node_modules.
 */
function runnerMachine(dir: string): { env: Record<string, string>; log: string } {
  const plugins = join(dir, 'docker', 'cli-plugins');
  mkdirSync(plugins, { recursive: true });
  const plugin = join(plugins, 'docker-buildx');
  writeFileSync(
    plugin,
    `#!/bin/sh\nexec "${process.execPath}" "${join(FIXTURES, 'buildx-stand-in.cjs')}" "$@"\n`,
  );
  chmodSync(plugin, 0o755);
  const log = join(dir, 'buildx.log');
  writeFileSync(log, '');
  // `npm ci` of a CDK app installs aws-cdk-lib: here, a link to this repository's (no registry is needed).
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'npm'),
    `#!/bin/sh\nif [ "$1" = ci ]; then ln -sfn "${join(REPO_ROOT, 'node_modules')}" node_modules; exit 0; fi\necho "npm stand-in: only npm ci" >&2\nexit 1\n`,
  );
  chmodSync(join(bin, 'npm'), 0o755);
  return {
    env: {
      DOCKER_CONFIG: join(dir, 'docker'),
      BUILDX_STAND_IN_LOG: log,
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
    },
    log,
  };
}

/** Runs a block as a workflow in a fresh copy of test/fixtures/readme-workspace. */
export async function runExample(
  sim: SimHandle,
  body: string,
  table: readonly Substitution[],
  context: RunContext = {},
): Promise<ExampleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'readme-example-'));
  const workspace = join(dir, 'workspace');
  copyWorkspace(join(FIXTURES, 'readme-workspace'), workspace, (t) => substitute(t, sim, table));
  for (const [path, from] of Object.entries(context.files ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    copyFileSync(from, join(workspace, path));
  }
  const machine = runnerMachine(dir);
  const workflow = asWorkflow(substitute(body, sim, table));
  const runner = new WorkflowRunner({
    root: REPO_ROOT,
    workspace,
    sim,
    github: {
      ...GITHUB,
      eventName: workflow.on?.workflow_dispatch !== undefined ? 'workflow_dispatch' : GITHUB.eventName,
    },
    artifactsDir: join(dir, 'artifacts'),
    log: () => undefined,
    stepTimeoutMs: 180_000,
    secrets: context.secrets ?? {},
    env: { ...machine.env, ...context.env },
    preinstalled: { 'docker/setup-buildx-action': 'buildx is installed on the runner' },
  });
  const results = await runner.runWorkflow(
    { path: '.github/workflows/example.yml', doc: workflow },
    { inputs: context.inputs ?? {}, needs: context.needs ?? {} },
  );
  const builds = readFileSync(machine.log, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ExampleRun['builds'][number]);
  return { results, jobs: runner.jobs, steps: runner.jobs.flatMap((j) => j.steps), builds, workspace };
}
