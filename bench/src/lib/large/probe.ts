import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What the action process reports of itself: a preload (`node --require`, through NODE_OPTIONS) that writes its
 * RSS high-water mark and CPU time when the process exits, and optionally a V8 CPU profile of the whole run.
 */
export interface ActionProbe {
  /** NODE_OPTIONS for the step. */
  nodeOptions: string;
  /**
   * The RSS high-water mark of the process, in bytes, and the CPU time it used (user and system), in ms;
   * undefined when it wrote none.
   */
  usage(): { peakRss: number; cpuMs: number } | undefined;
  /** The `.cpuprofile` files written (with `profile`). */
  profiles(): string[];
}

const PRELOAD = `'use strict';
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  try {
    const usage = process.resourceUsage();
    writeFileSync(
      process.env.ECS_DELIVERY_BENCH_USAGE_FILE,
      JSON.stringify({ peakRss: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }),
    );
  } catch {}
});
`;

export function createActionProbe(options: { profile?: boolean } = {}): ActionProbe & {
  env: Record<string, string>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-delivery-probe-'));
  const preload = join(dir, 'preload.cjs');
  const usageFile = join(dir, 'usage.json');
  const profileDir = join(dir, 'profiles');
  writeFileSync(preload, PRELOAD);
  const flags = [`--require=${preload}`];
  if (options.profile === true) flags.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  return {
    nodeOptions: flags.join(' '),
    env: { NODE_OPTIONS: flags.join(' '), ECS_DELIVERY_BENCH_USAGE_FILE: usageFile },
    usage: () => {
      try {
        return JSON.parse(readFileSync(usageFile, 'utf8')) as { peakRss: number; cpuMs: number };
      } catch {
        return undefined;
      }
    },
    profiles: () => {
      try {
        return readdirSync(profileDir)
          .filter((f) => f.endsWith('.cpuprofile'))
          .map((f) => join(profileDir, f));
      } catch {
        return [];
      }
    },
  };
}
