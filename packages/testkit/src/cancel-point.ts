import type { CallRecord } from '@ecs-delivery/sim';
import type { CallMark } from './iam-check';
import type { SimHandle } from './sim';

/**
 * Where a test cancels a run: once the simulator has answered a call (`service:Action` as its call log names it,
 * e.g. `ecs:UpdateService`; with `count`, the n-th such call of the run), or once main's log shows `log`; then
 * `afterMs` later (default 0). A call shows in the log when its answer is sent, so "during a call" is a call held
 * by a latency fault and a point on the call or line before it.
 */
export type CancelPoint =
  { call: string; count?: number; afterMs?: number } | { log: string | RegExp; afterMs?: number };

/** How often the simulator's call log is read while waiting for a call. */
const POLL_MS = 25;

/** Where the step is, as {@link reachCancelPoint} reads it. */
export interface RunProgress {
  simUrl: string;
  /** Calls before this mark are not the run's. */
  mark: CallMark;
  /** Main's log so far. */
  log: () => string;
  /** Aborted when the step has ended: the point was never reached. */
  stop: AbortSignal;
}

function wait(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stop.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    }
    stop.addEventListener('abort', done, { once: true });
  });
}

async function callsOf(simUrl: string, call: string, mark: CallMark): Promise<CallRecord[]> {
  const colon = call.indexOf(':');
  if (colon <= 0)
    throw new Error(`cancelAt.call must be service:Action, like ecs:UpdateService; got "${call}"`);
  const query = new URLSearchParams({
    service: call.slice(0, colon),
    action: call.slice(colon + 1),
    since: String(mark.since),
  });
  const res = await fetch(`${simUrl}/_sim/calls?${query.toString()}`);
  if (!res.ok) throw new Error(`simulator GET /_sim/calls answered ${res.status}`);
  return ((await res.json()) as CallRecord[]).filter((c) => !mark.before.has(c.requestId));
}

function seen(point: CancelPoint, progress: RunProgress): Promise<boolean> | boolean {
  if ('log' in point) {
    const log = progress.log();
    return typeof point.log === 'string' ? log.includes(point.log) : point.log.test(log);
  }
  return callsOf(progress.simUrl, point.call, progress.mark).then(
    (calls) => calls.length >= (point.count ?? 1),
  );
}

/**
 * Resolves `true` once the run has reached `point` (and `afterMs` more have passed), `false` when the step ended
 * first.
 */
export async function reachCancelPoint(point: CancelPoint, progress: RunProgress): Promise<boolean> {
  while (!progress.stop.aborted) {
    if (await seen(point, progress)) {
      await wait(point.afterMs ?? 0, progress.stop);
      return !progress.stop.aborted;
    }
    await wait(POLL_MS, progress.stop);
  }
  return false;
}

/**
 * Resolves once the simulator has answered `call` (`service:Action`) `count` times (default once) since `since`
 * (real epoch ms); rejects after `timeoutMs` (default 60 s).
 */
export async function whenCalled(
  sim: SimHandle,
  call: string,
  options: { since: number; count?: number; timeoutMs?: number },
): Promise<void> {
  const stop = AbortSignal.timeout(options.timeoutMs ?? 60_000);
  const point = { call, count: options.count ?? 1 };
  const progress = {
    simUrl: sim.url,
    mark: { since: options.since, before: new Set<string>() },
    log: () => '',
    stop,
  };
  if (!(await reachCancelPoint(point, progress))) {
    throw new Error(`the simulator did not see ${call} within ${options.timeoutMs ?? 60_000} ms`);
  }
}

/**
 * Holds every `api` call (a glob, as scenario rules take it) the simulator receives during the next `forMs`
 * for `latencyMs` each, as a stalled connection would, then lets new ones through again (the held ones stay held).
 */
export async function holdCalls(
  sim: SimHandle,
  api: string,
  options: { latencyMs: number; forMs: number },
): Promise<void> {
  await sim.scenario([{ api, fault: { latencyMs: options.latencyMs } }]);
  await new Promise((resolve) => setTimeout(resolve, options.forMs));
  await sim.scenario([{ api, fault: { latencyMs: 0 } }]);
}
