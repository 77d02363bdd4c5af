/**
 * Start-up and size of the actions as the runner gets them: each action's whole dist/ directory, the time from
 * `node dist/index.js` to its exit when a required input is missing (the entry checks its inputs before it loads
 * the work's bundle), beside bare `node -e 0` timed in the same run, and the peak memory of each.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node24Path } from '@ecs-delivery/testkit';
import { median, spread, type BenchOptions, type Figure, type Section } from './table';

const ACTIONS = ['build-push', 'deploy-ecs', 'rollback', 'smoke-test', 'cdk-deploy'] as const;

/** cdk-deploy carries the CDK toolkit (dist/toolkit/run.js, loaded only once its inputs are valid): no target. */
const NO_SIZE_TARGET: ReadonlySet<string> = new Set(['cdk-deploy']);

const SIZE_TARGET_BYTES = 1_200_000;
const STARTUP_TARGET = 1.5;

/** Starts of each command per run: one takes ~50 ms, so a run's figure is the median of these. */
const REPETITIONS = 10;

/** Decimal megabytes, as the sizes are quoted. */
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;
const ms = (n: number): string => `${n.toFixed(0)} ms`;
const ratio = (n: number): string => `${n.toFixed(2)}×`;

function root(): string {
  return process.env['ECS_DELIVERY_BENCH_ROOT'] ?? process.cwd();
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size;
  }
  return total;
}

/** The environment of a step given no inputs: no INPUT_*, no runner files, so the first required input is missing. */
function bareEnv(): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
}

interface Start {
  /** Wall time from spawn to exit. */
  ms: number;
  stdout: string;
  stderr: string;
  status: number | null;
}

function start(args: readonly string[]): Start {
  const began = process.hrtime.bigint();
  const result = spawnSync(node24Path(), args, { env: bareEnv(), encoding: 'utf8' });
  const took = Number(process.hrtime.bigint() - began) / 1e6;
  if (result.error) throw result.error;
  return { ms: took, stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Only a refusal for the inputs counts: anything else means the figure measures something else. */
function expectRefusal(action: string, run: Start): void {
  if (run.status !== 1 || !run.stdout.includes('::error title=Configuration error::')) {
    throw new Error(
      `${action}: expected a configuration error for its inputs and exit code 1, got exit ${run.status}:\n` +
        `${run.stdout}${run.stderr}`.slice(0, 2000),
    );
  }
}

/** A preload that reports the process's peak resident set (kB) on stderr as it exits. */
function writeMaxRssPreload(dir: string): string {
  const file = join(dir, 'max-rss.cjs');
  writeFileSync(
    file,
    "process.on('exit', () => process.stderr.write(`\\nmax-rss-kb=${process.resourceUsage().maxRSS}\\n`));\n",
  );
  return file;
}

function maxRssKb(run: Start): number {
  const match = /max-rss-kb=(\d+)/.exec(run.stderr);
  if (match === null) throw new Error(`no peak memory reported:\n${run.stderr.slice(0, 2000)}`);
  return Number(match[1]);
}

export async function measure(options: BenchOptions): Promise<Section> {
  const repetitions = options.quick ? 3 : REPETITIONS;
  const scripts = ACTIONS.map((action) => ({
    action,
    dist: join(root(), 'actions', action, 'dist'),
    script: join(root(), 'actions', action, 'dist', 'index.js'),
  }));
  const nodeMs: number[] = [];
  const ratios = new Map<string, number[]>(ACTIONS.map((a) => [a, []]));
  const actionMs = new Map<string, number[]>(ACTIONS.map((a) => [a, []]));
  for (let run = 0; run < options.runs; run++) {
    const bare: number[] = [];
    const each = new Map<string, number[]>(ACTIONS.map((a) => [a, []]));
    // Interleaved, so a busy moment of the machine weighs on node and the actions alike.
    for (let i = 0; i < repetitions; i++) {
      bare.push(start(['-e', '0']).ms);
      for (const { action, script } of scripts) {
        const started = start([script]);
        expectRefusal(action, started);
        each.get(action)!.push(started.ms);
      }
    }
    const base = median(bare);
    nodeMs.push(base);
    for (const action of ACTIONS) {
      const m = median(each.get(action)!);
      actionMs.get(action)!.push(m);
      ratios.get(action)!.push(m / base);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }

  const dir = mkdtempSync(join(tmpdir(), 'ecs-delivery-bench-startup-'));
  const rss = new Map<string, number[]>([['node', []], ...ACTIONS.map((a): [string, number[]] => [a, []])]);
  try {
    const preload = writeMaxRssPreload(dir);
    for (let run = 0; run < options.runs; run++) {
      rss.get('node')!.push(maxRssKb(start(['-r', preload, '-e', '0'])));
      for (const { action, script } of scripts)
        rss.get(action)!.push(maxRssKb(start(['-r', preload, script])));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const figures: Figure[] = [];
  for (const { action, dist } of scripts) {
    const bytes = directoryBytes(dist);
    figures.push(
      NO_SIZE_TARGET.has(action)
        ? { name: `${action} dist/ size (no target: CDK toolkit)`, value: mb(bytes) }
        : {
            name: `${action} dist/ size`,
            value: mb(bytes),
            target: `≤ ${mb(SIZE_TARGET_BYTES)}`,
            met: bytes <= SIZE_TARGET_BYTES,
          },
    );
  }
  for (const action of ACTIONS) {
    const r = ratios.get(action)!;
    figures.push({
      name: `${action} start-up (× node -e 0)`,
      value: spread(r, ratio),
      target: `≤ ${ratio(STARTUP_TARGET)}`,
      met: median(r) <= STARTUP_TARGET,
    });
  }
  figures.push({
    name: 'cdk-deploy exit on a missing input',
    value: spread(actionMs.get('cdk-deploy')!, ms),
  });
  const peak = (key: string): string => spread(rss.get(key)!, (kb) => `${(kb / 1024).toFixed(0)} MB`);
  for (const action of ACTIONS) figures.push({ name: `${action} peak memory`, value: peak(action) });
  figures.push({ name: 'node -e 0 peak memory', value: peak('node') });

  return {
    title: 'Start-up and size',
    figures,
    notes: [
      `start-up: \`node dist/index.js\` with no INPUT_* (the first required input is missing) to its exit, on ` +
        `Node 24 (${node24Path().replace(root(), '.')}); each run is the median of ${repetitions} starts, ` +
        `interleaved with \`node -e 0\` (median ${spread(nodeMs, ms)})`,
      `start-up of each action in ms: ${ACTIONS.map((a) => `${a} ${spread(actionMs.get(a)!, ms)}`).join(', ')}`,
      'size: every file under actions/<name>/dist (the bundles and licenses.txt), in decimal megabytes',
      'peak memory: the resident set high-water mark (process.resourceUsage().maxRSS) of the same start',
    ],
  };
}
