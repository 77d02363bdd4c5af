import { holdCalls, whenCalled } from '@ecs-delivery/testkit';
import { CLUSTER, deployWithSdk, describeService, rollback, seedServices, useSim } from './sim-helpers';

const sim = useSim();

/** A DescribeServices that never answers in time: the simulator holds it for a minute. */
const HUNG_MS = 60_000;

/** web:1 on v1 (which now starts slowly), web:2 on v2 deployed and steady. */
async function slowTarget(): Promise<void> {
  const digests = await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
  await deployWithSdk(sim(), 'web', digests.web!.v2!);
  await sim().scenario([{ image: `*/shop/web@${digests.web!.v1!}`, task: { startSeconds: 36_000 } }]);
}

describe('rollback deadlines', () => {
  it('a DescribeServices that hangs during the watch ends the run timed_out at its timeout', async () => {
    await slowTarget();
    const since = Date.now();
    const running = rollback(sim(), { cluster: CLUSTER, service: 'web', to: 'web:1', timeout: '10s' });
    await whenCalled(sim(), 'ecs:UpdateService', { since });
    const startedAt = Date.now();
    await holdCalls(sim(), 'ecs:DescribeServices', { latencyMs: HUNG_MS, forMs: 5000 });
    const run = await running;
    const afterUpdateMs = Date.now() - startedAt;
    console.log(`deadline rollback: main ${run.mainMs} ms, ${afterUpdateMs} ms after the UpdateService`);

    expect(run.log).toMatch(/ECS did not answer in time: ecs:DescribeServices failed: TimeoutError/);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('timed_out');
    expect(run.outputs['failure-reason']).toContain('did not finish within 10s');
    // A correctness check, not a performance claim: a 10 s timeout ends the run long before a 60 s hang would.
    expect(afterUpdateMs).toBeLessThan(HUNG_MS - 15_000);
    // The rollback deployment was started: ECS goes on with it.
    expect((await describeService(sim(), 'web')).taskDefinition).toMatch(/web:1$/);
  });
});
