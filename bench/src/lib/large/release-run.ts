import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { runAction, seedServices, type SimHandle } from '@ecs-delivery/testkit';
import { MANIFEST_FILE, serviceNames, splitIntoWaves, writeReleaseManifest } from './manifest';
import { createActionProbe } from './probe';
import { summariseProfile, type ProfileSummary } from './cpu-profile';

export interface ReleaseShape {
  services: number;
  waves: number;
  /** Share of ECS calls the simulator throttles (0: none). */
  throttle?: number;
  /** Write and summarise a CPU profile of the action process. */
  profile?: boolean;
}

/** One manifest release, measured. */
export interface ReleaseMeasure {
  /** The main step, from the process start to its end. */
  wallMs: number;
  /** AWS calls the simulator answered during the run (main and post step), all services. */
  calls: number;
  /** The calls by `service:Action`. */
  byAction: Record<string, number>;
  /** Those throttled. */
  throttled: number;
  /** RSS high-water mark of the main step's process. */
  peakRssBytes: number | undefined;
  /** CPU time (user and system) of the main step's process: unlike the wall time, not lengthened by load. */
  cpuMs: number | undefined;
  /** Time the simulator's process (this one) was busy during the run: its own share of the wall time. */
  simBusyMs: number;
  outcome: string | undefined;
  profile?: ProfileSummary;
}

function countBy(keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/** Seeds `services` steady services on tags v1 (running) and v2 (to deploy). */
export async function seedRelease(sim: SimHandle, services: number): Promise<void> {
  await sim.reset();
  await seedServices(
    sim,
    serviceNames(services).map((name) => ({ name, tags: ['v1', 'v2'] })),
  );
}

/**
 * Deploys v2 of every seeded service with deploy-ecs and a manifest rolling them out in `waves` waves, and
 * measures the run. The simulator must hold the services ({@link seedRelease}) and nothing of an earlier run.
 */
export async function measureRelease(sim: SimHandle, shape: ReleaseShape): Promise<ReleaseMeasure> {
  const waves = splitIntoWaves(serviceNames(shape.services), shape.waves);
  const workspace = writeReleaseManifest(waves);
  const probe = createActionProbe({ profile: shape.profile === true });
  if ((shape.throttle ?? 0) > 0) await sim.scenario([{ api: 'ecs:*', fault: { throttle: shape.throttle } }]);
  const since = Date.now();
  const before = performance.eventLoopUtilization();
  try {
    const run = await runAction('deploy-ecs', {
      sim,
      cwd: workspace,
      timeoutMs: 600_000,
      env: probe.env,
      // The all-powerful static keys: the simulator does not evaluate IAM policies, only the action's calls.
      iamPolicy: false,
      inputs: { manifest: MANIFEST_FILE, environment: 'bench', 'image-tag': 'v2' },
    });
    const elu = performance.eventLoopUtilization(before);
    const calls = await sim.calls({ since });
    const profiles = probe.profiles();
    // The main step's profile is the first written (the post step's follows it).
    const profile =
      shape.profile === true && profiles[0] !== undefined ? summariseProfile(profiles.sort()[0]!) : undefined;
    if (run.outputs.outcome !== 'succeeded')
      throw new Error(
        `the release of ${shape.services} services ended ${run.outputs.outcome ?? 'without an outcome'}:\n${run.log.slice(-4000)}`,
      );
    return {
      wallMs: run.mainMs,
      calls: calls.length,
      byAction: countBy(calls.map((c) => `${c.service}:${c.action}`)),
      throttled: calls.filter((c) => c.errorCode === 'ThrottlingException').length,
      peakRssBytes: probe.usage()?.peakRss,
      cpuMs: probe.usage()?.cpuMs,
      simBusyMs: elu.active,
      outcome: run.outputs.outcome,
      ...(profile !== undefined ? { profile } : {}),
    };
  } finally {
    if ((shape.throttle ?? 0) > 0) await sim.clearScenario();
    rmSync(workspace, { recursive: true, force: true });
  }
}
