import { type CheckResult, createProgressLine, FakeClock, poll, type PollProgress, sleep } from '../src';

function notDone(): CheckResult<string> {
  return { done: false };
}

describe('poll', () => {
  it('returns the value with the attempts and elapsed time', async () => {
    const clock = new FakeClock(1_000_000);
    const result = await poll({
      check: (attempt) => (attempt === 3 ? { done: true, value: 'steady' } : notDone()),
      timeoutMs: 60_000,
      minDelayMs: 1000,
      jitter: 0,
      clock,
      sleep: clock.sleep,
    });
    expect(result).toEqual({ outcome: 'done', value: 'steady', attempts: 3, elapsedMs: 3000 });
  });

  it('backs off exponentially up to maxDelayMs', async () => {
    const clock = new FakeClock();
    const delays: number[] = [];
    await poll({
      check: (attempt) => (attempt === 7 ? { done: true, value: 1 } : { done: false }),
      timeoutMs: 600_000,
      minDelayMs: 1000,
      maxDelayMs: 10_000,
      factor: 2,
      jitter: 0,
      clock,
      sleep: async (ms) => {
        delays.push(ms);
        clock.advance(ms);
      },
    });
    expect(delays).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it.each([
    ['no randomness', () => 0, [4000, 8000]],
    ['the most', () => 0.999999, [2000, 4000]],
  ])('jitter stays within [d × (1 − jitter), d] (%s)', async (_what, random, expected) => {
    const clock = new FakeClock();
    const delays: number[] = [];
    await poll({
      check: (attempt) => (attempt === 3 ? { done: true, value: 1 } : { done: false }),
      timeoutMs: 600_000,
      minDelayMs: 4000,
      jitter: 0.5,
      random,
      clock,
      sleep: async (ms) => {
        delays.push(ms);
        clock.advance(ms);
      },
    });
    expect(delays).toEqual(expected);
  });

  it('jittered delays spread between the bounds', async () => {
    const clock = new FakeClock();
    const delays: number[] = [];
    await poll({
      check: (attempt) => (attempt === 200 ? { done: true, value: 1 } : { done: false }),
      timeoutMs: 10_000_000,
      minDelayMs: 1000,
      maxDelayMs: 1000,
      jitter: 0.3,
      clock,
      sleep: async (ms) => {
        delays.push(ms);
        clock.advance(ms);
      },
    });
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(700);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1000);
    expect(new Set(delays).size).toBeGreaterThan(10);
  });

  it('honours the delay a check asks for, capped by maxDelayMs', async () => {
    const clock = new FakeClock();
    const delays: number[] = [];
    await poll({
      check: (attempt) =>
        attempt === 1
          ? { done: false, nextDelayMs: 1500 }
          : attempt === 2
            ? { done: false, nextDelayMs: 99_000 }
            : { done: true, value: 1 },
      timeoutMs: 600_000,
      minDelayMs: 5000,
      maxDelayMs: 20_000,
      clock,
      sleep: async (ms) => {
        delays.push(ms);
        clock.advance(ms);
      },
    });
    expect(delays).toEqual([1500, 20_000]);
  });

  it('times out at the deadline after one last check, never sleeping past it', async () => {
    const clock = new FakeClock(0);
    const checkedAt: number[] = [];
    const result = await poll({
      check: () => {
        checkedAt.push(clock.now());
        return notDone();
      },
      deadline: 10_000,
      minDelayMs: 4000,
      factor: 1,
      jitter: 0,
      clock,
      sleep: clock.sleep,
    });
    expect(checkedAt).toEqual([0, 4000, 8000, 10_000]);
    expect(result).toEqual({ outcome: 'timed_out', attempts: 4, elapsedMs: 10_000 });
  });

  it('succeeds when the last check at the deadline finds it done', async () => {
    const clock = new FakeClock(0);
    const result = await poll({
      check: () => (clock.now() >= 10_000 ? { done: true, value: 'late' } : notDone()),
      timeoutMs: 10_000,
      minDelayMs: 3000,
      factor: 1,
      jitter: 0,
      clock,
      sleep: clock.sleep,
    });
    expect(result).toMatchObject({ outcome: 'done', value: 'late' });
  });

  it('reports progress after each unfinished check', async () => {
    const clock = new FakeClock(0);
    const progress: PollProgress[] = [];
    await poll({
      check: (attempt) => (attempt === 3 ? { done: true, value: 'ok' } : notDone()),
      timeoutMs: 5000,
      minDelayMs: 1000,
      jitter: 0,
      clock,
      sleep: clock.sleep,
      onProgress: (p) => progress.push(p),
    });
    expect(progress).toEqual([
      { attempt: 1, elapsedMs: 0, remainingMs: 5000, nextDelayMs: 1000 },
      { attempt: 2, elapsedMs: 1000, remainingMs: 4000, nextDelayMs: 2000 },
    ]);
  });

  it('rejects with the abort reason when the signal aborts', async () => {
    const clock = new FakeClock(0);
    const controller = new AbortController();
    const promise = poll({
      check: (attempt) => {
        if (attempt === 2) controller.abort(new Error('cancelled by the runner'));
        return notDone();
      },
      timeoutMs: 60_000,
      clock,
      sleep: clock.sleep,
      signal: controller.signal,
    });
    await expect(promise).rejects.toThrow('cancelled by the runner');
  });

  it('stops a real sleep at once when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 10);
    await expect(
      poll({ check: notDone, timeoutMs: 60_000, minDelayMs: 30_000, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('needs a timeout or a deadline', async () => {
    await expect(poll({ check: notDone })).rejects.toThrow('poll needs a timeoutMs or a deadline');
  });

  it('a check that throws ends the poll with that error', async () => {
    const clock = new FakeClock(0);
    await expect(
      poll({
        check: () => {
          throw new Error('DescribeServices failed');
        },
        timeoutMs: 1000,
        clock,
        sleep: clock.sleep,
      }),
    ).rejects.toThrow('DescribeServices failed');
  });
});

describe('sleep', () => {
  it('waits, and rejects at once when already aborted', async () => {
    const started = Date.now();
    await sleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    await expect(sleep(10, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('createProgressLine', () => {
  it('prints a line only when it changes, or again after repeatAfterMs', () => {
    const clock = new FakeClock(0);
    const printed: string[] = [];
    const progress = createProgressLine({ print: (l) => printed.push(l), repeatAfterMs: 60_000, clock });
    progress('running 0/3, pending 3');
    progress('running 0/3, pending 3');
    clock.advance(10_000);
    progress('running 2/3, pending 1');
    progress('running 2/3, pending 1');
    clock.advance(60_000);
    progress('running 2/3, pending 1');
    expect(printed).toEqual(['running 0/3, pending 3', 'running 2/3, pending 1', 'running 2/3, pending 1']);
  });
});
