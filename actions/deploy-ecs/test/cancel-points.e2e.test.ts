import {
  ACCOUNT,
  CLUSTER,
  describeService,
  mutatingSince,
  runAction,
  seedServices,
  uriOf,
  useSim,
  type CancelPoint,
} from '@ecs-delivery/testkit';

const sim = useSim();

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
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:*' },
      },
    },
  ],
};

/** A call held this long is in flight when the run is cancelled (and would outlast the runner's SIGTERM). */
const HELD = { latencyMs: 20_000 };

interface Point {
  /** Where the cancel lands. */
  at: string;
  cancelAt: CancelPoint;
  /** Scenario rules beyond the slow image: what holds the run at the point. */
  rules?: unknown[];
  inputs?: Record<string, string>;
  oidc?: boolean;
  /** Whether the run had started a deployment, which main asks ECS to roll back and the post step confirms. */
  deployed: boolean;
  /** What the post step says. */
  post: string;
}

const POINTS: Point[] = [
  {
    at: 'as authentication starts (AssumeRoleWithWebIdentity held)',
    oidc: true,
    rules: [{ api: 'sts:AssumeRoleWithWebIdentity', fault: HELD }],
    cancelAt: { log: '::group::Authenticate', afterMs: 1000 },
    deployed: false,
    post: 'Nothing was deployed before the cancellation',
  },
  {
    at: 'during authentication (after AssumeRoleWithWebIdentity, GetCallerIdentity held)',
    oidc: true,
    rules: [{ api: 'sts:GetCallerIdentity', fault: HELD }],
    cancelAt: { call: 'sts:AssumeRoleWithWebIdentity', afterMs: 500 },
    deployed: false,
    post: 'Nothing was deployed before the cancellation',
  },
  {
    at: 'during the preflight (after its DescribeServices, DescribeTaskDefinition held)',
    rules: [{ api: 'ecs:DescribeTaskDefinition', fault: HELD }],
    cancelAt: { call: 'ecs:DescribeServices', afterMs: 500 },
    deployed: false,
    post: 'Nothing was deployed before the cancellation',
  },
  {
    at: 'during the migrations (after RunTask)',
    inputs: { 'migrate-command': 'npm run migrate' },
    rules: [{ command: 'npm run migrate*', task: { exitCode: 0, afterSeconds: 36_000 } }],
    cancelAt: { call: 'ecs:RunTask', afterMs: 1000 },
    deployed: false,
    post: 'nothing this run changed was left to roll back',
  },
  {
    at: 'during the update (UpdateService held 3 s)',
    rules: [{ api: 'ecs:UpdateService', fault: { latencyMs: 3000 } }],
    cancelAt: { call: 'ecs:RegisterTaskDefinition', afterMs: 1000 },
    deployed: true,
    post: 'web: rolled back to web:1.',
  },
  {
    at: 'during the watch (after UpdateService)',
    cancelAt: { call: 'ecs:UpdateService', afterMs: 1000 },
    deployed: true,
    post: 'web: rolled back to web:1.',
  },
  {
    at: 'during the rollback of a timed-out deploy (after StopServiceDeployment)',
    inputs: { timeout: '3s' },
    // The rollback's tasks start slowly too, so the cancel lands while main watches it.
    rules: [{ image: '*/shop/web:v1', task: { startSeconds: 600 } }],
    cancelAt: { call: 'ecs:StopServiceDeployment', afterMs: 500 },
    deployed: true,
    post: 'web: rolled back to web:1.',
  },
];

describe('deploy-ecs cancelled at any point', () => {
  it.each(POINTS)('$at: cancelled, the step fails, the service is on its last good definition', async (p) => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }]);
    if (p.oidc === true)
      await sim().seed({ roles: [{ name: 'deploy-prod', account: ACCOUNT, trustPolicy }] });
    await sim().scenario([{ image: '*/shop/web:slow', task: { startSeconds: 36_000 } }, ...(p.rules ?? [])]);
    const before = await describeService(sim(), 'web');
    const since = Date.now();
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cancelAt: p.cancelAt,
      ...(p.oidc === true
        ? { oidc: { repository: 'acme/shop', ref: 'refs/heads/main' }, staticCredentials: false }
        : {}),
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:slow`,
        ...(p.oidc === true ? { 'role-to-assume': ROLE } : {}),
        ...p.inputs,
      },
    });
    const handledMs = run.mainMs - (run.cancelledAfterMs ?? 0);
    console.log(`cancel deploy-ecs ${p.at}: main ended ${handledMs} ms after its SIGINT`);

    expect(run.cancelled).toBe(true);
    expect(run.log).toContain('Received SIGINT: cancelling.');
    // Main ended by itself, before the runner's SIGTERM, with the verdict and a failed step.
    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('cancelled');
    expect(run.annotations.some((a) => a.level === 'error' && a.step === 'main')).toBe(true);
    if (p.deployed) expect(run.log).toMatch(/web: rolling back to web:1 \(stop-service-deployment\)/);
    else expect(run.log).not.toContain('UpdateService started');

    expect(run.postRan).toBe(true);
    expect(run.postExitCode).toBe(0);
    expect(`${run.postLog}\n${run.postSummary}`).toContain(p.post);

    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(before.taskDefinition);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
    if (!p.deployed) expect(await mutatingSince(sim(), since)).not.toContain('ecs:UpdateService');
  });
});

describe('deploy-ecs cancelled while UpdateService has not answered', () => {
  it('still unanswered at the runner’s SIGTERM: cancelled, and the post step rolls back the update ECS carried out', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }]);
    // The update reaches ECS 20 s after it was sent: after main's cancel, its SIGTERM and the start of post.
    await sim().scenario([
      { image: '*/shop/web:slow', task: { startSeconds: 36_000 } },
      { api: 'ecs:UpdateService', fault: HELD },
    ]);
    const before = await describeService(sim(), 'web');
    const since = Date.now();
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      cancelAt: { call: 'ecs:RegisterTaskDefinition', afterMs: 1000 },
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:slow` },
    });
    console.log(
      `cancel deploy-ecs during an UpdateService held 20 s: main ended ${run.mainMs - (run.cancelledAfterMs ?? 0)} ms after its SIGINT`,
    );

    // Main cut the unanswered call off and ended by itself, before the runner's SIGTERM, with the verdict.
    expect(run.cancelled).toBe(true);
    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('cancelled');
    expect(run.outputs['failure-reason']).toContain('UpdateService had not answered');

    expect(run.postRan).toBe(true);
    expect(run.postExitCode).toBe(0);
    expect(run.postLog).toMatch(/web: it was: deployment ecs-svc\/\d+ started, to be rolled back\./);
    expect(`${run.postLog}\n${run.postSummary}`).toContain('web: rolled back to web:1.');

    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(before.taskDefinition);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
    // One update, the held one: nothing sent it again.
    expect((await mutatingSince(sim(), since)).filter((c) => c === 'ecs:UpdateService')).toHaveLength(1);
  });
});
