import type { Server } from 'node:http';
import { listen } from './core/server';
import { Simulator, type SimulatorOptions } from './core/simulator';
import type { SeededImage } from './ecr/seed-images';
import { modules } from './modules';

export { Simulator } from './core/simulator';
export type { AwsService, CallContext, HttpRoute, SeedAnswers, Seeder, SimModule } from './core/simulator';
export type { CallRecord } from './core/calls';
export type { ScenarioRule, TaskBehaviour, FaultSpec } from './core/scenario';
export { AwsError } from './core/errors';
export { DEFAULT_ACCOUNT, DEFAULT_REGION } from './core/identity';
export { pushImage, type PushImageOptions, type PushedImage } from './ecr/push-image';
export { LABEL_KEY, type ImageSeed, type SeededImage } from './ecr/seed-images';

export interface StartOptions extends SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** A seed document, as `POST /_sim/seed` takes. */
  seed?: unknown;
}

/** What seeding answered: the seed key `images` answers each image's digest, in the order of its entries. */
export interface SeedResult {
  images?: SeededImage[];
}

export interface RunningSimulator {
  url: string;
  sim: Simulator;
  /** What the `seed` option's document answered (`{}` without one). */
  seeded: SeedResult;
  close(): Promise<void>;
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const sim = new Simulator(options);
  for (const mod of modules) mod.install(sim);
  return sim;
}

export async function startSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const sim = createSimulator(options);
  const server: Server = await listen(sim, options.port ?? 0, options.host ?? '127.0.0.1');
  let seeded: SeedResult = {};
  try {
    if (options.seed !== undefined) seeded = sim.seed(options.seed) as SeedResult;
  } catch (err) {
    // A refused seed leaves no server behind.
    server.closeAllConnections();
    server.close();
    throw err;
  }
  return {
    url: sim.url,
    sim,
    seeded,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
