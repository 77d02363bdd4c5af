#!/usr/bin/env node
/**
 * `npm run check`: format, lint, typecheck, one runtime for every action, fresh bundles. Every step runs (a
 * failure does not hide the next one); the exit code is non-zero when any failed.
 *
 * Usage: node scripts/check.mjs [--json FILE]
 *   --json FILE  also write [{name, ok, seconds, detail}] to FILE (.ci/run counts the steps from it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { bundleAll, bundleTargets } from './bundle.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const RUNTIME = 'node24';
const MAIN = 'dist/index.js';

function run(command, args) {
  const result = spawnSync(join(BIN, command), args, { cwd: ROOT, stdio: 'inherit' });
  if (result.error) return `could not run ${command}: ${result.error.message}`;
  return result.status === 0 ? undefined : `${command} exited with ${result.status ?? result.signal}`;
}

/** Every action.yml that the runner would run: actions/* and the testkit's fixture. */
function actionFiles() {
  const dirs = [];
  const actionsDir = join(ROOT, 'actions');
  if (existsSync(actionsDir)) {
    for (const d of readdirSync(actionsDir, { withFileTypes: true })) {
      if (d.isDirectory()) dirs.push(join(actionsDir, d.name));
    }
  }
  dirs.push(join(ROOT, 'packages/testkit/test/fixture-action'));
  return dirs.map((d) => join(d, 'action.yml')).filter((f) => existsSync(f));
}

function checkRuntimes() {
  const problems = [];
  for (const file of actionFiles()) {
    const name = relative(ROOT, file);
    let doc;
    try {
      doc = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push(`${name}: not valid YAML (${err.message})`);
      continue;
    }
    const runs = doc?.runs ?? {};
    if (runs.using !== RUNTIME)
      problems.push(`${name}: runs.using is ${JSON.stringify(runs.using)}, expected ${RUNTIME}`);
    if (runs.main !== MAIN)
      problems.push(`${name}: runs.main is ${JSON.stringify(runs.main)}, expected ${MAIN}`);
    if (runs.post !== undefined && runs.post !== MAIN) {
      problems.push(
        `${name}: runs.post is ${JSON.stringify(runs.post)}, expected ${MAIN} (one bundle per action)`,
      );
    }
    if (!existsSync(join(dirname(file), 'src', 'main.ts')))
      problems.push(`${name}: no src/main.ts to bundle`);
    for (const [input, spec] of Object.entries(doc?.inputs ?? {})) {
      if (!spec?.description) problems.push(`${name}: input ${input} has no description`);
    }
  }
  for (const p of problems) console.error(`  ${p}`);
  return problems.length > 0 ? `${problems.length} action.yml problem(s)` : undefined;
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

async function checkDist() {
  const temp = mkdtempSync(join(tmpdir(), 'ecs-delivery-dist-'));
  try {
    // Every file the bundler writes: the bundles, the files a bundle reads beside it (cdk-deploy's db.json.gz
    // and bootstrap template, copied from their packages) and the licenses.txt beside them.
    const written = await bundleAll(temp);
    const stale = [];
    const expected = new Set([...bundleTargets().map((t) => t.outfile), ...written]);
    for (const file of expected) {
      const fresh = readFileSync(join(temp, file));
      const committed = join(ROOT, file);
      if (!existsSync(committed)) stale.push(`${file} (missing)`);
      else if (!readFileSync(committed).equals(fresh)) stale.push(`${file} (differs from a fresh build)`);
    }
    // Files in a dist/ that the bundler no longer writes are stale too.
    for (const dir of new Set([...expected].map((f) => dirname(f)))) {
      for (const file of listFiles(join(ROOT, dir))) {
        const rel = relative(ROOT, file);
        if (!expected.has(rel)) stale.push(`${rel} (not produced by the bundler)`);
      }
    }
    for (const s of stale) console.error(`  ${s}`);
    return stale.length > 0 ? `${stale.length} stale bundle file(s); run \`npm run bundle\`` : undefined;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

const STEPS = [
  ['format (prettier --check)', () => run('prettier', ['--check', '--log-level', 'warn', '.'])],
  ['lint (eslint --max-warnings 0)', () => run('eslint', ['--max-warnings', '0', '.'])],
  ['typecheck (tsc --noEmit)', () => run('tsc', ['-p', 'tsconfig.json', '--noEmit'])],
  [`every action.yml runs ${RUNTIME} from ${MAIN}`, checkRuntimes],
  ['dist/ is fresh', checkDist],
];

const { values } = parseArgs({ options: { json: { type: 'string' } } });
const results = [];
for (const [name, step] of STEPS) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  let detail;
  try {
    detail = await step();
  } catch (err) {
    detail = `crashed: ${err.stack ?? err}`;
  }
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  results.push({ name, ok: detail === undefined, seconds, ...(detail ? { detail } : {}) });
  console.log(detail === undefined ? `✓ ${name} (${seconds}s)` : `✗ ${name}: ${detail}`);
}

console.log('\ncheck summary:');
for (const r of results) console.log(`  ${r.ok ? '✓' : '✗'} ${r.name}${r.detail ? ` — ${r.detail}` : ''}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`check: ${results.length - failed} passed, ${failed} failed`);
if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
process.exit(failed > 0 ? 1 : 0);
