#!/usr/bin/env node
/**
 * `npm run bundle`: bundles every action (actions/<name>/src/main.ts → actions/<name>/dist/index.js, and the
 * bundles it loads later: see LAZY_MODULES), the testkit's fixture action and the simulator (its CLI, and its
 * library for plain Node) with esbuild. The actions are minified; the simulator and the demo are not.
 *
 * The output is deterministic: the same sources give byte-identical files (no absolute paths, no timestamps,
 * no license banner), so `npm run check` can rebuild and compare against the committed dist/. The licences of
 * the bundled packages go instead to a dist/licenses.txt beside each published bundle (see writeLicenses).
 *
 * Actions are emitted as CommonJS: @actions/core 3 is ESM-only, but nothing it or the AWS SDK uses needs
 * top-level await or import.meta, so esbuild can turn it into self-contained CJS files that the runner's
 * node24 loads with no package.json beside them.
 *
 * Usage: node scripts/bundle.mjs [--out-dir DIR] [--readable] [NAME...]
 *   --out-dir DIR  write every bundle under DIR (same relative paths) instead of in place; check.mjs uses it.
 *   --readable     do not minify the actions: each module keeps esbuild's `// path` line above it (to read a
 *                  bundle, and for test/licenses.test.ts, which checks licenses.txt against those lines).
 *   NAME...        only the bundles whose entry path contains one of these (`deploy-ecs`, `sim`).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { parse as parseYaml } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The export condition under which workspace packages (`@ecs-delivery/sim`) name their TypeScript source. */
const SOURCE_CONDITION = '@ecs-delivery/source';

/**
 * Modules an action loads only when it needs them, bundled apart: `import(specifier)` in one of the files `from`
 * (default: src/main.ts) becomes a `require` of the separate bundle at run time, so a run refused for its input
 * never reads it. The entry of each action only checks its inputs; its work (dist/run.js; cdk-deploy's toolkit
 * bundle, the CDK toolkit library and the AWS SDK, ~12 MB, loads in ~1.5 s) loads after, and what reads a file
 * or YAML input (dist/files.js: the YAML library, the manifest's schema validator) when such an input is given.
 */
const LAZY_MODULES = [
  { dir: 'actions/cdk-deploy', specifier: './run', entry: 'src/run.ts', outfile: 'dist/toolkit/run.js' },
  { dir: 'actions/build-push', specifier: './steps', entry: 'src/steps.ts', outfile: 'dist/run.js' },
  { dir: 'actions/deploy-ecs', specifier: './steps', entry: 'src/steps.ts', outfile: 'dist/run.js' },
  { dir: 'actions/rollback', specifier: './run', entry: 'src/run.ts', outfile: 'dist/run.js' },
  { dir: 'actions/smoke-test', specifier: './run', entry: 'src/run.ts', outfile: 'dist/run.js' },
  ...[
    ['actions/build-push', 'src/manifest-inputs.ts'],
    ['actions/deploy-ecs', 'src/inputs.ts'],
    ['actions/rollback', 'src/inputs.ts'],
    ['actions/smoke-test', 'src/check-sources.ts'],
  ].map(([dir, from]) => ({
    dir,
    specifier: './files',
    entry: 'src/files.ts',
    outfile: 'dist/files.js',
    from: [from],
  })),
];

/**
 * Packages whose top-level code only defines things, so a bundle that uses none of their exports leaves them out.
 * @actions/core imports its HTTP client (for ID tokens) and @actions/exec (for platform details) up front; an
 * entry that only reads inputs and reports uses neither.
 */
const SIDE_EFFECT_FREE = /^@actions\/(http-client|exec|io)(\/.*)?$/;

/**
 * @actions/http-client imports undici (~400 kB) for one method, `getAgentDispatcher`: the proxy-aware dispatcher
 * @actions/github hands to its fetch. Nothing here calls it (the ID token request goes through the client's own
 * http/https requests, proxies through `tunnel`; GitHub REST calls use Node's fetch), so the bundles carry a
 * stand-in that says so if it ever is.
 */
const UNDICI_STAND_IN = `export class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled: HttpClient.getAgentDispatcher is not available in ecs-delivery actions');
  }
}
`;

