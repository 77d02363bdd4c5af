#!/usr/bin/env node
/**
 * `npm run bench`: measures what users feel — start-up, time to verdict, API cost, large releases, promotion,
 * cdk-deploy — on the simulator, and prints one table (each figure beside its target). bench/RESULTS.md records
 * the figures with the machine they came from. Benchmarks print figures; no test asserts a time.
 *
 * The benchmarks are TypeScript (bench/src): this script bundles them with esbuild (workspace packages from their
 * source, as the tests load them) into a temporary file under node_modules/.cache and runs it with the arguments it was given.
 *
 * Usage: npm run bench -- [--only SECTION,...] [--quick] [--runs N] [--json FILE]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the repository, so the bundle resolves what the testkit looks up at run time (the repository root,
// the Node 24 package) from where it lives.
const cache = join(ROOT, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'ecs-delivery-bench-'));
try {
  const outfile = join(dir, 'bench.cjs');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['bench/src/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    conditions: ['@ecs-delivery/source'],
    // The bundle runs from a temporary directory: the repository root comes from here.
    define: { 'process.env.ECS_DELIVERY_BENCH_ROOT': JSON.stringify(ROOT) },
    external: ['esbuild', 'fsevents'],
  });
  const result = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], {
    cwd: ROOT,
    // Packages the bundle leaves to run time (esbuild, and the Node 24 the testkit resolves with require.resolve)
    // are found from the repository, not from the temporary directory.
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    stdio: 'inherit',
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
