import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, readActionDefaults, useActionDefaults } from '@ecs-delivery/shared';
import { withInputs } from '@ecs-delivery/testkit';
import { getInputs, type Inputs } from '../src/inputs';

useActionDefaults(readActionDefaults(join(__dirname, '..', 'action.yml')));

const workspace = mkdtempSync(join(tmpdir(), 'build-push-inputs-'));
mkdirSync(join(workspace, 'api'));
writeFileSync(join(workspace, 'api', 'Dockerfile'), 'FROM scratch\n');

/** getInputs with exactly these inputs, as the runner sets them. */
function inputsOf(inputs: Record<string, string>): Promise<Inputs> {
  return withInputs(
    inputs,
    { AWS_REGION: 'eu-west-1', GITHUB_WORKSPACE: workspace, GITHUB_SHA: 'a'.repeat(40) },
    getInputs,
  );
}

let write: jest.SpyInstance;
beforeEach(() => {
  write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => write.mockRestore());

describe('build-push inputs', () => {
  it('reads a build: context and file in the workspace, platforms, tags and the action.yml defaults', async () => {
    const inputs = await inputsOf({
      repository: 'shop/api',
      context: 'api',
      file: 'api/Dockerfile',
      platforms: 'linux/amd64,linux/arm64/v8',
      tags: 'v1\nsha-abc',
    });
    expect(inputs).toMatchObject({
      tags: ['v1', 'sha-abc'],
      awsRegion: 'eu-west-1',
      audience: 'sts.amazonaws.com',
      containerCli: 'docker',
      createRepository: false,
      logout: true,
      scanTimeoutMs: 10 * 60_000,
      build: { context: 'api', file: 'api/Dockerfile', platforms: ['linux/amd64', 'linux/arm64/v8'] },
    });
  });

  it('puts the commit in {short-sha} and {sha}, which workflow expressions cannot shorten', async () => {
    const inputs = await inputsOf({ repository: 'shop/api', tags: 'dev-{short-sha}\nbuild-{sha}' });
    expect(inputs.tags).toEqual([`dev-${'a'.repeat(12)}`, `build-${'a'.repeat(40)}`]);
    await expect(inputsOf({ repository: 'shop/api', tags: 'dev-{branch}' })).rejects.toThrow(
      'Input "tags" has "{branch}" in "dev-{branch}"; the tokens a tag may hold are {sha} and {short-sha}.',
    );
  });

  it.each([
    [
      '2,000 tags',
      { tags: Array.from({ length: 2000 }, (_, i) => `t${i}`).join('\n') },
      'tags',
      'at most 100',
    ],
    ['a context that is not there', { context: 'web' }, 'context', 'which is not a directory'],
    ['a file for a context', { context: 'api/Dockerfile' }, 'context', 'which is not a directory'],
    ['a Dockerfile that is not there', { file: 'Containerfile' }, 'file', 'which is not a file'],
    ['a platform of another form', { platforms: 'amd64' }, 'platforms', 'platforms like linux/amd64'],
    ['a region of another form', { 'aws-region': 'Frankfurt' }, 'aws-region', 'must be an AWS region'],
    [
      'a user for a role',
      { 'role-to-assume': 'arn:aws:iam::123456789012:user/ci' },
      'role-to-assume',
      'an IAM role ARN',
    ],
  ])('refuses %s, naming the input', async (_what, given, input, message) => {
    const err = await inputsOf({ repository: 'shop/api', ...given }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).input).toBe(input);
    expect((err as ConfigurationError).message).toContain(message);
  });
});
