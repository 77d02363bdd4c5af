import { expectNoSecrets } from '@ecs-delivery/testkit';
import {
  ACCOUNT,
  CLUSTER,
  deployWithSdk,
  describeService,
  githubDeployments,
  rollback,
  seedServices,
  useSim,
  type Digests,
} from './sim-helpers';

const sim = useSim();

/** web:1 on v1 (which now starts slowly), web:2 on v2 deployed and steady. */
async function slowTarget(): Promise<Digests> {
  const digests = await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
  await deployWithSdk(sim(), 'web', digests.web!.v2!);
  await sim().scenario([{ image: `*/shop/web@${digests.web!.v1!}`, task: { startSeconds: 36_000 } }]);
  return digests;
}

describe('watching the rollback', () => {
  it('a rollback that does not finish within the timeout is timed_out and fails the step', async () => {
    await slowTarget();
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web', to: 'web:1', timeout: '2s' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('timed_out');
    expect(run.outputs['failure-reason']).toContain('did not finish within 2s');
    expect(run.annotations.find((a) => a.level === 'error')?.message).toContain('web:1 timed out');
    // The rollback deployment is ECS's now: it goes on.
    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toMatch(/web:1$/);
  });

  it('a cancelled run stops watching; the rollback deployment goes on', async () => {
    await slowTarget();
    const run = await rollback(
      sim(),
      { cluster: CLUSTER, service: 'web', to: 'web:1', 'github-token': 'ghs_cancel_token_1234' },
      { signalAfterMs: 3000 },
    );
    expect(run.cancelled).toBe(true);
    expect(run.log).toContain('Received SIGINT: cancelling.');
    expect(run.outputs.outcome).toBe('cancelled');
    expect(run.log).toContain('a rollback deployment ECS has started goes on by itself');
    expect(run.postRan).toBe(false);
    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toMatch(/web:1$/);
    expect(after.deployments!.find((d) => d.status === 'PRIMARY')?.rolloutState).toBe('IN_PROGRESS');
    expect((await githubDeployments(sim())).map((d) => d.statuses.map((st) => st.state))).toEqual([
      ['in_progress', 'error'],
    ]);
    expectNoSecrets(run, ['ghs_cancel_token_1234', ...run.masks]);
  });

  it('authenticates with GitHub OIDC and role-to-assume, and prints no credential', async () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/rollback-prod`;
    await sim().seed({
      roles: [
        {
          name: 'rollback-prod',
          account: ACCOUNT,
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: {
                  Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
                },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: {
                  StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
                  StringLike: {
                    'token.actions.githubusercontent.com:sub': 'repo:acme/shop:environment:prod',
                  },
                },
              },
            ],
          },
        },
      ],
    });
    const digests = await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
    await deployWithSdk(sim(), 'web', digests.web!.v2!);
    const oidc = await sim().oidcContext({
      repository: 'acme/shop',
      ref: 'refs/heads/main',
      environment: 'prod',
    });
    const since = Date.now() + 1;
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web', 'role-to-assume': role }, { oidc });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    const assumed = await sim().calls({ service: 'sts', action: 'AssumeRoleWithWebIdentity', since });
    expect(assumed.map((c) => c.status)).toEqual([200]);
    expect((await describeService(sim(), 'web')).taskDefinition).toMatch(/web:1$/);
    expectNoSecrets(run, [...run.masks, ...(await sim().issuedSecrets())]);
  });
});
