import type { SmokeReport } from '@ecs-delivery/shared/smoke';
import {
  ACCOUNT,
  CLUSTER,
  REGION,
  runAction,
  useSim as useEcsSim,
  type ActionRun,
  type RunActionOptions,
  type SimHandle,
  type StartSimOptions,
} from '@ecs-delivery/testkit';

export { ACCOUNT, CLUSTER, ecsOf, hostOf, REGION, seedImage, uriOf, visible } from '@ecs-delivery/testkit';

/** One simulator for a test file at 120×, reset before each test. */
export function useSim(options: StartSimOptions = {}): () => SimHandle {
  return useEcsSim({ timeScale: 120, ...options });
}

/** Services of cluster `shop`, each running `image` on `count` tasks, steady from the start. */
export async function seedServices(
  sim: SimHandle,
  services: Record<string, { image: string; count?: number }>,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const entries = Object.entries(services);
  await sim.seed({
    clusters: [CLUSTER],
    // The definitions are EC2's (no requiresCompatibilities): a rollout's new tasks need instances with room.
    containerInstances: [{ cluster: CLUSTER, count: 2 }],
    taskDefinitions: entries.map(([name, s]) => ({
      family: name,
      containerDefinitions: [{ name, image: s.image, essential: true, memory: 256 }],
    })),
    services: entries.map(([name, s]) => ({
      cluster: CLUSTER,
      serviceName: name,
      taskDefinition: name,
      desiredCount: s.count ?? 2,
    })),
    ...extra,
  });
}

/** How many requests the front of a service has answered from a task (what the simulator counts per service). */
export async function frontRequests(sim: SimHandle, service: string): Promise<number> {
  const state = (await sim.state()) as { fronts?: { cursors?: Record<string, number> } };
  return state.fronts?.cursors?.[`${ACCOUNT}/${REGION}/${CLUSTER}/${service}`] ?? 0;
}

/** Runs the bundled action with fast pacing unless the inputs say otherwise. */
export function smokeTest(
  sim: SimHandle,
  inputs: Record<string, string>,
  options: Omit<RunActionOptions, 'sim' | 'inputs'> = {},
): Promise<ActionRun> {
  return runAction('smoke-test', {
    sim,
    ...options,
    inputs: { interval: '100ms', timeout: '5s', 'healthy-for': '2', ...inputs },
  });
}

/** The `report` output, parsed. */
export function reportOf(run: ActionRun): SmokeReport {
  expect(run.outputs.report).toBeDefined();
  return JSON.parse(run.outputs.report!) as SmokeReport;
}
