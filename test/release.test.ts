import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@ecs-delivery/testkit';

const SCRIPT = join(REPO_ROOT, 'scripts', 'release.mjs');
const OWN = /^\s*(?:-\s+)?uses:\s*ecs-delivery\/ecs-delivery\/[^@\s]+@(\S+)/gm;

function refsIn(dir: string): string[] {
  const folder = join(dir, '.github', 'workflows');
  return readdirSync(folder).flatMap((f) =>
    [...readFileSync(join(folder, f), 'utf8').matchAll(OWN)].map((m) => m[1]!),
  );
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
}

/** A scratch repository holding this checkout's workflows and changelog. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-delivery-release-'));
  mkdirSync(join(dir, '.github'), { recursive: true });
  cpSync(join(REPO_ROOT, '.github', 'workflows'), join(dir, '.github', 'workflows'), { recursive: true });
  cpSync(join(REPO_ROOT, 'CHANGELOG.md'), join(dir, 'CHANGELOG.md'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, '-c', 'user.email=ci@example.com', '-c', 'user.name=ci', 'add', '-A');
  git(dir, '-c', 'user.email=ci@example.com', '-c', 'user.name=ci', 'commit', '-qm', 'start');
  return dir;
}

describe('scripts/release.mjs', () => {
  it('main names its own actions and workflows at main, in every reusable workflow', () => {
    const refs = refsIn(REPO_ROOT);
    expect(refs.length).toBeGreaterThanOrEqual(10);
    expect(new Set(refs)).toEqual(new Set(['main']));
  });

  it('makes a release commit whose references name its own tag, tags it and moves the major tag', () => {
    const dir = scratch();
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'ci',
      GIT_AUTHOR_EMAIL: 'ci@example.com',
      GIT_COMMITTER_NAME: 'ci',
      GIT_COMMITTER_EMAIL: 'ci@example.com',
    };
    const out = execFileSync('node', [SCRIPT, '1.0.0'], { cwd: dir, encoding: 'utf8', env });
    expect(out).toContain('Tagged v1.0.0');
    expect(new Set(refsIn(dir))).toEqual(new Set(['v1.0.0']));
    expect(git(dir, 'rev-parse', 'v1.0.0^{commit}')).toBe(git(dir, 'rev-parse', 'HEAD'));
    expect(git(dir, 'rev-parse', 'v1^{commit}')).toBe(git(dir, 'rev-parse', 'HEAD'));
    expect(git(dir, 'log', '-1', '--format=%s')).toBe('Release v1.0.0');
    // Comments that show usage keep the ref a caller writes.
    expect(readFileSync(join(dir, '.github', 'workflows', 'deploy.yml'), 'utf8')).toContain(
      'deploy.yml@v1\n',
    );
  });

  it.each([
    [['v1.0.0'], /must be X\.Y\.Z/],
    [['9.9.9'], /CHANGELOG\.md has no "## 9\.9\.9" section/],
  ])('refuses %j', (args, message) => {
    const dir = scratch();
    expect(() =>
      execFileSync('node', [SCRIPT, ...args], { cwd: dir, encoding: 'utf8', stdio: 'pipe' }),
    ).toThrow(message);
    expect(git(dir, 'tag', '--list')).toBe('');
  });

  it('refuses a tree with changes', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'CHANGELOG.md'), `${readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')}\nmore\n`);
    expect(() => execFileSync('node', [SCRIPT, '1.0.0'], { cwd: dir, stdio: 'pipe' })).toThrow(
      /working tree has changes/,
    );
  });
});