/**
 * Files a bundle reads beside it at run time, copied byte for byte: [action dir, package, file in the package,
 * destination]. The toolkit bundle (dist/toolkit/run.js) reads `../db.json.gz` (the CloudFormation resource
 * specification every diff needs, @aws-cdk/aws-service-spec's `join(__dirname, '..', 'db.json.gz')`) and its
 * own package.json and build-info.json; the action hands the toolkit `dist/bootstrap-template.yaml` as the
 * template to bootstrap with.
 */
const ASSETS = [
  ['actions/cdk-deploy', '@aws-cdk/aws-service-spec', 'db.json.gz', 'dist/db.json.gz'],
  // The toolkit finds its version (and build) in the package.json of the nearest folder above its code: beside
  // the bundle, so a checkout of the action holding only action.yml and dist/ works as the repository does.
  ['actions/cdk-deploy', '@aws-cdk/toolkit-lib', 'package.json', 'dist/toolkit/package.json'],
  ['actions/cdk-deploy', '@aws-cdk/toolkit-lib', 'build-info.json', 'dist/toolkit/build-info.json'],
  [
    'actions/cdk-deploy',
    '@aws-cdk/toolkit-lib',
    'lib/api/bootstrap/bootstrap-template.yaml',
    'dist/bootstrap-template.yaml',
  ],
];

/** Action-shaped entry points outside actions/ (bundled exactly like an action). */
const EXTRA_ACTIONS = ['packages/testkit/test/fixture-action'];

/** Non-action bundles: [entry, outfile, node target]. */
const EXTRA_BUNDLES = [
  ['packages/sim/src/cli.ts', 'packages/sim/dist/cli.js', 'node20'],
  // `import('@ecs-delivery/sim')` / `require` from plain Node: the package's default export condition.
  ['packages/sim/src/index.ts', 'packages/sim/dist/index.js', 'node20'],
  // `npm run demo`: a plain-Node entry, so the demo needs nothing but `npm ci`.
  ['packages/demo/src/cli.ts', 'packages/demo/dist/demo.js', 'node20'],
];

/** Every bundle this script writes, as paths relative to the repository root. */
export function bundleTargets() {
  const actionsDir = join(ROOT, 'actions');
  const actionDirs = existsSync(actionsDir)
    ? readdirSync(actionsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(actionsDir, d.name, 'action.yml')))
        .map((d) => `actions/${d.name}`)
        .sort()
    : [];
  const actions = [...actionDirs, ...EXTRA_ACTIONS].flatMap((dir) => [
    {
      entry: `${dir}/src/main.ts`,
      outfile: `${dir}/dist/index.js`,
      target: 'node24',
      action: true,
      lazy: LAZY_MODULES.filter((m) => m.dir === dir),
    },
    // A lazily loaded bundle's licences are listed with its action's, in dist/licenses.txt.
    ...LAZY_MODULES.filter((m) => m.dir === dir).map((m) => ({
      entry: `${dir}/${m.entry}`,
      outfile: `${dir}/${m.outfile}`,
      target: 'node24',
      action: true,
      licenseDir: `${dir}/dist`,
    })),
  ]);
  const others = EXTRA_BUNDLES.map(([entry, outfile, target]) => ({ entry, outfile, target }));
  return [...actions, ...others].filter((t) => existsSync(join(ROOT, t.entry)));
}

/** The assets of the bundles this run builds: [source path, destination relative to the root]. */
function assetsFor(targets) {
  return ASSETS.filter(([dir]) => targets.some((t) => t.outfile.startsWith(`${dir}/`))).map(
    ([dir, pkg, file, to]) => {
      const require = createRequire(join(ROOT, dir, 'package.json'));
      return [join(dirname(require.resolve(`${pkg}/package.json`)), file), `${dir}/${to}`];
    },
  );
}

/**
 * @actions/core's file commands need crypto for one `randomUUID()` (a delimiter), when a value is written to a
 * runner file: loaded then, not when the action starts (requiring crypto takes Node a few milliseconds).
 */
const LAZY_CRYPTO = `export function randomUUID() {
  return require('node:crypto').randomUUID();
}
`;

