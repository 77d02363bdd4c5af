import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, workspaceFile } from '../src';

/** A runner's folders: the workspace with a file, RUNNER_TEMP, and a secret file outside both. */
const root = mkdtempSync(join(tmpdir(), 'workspace-file-'));
const workspace = join(root, 'work', 'repo');
const temp = join(root, 'temp');
const outside = join(root, 'secret.txt');
mkdirSync(join(workspace, 'deploy'), { recursive: true });
mkdirSync(temp, { recursive: true });
writeFileSync(join(workspace, 'deploy', 'td.json'), '{}');
writeFileSync(join(temp, 'rendered.json'), '{}');
writeFileSync(outside, 'hunter2');
symlinkSync(outside, join(workspace, 'deploy', 'link.json'));
symlinkSync(root, join(workspace, 'up'));

const saved = { ...process.env };
beforeEach(() => {
  process.env['GITHUB_WORKSPACE'] = workspace;
  process.env['RUNNER_TEMP'] = temp;
});
afterAll(() => {
  process.env = saved;
});

function refusal(path: string): ConfigurationError {
  try {
    workspaceFile(path, 'task-definition');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigurationError);
    return err as ConfigurationError;
  }
  throw new Error(`${path} was accepted`);
}

describe('a file an input names', () => {
  it('is read from the workspace or RUNNER_TEMP, relative or absolute, existing or not yet', () => {
    expect(workspaceFile('deploy/td.json', 'task-definition')).toBe(join(workspace, 'deploy', 'td.json'));
    expect(workspaceFile(join(temp, 'rendered.json'), 'task-definition')).toBe(join(temp, 'rendered.json'));
    expect(workspaceFile('deploy/not-yet.json', 'task-definition')).toBe(
      join(workspace, 'deploy', 'not-yet.json'),
    );
    expect(workspaceFile('.', 'context')).toBe(workspace);
  });

  it.each([
    ['an absolute path elsewhere', outside],
    ['a way up with ..', '../../secret.txt'],
    ['a symlink to a file outside', 'deploy/link.json'],
    ['a path through a symlinked folder', 'up/secret.txt'],
    ['a sibling whose name starts like the workspace', `${workspace}-other/x.json`],
  ])('is refused when it leads outside them: %s', (_what, path) => {
    const err = refusal(path);
    expect(err.input).toBe('task-definition');
    expect(err.message).toMatch(/^Input "task-definition" names .* which is outside the workspace/);
    expect(err.message).toContain(`RUNNER_TEMP (${temp})`);
    expect(err.message).not.toContain('hunter2');
  });

  it('shows where a symlink leads', () => {
    expect(refusal('deploy/link.json').message).toContain(`(${outside} once links are followed)`);
  });
});
