import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What the action process reports of itself: a preload (`node --require`, through NODE_OPTIONS) that writes its
 * RSS high-water mark when the process exits, and optionally a V8 CPU profile of the whole run.
 */
export interface ActionProbe {
  /** NODE_OPTIONS for the step. */
  nodeOptions: string;
  /** The RSS high-water mark of the process, in bytes (undefined: it wrote none). */
  peakRss(): number | undefined;
  /** The `.cpuprofile` files written (with `profile`). */
  profiles(): string[];
}

const PRELOAD = `'use strict';
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  try {
    writeFileSync(process.env.ECS_DELIVERY_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
  } catch {}
});
`;

export function createActionProbe(options: { profile?: boolean } = {}): ActionProbe & {
  env: Record<string, string>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-delivery-probe-'));
  const preload = join(dir, 'preload.cjs');
  const rssFile = join(dir, 'rss');
  const profileDir = join(dir, 'profiles');
  writeFileSync(preload, PRELOAD);
  const flags = [`--require=${preload}`];
  if (options.profile === true) flags.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  return {
    nodeOptions: flags.join(' '),
    env: { NODE_OPTIONS: flags.join(' '), ECS_DELIVERY_BENCH_RSS_FILE: rssFile },
    peakRss: () => {
      try {
        const bytes = Number(readFileSync(rssFile, 'utf8'));
        return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
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
