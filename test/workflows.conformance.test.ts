import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describeWithTools, REPO_ROOT } from '@ecs-delivery/testkit';

const run = promisify(execFile);

/** The workflow linters on every workflow and action.yml of this repository and its examples. */
describeWithTools('workflow linters', ['actionlint', 'zizmor', 'check-jsonschema'], (tools) => {
  const workflows = [
    ...readdirSync(join(REPO_ROOT, '.github', 'workflows')).map((f) => join('.github', 'workflows', f)),
    ...readdirSync(join(REPO_ROOT, 'examples'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => {
        const dir = join('examples', d.name, '.github', 'workflows');
        try {
          return readdirSync(join(REPO_ROOT, dir)).map((f) => join(dir, f));
        } catch {
          return [];
        }
      }),
  ].filter((f) => /\.ya?ml$/.test(f));
  const actions = readdirSync(join(REPO_ROOT, 'actions')).map((a) => join('actions', a, 'action.yml'));

  it('has the reusable workflows and an example caller', () => {
    expect(workflows).toEqual(
      expect.arrayContaining([
        '.github/workflows/build.yml',
        '.github/workflows/deploy.yml',
        '.github/workflows/infra.yml',
        '.github/workflows/promote.yml',
        '.github/workflows/rollback.yml',
        'examples/api-and-workers/.github/workflows/delivery.yml',
        'examples/caller/.github/workflows/delivery.yml',
        'examples/caller/.github/workflows/infra.yml',
        'examples/caller/.github/workflows/rollback.yml',
      ]),
    );
  });

  it('actionlint reports nothing', async () => {
    const { stdout } = await run(tools['actionlint']!, ['-no-color', ...workflows], { cwd: REPO_ROOT });
    expect(stdout).toBe('');
  });

  it('zizmor reports nothing at medium or above', async () => {
    const { stdout } = await run(
      tools['zizmor']!,
      ['--offline', '--no-progress', '--min-severity', 'medium', '--format', 'plain', '.github', 'examples'],
      { cwd: REPO_ROOT },
    );
    expect(stdout).toMatch(/No findings to report/);
  });

  it('check-jsonschema validates every workflow and action.yml', async () => {
    const wf = await run(
      tools['check-jsonschema']!,
      ['--builtin-schema', 'vendor.github-workflows', ...workflows],
      {
        cwd: REPO_ROOT,
      },
    );
    expect(wf.stdout).toMatch(/ok -- validation done/);
    const ac = await run(
      tools['check-jsonschema']!,
      ['--builtin-schema', 'vendor.github-actions', ...actions],
      {
        cwd: REPO_ROOT,
      },
    );
    expect(ac.stdout).toMatch(/ok -- validation done/);
  });
});
