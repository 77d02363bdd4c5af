import type { CallRecord } from '@ecs-delivery/sim';
import { startSim, type SimHandle } from '@ecs-delivery/testkit';

/**
 * A simulator for one measurement: started in this process on a free port, at real time unless told otherwise
 * (a rollout then takes as long as on ECS, and so does every wait of the action), stopped by `stop()`.
 */
export async function startBenchSim(timeScale = 1): Promise<SimHandle> {
  return startSim({ timeScale });
}

/** Runs `use` with a fresh simulator, stopped afterwards whatever happens. */
export async function withSim<T>(use: (sim: SimHandle) => Promise<T>, timeScale = 1): Promise<T> {
  const sim = await startBenchSim(timeScale);
  try {
    return await use(sim);
  } finally {
    await sim.stop();
  }
}

/**
 * How far the simulator's clock is ahead of this process's (ms): a simulator timestamp minus this offset is the
 * real time it happened. Read once per simulator at time scale 1 (the offset then never changes); the clock
 * answer carries milliseconds, and the midpoint of the request bounds the error by half its round trip.
 */
export async function clockOffset(sim: SimHandle): Promise<number> {
  const before = Date.now();
  const { now } = await sim.clock();
  const after = Date.now();
  return Date.parse(now) - (before + after) / 2;
}

/** The real time (epoch ms) of a simulator timestamp, given the simulator's {@link clockOffset}. */
export const realTimeOf = (simTime: Date | number, offset: number): number =>
  (typeof simTime === 'number' ? simTime : simTime.getTime()) - offset;

/**
 * The AWS calls the simulator recorded whose answer was sent in [from, to] (real epoch ms): with one caller on
 * the simulator in that window, the calls of that caller. GitHub API calls are not AWS calls and are left out.
 */
export async function callsBetween(sim: SimHandle, from: number, to: number): Promise<CallRecord[]> {
  const calls = await sim.calls({ since: from });
  return calls.filter((c) => c.realTime >= from && c.realTime <= to && c.service !== 'github');
}

/** `service:Action` → how many calls, most frequent first. */
export function countByAction(calls: readonly CallRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of calls)
    counts.set(`${c.service}:${c.action}`, (counts.get(`${c.service}:${c.action}`) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/** `ecs:DescribeServices 12 · ecs:UpdateService 1` */
export function formatCounts(counts: ReadonlyMap<string, number>): string {
  return [...counts].map(([action, n]) => `${action} ${n}`).join(' · ');
}

/** Describe*, List* and Get* calls: the reads a watch makes. */
export const isRead = (c: CallRecord): boolean => /^(Describe|List|Get)/.test(c.action);
