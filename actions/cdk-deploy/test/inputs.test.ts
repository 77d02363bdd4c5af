import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, readActionDefaults, useActionDefaults } from '@ecs-delivery/shared';
import { withInputs } from '@ecs-delivery/testkit';
import { getInputs, inCi, type Inputs } from '../src/inputs';

/** Every input is checked before the toolkit loads: good ones read as the run needs them, bad ones name the input. */
const ws = mkdtempSync(join(tmpdir(), 'cdk-deploy-inputs-'));
mkdirSync(join(ws, 'infra', 'cdk.out'), { recursive: true });
writeFileSync(join(ws, 'infra', 'cdk.out', 'manifest.json'), '{}');
mkdirSync(join(ws, 'infra', 'empty'), { recursive: true });
const ENV = { GITHUB_WORKSPACE: ws, AWS_REGION: 'eu-west-1', GITHUB_ACTIONS: 'true' };

beforeAll(() => useActionDefaults(readActionDefaults(join(__dirname, '..', 'action.yml'))));

const read = (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<Inputs> =>
  withInputs({ app: 'node bin/app.js', ...inputs }, { ...ENV, ...env }, async () => getInputs());

describe('good inputs', () => {
  it('take action.yml defaults: deploy every stack of the app in the workspace', async () => {
    expect(await read({})).toMatchObject({
      app: { kind: 'command', command: 'node bin/app.js' },
      workingDirectory: ws,
      stacks: [],
      mode: 'deploy',
      context: {},
      parameters: [],
      tags: {},
      awsRegion: 'eu-west-1',
      approveBroadening: false,
      bootstrap: false,
      commentOnPr: false,
      outputsFile: undefined,
      ci: true,
    });
  });

  it('read a directory holding manifest.json as a synthesized cloud assembly', async () => {
    const inputs = await read({ app: 'cdk.out', 'working-directory': 'infra', mode: 'diff' });
    expect(inputs.app).toEqual({ kind: 'assembly', directory: join(ws, 'infra', 'cdk.out') });
  });

  it('read lists, key=value context, parameters for all or one stack, and tags', async () => {
    const inputs = await read({
      stacks: 'Shop*\nProd/Api',
      context: 'env=prod\nvpc-id=vpc-123',
      parameters: 'Version=42\nShopInfra:DesiredCount=3',
      tags: 'team=web,cost-centre=7',
      'approve-broadening': 'true',
      'comment-on-pr': 'true',
      'github-token': 'ghs_x',
      'outputs-file': 'out/outputs.json',
    });
    expect(inputs).toMatchObject({
      stacks: ['Shop*', 'Prod/Api'],
      context: { env: 'prod', 'vpc-id': 'vpc-123' },
      parameters: [
        { stack: undefined, name: 'Version', value: '42' },
        { stack: 'ShopInfra', name: 'DesiredCount', value: '3' },
      ],
      tags: { team: 'web', 'cost-centre': '7' },
      approveBroadening: true,
      commentOnPr: true,
      outputsFile: join(ws, 'out', 'outputs.json'),
    });
  });

  it('need no region for synth', async () => {
    expect((await read({ mode: 'synth' }, { AWS_REGION: '' })).awsRegion).toBeUndefined();
  });

  it.each([
    [{ CI: 'true' }, true],
    [{ GITHUB_ACTIONS: 'true' }, true],
    [{}, false],
    [{ CI: 'false' }, false],
  ])('lookups are off in CI: %j → %s', (env, ci) => {
    expect(inCi(env)).toBe(ci);
  });
});

describe('bad inputs are refused naming the input', () => {
  it.each<[string, Record<string, string>, string, RegExp]>([
    ['no app', { app: '' }, 'app', /required/],
    ['an app of two lines', { app: 'node a.js\nrm -rf /' }, 'app', /one command line/],
    [
      'a directory without manifest.json',
      { app: 'empty', 'working-directory': 'infra' },
      'app',
      /no manifest\.json/,
    ],
    [
      'synth of an assembly',
      { app: 'cdk.out', 'working-directory': 'infra', mode: 'synth' },
      'app',
      /nothing to do/,
    ],
    ['a mode that is none', { mode: 'apply' }, 'mode', /one of "synth", "diff", "deploy", "drift"/],
    [
      'a working directory outside the workspace',
      { 'working-directory': '../..' },
      'working-directory',
      /inside the workspace/,
    ],
    ['a working directory that is none', { 'working-directory': 'nope' }, 'working-directory', /is none/],
    ['a stack pattern with a space', { stacks: 'Shop Infra' }, 'stacks', /stack names or patterns/],
    ['a context line without =', { context: 'prod' }, 'context', /KEY=value/],
    ['a context key with a space', { context: 'my key=1' }, 'context', /space/],
    [
      'context for an assembly',
      { app: 'cdk.out', 'working-directory': 'infra', context: 'a=1' },
      'context',
      /cloud assembly/,
    ],
    ['a parameter name with a dash', { parameters: 'desired-count=1' }, 'parameters', /parameter name/],
    ['a parameter of a bad stack', { parameters: '9lives:Count=1' }, 'parameters', /no stack name/],
    ['parameters with synth', { mode: 'synth', parameters: 'A=1' }, 'parameters', /only applies/],
    ['a reserved tag', { tags: 'aws:owner=me' }, 'tags', /reserved/],
    ['a tag value over 256', { tags: `a=${'x'.repeat(300)}` }, 'tags', /256/],
    ['a boolean it cannot read', { 'approve-broadening': 'maybe' }, 'approve-broadening', /true or false/],
    ['comment-on-pr without a token', { 'comment-on-pr': 'true' }, 'github-token', /required/],
    ['bootstrap with diff', { bootstrap: 'true', mode: 'diff' }, 'bootstrap', /only applies/],
    ['a region that is none', { 'aws-region': 'Frankfurt' }, 'aws-region', /region/],
    [
      'a role that is a user',
      { 'role-to-assume': 'arn:aws:iam::123456789012:user/x' },
      'role-to-assume',
      /role ARN/,
    ],
    ['a session too short', { 'role-duration-seconds': '60' }, 'role-duration-seconds', /900/],
    ['an outputs file that is a directory', { 'outputs-file': 'infra' }, 'outputs-file', /directory/],
  ])('%s', async (_what, inputs, input, message) => {
    const err = await read(inputs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).input).toBe(input);
    expect((err as Error).message).toContain(`"${input}"`);
    expect((err as Error).message).toMatch(message);
  });
});
