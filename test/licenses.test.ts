/**
 * The licences of the packages bundled into each action ship beside its bundles: dist/licenses.txt names every
 * package whose code is in dist/index.js or a bundle it loads later, and carries the text of its licence. The
 * committed bundles are minified, so the actions are bundled again here with `--readable`, where esbuild's
 * `// <path>` line before each module names every file bundled; the committed licenses.txt is checked against
 * those lines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const RULE = '='.repeat(80);

let readable: string;

beforeAll(() => {
  readable = mkdtempSync(join(tmpdir(), 'licenses-'));
  const bundled = spawnSync(
    process.execPath,
    ['scripts/bundle.mjs', '--out-dir', readable, '--readable', ...actions.map((a) => `actions/${a}/`)],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (bundled.status !== 0) throw new Error(`npm run bundle failed:\n${bundled.stdout}${bundled.stderr}`);
}, 120_000);

afterAll(() => rmSync(readable, { recursive: true, force: true }));

const actions = readdirSync(join(ROOT, 'actions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'actions', d.name, 'action.yml')))
  .map((d) => d.name)
  .sort();

interface BundledPackage {
  name: string;
  version: string;
}

/** name@version of every node_modules package with a module in one of the action's bundles (read readable). */
function bundledPackages(action: string): BundledPackage[] {
  const dist = join(readable, 'actions', action, 'dist');
  const bundles = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(dist, file), 'utf8'));
  const packages = new Map<string, BundledPackage>();
  for (const [, path = ''] of bundles.join('\n').matchAll(/^\/\/ (\S*node_modules\/\S+)$/gm)) {
    const at = path.lastIndexOf('node_modules/');
    const name = /^(?:@[^/]+\/)?[^/]+/.exec(path.slice(at + 'node_modules/'.length))?.[0];
    if (name === undefined) continue;
    const manifestPath = join(ROOT, path.slice(0, at), 'node_modules', name, 'package.json');
    const { version } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
    packages.set(`${name}@${version}`, { name, version });
  }
  return [...packages.values()];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function readLicenses(action: string): string {
  return readFileSync(join(ROOT, 'actions', action, 'dist', 'licenses.txt'), 'utf8');
}

/** The section (package lines, then licence text) whose package lines name this package. */
/**
 * The section whose heading names `name` (at `version` when given: a bundle may hold two versions of one
 * package, the CDK toolkit's yaml 1 beside the project's yaml 2).
 */
function sectionFor(licenses: string, name: string, version?: string): string | undefined {
  const lead = version === undefined ? `${name} ` : `${name} ${version} `;
  return licenses.split(`${RULE}\n`).find((section) => {
    const packageLines = section.split('\n\n')[0]?.split('\n') ?? [];
    return packageLines.some((line) => line.startsWith(lead));
  });
}

describe.each(actions)('actions/%s/dist/licenses.txt', (action) => {
  it('is committed beside the bundle', () => {
    expect(existsSync(join(ROOT, 'actions', action, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(ROOT, 'actions', action, 'dist', 'licenses.txt'))).toBe(true);
  });

  it('names every package in the bundle, with its version and its licence text', () => {
    const licenses = readLicenses(action);
    const packages = bundledPackages(action);
    expect(packages.length).toBeGreaterThan(0);
    for (const { name, version } of packages) {
      expect(licenses).toMatch(new RegExp(`^  ${escapeRegExp(name)} +${escapeRegExp(version)}  `, 'm'));
      expect(sectionFor(licenses, name, version)).toContain(`${name} ${version} (`);
    }
  });

  it('covers @actions/core under MIT, and yaml under ISC when the bundle carries it', () => {
    const licenses = readLicenses(action);
    expect(sectionFor(licenses, '@actions/core')).toMatch(/Permission is hereby granted, free of charge/);
    const carriesYaml = bundledPackages(action).some((p) => p.name === 'yaml');
    if (carriesYaml) expect(sectionFor(licenses, 'yaml')).toMatch(/^yaml \S+ \(ISC\)/m);
  });
});

describe('Apache-2.0 notices', () => {
  it('gives the full Apache License 2.0 above @aws-sdk/client-ecs in deploy-ecs', () => {
    const section = sectionFor(readLicenses('deploy-ecs'), '@aws-sdk/client-ecs');
    expect(section).toMatch(/^@aws-sdk\/client-ecs \S+ \(Apache-2\.0\)/m);
    expect(section).toContain('Apache License');
    expect(section).toContain('Version 2.0, January 2004');
    expect(section).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(section).toContain('END OF TERMS AND CONDITIONS');
  });
});

describe('packages/sim/dist/licenses.txt', () => {
  it('is committed beside the simulator bundle', () => {
    expect(existsSync(join(ROOT, 'packages', 'sim', 'dist', 'licenses.txt'))).toBe(true);
  });
});
