import {
  CALL_GRACE_MS,
  CallBudget,
  CallDeadlineError,
  CANCEL_GRACE_MS,
  FakeClock,
  isCallDeadlineError,
} from '../src';

/** Never settles: a call that hangs. */
const hang = (): Promise<never> => new Promise(() => undefined);

function cancelled(): { controller: AbortController; reason: Error } {
  const controller = new AbortController();
  const reason = Object.assign(new Error('Cancelled by SIGINT'), { name: 'AbortError' });
  return { controller, reason };
}

describe('a call within the budget', () => {
  it('is cut off its phase’s grace after the deadline, with a TimeoutError naming the time it had', async () => {
    const clock = new FakeClock(0);
    const budget = new CallBudget(undefined, clock);
    // The deadline is the phase's: the call ends CALL_GRACE_MS later, here 60 ms from now.
    const started = Date.now();
    const result = budget.within({ deadline: 60 - CALL_GRACE_MS }, () => budget.call(hang));
    await expect(result).rejects.toBeInstanceOf(CallDeadlineError);
    await expect(result).rejects.toMatchObject({
      name: 'TimeoutError',
      message: 'No answer within the 60ms the run had left for the call.',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('is cut off at once when its phase’s time is already up', async () => {
    const clock = new FakeClock(10_000);
    const budget = new CallBudget(undefined, clock);
    const work = jest.fn(hang);
    await expect(budget.within({ deadline: 0 }, () => budget.call(work))).rejects.toBeInstanceOf(
      CallDeadlineError,
    );
    expect(work).not.toHaveBeenCalled();
  });

  it('passes the abort signal on, and settles as the call does when nothing cuts it off', async () => {
    const budget = new CallBudget();
    let seen: AbortSignal | undefined;
    const value = await budget.within({ deadline: Date.now() + 60_000 }, () =>
      budget.call(async (signal) => {
        seen = signal;
        return 42;
      }),
    );
    expect(value).toBe(42);
    expect(seen?.aborted).toBe(false);
    await expect(budget.call(() => Promise.reject(new Error('ThrottlingException')))).rejects.toThrow(
      'ThrottlingException',
    );
  });

  it('is aborted at once by the run’s cancel, with the cancel’s reason', async () => {
    const { controller, reason } = cancelled();
    const budget = new CallBudget(controller.signal);
    const result = budget.call(hang);
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    await expect(budget.call(hang)).rejects.toBe(reason);
  });
});

describe('phases', () => {
  it('a phase’s deadline replaces the enclosing one, later or earlier: a rollback owed after the watch gets its own', async () => {
    const clock = new FakeClock(0);
    const budget = new CallBudget(undefined, clock);
    const watchDeadline = -CALL_GRACE_MS; // passed already
    await budget.within({ deadline: watchDeadline }, async () => {
      await expect(budget.call(hang)).rejects.toBeInstanceOf(CallDeadlineError);
      const rollback = budget.within({ deadline: 600_000 }, () => budget.call(async () => 'requested'));
      await expect(rollback).resolves.toBe('requested');
      // Back in the watch's phase once the rollback's is over.
      await expect(budget.call(hang)).rejects.toBeInstanceOf(CallDeadlineError);
    });
  });

  it('keeps each phase to the async work started in it, for services deployed side by side', async () => {
    const clock = new FakeClock(0);
    const budget = new CallBudget(undefined, clock);
    const [short, long] = await Promise.allSettled([
      budget.within({ deadline: 30 - CALL_GRACE_MS }, () => budget.call(hang)),
      budget.within({ deadline: 600_000 }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return budget.call(async () => 'answered');
      }),
    ]);
    expect(short).toMatchObject({ status: 'rejected', reason: expect.any(CallDeadlineError) });
    expect(long).toEqual({ status: 'fulfilled', value: 'answered' });
  });

  it('a call that must be seen through is not aborted by a cancel (its phase’s deadline still holds)', async () => {
    const { controller, reason } = cancelled();
    const budget = new CallBudget(controller.signal);
    let finish: (value: string) => void = () => undefined;
    const result = budget.within({ cancellable: false }, () =>
      budget.call(() => new Promise<string>((resolve) => (finish = resolve))),
    );
    controller.abort(reason);
    finish('UpdateService answered');
    await expect(result).resolves.toBe('UpdateService answered');
  });

  it('a call seen through a cancel is still cut off CANCEL_GRACE_MS after it, before the runner’s SIGTERM', async () => {
    jest.useFakeTimers();
    try {
      const { controller, reason } = cancelled();
      const budget = new CallBudget(controller.signal);
      let ended: unknown = 'in flight';
      void budget
        .within({ cancellable: false }, () => budget.call(hang))
        .catch((err: unknown) => (ended = err));
      const settle = async (): Promise<void> => {
        for (let i = 0; i < 5; i++) await Promise.resolve();
      };
      jest.advanceTimersByTime(60_000); // no cancel: nothing cuts the call off
      controller.abort(reason);
      jest.advanceTimersByTime(CANCEL_GRACE_MS - 1);
      await settle();
      expect(ended).toBe('in flight');
      jest.advanceTimersByTime(1);
      await settle();
      expect(ended).toBeInstanceOf(CallDeadlineError);
    } finally {
      jest.useRealTimers();
    }
  });

  it('after a cancel, what the run still owes is not cancelled and ends CANCEL_GRACE_MS after the cancel', async () => {
    const { controller, reason } = cancelled();
    const clock = new FakeClock(1000);
    const budget = new CallBudget(controller.signal, clock);
    controller.abort(reason);
    clock.advance(CANCEL_GRACE_MS - 50); // 50 ms are left before the runner's SIGTERM would come
    await expect(budget.afterCancel(() => budget.call(async () => 'requested'))).resolves.toBe('requested');
    const started = Date.now();
    const hung = budget.afterCancel(() => budget.call(hang));
    await expect(hung).rejects.toBeInstanceOf(CallDeadlineError);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('isCallDeadlineError', () => {
  it('finds the cut-off in what wraps it', () => {
    const cut = new CallDeadlineError(5000);
    expect(isCallDeadlineError(cut)).toBe(true);
    expect(isCallDeadlineError(new Error('wrapped', { cause: cut }))).toBe(true);
    expect(isCallDeadlineError(Object.assign(new Error('socket'), { name: 'TimeoutError' }))).toBe(false);
    expect(isCallDeadlineError('TimeoutError')).toBe(false);
  });
});