function actionPackages() {
  return {
    name: 'action-packages',
    setup(build) {
      build.onResolve({ filter: /^crypto$/ }, (args) =>
        args.importer.replace(/\\/g, '/').endsWith('/node_modules/@actions/core/lib/file-command.js')
          ? { path: 'crypto', namespace: 'lazy-crypto' }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy-crypto' }, () => ({
        contents: LAZY_CRYPTO,
        loader: 'js',
      }));
      build.onResolve({ filter: /^undici$/ }, (args) =>
        args.importer.replace(/\\/g, '/').includes('/node_modules/@actions/http-client/')
          ? { path: 'undici', namespace: 'undici-stand-in' }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'undici-stand-in' }, () => ({
        contents: UNDICI_STAND_IN,
        loader: 'js',
      }));
      build.onResolve({ filter: SIDE_EFFECT_FREE }, async (args) => {
        if (args.pluginData?.sideEffectFree) return undefined;
        const result = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { sideEffectFree: true },
        });
        return result.errors.length > 0 ? undefined : { ...result, sideEffects: false };
      });
    },
  };
}

/**
 * `import inputDefaults from '../action.yml'` in an action's src/main.ts: the `default` of every input of its
 * action.yml, as text, read now (as `readActionDefaults` of @ecs-delivery/shared does at run time), so the
 * entry parses no YAML. A changed default changes the bundle, which `npm run check` then finds stale.
 */
function actionInputDefaults() {
  return {
    name: 'action-input-defaults',
    setup(build) {
      build.onResolve({ filter: /(^|\/)action\.yml$/ }, (args) => ({
        path: join(args.resolveDir, args.path),
        namespace: 'action-input-defaults',
      }));
      build.onLoad({ filter: /.*/, namespace: 'action-input-defaults' }, (args) => {
        const doc = parseYaml(readFileSync(args.path, 'utf8'));
        const defaults = {};
        for (const [name, input] of Object.entries(doc?.inputs ?? {})) {
          if (input?.default !== undefined && input.default !== null) defaults[name] = String(input.default);
        }
        return {
          contents: `export default ${JSON.stringify(defaults)};\n`,
          loader: 'js',
          watchFiles: [args.path],
        };
      });
    },
  };
}

const MANIFEST_VALIDATOR = 'packages/shared/src/manifest/schema-validator.ts';

/**
 * The manifest's JSON Schema validator, compiled when bundling (ajv's standalone code, see
 * `manifestValidatorSource` in MANIFEST_VALIDATOR): the actions carry the generated validator and ajv's runtime
 * helpers instead of ajv's compiler (~130 kB with its URI library) and compile nothing at run time.
 */
function precompiledManifestValidator() {
  let source;
  return {
    name: 'precompiled-manifest-validator',
    setup(build) {
      build.onLoad({ filter: /schema-validator\.ts$/ }, async (args) => {
        if (relative(ROOT, args.path).replace(/\\/g, '/') !== MANIFEST_VALIDATOR) return undefined;
        source ??= await manifestValidatorSource();
        return {
          contents: `import validate from './schema-validator.standalone.cjs';\nexport function compileManifestValidator() {\n  return validate;\n}\n`,
          loader: 'js',
        };
      });
      build.onResolve({ filter: /^\.\/schema-validator\.standalone\.cjs$/ }, (args) => ({
        path: join(args.resolveDir, 'schema-validator.standalone.cjs'),
        namespace: 'manifest-validator',
        pluginData: { resolveDir: args.resolveDir },
      }));
      build.onLoad({ filter: /.*/, namespace: 'manifest-validator' }, (args) => ({
        contents: source,
        loader: 'js',
        resolveDir: args.pluginData.resolveDir,
      }));
    },
  };
}

/** Runs `manifestValidatorSource()` of MANIFEST_VALIDATOR (bundled for plain Node first). */
async function manifestValidatorSource() {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [MANIFEST_VALIDATOR],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    conditions: [SOURCE_CONDITION],
  });
  const module = { exports: {} };
  const require = createRequire(join(ROOT, MANIFEST_VALIDATOR));
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  return module.exports.manifestValidatorSource();
}

/**
 * Leaves `import(specifier)` of a lazily loaded module to run time, as a require of its own bundle (relative
 * to the bundle that imports it).
 */
