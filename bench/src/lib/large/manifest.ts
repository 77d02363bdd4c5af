import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The file name of the manifest {@link writeReleaseManifest} writes. */
export const MANIFEST_FILE = 'ecs.yml';

/** `count` service names, zero-padded so they sort in their order: `svc-001`, `svc-002`, … */
export function serviceNames(count: number): string[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => `svc-${String(i + 1).padStart(width, '0')}`);
}

/** `names` split into `waves` waves of as equal sizes as they go (never an empty wave). */
export function splitIntoWaves(names: readonly string[], waves: number): string[][] {
  const count = Math.max(1, Math.min(waves, names.length));
  const out: string[][] = Array.from({ length: count }, () => []);
  names.forEach((name, i) => out[Math.floor((i * count) / names.length)]!.push(name));
  return out;
}

/**
 * A manifest of one image and one service per name, all in cluster `shop` (as the testkit's seedServices
 * creates them), with environment `bench` rolling them out in `waves`. Returns the workspace holding it.
 */
export function writeReleaseManifest(waves: readonly (readonly string[])[]): string {
  const names = waves.flat();
  const lines = ['version: 1', 'name: bench', 'images:'];
  for (const n of names) lines.push(`  ${n}: { repository: shop/${n} }`);
  lines.push('services:');
  for (const n of names) lines.push(`  ${n}:`, `    containers: { ${n}: ${n} }`);
  lines.push(
    'environments:',
    '  bench:',
    '    region: us-east-1',
    '    cluster: shop',
    `    rollout: [${waves.map((w) => `[${w.join(', ')}]`).join(', ')}]`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'ecs-delivery-large-'));
  writeFileSync(join(dir, MANIFEST_FILE), `${lines.join('\n')}\n`);
  return dir;
}
