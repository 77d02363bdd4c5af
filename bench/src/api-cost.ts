import type { CallRecord } from '@ecs-delivery/sim';
import { deployWithFixedPoll, FIXED_POLL_SECONDS, type FixedPollRun } from './lib/fixed-poll';
import { count, countSpread, secondsSpread } from './lib/format';
import { measureDeploy, seedSlowRollout, type MeasuredDeploy } from './lib/rollout';
import { countByAction, formatCounts, isRead, withSim } from './lib/sim';
import { median, type BenchOptions, type Figure, type Section } from './table';

/**
 * API cost: the AWS calls deploy-ecs makes while ECS rolls a service out, against the official action's fixed
 * 15-second DescribeServices poll on the same rollout. Rollouts last 1, 5 and 15 minutes at real time; each
 * length runs on simulators of its own, all lengths at once, so the section takes about as long as the longest.
 */

const LENGTHS_MINUTES = [1, 5, 15] as const;
/** The 15-minute rollout bounds the section: shorter ones repeat while it runs. */
const SECTION_MINUTES = 15;

interface LengthResult {
  minutes: number;
  cold: MeasuredDeploy[];
  warm: MeasuredDeploy[];
  poll: FixedPollRun[];
}

const perMinute = (calls: number, rolloutMs: number): number => calls / (rolloutMs / 60_000);

/**
 * A rollout lasts its minutes plus part of one 15-s poll interval, a different part in each run (spread evenly
 * over the interval): the simulator's timings are whole seconds, and a rollout of exactly 60 s would end just as
 * the fixed poll looks, giving it a verdict lag no real rollout would.
 */
const offsetSeconds = (run: number, runs: number): number => (FIXED_POLL_SECONDS * (run + 0.5)) / runs;

async function measureLength(minutes: number, repeats: number): Promise<LengthResult> {
  const result: LengthResult = { minutes, cold: [], warm: [], poll: [] };
  for (let i = 0; i < repeats; i++) {
    const seconds = minutes * 60 + offsetSeconds(i, repeats);
    const timeoutMs = (seconds + 300) * 1000;
    await Promise.all([
      withSim(async (sim) => {
        const rollout = await seedSlowRollout(sim, { seconds });
        result.cold.push(await measureDeploy(sim, rollout, { timeoutMs }));
      }),
      withSim(async (sim) => {
        const rollout = await seedSlowRollout(sim, { seconds, warm: true });
        result.warm.push(await measureDeploy(sim, rollout, { timeoutMs }));
      }),
      withSim(async (sim) => {
        const rollout = await seedSlowRollout(sim, { seconds });
        result.poll.push(await deployWithFixedPoll(sim, rollout.service, rollout.tag));
      }),
    ]);
  }
  return result;
}

/** Median calls per action over runs, as `action n`. */
function medianBreakdown(runs: readonly (readonly CallRecord[])[]): string {
  const actions = new Set(runs.flatMap((calls) => [...countByAction(calls).keys()]));
  const medians = new Map<string, number>();
  for (const action of actions)
    medians.set(action, median(runs.map((calls) => countByAction(calls).get(action) ?? 0)));
  return formatCounts(new Map([...medians].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))));
}

