import { startSim, type SimHandle } from '@ecs-delivery/testkit';
import { measureRelease, seedRelease, type ReleaseMeasure, type ReleaseShape } from './lib/large/release-run';
import { median, spread, type BenchOptions, type Figure, type Section } from './table';

/**
 * Large releases: one deploy-ecs manifest release of 1 to 200 services, in one wave and in five, beside
 * single-service deploys measured in the same run. Wall time (as a ratio to the slowest single service), AWS
 * calls per service, the action's peak memory, and the same under throttling.
 */

/** The simulator's clock runs this many times real time: a Fargate rollout of about a minute takes seconds. */
const TIME_SCALE = 10;
/** Share of ECS calls throttled in the throttled runs. */
const THROTTLE = 0.2;
/** Wall-time targets of one wave, as a ratio to the slowest single service. */
const TARGETS: Record<number, number> = { 50: 1.2, 200: 1.3 };

const ratio = (n: number): string => `${n.toFixed(2)}×`;
const perService = (n: number): string => n.toFixed(1);
const mib = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MiB`;
const pct = (n: number): string => `${(n * 100).toFixed(0)} %`;

async function repeat(sim: SimHandle, shape: ReleaseShape, runs: number): Promise<ReleaseMeasure[]> {
  const out: ReleaseMeasure[] = [];
  for (let i = 0; i < runs; i++) {
    await seedRelease(sim, shape.services);
    out.push(await measureRelease(sim, shape));
  }
  return out;
}

function label(shape: ReleaseShape): string {
  const waves = shape.waves === 1 ? 'one wave' : `${shape.waves} waves`;
  return `${shape.services} service${shape.services === 1 ? '' : 's'}, ${waves}${shape.throttle ? `, ${pct(shape.throttle)} throttled` : ''}`;
}

export async function measure(options: BenchOptions): Promise<Section> {
  const sizes = options.quick ? [1, 10, 50] : [1, 10, 50, 200];
  const singleRuns = Math.max(3, options.runs);
  const sim = await startSim({ timeScale: TIME_SCALE });
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    const singles = await repeat(sim, { services: 1, waves: 1 }, singleRuns);
    const slowest = Math.max(...singles.map((m) => m.wallMs));
    notes.push(
      `simulator clock ×${TIME_SCALE}; one service deploys in ${spread(
        singles.map((m) => m.wallMs / 1000),
        (n) => `${n.toFixed(1)} s`,
      )} (${singleRuns} runs): ratios are to the slowest, ${(slowest / 1000).toFixed(1)} s`,
    );
    const shapes: ReleaseShape[] = [];
    for (const waves of [1, 5])
      for (const services of sizes) if (services >= waves) shapes.push({ services, waves });
    for (const services of sizes) if (services >= 10) shapes.push({ services, waves: 1, throttle: THROTTLE });
    for (const shape of shapes) {
      const runs =
        shape.services === 1 && shape.waves === 1 && !shape.throttle
          ? singles
          : await repeat(sim, shape, options.runs);
      const walls = runs.map((m) => m.wallMs / (slowest * shape.waves));
      const target = shape.throttle ? undefined : TARGETS[shape.services];
      figures.push({
        name: `${label(shape)}: wall time (× ${shape.waves === 1 ? 'one service' : `${shape.waves} × one service`})`,
        value: spread(walls, ratio),
        ...(target !== undefined ? { target: `≤ ${target}×`, met: median(walls) <= target } : {}),
      });
      figures.push({
        name: `${label(shape)}: API calls per service`,
        value: spread(
          runs.map((m) => m.calls / shape.services),
          perService,
        ),
      });
      if (shape.throttle)
        figures.push({
          name: `${label(shape)}: calls throttled`,
          value: spread(
            runs.map((m) => m.throttled / Math.max(1, m.calls)),
            pct,
          ),
        });
      const rss = runs.flatMap((m) => (m.peakRssBytes === undefined ? [] : [m.peakRssBytes]));
      figures.push({ name: `${label(shape)}: peak RSS of the action`, value: spread(rss, mib) });
      notes.push(
        `${label(shape)}: the simulator was busy ${pct(median(runs.map((m) => m.simBusyMs / m.wallMs)))} of the wall time`,
      );
    }
  } finally {
    await sim.stop();
  }
  notes.push(
    "wall time is the main step of deploy-ecs (its process, start to end); calls are every AWS call the simulator answered during the run, post step included; peak RSS is the main step process's high-water mark",
  );
  return { title: 'Large releases (deploy-ecs manifest, one wave and five)', figures, notes };
}
