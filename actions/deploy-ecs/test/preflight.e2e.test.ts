import { join } from 'node:path';
import {
  actionsSince,
  CLUSTER,
  describeService,
  MUTATING_ACTIONS,
  runAction,
  seedServices,
  uriOf,
  useSim,
  visible,
} from '@ecs-delivery/testkit';

const sim = useSim();
const FIXTURES = join(__dirname, 'fixtures');

async function seedWeb(): Promise<void> {
  await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
  await sim().seed({
    parameters: [{ name: '/shop/prod/db-url', value: 'postgres://app@db/shop', type: 'SecureString' }],
  });
}

describe('deploy-ecs preflight: nothing changes when something is missing', () => {
  it('an image missing from ECR fails before any RegisterTaskDefinition or UpdateService', async () => {
    await seedWeb();
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: FIXTURES,
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:v9` },
    });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.message).toContain('Input "images"');
    expect(error?.message).toContain('has no image with tag v9');
    const calls = await actionsSince(sim(), since);
    expect(calls).toContain('ecr:DescribeImages');
    expect(calls.filter((c) => MUTATING_ACTIONS.includes(c))).toEqual([]);
  });

  it('renders a template file with vars, checks its SSM parameter and deploys it', async () => {
    await seedWeb();
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: FIXTURES,
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        'task-definition': 'web.json',
        vars: `image=${uriOf(sim(), 'shop/web')}:v2\nstage=prod`,
      },
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(run.summary).toContain('DB_URL');
    // The secret is a reference: its value is never read or shown.
    expect(visible(run)).not.toContain('postgres://app@db/shop');
    expect(run.summary).not.toContain('postgres://app@db/shop');
  });

  it.each([
    [
      'an SSM parameter that does not exist',
      'stage=staging',
      'references the SSM parameter /shop/staging/db-url, which does not exist',
    ],
    ['a placeholder without a value', '', '{{ stage }}'],
  ])('%s fails before any change', async (_what, extraVars, message) => {
    await seedWeb();
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: FIXTURES,
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        'task-definition': 'web.json',
        vars: [`image=${uriOf(sim(), 'shop/web')}:v2`, extraVars].filter((v) => v !== '').join('\n'),
      },
    });
    expect(run.exitCode).toBe(1);
    expect(visible(run)).toContain(message);
    expect((await actionsSince(sim(), since)).filter((c) => MUTATING_ACTIONS.includes(c))).toEqual([]);
  });

  it('a missing log group fails before any change', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'], logGroup: '/ecs/other' }]);
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: FIXTURES,
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:v2` },
    });
    expect(run.exitCode).toBe(1);
    expect(visible(run)).toContain('logs to the CloudWatch Logs group /ecs/web, which does not exist');
    expect((await actionsSince(sim(), since)).filter((c) => MUTATING_ACTIONS.includes(c))).toEqual([]);
  });

  it('a secret value pasted where its parameter belongs fails before any change, never repeating it', async () => {
    await seedWeb();
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: FIXTURES,
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:v2`,
        secrets: 'DB_PASSWORD=hunter2-plain-value',
      },
    });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.message).toContain(
      'DB_PASSWORD of container "web" references the SSM parameter given for it in input "secrets" (not repeated here',
    );
    expect(visible(run)).not.toContain('hunter2');
    expect(run.summary).not.toContain('hunter2');
    expect((await actionsSince(sim(), since)).filter((c) => MUTATING_ACTIONS.includes(c))).toEqual([]);
  });

  it('dry-run shows the changes and makes no mutating call', async () => {
    await seedWeb();
    const before = await describeService(sim(), 'web');
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: FIXTURES,
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:v2`,
        'dry-run': true,
      },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.outcome).toBe('dry_run');
    expect(run.log).toContain('dry-run: nothing was registered, run or updated.');
    expect(run.summary).toContain('Task definition changes (1)');
    expect((await actionsSince(sim(), since)).filter((c) => MUTATING_ACTIONS.includes(c))).toEqual([]);
    expect((await describeService(sim(), 'web')).taskDefinition).toBe(before.taskDefinition);
  });
});

describe('deploy-ecs bad inputs: named clearly, before anything in AWS', () => {
  // [what, inputs, message, the input alone is wrong (so not one AWS call is made)]
  const cases: [string, Record<string, string>, string, boolean?][] = [
    [
      'an unknown container',
      { images: 'api=repo/x:1' },
      'Input "images" names container "api", which the task definition does not have; its containers are "web"',
      false,
    ],
    [
      'a malformed JSON task definition',
      { 'task-definition': 'trailing-comma.json' },
      'Cannot parse the task definition (input "task-definition")',
    ],
    ['a malformed YAML task definition', { 'task-definition': 'bad-indent.yaml' }, 'bad-indent.yaml:5'],
    [
      'a missing task-definition file',
      { 'task-definition': 'nope.json' },
      'which cannot be read: it does not exist',
    ],
    [
      'an invalid duration',
      { timeout: 'ten minutes' },
      'Input "timeout" must be a duration like 90s, 20m or 1h30m; got "ten minutes"',
    ],
    [
      'an invalid rollback scope',
      { 'rollback-scope': 'everything' },
      'Input "rollback-scope" must be one of "release", "service"',
    ],
    ['a negative desired count', { 'desired-count': '-1' }, 'Input "desired-count"'],
    ['a bad boolean', { wait: 'maybe' }, 'Input "wait"'],
    [
      'a migrate-command with an open quote',
      { 'migrate-command': 'npm run "migrate' },
      'Input "migrate-command" cannot be split',
    ],
    [
      'a secret given as a value',
      { secrets: 'DB_PASSWORD=hunter2 with spaces' },
      'Input "secrets": the value of DB_PASSWORD is not an SSM parameter name',
    ],
    ['no service', { service: '' }, 'Input "service" is required'],
    [
      'manifest-only inputs without a manifest',
      { environment: 'prod' },
      'Input "environment" only applies with "manifest"',
    ],
  ];

  it.each(cases)('%s', async (_what, inputs, message, inputOnly = true) => {
    await seedWeb();
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cwd: FIXTURES,
      inputs: { cluster: CLUSTER, service: 'web', ...inputs },
    });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.message).toContain(message);
    const calls = await actionsSince(sim(), since);
    if (inputOnly) expect(calls).toEqual([]);
    else expect(calls.filter((c) => MUTATING_ACTIONS.includes(c))).toEqual([]);
    expect(visible(run)).not.toContain('hunter2');
  });
});
