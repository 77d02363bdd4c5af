import { CLUSTER, describeService, runAction, seedServices, uriOf, useSim } from '@ecs-delivery/testkit';

const sim = useSim();

describe('deploy-ecs cancellation', () => {
  it('a run cancelled mid-deploy asks for the rollback at once, and the post step sees it through', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }]);
    await sim().scenario([{ image: '*/shop/web:slow', task: { startSeconds: 36000 } }]);
    const before = await describeService(sim(), 'web');
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      signalAfterMs: 3000,
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:slow` },
    });
    expect(run.cancelled).toBe(true);
    expect(run.log).toContain('UpdateService started deployment');
    expect(run.log).toContain('Received SIGINT: cancelling.');
    expect(run.log).toMatch(/web: rolling back to web:1 \(stop-service-deployment\)/);
    expect(run.outputs.outcome).toBe('cancelled');
    expect(run.postRan).toBe(true);
    expect(run.postExitCode).toBe(0);
    expect(run.postLog).toContain('web: rolled back to web:1.');
    expect(run.postSummary).toContain('every deployment in flight was rolled back');

    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(before.taskDefinition);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
  });

  it('the post step does nothing when main finished', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:v2` },
    });
    expect(run.exitCode).toBe(0);
    // post-if: cancelled() — the runner skips it when nothing was cancelled.
    expect(run.postRan).toBe(false);
  });
});
