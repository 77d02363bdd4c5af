import type { Deployment, Service } from '@aws-sdk/client-ecs';
import {
  DECISIVE_GRACE_MS,
  DECISIVE_LEAD_MS,
  expectedWindow,
  FAST_MS,
  learnExpectedMs,
  nextLookIn,
  type PaceInput,
} from '../src/ecs/pace';

const at = (ms: number): Date => new Date(ms);

function service(deployments: Deployment[], events: [number, string][]): Service {
  return {
    serviceName: 'web',
    deployments,
    events: events.map(([t, message], i) => ({ id: `e${i}`, createdAt: at(t), message })),
  };
}

const ours: Deployment = { id: 'ecs-svc/3', status: 'PRIMARY', createdAt: at(500_000) };
const previous: Deployment = { id: 'ecs-svc/2', status: 'ACTIVE', createdAt: at(100_000) };

describe('learnExpectedMs', () => {
  it('is how long the deployment this one replaces took, to its "deployment completed" event', () => {
    const svc = service(
      [ours, previous],
      [
        [130_000, '(service web) has reached a steady state.'],
        [130_000, '(service web) (deployment ecs-svc/2) deployment completed.'],
        [50_000, '(service web) (deployment ecs-svc/1) deployment completed.'],
      ],
    );
    expect(learnExpectedMs(svc, 'ecs-svc/3')).toBe(30_000);
  });

  it('takes the newest completion of a deployment (events are newest first)', () => {
    const svc = service(
      [ours, previous],
      [
        [160_000, '(service web) (deployment ecs-svc/2) deployment completed.'],
        [130_000, '(service web) (deployment ecs-svc/2) deployment completed.'],
      ],
    );
    expect(learnExpectedMs(svc, 'ecs-svc/3')).toBe(60_000);
  });

  it('knows nothing of a service without a listed, completed predecessor, or one created steady', () => {
    expect(learnExpectedMs(undefined, 'ecs-svc/3')).toBeUndefined();
    expect(learnExpectedMs(service([ours], []), 'ecs-svc/3')).toBeUndefined();
    // The predecessor drained already: its completion event alone does not say when it started.
    expect(
      learnExpectedMs(
        service([ours], [[130_000, '(service web) (deployment ecs-svc/2) deployment completed.']]),
        'ecs-svc/3',
      ),
    ).toBeUndefined();
    // Created steady (a seeded or brand-new service): completed the moment it was created.
    expect(
      learnExpectedMs(
        service([ours, previous], [[100_500, '(service web) (deployment ecs-svc/2) deployment completed.']]),
        'ecs-svc/3',
      ),
    ).toBeUndefined();
    // This deployment's own completion is not a history.
    expect(
      learnExpectedMs(
        service([ours], [[540_000, '(service web) (deployment ecs-svc/3) deployment completed.']]),
        'ecs-svc/3',
      ),
    ).toBeUndefined();
  });
});

describe('nextLookIn', () => {
  const base: PaceInput = {
    now: 0,
    startedAt: 0,
    expectedMs: 60_000,
    due: false,
    settling: false,
    slowMs: 2_000,
  };

  it('without a history: slow while nothing is due, every second while it settles, fast while tasks fail', () => {
    const none = { ...base, expectedMs: undefined };
    expect(nextLookIn(none)).toBe(2_000);
    expect(nextLookIn({ ...none, due: true, settling: true })).toBe(1_000);
    expect(nextLookIn({ ...none, due: true })).toBe(FAST_MS);
  });

  it('with a history: a few looks on the way, landing on the window before the expected finish', () => {
    const { from, until } = expectedWindow(0, 60_000);
    expect(from).toBeLessThan(60_000);
    expect(until).toBeGreaterThan(60_000);
    // Half the expected time at most, and never past the window's start.
    expect(nextLookIn(base)).toBe(30_000);
    expect(nextLookIn({ ...base, now: 50_000 })).toBe(from - 50_000);
    // In the window: fast, whatever the deployment looks like.
    expect(nextLookIn({ ...base, now: from })).toBe(FAST_MS);
    expect(nextLookIn({ ...base, now: 60_500 })).toBe(FAST_MS);
  });

  it('a task failing is always looked at fast; every task running, or tasks failing, bring the looks closer', () => {
    expect(nextLookIn({ ...base, due: true })).toBe(FAST_MS);
    expect(nextLookIn({ ...base, due: true, settling: true })).toBe(7_500);
    expect(nextLookIn({ ...base, troubled: true })).toBe(5_000);
  });

  it('once the expected finish has passed, the history is no guide: as without one', () => {
    const { until } = expectedWindow(0, 60_000);
    expect(nextLookIn({ ...base, now: until })).toBe(2_000);
    expect(nextLookIn({ ...base, now: until, due: true, settling: true })).toBe(1_000);
  });

  it("a predicted decisive moment (a crash loop's last crash) brings a look just before it, then fast", () => {
    const none = { ...base, expectedMs: undefined, slowMs: 3_000 };
    expect(nextLookIn({ ...none, decisiveAt: 10_000 })).toBe(3_000);
    expect(nextLookIn({ ...none, now: 8_000, decisiveAt: 10_000 })).toBe(10_000 - DECISIVE_LEAD_MS - 8_000);
    expect(nextLookIn({ ...none, now: 9_500, decisiveAt: 10_000 })).toBe(FAST_MS);
    expect(nextLookIn({ ...none, now: 10_000 + DECISIVE_GRACE_MS, decisiveAt: 10_000 })).toBe(FAST_MS);
    // Long past it, the moment is no guide.
    expect(nextLookIn({ ...none, now: 10_001 + DECISIVE_GRACE_MS, decisiveAt: 10_000 })).toBe(3_000);
  });
});
