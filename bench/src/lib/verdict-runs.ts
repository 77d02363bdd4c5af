import type { ServiceDeployment, Task } from '@aws-sdk/client-ecs';
import type { ScenarioRule } from '@ecs-delivery/sim';
import { seedServices, type ServiceSeed, type SimHandle } from '@ecs-delivery/testkit';
import { latestServiceDeployment, tasksOfService, tasksStartedBy } from './ecs-timeline';
import { deployInputs, expectOutcome, firstCall, runDeployEcs, type TimedRun } from './run-deploy';
import { clockOffset, realTimeOf, withSim } from './sim';

/**
 * One deploy at real time whose outcome hangs on a transition ECS makes, and the real times of both: when the
 * transition happened (the simulator's own timestamp, mapped to real time) and when the action had exited.
 */
export interface VerdictRun {
  timed: TimedRun;
  /** Named transitions → real epoch ms. */
  transitions: Record<string, number>;
}

export interface VerdictCase {
  /** The service as seeded (`tags[1]` is what is deployed). */
  seed: ServiceSeed;
  rules: ScenarioRule[];
  /** Extra deploy-ecs inputs. */
  inputs?: Record<string, string>;
  /** The outcome the run must end with, or the figures mean nothing. */
  outcome: string;
  /** Reads the transitions (simulator timestamps, epoch ms) once the run is over. */
  transitions: (sim: SimHandle, timed: TimedRun) => Promise<Record<string, number>>;
}

/** Seeds a fresh simulator at time scale 1, runs deploy-ecs on the case and reads its transitions. */
export async function runVerdictCase(c: VerdictCase): Promise<VerdictRun> {
  return withSim(async (sim) => {
    await seedServices(sim, [c.seed]);
    await sim.scenario(c.rules);
    const offset = await clockOffset(sim);
    const timed = await runDeployEcs(sim, deployInputs(sim, c.seed.name, c.seed.tags[1]!, c.inputs));
    expectOutcome(timed, c.outcome, `${c.seed.name}: ${JSON.stringify(c.rules)}`);
    const simTimes = await c.transitions(sim, timed);
    const transitions: Record<string, number> = {};
    for (const [name, t] of Object.entries(simTimes)) transitions[name] = realTimeOf(t, offset);
    return { timed, transitions };
  });
}

const required = (value: Date | undefined, what: string): number => {
  if (value === undefined) throw new Error(`${what} is not set`);
  return value.getTime();
};

/** ServiceDeployment finishedAt: SUCCESSFUL (the deployment COMPLETED) or ROLLBACK_SUCCESSFUL. */
export async function finishedAt(sim: SimHandle, service: string): Promise<number> {
  const sd = await latestServiceDeployment(sim, service);
  return required(sd.finishedAt, `${service}'s service deployment finishedAt (${sd.status ?? '?'})`);
}

/** The circuit breaker's trip (the ServiceDeployment's rollback startedAt) and ECS's rollback's end (finishedAt). */
export async function breakerTimes(
  sim: SimHandle,
  service: string,
): Promise<{ tripped: number; rolledBack: number; sd: ServiceDeployment }> {
  const sd = await latestServiceDeployment(sim, service);
  return {
    tripped: required(sd.rollback?.startedAt, `${service}'s rollback startedAt`),
    rolledBack: required(sd.finishedAt, `${service}'s rollback finishedAt (${sd.status ?? '?'})`),
    sd,
  };
}

/** ECS's default circuit breaker threshold: half the desired count, at least 3, at most 200. */
export const defaultThreshold = (desiredCount: number): number =>
  Math.min(200, Math.max(3, Math.ceil(desiredCount * 0.5)));

/**
 * The moment the crash-loop guard (packages/shared/src/ecs/crash-loop.ts) can first give its verdict: it counts
 * the deployment's tasks whose essential container exited (stopCode EssentialContainerExited, startedBy the
 * deployment: here the service's tasks of the new definition) and fails the deployment once their number reaches the circuit breaker's threshold (the
 * ServiceDeployment's, else ECS's default). ECS shows a task's stopCode from its `stoppingAt`, so the transition
 * is the `stoppingAt` of the threshold-th such task in stop order (its `stoppedAt` follows 3 s later).
 */
export async function crashThresholdCrossed(
  sim: SimHandle,
  service: string,
  taskDefinitionArn: string,
): Promise<{ crossed: number; threshold: number; crashed: Task[] }> {
  const sd = await latestServiceDeployment(sim, service);
  const threshold =
    sd.deploymentCircuitBreaker?.threshold ??
    defaultThreshold(sd.targetServiceRevision?.requestedTaskCount ?? 2);
  // The deployment's tasks: the service's tasks of the definition it deploys (one deployment in this case).
  const crashed = (await tasksOfService(sim, service))
    .filter((t) => t.taskDefinitionArn === taskDefinitionArn && t.startedBy?.startsWith('ecs-svc/') === true)
    .filter((t) => t.stopCode === 'EssentialContainerExited' && t.stoppingAt !== undefined)
    .sort((a, b) => a.stoppingAt!.getTime() - b.stoppingAt!.getTime());
  const nth = crashed[threshold - 1];
  if (nth === undefined)
    throw new Error(`only ${crashed.length} tasks crashed, under the threshold ${threshold}`);
  return { crossed: nth.stoppingAt!.getTime(), threshold, crashed };
}

/** The one-off tasks deploy-ecs ran (startedBy `ecs-delivery`), newest first. */
export async function oneOffTasks(sim: SimHandle): Promise<Task[]> {
  return (await tasksStartedBy(sim, 'ecs-delivery')).sort(
    (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
  );
}

/**
 * When the migration's container exited: the newest one-off task's `executionStoppedAt` (ECS calls the task
 * STOPPED seconds later, at its `stoppedAt`).
 */
export async function migrationExitedAt(sim: SimHandle): Promise<number> {
  const [task] = await oneOffTasks(sim);
  return required(task?.executionStoppedAt, 'the migration task executionStoppedAt');
}

/** Real epoch ms ECS answered the run's first `service:Action` call. */
export function callTime(timed: TimedRun, action: string): number {
  const call = firstCall(timed.calls, action);
  if (call === undefined) throw new Error(`the run made no ${action} call`);
  return call.realTime;
}
