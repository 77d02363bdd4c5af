import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Where a process spent its CPU: busy and idle time, and the functions with the most time of their own. */
export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  /** Time in the process's own code (not idle, not the garbage collector). */
  busyMs: number;
  gcMs: number;
  top: { name: string; selfMs: number }[];
}

const shortUrl = (url: string): string => url.replace(/^.*\/(actions|packages|node_modules)\//, '$1/');

/** Sums a `.cpuprofile` (`node --cpu-prof`) by function. */
export function summariseProfile(file: string, topCount = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0)));
  const byName = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    const fn = frame?.functionName ?? '?';
    if (fn === '(idle)') idle += us;
    else if (fn === '(garbage collector)') gc += us;
    const name = `${fn || '(anonymous)'} ${shortUrl(frame?.url ?? '')}:${(frame?.lineNumber ?? 0) + 1}`;
    byName.set(name, (byName.get(name) ?? 0) + us);
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  return {
    totalMs,
    idleMs: idle / 1000,
    gcMs: gc / 1000,
    busyMs: totalMs - idle / 1000,
    top: [...byName]
      .filter(([name]) => !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, topCount)
      .map(([name, us]) => ({ name, selfMs: us / 1000 })),
  };
}
