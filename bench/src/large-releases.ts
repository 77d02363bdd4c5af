import { cpus, loadavg } from 'node:os';
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

/** ECS_DELIVERY_BENCH_PROFILE=1: the action runs with --cpu-prof, and the notes say where its time went. */
const PROFILE = process.env.ECS_DELIVERY_BENCH_PROFILE === '1';

async function repeat(sim: SimHandle, shape: ReleaseShape, runs: number): Promise<ReleaseMeasure[]> {
  const out: ReleaseMeasure[] = [];
  for (let i = 0; i < runs; i++) {
    await seedRelease(sim, shape.services);
    out.push(await measureRelease(sim, { ...shape, profile: PROFILE }));
  }
  return out;
}

function profileNotes(shape: ReleaseShape, runs: readonly ReleaseMeasure[]): string[] {
  const p = runs[0]?.profile;
  const notes: string[] = [];
  const perService = Object.entries(runs[0]?.byAction ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([action, n]) => `${action} ${(n / shape.services).toFixed(2)}`);
  if (shape.services >= 50)
    notes.push(`${label(shape)}: calls per service by action: ${perService.join(', ')}`);
  if (p === undefined) return notes;
  const ms = (n: number): string => `${(n / 1000).toFixed(2)} s`;
  notes.push(
    `${label(shape)}: the action's CPU: ${ms(p.busyMs)} busy (${ms(p.gcMs)} GC) of ${ms(p.totalMs)}; most self time: ${p.top
      .map((t) => `${t.name} ${t.selfMs.toFixed(0)} ms`)
      .join('; ')}`,
  );
  return notes;
}

function label(shape: ReleaseShape): string {
  const waves = shape.waves === 1 ? 'one wave' : `${shape.waves} waves`;
  return `${shape.services} service${shape.services === 1 ? '' : 's'}, ${waves}${shape.throttle ? `, ${pct(shape.throttle)} throttled` : ''}`;
}

export async function measure(options: BenchOptions): Promise<Section> {
  // ECS_DELIVERY_BENCH_LARGE_SIZES=1,200: only those sizes (1 is always measured: the ratios need it).
  const chosen = process.env.ECS_DELIVERY_BENCH_LARGE_SIZES?.split(',').map(Number);
  const sizes = chosen ?? (options.quick ? [1, 10, 50] : [1, 10, 50, 200]);
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
      const cpu = runs.flatMap((m) => (m.cpuMs === undefined ? [] : [m.cpuMs / 1000]));
      figures.push({
        name: `${label(shape)}: CPU time of the action`,
        value: spread(cpu, (n) => `${n.toFixed(2)} s`),
      });
      notes.push(...profileNotes(shape, runs));
      notes.push(
        `${label(shape)}: the simulator was busy ${pct(median(runs.map((m) => m.simBusyMs / m.wallMs)))} of the wall time`,
      );
    }
  } finally {
    await sim.stop();
  }
  // What users feel: the same at real time, where a rollout takes as long as on ECS and the action's own work
  // weighs a tenth of what it does at ×10.
  const largest = Math.max(...sizes);
  const real = await startSim({ timeScale: 1 });
  try {
    const singlesReal = await repeat(real, { services: 1, waves: 1 }, Math.max(2, Math.min(3, options.runs)));
    const slowestReal = Math.max(...singlesReal.map((m) => m.wallMs));
    const runs = await repeat(
      real,
      { services: largest, waves: 1 },
      options.quick ? 1 : Math.min(3, options.runs),
    );
    const walls = runs.map((m) => m.wallMs / slowestReal);
    const target = TARGETS[largest];
    figures.push({
      name: `${largest} services, one wave, at real time: wall time (× one service)`,
      value: spread(walls, ratio),
      ...(target !== undefined ? { target: `≤ ${target}×`, met: median(walls) <= target } : {}),
    });
    figures.push({
      name: `${largest} services, one wave, at real time: API calls per service`,
      value: spread(
        runs.map((m) => m.calls / largest),
        perService,
      ),
    });
    notes.push(
      `at real time (simulator clock ×1): one service deploys in ${spread(
        singlesReal.map((m) => m.wallMs / 1000),
        (n) => `${n.toFixed(1)} s`,
      )}; ${largest} services in ${spread(
        runs.map((m) => m.wallMs / 1000),
        (n) => `${n.toFixed(1)} s`,
      )}`,
    );
  } finally {
    await real.stop();
  }
  notes.push(
    `load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(
        ' / ',
      )} on ${cpus().length} CPUs at the end: wall times stretch with load, CPU time and calls do not`,
  );
  notes.push(
    "wall time is the main step of deploy-ecs (its process, start to end); calls are every AWS call the simulator answered during the run, post step included; peak RSS and CPU are the main step process's (its high-water mark; user and system time)",
  );
  return { title: 'Large releases (deploy-ecs manifest, one wave and five)', figures, notes };
}
