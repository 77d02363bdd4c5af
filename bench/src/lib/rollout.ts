import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import type { CallRecord } from '@ecs-delivery/sim';
import { seedServices, type SimHandle } from '@ecs-delivery/testkit';
import { latestServiceDeployment } from './ecs-timeline';
import { deployInputs, expectOutcome, firstCall, runDeployEcs, type TimedRun } from './run-deploy';
import { clockOffset, realTimeOf } from './sim';

/**
 * Rollouts of a chosen length on a simulator at real time: a service of the `shop` cluster whose new image's
 * tasks spend a while in PENDING (the scenario's `startSeconds`, as a slow image pull and start would), so ECS's
 * deployment takes that long before it completes.
 */

/**
 * What a rollout takes besides the new tasks' start: the simulator's provisioning (3 s) and the time a healthy task
 * must stay up before its deployment counts it (10 s).
 */
export const ROLLOUT_OVERHEAD_SECONDS = 13;

export interface SlowRollout {
  service: string;
  /** The tag a deploy of the measured rollout goes to. */
  tag: string;
  /** The scenario's start time of the new tasks (s). */
  startSeconds: number;
}

/**
 * Seeds the service `service` (two tasks, circuit breaker on) so a deploy of the returned tag lasts about
 * `seconds`. `warm`: a first deploy, as slow, runs before, so the service has a completed deployment history as
 * users' services do (their deploys take about as long each time); a cold service has only the one it was created
 * with.
 */
export async function seedSlowRollout(
  sim: SimHandle,
  options: { service?: string; seconds: number; warm?: boolean; desiredCount?: number },
): Promise<SlowRollout> {
  const service = options.service ?? 'web';
  await seedServices(sim, [
    {
      name: service,
      tags: ['v1', 'v2', 'v3'],
      ...(options.desiredCount !== undefined ? { desiredCount: options.desiredCount } : {}),
    },
  ]);
  const tag = options.warm === true ? 'v3' : 'v2';
  const startSeconds = Math.max(0, options.seconds - ROLLOUT_OVERHEAD_SECONDS);
  await sim.scenario([
    { image: `*/shop/${service}:v2`, task: { startSeconds } },
    { image: `*/shop/${service}:v3`, task: { startSeconds } },
  ]);
  if (options.warm === true) {
    const first = await runDeployEcs(sim, deployInputs(sim, service, 'v2'), {
      timeoutMs: (options.seconds + 120) * 1000,
    });
    expectOutcome(first, 'succeeded', `the warm-up deploy of ${service}`);
  }
  return { service, tag, startSeconds };
}

/** A deploy measured against the ECS deployment it started. */
export interface MeasuredDeploy {
  /** The calls of the run, its start and its exit (real epoch ms). */
  timed: TimedRun;
  /** The ServiceDeployment the run started, as ECS shows it after the run. */
  serviceDeployment: ServiceDeployment;
  /** Real epoch ms ECS answered UpdateService (the rollout began), and when the ServiceDeployment finished. */
  updatedAt: number;
  finishedAt: number;
  /** The calls from UpdateService to the exit, UpdateService included. */
  rolloutCalls: CallRecord[];
  /** The ServiceDeployment's createdAt → finishedAt (ms): how long ECS's rollout took. */
  rolloutMs: number;
  /** The ServiceDeployment's finishedAt → the action's exit (ms). */
  verdictLagMs: number;
}

/** Runs deploy-ecs to `rollout.tag` and relates its calls and exit to ECS's deployment. */
export async function measureDeploy(
  sim: SimHandle,
  rollout: Pick<SlowRollout, 'service' | 'tag'>,
  options: { timeoutMs?: number; inputs?: Record<string, string> } = {},
): Promise<MeasuredDeploy> {
  const offset = await clockOffset(sim);
  const timed = await runDeployEcs(sim, deployInputs(sim, rollout.service, rollout.tag, options.inputs), {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  expectOutcome(timed, 'succeeded', `the deploy of ${rollout.service}:${rollout.tag}`);
  const sd = await latestServiceDeployment(sim, rollout.service);
  return relate(timed, sd, offset);
}

/** Relates a run's calls and exit to the ServiceDeployment it started (at time scale 1, `offset` from clockOffset). */
export function relate(timed: TimedRun, sd: ServiceDeployment, offset: number): MeasuredDeploy {
  const update = firstCall(timed.calls, 'ecs:UpdateService');
  if (update === undefined) throw new Error('the run made no UpdateService call');
  if (sd.createdAt === undefined || sd.finishedAt === undefined)
    throw new Error(
      `service deployment ${sd.serviceDeploymentArn ?? '?'} has not finished (${sd.status ?? '?'})`,
    );
  const finishedAt = realTimeOf(sd.finishedAt, offset);
  return {
    timed,
    serviceDeployment: sd,
    updatedAt: update.realTime,
    finishedAt,
    rolloutCalls: timed.calls.filter((c) => c.realTime >= update.realTime),
    rolloutMs: sd.finishedAt.getTime() - sd.createdAt.getTime(),
    verdictLagMs: timed.exitedAt - finishedAt,
  };
}
