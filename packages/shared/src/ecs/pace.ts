import type { Service } from '@aws-sdk/client-ecs';

/**
 * When the watch looks next: rarely while nothing can finish yet, every {@link FAST_MS} when a transition is due,
 * so a verdict comes within half a second of ECS's at few calls.
 *
 * What can finish when comes from the service's own history: ECS names each deployment it completed in an event
 * (`(service web) (deployment ecs-svc/1) deployment completed.`), and the deployment a new one replaces is still
 * listed, with its `createdAt`, while its tasks drain. How long that deployment took is how long this one is
 * expected to take (the same service, cluster, load balancer and, mostly, the same image layers): the watch looks
 * a few times on the way (a failure can come any time), then fast from just before the expected finish until a
 * while after it. Without a history (a new service, events gone), or once the expectation has passed: every 2–3 s
 * while tasks start, every second once they all run (a verdict within a second), fast while tasks fail.
 */

/** The wait while a transition can come any moment: the most a verdict lags behind ECS. */
export const FAST_MS = 400;

/** A history shorter than this is no history (a service created steady, or seeded). */
const MIN_EXPECTED_MS = 2_000;

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

const COMPLETED = /\(deployment ([^)\s]+)\) deployment completed\./;

/**
 * How long the deployment that `deploymentId` replaced took, from its creation to ECS's "deployment completed"
 * event, when the service still lists it and its event; `undefined` otherwise.
 */
export function learnExpectedMs(service: Service | undefined, deploymentId: string): number | undefined {
  if (service === undefined) return undefined;
  const completed = new Map<string, number>();
  for (const e of service.events ?? []) {
    const id = COMPLETED.exec(e.message ?? '')?.[1];
    const at = e.createdAt?.getTime();
    // Events are newest first: the first one of a deployment is its last completion.
    if (id !== undefined && at !== undefined && !completed.has(id)) completed.set(id, at);
  }
  // The newest deployment other than this one that completed: the one this deployment replaces.
  const earlier = (service.deployments ?? [])
    .filter((d) => d.id !== deploymentId && d.id !== undefined && completed.has(d.id))
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  for (const d of earlier) {
    const created = d.createdAt?.getTime();
    if (created === undefined) continue;
    const took = completed.get(d.id!)! - created;
    if (took >= MIN_EXPECTED_MS) return took;
  }
  return undefined;
}

/** What the pace of one deployment's looks depends on. */
export interface PaceInput {
  now: number;
  /** When the deployment being followed (ours, or ECS's rollback of it) was created (epoch ms). */
  startedAt: number | undefined;
  /** How long it is expected to take (see {@link learnExpectedMs}). */
  expectedMs: number | undefined;
  /** A transition can come any moment (see the `running` assessment). */
  due: boolean;
  /** …and it is the deployment completing (not a task failing). */
  settling: boolean;
  /** The wait without an expectation while nothing is due (2–3 s, growing while nothing changes). */
  slowMs: number;
  /** The wait while a transition is due (default {@link FAST_MS}). */
  fastMs?: number;
  /** When a failure that decides the verdict is expected (a crash loop's last crash, the breaker's last failure). */
  decisiveAt?: number | undefined;
  /** Tasks of the deployment failed or crashed: more may, so the looks on the way come closer together. */
  troubled?: boolean;
}

/** The wait while a deployment without a history settles. */
const SETTLING_UNPACED_MS = 1_000;

/** The longest wait on the way to an expected finish once tasks of the deployment failed. */
const TROUBLED_MS = 5_000;

/** How long before and after a predicted decisive moment the watch looks fast. */
export const DECISIVE_LEAD_MS = 1_000;
export const DECISIVE_GRACE_MS = 5_000;

/** The window around an expected finish in which the watch looks fast: [from, until]. */
export function expectedWindow(startedAt: number, expectedMs: number): { from: number; until: number } {
  const eta = startedAt + expectedMs;
  return {
    from: eta - clamp(expectedMs * 0.01, 500, 3_000),
    until: eta + clamp(expectedMs * 0.1, 3_000, 60_000),
  };
}

/** How long to wait before looking at this deployment again (ms). */
export function nextLookIn(p: PaceInput): number {
  const fast = p.fastMs ?? FAST_MS;
  const wait = pacedByHistory(p, fast);
  if (p.decisiveAt === undefined || p.now > p.decisiveAt + DECISIVE_GRACE_MS) return wait;
  const from = p.decisiveAt - DECISIVE_LEAD_MS;
  return p.now >= from ? fast : Math.max(fast, Math.min(wait, from - p.now));
}

/**
 * Without a history: slow while nothing is due; every second while the deployment settles (when ECS completes it
 * is anyone's guess: seconds to a minute), fast while tasks fail.
 */
function unpaced(p: PaceInput, fast: number): number {
  if (!p.due) return p.slowMs;
  return p.settling ? Math.max(fast, SETTLING_UNPACED_MS) : fast;
}

function pacedByHistory(p: PaceInput, fast: number): number {
  const failing = p.due && !p.settling;
  if (failing) return fast;
  if (p.expectedMs === undefined || p.startedAt === undefined) return unpaced(p, fast);
  const { from, until } = expectedWindow(p.startedAt, p.expectedMs);
  if (p.now >= until) return unpaced(p, fast); // the expectation passed: no history to go by
  if (p.now >= from) return fast;
  // Before the expected finish: a look half-way (a failure can come any time), more on a long rollout, landing on
  // the window; closer together once every task runs (this deployment may be quicker than the last) or tasks fail.
  const cap = p.troubled === true ? TROUBLED_MS : clamp(p.expectedMs / 2, TROUBLED_MS, 60_000);
  return Math.max(fast, Math.min(from - p.now, p.settling ? cap / 4 : cap));
}
