import { runAction } from '@ecs-delivery/testkit';
import { seedImage, useSim } from './sim-helpers';

const sim = useSim();

describe('build-push cancelled', () => {
  it('a cancel during a PutImage that hangs aborts it at once: the step fails and sets no outputs', async () => {
    await sim().seed({ repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE' }] });
    await seedImage(sim(), 'shop/api', ['dev-0123456789ab']);
    await sim().scenario([{ api: 'ecr:PutImage', fault: { latencyMs: 20_000 } }]);
    const run = await runAction('build-push', {
      sim: sim(),
      // The target repository is read just before the PutImage: a second later the PutImage is held.
      cancelAt: { log: 'Repository ', afterMs: 1000 },
      inputs: {
        repository: 'shop/api',
        'source-image': 'shop/api:dev-0123456789ab',
        tags: 'prod-0123456789ab',
      },
    });
    const handledMs = run.mainMs - (run.cancelledAfterMs ?? 0);
    console.log(`cancel build-push during PutImage: main ended ${handledMs} ms after its SIGINT`);

    expect(run.cancelled).toBe(true);
    expect(run.log).toContain('Received SIGINT: cancelling.');
    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([
      { level: 'error', title: 'Cancelled', message: 'The run was cancelled.', step: 'main' },
    ]);
    expect(run.log).not.toContain('Added prod-0123456789ab');
    expect(run.outputs).toEqual({});
    // Not held to the end of the PutImage, nor to the runner's SIGTERM.
    expect(handledMs).toBeLessThan(5000);
  });
});
