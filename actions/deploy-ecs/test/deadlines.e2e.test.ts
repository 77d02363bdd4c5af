import {
  CLUSTER,
  describeService,
  holdCalls,
  runAction,
  seedServices,
  uriOf,
  useSim,
  whenCalled,
} from '@ecs-delivery/testkit';

const sim = useSim();

/** A DescribeServices that never answers in time: the simulator holds it for a minute. */
const HUNG_MS = 60_000;

describe('deploy-ecs deadlines', () => {
  it('a DescribeServices that hangs during the watch ends the run timed_out at its timeout, rolled back', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }]);
    await sim().scenario([{ image: '*/shop/web:slow', task: { startSeconds: 36_000 } }]);
    const before = await describeService(sim(), 'web');
    const since = Date.now();
    const running = runAction('deploy-ecs', {
      sim: sim(),
      timeoutMs: 90_000,
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:slow`,
        timeout: '10s',
      },
    });
    // From the update on, every DescribeServices for 5 s hangs for a minute: the watch looks every 1-3 s, so
    // one of its looks is held; the explanation and the rollback after it get answers again.
    await whenCalled(sim(), 'ecs:UpdateService', { since });
    const updatedAt = Date.now();
    await holdCalls(sim(), 'ecs:DescribeServices', { latencyMs: HUNG_MS, forMs: 5000 });
    const run = await running;
    const afterUpdateMs = Date.now() - updatedAt;
    console.log(`deadline deploy-ecs: main ${run.mainMs} ms, ${afterUpdateMs} ms after the UpdateService`);

    expect(run.log).toMatch(
      /ECS did not answer in time: ecs:DescribeServices failed: TimeoutError: No answer within the \d+s the run had left/,
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('timed_out');
    expect(run.outputs['failure-reason']).toContain('did not finish within 10s');
    // A correctness check, not a performance claim: a 10 s timeout ends the run long before a 60 s hang would.
    expect(afterUpdateMs).toBeLessThan(HUNG_MS - 15_000);
    expect(run.log).toContain('web: rolled back to web:1.');
    const [service] = JSON.parse(run.outputs.services!) as { rollback: { outcome: string } }[];
    expect(service!.rollback.outcome).toBe('succeeded');
    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(before.taskDefinition);
  });
});
