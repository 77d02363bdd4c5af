import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node24Path, REPO_ROOT } from '@ecs-delivery/testkit';

/**
 * Bad input fails before the AWS SDK is even loaded. Each action runs from its source on Node 24 with a require
 * hook (test/fixtures/load-recorder.cjs) that records every module request reaching `@aws-sdk/*` or
 * `@smithy/*`: a run refused for its input must record none; a run that gets past its inputs records them.
 */
function runAction(
  action: string,
  inputs: Record<string, string>,
): { status: number | null; output: string; sdkLoads: string[] } {
  const record = join(mkdtempSync(join(tmpdir(), 'ecs-delivery-sdk-load-')), 'loads.txt');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    AWS_REGION: 'us-east-1',
    // Nothing listens here: a run that gets past its inputs fails at its first call.
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_MAX_ATTEMPTS: '1',
    LOAD_RECORD: record,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(
    node24Path(),
    [
      '--conditions=import',
      '--require',
      join(REPO_ROOT, 'test', 'fixtures', 'load-recorder.cjs'),
      join(REPO_ROOT, 'actions', action, 'src', 'main.ts'),
    ],
    { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 60_000 },
  );
  const sdkLoads = existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [];
  return { status: result.status, output: `${result.stdout}${result.stderr}`, sdkLoads };
}

const BAD: { action: string; inputs: Record<string, string>; names: string }[] = [
  { action: 'deploy-ecs', inputs: { cluster: 'shop', service: 'api', timeout: 'soon' }, names: 'timeout' },
  {
    action: 'deploy-ecs',
    inputs: { manifest: 'examples/api-and-workers/deploy/ecs.yml', environment: 'qa' },
    names: 'environment',
  },
  { action: 'rollback', inputs: { cluster: 'shop', service: 'api', to: 'yesterday' }, names: 'to' },
  {
    action: 'smoke-test',
    inputs: { checks: 'http://127.0.0.1:9/health', timeout: 'soon' },
    names: 'timeout',
  },
  { action: 'build-push', inputs: { repository: 'shop/api', tags: 'bad tag!' }, names: 'tags' },
  { action: 'cdk-deploy', inputs: { app: 'node app.js', mode: 'apply' }, names: 'mode' },
  { action: 'cdk-deploy', inputs: { app: 'node app.js', context: 'prod' }, names: 'context' },
];

describe('bad input fails before the AWS SDK is loaded', () => {
  it.each(BAD)('$action refuses input "$names" and loads nothing of the SDK', ({ action, inputs, names }) => {
    const run = runAction(action, inputs);
    expect(run.output).toMatch(new RegExp(`::error title=Configuration error::.*Input "${names}"`));
    expect(run.sdkLoads).toEqual([]);
  });

  it('the recorder sees the SDK once a run gets past its inputs', () => {
    const run = runAction('deploy-ecs', { cluster: 'shop', service: 'api' });
    expect(run.output).toMatch(/::error /);
    expect(run.sdkLoads).toEqual(expect.arrayContaining(['@aws-sdk/client-ecs']));
  });
});

/**
 * cdk-deploy's built bundle: the CDK toolkit (dist/toolkit/run.js, with the AWS SDK) is a bundle of its own that
 * dist/index.js imports only once the inputs are valid. A hook records what of it is loaded by the time the
 * process exits.
 */
function runCdkBundle(inputs: Record<string, string>): { output: string; toolkitLoads: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-delivery-toolkit-load-'));
  const record = join(dir, 'loads.txt');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: dir,
    CDK_HOME: dir,
    GITHUB_WORKSPACE: dir,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_MAX_ATTEMPTS: '1',
    LOAD_RECORD: record,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(
    node24Path(),
    [
      '--require',
      join(REPO_ROOT, 'actions', 'cdk-deploy', 'test', 'fixtures', 'toolkit-load-recorder.cjs'),
      join(REPO_ROOT, 'actions', 'cdk-deploy', 'dist', 'index.js'),
    ],
    { cwd: dir, env, encoding: 'utf8', timeout: 60_000 },
  );
  const toolkitLoads = existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [];
  return { output: `${result.stdout}${result.stderr}`, toolkitLoads };
}

describe('cdk-deploy loads the CDK toolkit only after its inputs', () => {
  it('a run refused for its input never loads dist/toolkit/run.js', () => {
    const run = runCdkBundle({ app: 'node app.js', mode: 'apply' });
    expect(run.output).toMatch(/::error title=Configuration error::.*Input "mode"/);
    expect(run.toolkitLoads).toEqual([]);
  });

  it('a run past its inputs loads it (and fails at its first AWS call)', () => {
    const run = runCdkBundle({ app: 'node app.js', mode: 'diff' });
    expect(run.output).toMatch(/::error /);
    expect(run.toolkitLoads).toEqual([
      expect.stringMatching(/actions[\\/]cdk-deploy[\\/]dist[\\/]toolkit[\\/]run\.js$/),
    ]);
  });
});
