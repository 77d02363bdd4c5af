import { AsyncLocalStorage } from 'node:async_hooks';
import { formatDuration } from '../inputs/duration';
import { systemClock, type Clock } from '../poll/clock';

/**
 * How far past its phase's deadline a call may run: the look a wait makes as its deadline arrives still gets
 * its answer, and one stuck since before is cut off soon after.
 */
export const CALL_GRACE_MS = 2000;

/**
 * What a cancelled run's own calls may take, counted from the cancel: the runner sends SIGTERM 7.5 s after its
 * SIGINT, and the run still has to save its state and report.
 */
export const CANCEL_GRACE_MS = 6000;

/** An AWS call cut off because the run's deadline for it passed (`TimeoutError`, as the SDK names timeouts). */
export class CallDeadlineError extends Error {
  constructor(allowedMs: number) {
    super(`No answer within the ${formatDuration(allowedMs)} the run had left for the call.`);
    this.name = 'TimeoutError';
  }
}

/**
 * Marks every CallDeadlineError, of any bundle's copy of this class: the budget is made by an action's entry, and
 * its work, a bundle of its own (dist/run.js), sees the errors the entry's copy throws.
 */
const CALL_DEADLINE_ERROR = Symbol.for('ecs-delivery.CallDeadlineError');
Object.defineProperty(CallDeadlineError.prototype, CALL_DEADLINE_ERROR, { value: true });

/** Whether `err` (or what it wraps) is a call the budget cut off at its deadline. */
export function isCallDeadlineError(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (CALL_DEADLINE_ERROR in e) return true;
  }
  return false;
}

/** What limits the calls of one phase of a run. */
export interface CallLimits {
  /** Epoch ms on the clock when the phase ends: its calls are cut off {@link CALL_GRACE_MS} later. */
  deadline?: number | undefined;
  /**
   * Whether the run's cancellation aborts the calls at once (default: as the enclosing phase; at first, yes). A
   * call that is seen through a cancel is still cut off {@link CANCEL_GRACE_MS} after it, before the runner's
   * SIGTERM.
   */
  cancellable?: boolean | undefined;
}

interface Scope {
  /** When calls are cut off (epoch ms), if ever. */
  endBy: number | undefined;
  cancellable: boolean;
}

/**
 * How long the AWS calls of a run may take: every client an action makes asks it for the abort signal of each
 * call (see `createClient`). A call is aborted when the run is cancelled and when its phase's deadline has passed.
 *
 * Phases are scoped ({@link within}), not set: the watch of a deploy runs within its deadline, and the rollback a
 * failed or timed-out deploy owes runs within a deadline of its own, after the watch's passed; what a cancelled
 * run still owes (asking for its rollbacks, an UpdateService whose answer says what to roll back) runs
 * {@link afterCancel}, or with `cancellable: false`. Scopes follow the async calls made inside them, so services
 * deployed side by side each keep their own.
 */
export class CallBudget {
  private readonly scopes = new AsyncLocalStorage<Scope>();
  private cancelledAt: number | undefined;

  /** @param signal the run's cancellation (`ActionContext.signal`); none: the run is never cancelled. */
  constructor(
    readonly signal: AbortSignal = new AbortController().signal,
    private readonly clock: Clock = systemClock,
  ) {
    if (signal.aborted) this.cancelledAt = clock.now();
    else signal.addEventListener('abort', () => (this.cancelledAt = clock.now()), { once: true });
  }

  private scope(): Scope {
    return this.scopes.getStore() ?? { endBy: undefined, cancellable: true };
  }

  /**
   * Runs `work` with its calls limited so. A `deadline` replaces the enclosing one, later or earlier: a phase
   * gets its own budget.
   */
  within<T>(limits: CallLimits, work: () => Promise<T>): Promise<T> {
    const outer = this.scope();
    const endBy =
      'deadline' in limits
        ? limits.deadline === undefined
          ? undefined
          : limits.deadline + CALL_GRACE_MS
        : outer.endBy;
    return this.scopes.run({ endBy, cancellable: limits.cancellable ?? outer.cancellable }, work);
  }

  /**
   * Runs what a cancelled run still owes: its calls are not aborted by the cancel, and are cut off
   * {@link CANCEL_GRACE_MS} after it, before the runner's SIGTERM.
   */
  afterCancel<T>(work: () => Promise<T>): Promise<T> {
    const endBy = (this.cancelledAt ?? this.clock.now()) + CANCEL_GRACE_MS;
    return this.scopes.run({ endBy, cancellable: false }, work);
  }

  /**
   * Runs one call (an AWS call, a token request) within the budget: `call` gets the abort signal to pass on, and
   * the promise rejects with the signal's reason as soon as it aborts, whatever `call` is still waiting for.
   */
  call<T>(call: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
    const limit = this.callLimit();
    if (limit === undefined) return call(undefined);
    const { signal, release } = limit;
    if (signal.aborted) {
      release();
      return Promise.reject(signal.reason as Error);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      call(signal)
        .then(resolve, (err: unknown) => reject(signal.aborted ? (signal.reason as Error) : err))
        .finally(() => {
          signal.removeEventListener('abort', onAbort);
          release();
        });
    });
  }

  /**
   * The abort signal of one call starting now: aborted with the cancel's reason when the run is cancelled (in a
   * cancellable phase), with a {@link CallDeadlineError} when the phase's time is up. `undefined` when nothing
   * limits the call; else call `release` when the call has ended.
   */
  callLimit(): CallLimit | undefined {
    const { endBy, cancellable } = this.scope();
    const signals: AbortSignal[] = cancellable ? [this.signal] : [];
    const releases: (() => void)[] = [];
    if (endBy !== undefined) signals.push(this.cutOffAt(endBy, releases));
    // Seen through a cancel, but not past the runner's SIGTERM: the run must still save its state and report.
    if (!cancellable) {
      if (this.cancelledAt !== undefined)
        signals.push(this.cutOffAt(this.cancelledAt + CANCEL_GRACE_MS, releases));
      else signals.push(this.cutOffAfterCancel(releases));
    }
    if (signals.length === 0) return undefined;
    return {
      signal: signals.length === 1 ? signals[0]! : AbortSignal.any(signals),
      release: () => releases.forEach((release) => release()),
    };
  }

  /** A signal aborted with a {@link CallDeadlineError} at `endBy` (epoch ms on the clock). */
  private cutOffAt(endBy: number, releases: (() => void)[]): AbortSignal {
    const allowed = Math.max(0, endBy - this.clock.now());
    const controller = new AbortController();
    if (allowed === 0) controller.abort(new CallDeadlineError(0));
    else {
      const timer = setTimeout(() => controller.abort(new CallDeadlineError(allowed)), allowed);
      timer.unref();
      releases.push(() => clearTimeout(timer));
    }
    return controller.signal;
  }

  /** A signal aborted {@link CANCEL_GRACE_MS} after the run's cancel, should one come. */
  private cutOffAfterCancel(releases: (() => void)[]): AbortSignal {
    const controller = new AbortController();
    const arm = (): void => {
      const cut = this.cutOffAt((this.cancelledAt ?? this.clock.now()) + CANCEL_GRACE_MS, releases);
      if (cut.aborted) controller.abort(cut.reason);
      else cut.addEventListener('abort', () => controller.abort(cut.reason), { once: true });
    };
    this.signal.addEventListener('abort', arm, { once: true });
    releases.push(() => this.signal.removeEventListener('abort', arm));
    return controller.signal;
  }
}

/** The limit of one call: its abort signal, and `release` to call once it has ended (it frees the timer). */
export interface CallLimit {
  signal: AbortSignal;
  release: () => void;
}
