import { hostOf, seedServices, smokeTest, useSim } from './sim-helpers';

const sim = useSim();

describe('smoke-test cancelled', () => {
  it('a cancel during a request that hangs stops it at once: the step fails, nothing reported passed', async () => {
    await seedServices(sim(), { api: { image: 'public.ecr.aws/nginx/nginx:1.27' } });
    // Every answer takes 20 s: the cancel lands while the first request waits.
    await sim().scenario([{ image: '*nginx*', http: { latencyMs: 20_000 } }]);
    const checks = `
- name: api ready
  url: ${sim().url}/health/ready
  headers: { Host: ${hostOf('api')} }
`;
    const run = await smokeTest(
      sim(),
      { checks, timeout: '60s', 'request-timeout': '30s' },
      { cancelAt: { log: 'smoke check(s)', afterMs: 1000 } },
    );
    const handledMs = run.mainMs - (run.cancelledAfterMs ?? 0);
    console.log(`cancel smoke-test during a request: main ended ${handledMs} ms after its SIGINT`);

    expect(run.cancelled).toBe(true);
    expect(run.log).toContain('Received SIGINT: cancelling.');
    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([
      { level: 'error', title: 'Cancelled', message: 'The run was cancelled.', step: 'main' },
    ]);
    expect(run.outputs).toEqual({});
    expect(handledMs).toBeLessThan(5000);
  });
});
