import { join } from 'node:path';
import { REPO_ROOT, runAction, useSim } from '@ecs-delivery/testkit';

const sim = useSim();
/** The example's deploy manifest, in its own folder as the workspace. */
const WORKSPACE = join(REPO_ROOT, 'examples', 'api-and-workers');
const MANIFEST = 'deploy/ecs.yml';
const DIGEST = `sha256:${'a'.repeat(64)}`;

/** Manifest mode refuses bad input before any AWS call, naming the input. */
describe('build-push with a manifest: bad input', () => {
  it.each([
    [{ manifest: MANIFEST }, 'environment', /Input "environment" is required with "manifest"/],
    [
      { manifest: MANIFEST, environment: 'dev', repository: 'x/y' },
      'repository',
      /cannot be combined with "manifest"/,
    ],
    [{ manifest: MANIFEST, environment: 'qa' }, 'environment', /"qa", which the manifest .* does not define/],
    [{ manifest: MANIFEST, environment: 'dev', images: 'web' }, 'images', /names "web", not under "images"/],
    [
      { manifest: MANIFEST, environment: 'dev', release: '{"app-api": "latest"}' },
      'release',
      /expected "<repositoryUri>@sha256:<digest>"/,
    ],
    [
      { manifest: MANIFEST, environment: 'dev', release: `{"web": "h/a/b@${DIGEST}"}` },
      'release',
      /"web", which .* does not define/,
    ],
    [{ environment: 'dev', repository: 'x/y' }, 'environment', /only applies with "manifest"/],
  ])('%j', async (inputs, input, message) => {
    const run = await runAction('build-push', {
      sim: sim(),
      cwd: WORKSPACE,
      inputs: { ...inputs, tags: 'abc123' },
    });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(message);
    expect(errors[0]!.message).toContain(`"${input}"`);
    expect(await sim().calls()).toEqual([]);
  });
});
