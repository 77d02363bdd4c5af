/** What every benchmark section returns, and the one table `npm run bench` prints. */

/** One measured figure, printed beside its target. */
export interface Figure {
  /** What was measured: `deploy-ecs start-up (× node -e 0)`. */
  name: string;
  /** The figure as printed: median and min–max where runs repeat (`1.31× (1.25–1.40)`). */
  value: string;
  /** The target as printed (`≤ 1.5×`), when there is one. */
  target?: string;
  /** Whether the figure meets its target (absent: no target). */
  met?: boolean;
}

export interface Section {
  title: string;
  figures: Figure[];
  /** Lines printed under the section's figures (how it was measured, what dominates). */
  notes?: string[];
}

export interface BenchOptions {
  /** Repeated runs per figure (median and min–max are shown). */
  runs: number;
  /** Fewer and shorter runs: a smoke run of the benchmarks, not figures to record. */
  quick: boolean;
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `median (min–max)` of some numbers, each formatted by `format`. */
export function spread(values: readonly number[], format: (n: number) => string): string {
  if (values.length === 0) return 'n/a';
  const m = format(median(values));
  if (values.length === 1) return m;
  return `${m} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - [...s].length));

/** The table: one block per section, figure · value · target · met. */
export function renderTable(sections: readonly Section[]): string {
  const rows = sections.flatMap((s) => s.figures);
  const nameWidth = Math.max(6, ...rows.map((f) => [...f.name].length));
  const valueWidth = Math.max(5, ...rows.map((f) => [...f.value].length));
  const targetWidth = Math.max(6, ...rows.map((f) => [...(f.target ?? '')].length));
  const lines: string[] = [];
  for (const s of sections) {
    lines.push('', `## ${s.title}`, '');
    lines.push(
      `${pad('figure', nameWidth)}  ${pad('value', valueWidth)}  ${pad('target', targetWidth)}  met`,
    );
    for (const f of s.figures) {
      const met = f.met === undefined ? '' : f.met ? 'yes' : 'NO';
      lines.push(
        `${pad(f.name, nameWidth)}  ${pad(f.value, valueWidth)}  ${pad(f.target ?? '', targetWidth)}  ${met}`,
      );
    }
    for (const n of s.notes ?? []) lines.push(`  · ${n}`);
  }
  return lines.join('\n');
}
