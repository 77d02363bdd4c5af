#!/usr/bin/env node
/**
 * `npm run bundle`: bundles every action (actions/<name>/src/main.ts → actions/<name>/dist/index.js), the
 * testkit's fixture action and the simulator CLI with esbuild.
 *
 * The output is deterministic: the same sources give byte-identical files (no absolute paths, no timestamps,
 * no license banner), so `npm run check` can rebuild and compare against the committed dist/.
 *
 * Actions are emitted as CommonJS: @actions/core 3 is ESM-only, but nothing it or the AWS SDK uses needs
 * top-level await or import.meta, so esbuild can turn it into one self-contained CJS file that the runner's
 * node24 loads with no package.json beside it.
 *
 * Usage: node scripts/bundle.mjs [--out-dir DIR] [NAME...]
 *   --out-dir DIR  write every bundle under DIR (same relative paths) instead of in place; check.mjs uses it.
 *   NAME...        only the bundles whose entry path contains one of these (`deploy-ecs`, `sim`).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Action-shaped entry points outside actions/ (bundled exactly like an action). */
const EXTRA_ACTIONS = ['packages/testkit/test/fixture-action'];

/** Non-action bundles: [entry, outfile, node target]. */
const EXTRA_BUNDLES = [['packages/sim/src/cli.ts', 'packages/sim/dist/cli.js', 'node20']];

/** Every bundle this script writes, as paths relative to the repository root. */
export function bundleTargets() {
  const actionsDir = join(ROOT, 'actions');
  const actionDirs = existsSync(actionsDir)
    ? readdirSync(actionsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(actionsDir, d.name, 'action.yml')))
        .map((d) => `actions/${d.name}`)
        .sort()
    : [];
  const actions = [...actionDirs, ...EXTRA_ACTIONS].map((dir) => ({
    entry: `${dir}/src/main.ts`,
    outfile: `${dir}/dist/index.js`,
    target: 'node24',
  }));
  const others = EXTRA_BUNDLES.map(([entry, outfile, target]) => ({ entry, outfile, target }));
  return [...actions, ...others].filter((t) => existsSync(join(ROOT, t.entry)));
}

export async function bundleAll(outDir = ROOT, only = []) {
  const written = [];
  const targets = bundleTargets().filter((t) => only.length === 0 || only.some((n) => t.entry.includes(n)));
  for (const target of targets) {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [target.entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: target.target,
      minify: false,
      sourcemap: false,
      legalComments: 'none',
      charset: 'utf8',
      write: false,
      logLevel: 'warning',
      outfile: join(outDir, target.outfile),
    });
    for (const file of result.outputFiles) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.contents);
      written.push(relative(outDir, file.path));
    }
  }
  return written;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values, positionals } = parseArgs({
    options: { 'out-dir': { type: 'string' } },
    allowPositionals: true,
  });
  const outDir = values['out-dir'] ? resolve(values['out-dir']) : ROOT;
  const written = await bundleAll(outDir, positionals);
  for (const file of written) console.log(`bundled ${file}`);
}
