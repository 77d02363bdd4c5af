import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * When each line of a step's stdout was written, read from inside the step's process: a small preload
 * (NODE_OPTIONS=--require) records the process's start (`performance.timeOrigin`) and wraps
 * `process.stdout.write` to append the time of every write to a file. It adds well under a millisecond per line.
 * The processes the step starts do not inherit it.
 */

const PRELOAD = `'use strict';
const { appendFileSync, writeFileSync } = require('node:fs');
const file = process.env.ECS_DELIVERY_BENCH_STAMPS;
if (file) {
  // Only this process: its children (a CDK app, a container CLI) neither load the preload nor write the file.
  delete process.env.ECS_DELIVERY_BENCH_STAMPS;
  process.env.NODE_OPTIONS = (process.env.NODE_OPTIONS || '').replace(/--require \\S+preload\\.cjs/, '').trim();
  writeFileSync(file, JSON.stringify({ origin: performance.timeOrigin }) + '\\n');
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    try {
      appendFileSync(file, JSON.stringify({ at: Date.now(), text: String(chunk) }) + '\\n');
    } catch {}
    return write(chunk, ...rest);
  };
}
`;

export interface StampedLine {
  /** Epoch ms the line was written. */
  at: number;
  text: string;
}

export interface Stamps {
  /** Epoch ms the process started (its performance.timeOrigin). */
  origin: number;
  lines: StampedLine[];
}

export interface StampRecorder {
  /** Environment for the step: NODE_OPTIONS with the preload, and where it writes. */
  env: Record<string, string>;
  /** What the last process that ran with `env` wrote (each write split into lines). */
  read: () => Stamps;
  dispose: () => void;
}

export function stampRecorder(): StampRecorder {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-delivery-stamps-'));
  const preload = join(dir, 'preload.cjs');
  const file = join(dir, 'stamps.jsonl');
  writeFileSync(preload, PRELOAD);
  return {
    env: { NODE_OPTIONS: `--require ${preload}`, ECS_DELIVERY_BENCH_STAMPS: file },
    read: () => {
      const records = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as { origin?: number; at?: number; text?: string });
      const origin = records[0]?.origin;
      if (origin === undefined) throw new Error('the step wrote no start time: was the preload loaded?');
      const lines = records.slice(1).flatMap((r) =>
        (r.text ?? '')
          .split('\n')
          .filter((t) => t.length > 0)
          .map((text) => ({ at: r.at!, text })),
      );
      return { origin, lines };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