function figuresOf(r: LengthResult): { figures: Figure[]; notes: string[] } {
  const label = `${r.minutes}-min rollout`;
  const pollCalls = median(r.poll.map((p) => p.rolloutCalls.length));
  const ours = (runs: MeasuredDeploy[]): string => {
    const calls = runs.map((m) => m.rolloutCalls.length);
    const rate = runs.map((m) => perMinute(m.rolloutCalls.length, m.rolloutMs));
    return `${countSpread(calls)} calls · ${countSpread(rate.map((x) => Math.round(x * 10) / 10))}/service-min`;
  };
  const within = (runs: MeasuredDeploy[]): boolean =>
    median(runs.map((m) => m.rolloutCalls.length)) <= pollCalls;
  const target = `≤ ${count(pollCalls)} (15-s poll)`;
  const reads = (runs: readonly { rolloutCalls: CallRecord[] }[]): string =>
    countSpread(runs.map((m) => m.rolloutCalls.filter(isRead).length));
  const figures: Figure[] = [
    {
      name: `${label}: ECS rollout length`,
      value: secondsSpread([...r.cold, ...r.warm, ...r.poll].map((m) => m.rolloutMs)),
    },
    { name: `${label}: deploy-ecs calls, cold service`, value: ours(r.cold), target, met: within(r.cold) },
    { name: `${label}: deploy-ecs calls, warm service`, value: ours(r.warm), target, met: within(r.warm) },
    {
      name: `${label}: 15-s poll calls`,
      value: `${countSpread(r.poll.map((p) => p.rolloutCalls.length))} calls · ${countSpread(
        r.poll.map((p) => Math.round(perMinute(p.rolloutCalls.length, p.rolloutMs) * 10) / 10),
      )}/service-min`,
    },
    {
      name: `${label}: reads, watch (cold · warm) vs poll`,
      value: `${reads(r.cold)} · ${reads(r.warm)} vs ${reads(r.poll)} DescribeServices`,
    },
    {
      name: `${label}: verdict lag (cold · warm · poll)`,
      value: [r.cold, r.warm, r.poll]
        .map((runs) => secondsSpread(runs.map((m) => m.verdictLagMs)))
        .join(' · '),
    },
  ];
  const notes = [
    `${label}, deploy-ecs cold, UpdateService→exit: ${medianBreakdown(r.cold.map((m) => m.rolloutCalls))}`,
    `${label}, deploy-ecs cold, whole run: ${medianBreakdown(r.cold.map((m) => m.timed.calls))}`,
    `${label}, deploy-ecs warm, UpdateService→exit: ${medianBreakdown(r.warm.map((m) => m.rolloutCalls))}`,
    `${label}, 15-s poll, UpdateService→return: ${medianBreakdown(r.poll.map((p) => p.rolloutCalls))}`,
  ];
  return { figures, notes };
}

export async function measure(options: BenchOptions): Promise<Section> {
  // ECS_DELIVERY_BENCH_API_LENGTHS=1,5: only those rollout lengths (minutes).
  const chosen = process.env.ECS_DELIVERY_BENCH_API_LENGTHS?.split(',').map(Number);
  const lengths = chosen ?? (options.quick ? [LENGTHS_MINUTES[0]] : [...LENGTHS_MINUTES]);
  const repeatsOf = (minutes: number): number =>
    options.quick ? 1 : Math.max(1, Math.min(options.runs, Math.floor(SECTION_MINUTES / minutes)));
  const results = await Promise.all(lengths.map((m) => measureLength(m, repeatsOf(m))));
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const r of results) {
    const out = figuresOf(r);
    figures.push(...out.figures);
    notes.push(...out.notes);
  }
  notes.unshift(
    "calls: AWS calls the simulator answered from UpdateService to the exit (deploy-ecs) or to the waiter's return (poll), UpdateService included",
    'per service-minute: those calls ÷ the ECS rollout length (ServiceDeployment createdAt → finishedAt, in minutes)',
    `15-s poll: RegisterTaskDefinition, DescribeServices, UpdateService, then waitUntilServicesStable every ${FIXED_POLL_SECONDS} s (the official deploy action's waiter)`,
    'cold: the service has only the deployment it was created with; warm: a first deploy by deploy-ecs ran before the measured one',
    "verdict lag: ServiceDeployment finishedAt (the simulator's timestamp) → the exit; reads: Describe*, List*, Get* calls",
    `rollout length: the minutes plus ${FIXED_POLL_SECONDS} × (i + ½) / runs s in run i, so the fixed poll's looks fall at different points of the rollout's end`,
    `runs per length: ${results.map((r) => `${r.minutes} min × ${r.cold.length}`).join(', ')} (each run: cold, warm and poll at once, on simulators of their own)`,
  );
  return { title: 'API cost (calls per service-minute of rollout)', figures, notes };
}
