import { sleep as realSleep, systemClock, throwIfAborted, type Clock, type Sleep } from './clock';

/** What one check says: finished with a value, or not yet (optionally: when to look again). */
export type CheckResult<T> = { done: true; value: T } | { done: false; nextDelayMs?: number };

/** What the poller reports after each unfinished check. */
export interface PollProgress {
  attempt: number;
  elapsedMs: number;
  remainingMs: number;
  /** How long the poller will wait before the next check. */
  nextDelayMs: number;
}

export interface PollOptions<T> {
  /** Called with the attempt number (from 1) until it reports `done` or the deadline passes. */
  check: (attempt: number) => Promise<CheckResult<T>> | CheckResult<T>;
  /** How long to keep checking, from now. Give this or `deadline`. */
  timeoutMs?: number;
  /** When to stop checking, in the clock's epoch milliseconds. Give this or `timeoutMs`. */
  deadline?: number;
  /** The first backoff delay (default 1 s). */
  minDelayMs?: number;
  /** The largest backoff delay (default 30 s). */
  maxDelayMs?: number;
  /** Backoff growth per unfinished check (default 2). */
  factor?: number;
  /**
   * Jitter as a fraction of the delay, 0–1 (default 0.2): a backoff delay `d` becomes a random value in
   * `[d × (1 − jitter), d]`, so many jobs polling at once spread out.
   */
  jitter?: number;
  clock?: Clock;
  sleep?: Sleep;
  /** Random numbers in [0, 1) for the jitter (default `Math.random`). */
  random?: () => number;
  onProgress?: (progress: PollProgress) => void;
  /** Aborting stops the wait at once; `poll` then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export type PollResult<T> =
  | { outcome: 'done'; value: T; attempts: number; elapsedMs: number }
  | { outcome: 'timed_out'; attempts: number; elapsedMs: number };

/**
 * Checks until done or until the deadline, waiting between checks with exponential backoff and jitter, or
 * for the `nextDelayMs` a check asks for (it knows best, e.g. "a transition is due in 1.5 s"). A check that
 * is due when the deadline arrives still runs, so a wait never times out on something that just finished.
 *
 * @returns `done` with the value, or `timed_out`; rejects when `signal` aborts or `check` throws.
 */
export async function poll<T>(options: PollOptions<T>): Promise<PollResult<T>> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const minDelay = Math.max(0, options.minDelayMs ?? 1000);
  const maxDelay = Math.max(minDelay, options.maxDelayMs ?? 30_000);
  const factor = Math.max(1, options.factor ?? 2);
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.2));
  const start = clock.now();
  if (options.deadline === undefined && options.timeoutMs === undefined) {
    throw new TypeError('poll needs a timeoutMs or a deadline');
  }
  const deadline = options.deadline ?? start + (options.timeoutMs ?? 0);

  let backoffStep = 0;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(options.signal);
    const result = await options.check(attempt);
    const now = clock.now();
    if (result.done)
      return { outcome: 'done', value: result.value, attempts: attempt, elapsedMs: now - start };
    const remainingMs = deadline - now;
    if (remainingMs <= 0) return { outcome: 'timed_out', attempts: attempt, elapsedMs: now - start };

    let delay: number;
    if (result.nextDelayMs !== undefined && Number.isFinite(result.nextDelayMs)) {
      delay = Math.min(maxDelay, Math.max(0, result.nextDelayMs));
    } else {
      const base = Math.min(maxDelay, minDelay * factor ** backoffStep);
      delay = base * (1 - jitter * random());
      backoffStep++;
    }
    delay = Math.min(Math.round(delay), remainingMs);
    options.onProgress?.({ attempt, elapsedMs: now - start, remainingMs, nextDelayMs: delay });
    await sleep(delay, options.signal);
  }
}
