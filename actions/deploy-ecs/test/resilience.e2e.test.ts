import {
  ACCOUNT,
  CLUSTER,
  describeService,
  documentedPolicies,
  readDocumentedPolicies,
  REGION,
  REPO_ROOT,
  expectNoSecrets,
  revisionsOf,
  runAction,
  seedServices,
  uriOf,
  useSim,
} from '@ecs-delivery/testkit';

const sim = useSim({ randomSeed: 7 });

const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy-prod`;
const trustPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:environment:prod' },
      },
    },
  ],
};

describe('deploy-ecs under a flaky API and a short session', () => {
  it('30 % throttling and 5 % 5xx on ECS: the right outcome, one RegisterTaskDefinition, one UpdateService', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
    await sim().scenario([{ api: 'ecs:*', fault: { throttle: 0.3, error5xx: 0.05 } }]);
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:v2` },
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    const calls = await sim().calls({ service: 'ecs', since });
    const ok = (action: string): number =>
      calls.filter((c) => c.action === action && c.status === 200).length;
    expect(calls.some((c) => c.errorCode === 'ThrottlingException')).toBe(true);
    expect(ok('RegisterTaskDefinition')).toBe(1);
    expect(ok('UpdateService')).toBe(1);
    // The test's own reads are not the run's: the faults are off for them.
    await sim().clearScenario();
    expect((await describeService(sim(), 'web')).taskDefinition).toBe(run.outputs['task-definition-arn']);
    expect(await revisionsOf(sim(), 'web')).toHaveLength(2);
  });

  it('a crashing image under throttling still fails and is rolled back, never succeeded', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'bad'] }]);
    const before = await describeService(sim(), 'web');
    await sim().scenario([
      { image: '*/shop/web:bad', task: { exitCode: 137, afterSeconds: 4 } },
      { api: 'ecs:*', fault: { throttle: 0.3, error5xx: 0.05 } },
    ]);
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:bad` },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.outputs['failure-reason']).toContain('exited after they started (web exited 137)');
    await sim().clearScenario();
    expect((await describeService(sim(), 'web')).taskDefinition).toBe(before.taskDefinition);
  });

  it('a rollout longer than the role session re-assumes the role with a fresh token and succeeds', async () => {
    await sim().seed({
      roles: [
        {
          name: 'deploy-prod',
          account: ACCOUNT,
          maxSessionDuration: 3600,
          trustPolicy,
          // docs/iam.md's deploy-ecs policy, which the simulator enforces on every session of the role.
          policies: documentedPolicies(readDocumentedPolicies(REPO_ROOT), ['deploy-ecs'], {
            ACCOUNT,
            REGION,
            CLUSTER,
          }),
        },
      ],
    });
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }]);
    // 900 s sessions at 600× last 1.5 s; the tasks take 40 simulated minutes to start.
    await sim().scenario([{ image: '*/shop/web:slow', task: { startSeconds: 2400 } }]);
    await sim().clock({ timeScale: 600 });
    const oidc = await sim().oidcContext({
      repository: 'acme/shop',
      ref: 'refs/heads/main',
      environment: 'prod',
    });
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      oidc,
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:slow`,
        'role-to-assume': ROLE,
        'role-duration-seconds': 900,
      },
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(run.log).toContain('Renewed the AWS session.');
    const assumed = await sim().calls({ service: 'sts', action: 'AssumeRoleWithWebIdentity', since });
    expect(assumed.length).toBeGreaterThanOrEqual(2);
    expect(assumed.every((c) => c.status === 200)).toBe(true);
    // Each renewal took a fresh GitHub OIDC token (every token is masked as soon as it is fetched).
    const tokens = new Set(run.masks.filter((m) => /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/.test(m)));
    expect(tokens.size).toBe(assumed.length);
    // On the simulator's fast clock a session ends before the client expects; the refused call is renewed and retried.
    const ecs = await sim().calls({ service: 'ecs', since });
    for (const [i, call] of ecs.entries()) {
      if (call.errorCode === 'ExpiredTokenException')
        expect(ecs[i + 1]).toMatchObject({ action: call.action, status: 200 });
    }
    expectNoSecrets(run, [...run.masks, ...(await sim().issuedSecrets())]);
  });
});