function lazyModules(target) {
  return {
    name: 'lazy-modules',
    setup(build) {
      for (const m of target.lazy ?? []) {
        const importers = (m.from ?? ['src/main.ts']).map((file) => join(ROOT, m.dir, file));
        const filter = new RegExp(`^${m.specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        build.onResolve({ filter }, (args) =>
          importers.includes(args.importer)
            ? { path: `./${relative(join(m.dir, 'dist'), join(m.dir, m.outfile))}`, external: true }
            : undefined,
        );
      }
    },
  };
}

export async function bundleAll(outDir = ROOT, only = [], { readable = false } = {}) {
  const written = [];
  const built = [];
  const targets = bundleTargets().filter((t) => only.length === 0 || only.some((n) => t.entry.includes(n)));
  for (const target of targets) {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [target.entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: target.target,
      // Actions are minified (smaller, faster to load); the simulator and the demo stay readable.
      minify: target.action === true && !readable,
      // Packages that ship an ES module build are bundled from it, so what an action never imports is left out.
      ...(target.action === true ? { mainFields: ['module', 'main'] } : {}),
      sourcemap: false,
      legalComments: 'none',
      charset: 'utf8',
      write: false,
      logLevel: 'warning',
      outfile: join(outDir, target.outfile),
      metafile: true,
      // Workspace packages are bundled from their TypeScript source, not from a dist/ built before.
      conditions: target.action === true ? [SOURCE_CONDITION, 'module'] : [SOURCE_CONDITION],
      plugins:
        target.action === true
          ? [actionPackages(), actionInputDefaults(), precompiledManifestValidator(), lazyModules(target)]
          : [lazyModules(target)],
    });
    built.push({ target, metafile: result.metafile });
    for (const file of result.outputFiles) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.contents);
      written.push(relative(outDir, file.path));
    }
  }
  for (const [from, to] of assetsFor(targets)) {
    mkdirSync(dirname(join(outDir, to)), { recursive: true });
    writeFileSync(join(outDir, to), readFileSync(from));
    written.push(to);
  }
  written.push(...writeLicenses(outDir, built));
  return written;
}

/** The file written beside each published bundle: what third-party code it carries and under which licences. */
const LICENSES_FILE = 'licenses.txt';

/** dist/ directories that get no licenses.txt: the testkit's fixture action is a test input, never published. */
const UNPUBLISHED_DIST_DIRS = new Set(EXTRA_ACTIONS.map((dir) => `${dir}/dist`));

/** The files a package ships its licence terms in (LICENSE, LICENCE.md, LICENSE-MIT, COPYING, NOTICE, …). */
const LICENSE_FILE_NAME = /^(licen[cs]e|copying|notice)([-._].*)?$/i;

const RULE = '='.repeat(80);

/** Code-unit order, the same on every machine and locale. */
const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** CRLF to LF, no trailing spaces, no leading or trailing blank lines: identical terms group together. */
function normalizeText(text) {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

function licenseIdOf(manifest) {
  if (typeof manifest.license === 'string') return manifest.license;
  if (typeof manifest.license?.type === 'string') return manifest.license.type;
  if (Array.isArray(manifest.licenses)) {
    const ids = manifest.licenses.map((l) => (typeof l === 'string' ? l : l?.type)).filter(Boolean);
    if (ids.length > 0) return ids.length === 1 ? ids[0] : `(${ids.join(' OR ')})`;
  }
  return 'no license field in package.json';
}

/** Every node_modules package with at least one file in the bundle, keyed by name@version. */
function bundledPackages(metafile) {
  const packages = new Map();
  // What the bundle really holds: inputs that left bytes in an output (a module tree-shaken away does not count).
  const kept = Object.values(metafile.outputs).flatMap((o) =>
    Object.entries(o.inputs)
      .filter(([, info]) => info.bytesInOutput > 0)
      .map(([input]) => input),
  );
  for (const input of new Set(kept)) {
    const path = input.replace(/\\/g, '/');
    const at = path.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const match = /^(?:@[^/]+\/)?[^/]+/.exec(path.slice(at + 'node_modules/'.length));
    if (!match) continue;
    const dir = path.slice(0, at + 'node_modules/'.length) + match[0];
    const manifest = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
    const key = `${manifest.name}@${manifest.version}`;
    if (!packages.has(key) || byCodeUnit(dir, packages.get(key).dir) < 0) {
      packages.set(key, {
        name: manifest.name,
        version: manifest.version,
        license: licenseIdOf(manifest),
        dir,
      });
    }
  }
  return [...packages.values()];
}

/** The package's licence files (names sorted) and their text, or no files and an empty text. */
function licenseFilesOf(dir) {
  const files = readdirSync(join(ROOT, dir))
    .filter((name) => LICENSE_FILE_NAME.test(name) && statSync(join(ROOT, dir, name)).isFile())
    .sort(byCodeUnit);
  const texts = files.map((name) => normalizeText(readFileSync(join(ROOT, dir, name), 'utf8')));
  const text =
    files.length === 1 ? texts[0] : files.map((name, i) => `--- ${name} ---\n\n${texts[i]}`).join('\n\n');
  return { files, text };
}

/**
 * licenses.txt for the bundles of one dist/ directory: an index of every bundled package (name, version, licence
 * identifier), then each distinct licence text once, under the list of the packages it applies to.
 */
function renderLicenses(bundles, packages) {
  const header = [
    `Third-party software bundled into ${bundles.join(', ')}.`,
    'Written by `npm run bundle` (scripts/bundle.mjs) from the bundler metafile.',
    "ecs-delivery's own code is under the MIT license in LICENSE at the root of the repository.",
  ];
  if (packages.length === 0) return `${[...header, '', 'No third-party packages are bundled.'].join('\n')}\n`;
  const sorted = [...packages].sort((a, b) => byCodeUnit(a.name, b.name) || byCodeUnit(a.version, b.version));
  const nameWidth = Math.max(...sorted.map((p) => p.name.length));
  const versionWidth = Math.max(...sorted.map((p) => p.version.length));
  const index = sorted.map(
    (p) => `  ${p.name.padEnd(nameWidth)}  ${p.version.padEnd(versionWidth)}  ${p.license}`,
  );
  const groups = new Map();
  for (const p of sorted) {
    const { files, text } = licenseFilesOf(p.dir);
    const body = files.length > 0 ? text : 'No license file was shipped with this package.';
    const line = `${p.name} ${p.version} (${p.license})${files.length > 0 ? ` — ${files.join(', ')}` : ''}`;
    const key = `${files.length > 0 ? 'text' : 'none'}\n${body}`;
    if (!groups.has(key)) groups.set(key, { body, lines: [] });
    groups.get(key).lines.push(line);
  }
  const sections = [...groups.values()].map(({ body, lines }) => [RULE, ...lines, '', body].join('\n'));
  return `${[...header, '', `Packages (${sorted.length}):`, ...index, '', ...sections].join('\n')}\n`;
}

/**
 * Writes licenses.txt beside the bundles of every published dist/ directory whose bundles were all built in this
 * run (a partial run cannot know the whole directory's packages, so it leaves that file as it is).
 * `built` holds {target, metafile} for each bundle built; returns the written paths relative to outDir.
 */
function writeLicenses(outDir, built) {
  const written = [];
  const byDir = new Map();
  for (const target of bundleTargets()) {
    const dir = target.licenseDir ?? dirname(target.outfile);
    if (UNPUBLISHED_DIST_DIRS.has(dir)) continue;
    if (!byDir.has(dir)) byDir.set(dir, []);
    byDir.get(dir).push(target.outfile);
  }
  for (const [dir, outfiles] of byDir) {
    const metafiles = outfiles.map((o) => built.find((b) => b.target.outfile === o)?.metafile);
    if (metafiles.some((m) => m === undefined)) {
      if (metafiles.some((m) => m !== undefined))
        console.log(`${dir}/${LICENSES_FILE} left as is: not all of its bundles were built`);
      continue;
    }
    const packages = new Map();
    for (const metafile of metafiles) {
      for (const p of bundledPackages(metafile)) packages.set(`${p.name}@${p.version}`, p);
    }
    const file = join(outDir, dir, LICENSES_FILE);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, renderLicenses(outfiles, [...packages.values()]));
    written.push(relative(outDir, file));
  }
  return written;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values, positionals } = parseArgs({
    options: { 'out-dir': { type: 'string' }, readable: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const outDir = values['out-dir'] ? resolve(values['out-dir']) : ROOT;
  const written = await bundleAll(outDir, positionals, { readable: values.readable });
  for (const file of written) console.log(`bundled ${file}`);
}
