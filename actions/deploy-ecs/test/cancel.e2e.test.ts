import { join } from 'node:path';
import {
  CLUSTER,
  githubDeployments,
  describeService,
  runAction,
  seedServices,
  uriOf,
  useSim,
} from '@ecs-delivery/testkit';

const sim = useSim();

describe('deploy-ecs cancellation', () => {
  it('a run cancelled mid-deploy asks for the rollback at once, and the post step sees it through', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }]);
    await sim().scenario([{ image: '*/shop/web:slow', task: { startSeconds: 36000 } }]);
    const before = await describeService(sim(), 'web');
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      signalAfterMs: 3000,
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:slow`,
        'github-token': 'ghs_cancel_token_789',
      },
    });
    expect(run.cancelled).toBe(true);
    expect(run.log).toContain('UpdateService started deployment');
    const github = await githubDeployments(sim());
    expect(github.map((d) => d.statuses.map((s) => s.state))).toEqual([['in_progress', 'failure']]);
    expect(github[0]!.statuses[1]!.description).toBe(
      'Cancelled; rolled back to the last successful deployment.',
    );
    expect(run.log).toContain('Received SIGINT: cancelling.');
    expect(run.log).toMatch(/web: rolling back to web:1 \(stop-service-deployment\)/);
    expect(run.outputs.outcome).toBe('cancelled');
    expect(run.postRan).toBe(true);
    expect(run.postExitCode).toBe(0);
    expect(run.postLog).toContain('web: rolled back to web:1.');
    expect(run.postSummary).toContain(
      'every service this run changed is back on its last successful deployment',
    );

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

  it('main’s rollback request not back before SIGTERM: main gives up on it in time, the post step asks itself', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }]);
    await sim().scenario([
      { image: '*/shop/web:slow', task: { startSeconds: 36000 } },
      // Main's StopServiceDeployment outlives the seconds the runner gives a cancelled step.
      { api: 'ecs:StopServiceDeployment', fault: { latencyMs: 9000 } },
    ]);
    const before = await describeService(sim(), 'web');
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      signalAfterMs: 3000,
      timeoutMs: 50_000,
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:slow` },
    });
    expect(run.cancelled).toBe(true);
    // Main cut its request off before the runner's SIGTERM, and ended by itself with its verdict.
    expect(run.signal).toBeNull();
    expect(run.mainMs - run.cancelledAfterMs!).toBeLessThan(7500);
    expect(run.outputs.outcome).toBe('cancelled');
    expect(run.annotations.find((a) => a.step === 'main' && a.level === 'error')?.message).toContain(
      'ecs:StopServiceDeployment failed: TimeoutError: No answer within',
    );
    expect(run.postRan).toBe(true);
    expect(run.postLog).toContain('web: rolled back to web:1.');
    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(before.taskDefinition);
    expect(after.deployments).toHaveLength(1);
  });

  it('cancelled in wave 2 of a release: the post step rolls wave 1 back too', async () => {
    const names = ['dashboard', 'proxy', 'workers', 'broker'];
    await seedServices(
      sim(),
      names.map((name) => ({ name, tags: ['v1', 'v2'] })),
    );
    await sim().scenario([{ image: '*/shop/proxy:v2', task: { startSeconds: 36000 } }]);
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      signalAfterMs: 8000,
      cwd: join(__dirname, 'fixtures'),
      inputs: { manifest: 'release.yml', environment: 'dev', 'image-tag': 'v2' },
    });
    expect(run.cancelled).toBe(true);
    expect(run.log).toContain('dashboard: 2/2 running (COMPLETED)');
    expect(run.postRan).toBe(true);
    expect(run.postExitCode).toBe(0);
    for (const name of names) {
      const svc = await describeService(sim(), name);
      expect([name, svc.taskDefinition]).toEqual([name, expect.stringMatching(new RegExp(`${name}:1$`))]);
      expect(svc.deployments).toHaveLength(1);
    }
  });

  it('with rollback-on-failure false, a cancelled deploy is left as it is', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }]);
    await sim().scenario([{ image: '*/shop/web:slow', task: { startSeconds: 36000 } }]);
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      signalAfterMs: 3000,
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:slow`,
        'rollback-on-failure': false,
      },
    });
    expect(run.cancelled).toBe(true);
    expect(run.postRan).toBe(true);
    expect(run.postLog).toContain('rollback-on-failure is false');
    expect((await describeService(sim(), 'web')).taskDefinition).toMatch(/web:2$/);
  });
});
