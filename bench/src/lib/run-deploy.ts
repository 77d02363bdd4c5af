import type { CallRecord } from '@ecs-delivery/sim';
import { CLUSTER, runAction, uriOf, type ActionRun, type SimHandle } from '@ecs-delivery/testkit';
import { actionDir } from './repo';
import { callsBetween } from './sim';

export interface TimedRun {
  run: ActionRun;
  /** Real epoch ms just before the step was started. */
  startedAt: number;
  /**
   * Real epoch ms when the action's process had ended, as the bench sees it: `runAction` returns once main's
   * process closed (the post step is off, and nothing but reading the step's files happens after).
   */
  exitedAt: number;
  /** The AWS calls the simulator answered between start and exit: the action's (it is alone on the simulator). */
  calls: CallRecord[];
}

export interface RunDeployOptions {
  /** Longest the step may take (ms); default 5 minutes. */
  timeoutMs?: number;
  /** Echo the action's log to stderr. */
  echo?: boolean;
}

/**
 * Runs the built deploy-ecs (actions/deploy-ecs/dist) as the GitHub runner does, against `sim`, with `inputs`
 * (by their action.yml names), and times it. The static `test` keys are used (the documented IAM policy would
 * add an STS session before the step, and its check a call after it).
 */
export async function runDeployEcs(
  sim: SimHandle,
  inputs: Record<string, string>,
  options: RunDeployOptions = {},
): Promise<TimedRun> {
  const startedAt = Date.now();
  const run = await runAction(
    { dir: actionDir('deploy-ecs') },
    {
      sim,
      inputs,
      post: false,
      iamPolicy: false,
      timeoutMs: options.timeoutMs ?? 300_000,
      ...(options.echo === true ? { echo: true } : {}),
    },
  );
  const exitedAt = Date.now();
  return { run, startedAt, exitedAt, calls: await callsBetween(sim, startedAt, exitedAt) };
}

/** deploy-ecs's inputs for one service of the `shop` cluster on `tag` of its repository `shop/<service>`. */
export function deployInputs(
  sim: SimHandle,
  service: string,
  tag: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    cluster: CLUSTER,
    service,
    images: `${service}=${uriOf(sim, `shop/${service}`)}:${tag}`,
    ...extra,
  };
}

/** The first call of `service:Action` in a run, or undefined. */
export function firstCall(calls: readonly CallRecord[], action: string): CallRecord | undefined {
  return calls.find((c) => `${c.service}:${c.action}` === action);
}

/** Fails loudly when a run did not end the way the measurement needs (its figures would mean nothing). */
export function expectOutcome(timed: TimedRun, outcome: string, what: string): void {
  const got = timed.run.outputs.outcome;
  if (got !== outcome) {
    const tail = timed.run.log.split('\n').slice(-30).join('\n');
    throw new Error(
      `${what}: expected outcome ${outcome}, got ${got ?? '(none)'} (exit ${timed.run.exitCode})\n${tail}`,
    );
  }
}
