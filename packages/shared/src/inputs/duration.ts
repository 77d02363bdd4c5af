const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** What a duration input looks like, for error messages. */
export const DURATION_FORM = 'a duration like 90s, 20m or 1h30m';

/**
 * Parses a duration into milliseconds: one or more `<number><unit>` parts with units `ms`, `s`, `m`, `h`, `d`
 * (`90s`, `20m`, `1h30m`, `1h 30m`, `1.5h`, `500ms`). A bare number is seconds (`90` = 90 s), because
 * AWS and GitHub both count timeouts in seconds. Returns `undefined` when `text` is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const part = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*/gy;
  let total = 0;
  let end = 0;
  let match: RegExpExecArray | null;
  while ((match = part.exec(s)) !== null) {
    total += Number(match[1]) * (UNIT_MS[match[2]!] ?? Number.NaN);
    end = part.lastIndex;
  }
  if (end === 0 || end !== s.length || !Number.isFinite(total)) return undefined;
  return Math.round(total);
}

/** Formats milliseconds for people: `1h30m`, `2m5s`, `45s`, `800ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  let rest = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}
