import { join } from 'node:path';
import { ConfigurationError, readActionDefaults, useActionDefaults } from '@ecs-delivery/shared';
import { withInputs } from '@ecs-delivery/testkit';
import { getInputs, type Inputs } from '../src/inputs';

const FIXTURES = join(__dirname, 'fixtures');
const DIGEST = `sha256:${'a'.repeat(64)}`;

/** getInputs with exactly these inputs, as the runner sets them. */
function inputsOf(inputs: Record<string, string>): Promise<Inputs> {
  return withInputs(inputs, { AWS_REGION: 'eu-west-1', GITHUB_WORKSPACE: FIXTURES }, getInputs);
}

async function refusal(inputs: Record<string, string>): Promise<ConfigurationError> {
  const err = await inputsOf(inputs).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigurationError);
  return err as ConfigurationError;
}

// The runner's defaults are action.yml's, and so are the action's.
useActionDefaults(readActionDefaults(join(__dirname, '..', 'action.yml')));

let write: jest.SpyInstance;
beforeEach(() => {
  // @actions/core prints ::add-mask:: for the token; keep the test output clean.
  write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => write.mockRestore());

describe('deploy-ecs inputs: one service', () => {
  it('reads the service, its images, settings and migration, with the action.yml defaults', async () => {
    const inputs = await inputsOf({
      cluster: 'shop',
      service: 'web',
      'task-definition': 'web.json',
      images: 'web=123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:v2',
      'environment-variables': 'STAGE=prod',
      secrets: 'DB_PASSWORD=/shop/prod/db-password',
      'migrate-command': 'npx prisma migrate deploy',
      'desired-count': '3',
    });
    expect(inputs.mode).toBe('single');
    expect(inputs).toMatchObject({
      wait: true,
      timeoutMs: 30 * 60_000,
      rollbackOnFailure: true,
      rollbackTimeoutMs: 10 * 60_000,
      rollbackScope: 'release',
      dryRun: false,
    });
    const [[plan]] = inputs.waves as [[Inputs['waves'][0][0]]];
    expect(plan).toMatchObject({
      label: 'web',
      cluster: 'shop',
      service: 'web',
      taskDefinitionFile: join(FIXTURES, 'web.json'),
      images: { web: { kind: 'ref', ref: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:v2' } },
      environment: { STAGE: 'prod' },
      secrets: { DB_PASSWORD: '/shop/prod/db-password' },
      migration: { command: ['npx', 'prisma', 'migrate', 'deploy'], timeoutMs: 15 * 60_000 },
      desiredCount: 3,
    });
    expect(plan.taskDefinition?.family).toBeDefined();
  });

  it.each([
    ['no service', { service: '' }, 'service', 'Input "service" is required'],
    ['no cluster', { cluster: '' }, 'cluster', 'Input "cluster" is required'],
    ['a duration in words', { timeout: 'ten minutes' }, 'timeout', 'must be a duration like 90s'],
    ['a rollback scope it does not know', { 'rollback-scope': 'all' }, 'rollback-scope', 'must be one of'],
    ['a negative desired count', { 'desired-count': '-1' }, 'desired-count', 'Input "desired-count"'],
    ['a boolean it cannot read', { wait: 'maybe' }, 'wait', 'Input "wait"'],
    ['an open quote', { 'migrate-command': 'npm run "migrate' }, 'migrate-command', 'cannot be split'],
    ['a migration container alone', { 'migrate-container': 'web' }, 'migrate-container', 'only applies with'],
    [
      'a secret given as a value',
      { secrets: 'DB=hunter2 with spaces' },
      'secrets',
      'is not an SSM parameter',
    ],
    ['an image without a reference', { images: 'web=' }, 'images', 'gives no image for container "web"'],
    ['a manifest-only input', { environment: 'prod' }, 'environment', 'only applies with "manifest"'],
    ['an image that is no reference', { images: 'web=not a valid image ref!!' }, 'images', 'white space'],
    [
      'an image with a control character',
      { images: 'web=shop/web:v1\u0007' },
      'images',
      'control characters',
    ],
    [
      'an image of 120 KB',
      { images: `web=shop/${'a'.repeat(120_000)}:v1` },
      'images',
      'at most 255 characters',
    ],
    [
      'an upper-case repository',
      { images: 'web=123456789012.dkr.ecr.eu-west-1.amazonaws.com/Shop/Web:v1' },
      'images',
      'lower-case',
    ],
    ['an empty tag', { images: 'web=shop/web:' }, 'images', 'the tag after ":" is empty'],
    ['a short digest', { images: 'web=shop/web@sha256:abc' }, 'images', '64 lower-case hex digits'],
    [
      'a tag of 200 characters',
      { images: `web=shop/web:${'t'.repeat(200)}` },
      'images',
      'at most 128 characters',
    ],
    [
      'a region with path characters',
      { 'aws-region': 'eu-west-1/../x' },
      'aws-region',
      'must be an AWS region',
    ],
    [
      'a user ARN for a role',
      { 'role-to-assume': 'arn:aws:iam::123456789012:user/ci' },
      'role-to-assume',
      'an IAM role ARN',
    ],
    [
      'a role of account 0',
      { 'role-to-assume': 'arn:aws:iam::0:role/deploy' },
      'role-to-assume',
      'an IAM role ARN',
    ],
    ['a duration past any run', { timeout: '99999999999999999h' }, 'timeout', 'at most 35d'],
    [
      'an environment variable name with a space',
      { 'environment-variables': '1BAD NAME=x' },
      'environment-variables',
      '"1BAD NAME"',
    ],
    [
      "a desired count past ECS's limit",
      { 'desired-count': '99999999999' },
      'desired-count',
      'from 0 to 5000',
    ],
    [
      'a task definition that is not there',
      { 'task-definition': 'nope.json' },
      'task-definition',
      'it does not exist',
    ],
    [
      'a task definition with a syntax error',
      { 'task-definition': 'trailing-comma.json' },
      'task-definition',
      'trailing-comma.json',
    ],
  ])('refuses %s, naming the input', async (_what, given, input, message) => {
    const err = await refusal({ cluster: 'shop', service: 'web', ...given });
    expect(err.input).toBe(input);
    expect(err.message).toContain(message);
    expect(err.message).not.toContain('hunter2');
  });
});

describe('deploy-ecs inputs: a manifest', () => {
  it('plans the environment wave by wave, with images by tag, digest or reference', async () => {
    const inputs = await inputsOf({
      manifest: 'release.yml',
      environment: 'dev',
      images: `dashboard=${DIGEST}\nproxy=123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/proxy:v9`,
      'image-tag': 'v8',
    });
    expect(inputs.mode).toBe('manifest');
    expect(inputs.waves.map((w) => w.map((p) => p.label))).toEqual([
      ['dashboard'],
      ['proxy', 'workers'],
      ['broker'],
    ]);
    const plans = Object.fromEntries(inputs.waves.flat().map((p) => [p.label, p]));
    expect(plans['dashboard']!.images['dashboard']).toMatchObject({ kind: 'repository', digest: DIGEST });
    expect(plans['proxy']!.images['proxy']).toMatchObject({ kind: 'ref', input: 'images' });
    expect(plans['workers']!.images['workers']).toMatchObject({
      kind: 'repository',
      tag: 'v8',
      input: 'image-tag',
    });
    expect(plans['dashboard']!.environment).toEqual({ STAGE: 'dev' });
    expect(inputs.awsRegion).toBe('us-east-1');
  });

  it('takes a release (JSON of image → reference by digest) for images', async () => {
    const release = JSON.stringify({
      dashboard: `123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/dashboard@${DIGEST}`,
    });
    const inputs = await inputsOf({ manifest: 'release.yml', environment: 'dev', images: release });
    expect(inputs.waves[0]![0]!.images['dashboard']).toMatchObject({ kind: 'ref' });
  });

  it.each([
    ['no environment', {}, 'environment', 'is required with "manifest"'],
    ['an environment it does not have', { environment: 'qa' }, 'environment', '"qa"'],
    [
      'a one-service input',
      { environment: 'dev', cluster: 'shop' },
      'cluster',
      'cannot be combined with "manifest"',
    ],
    [
      'an image the manifest does not define',
      { environment: 'dev', images: 'web=v1' },
      'images',
      'does not define',
    ],
    [
      'an image value of no known form',
      { environment: 'dev', images: 'proxy=not a tag' },
      'images',
      'expected an image reference',
    ],
    ['a tag that is no tag', { environment: 'dev', 'image-tag': '-v1' }, 'image-tag', 'must be an image tag'],
    ['a service it does not have', { environment: 'dev', services: 'nope' }, 'services', '"nope"'],
  ])('refuses %s, naming the input', async (_what, given, input, message) => {
    const err = await refusal({ manifest: 'release.yml', ...given });
    expect(err.input).toBe(input);
    expect(err.message).toContain(message);
  });
});
