/** Expected HTTP statuses: single codes, ranges (`200-299`) and classes (`2xx`). */

/** An inclusive range of status codes; a single code is a range of one. */
export interface StatusRange {
  min: number;
  max: number;
}

/** Why a status expectation is malformed, for a message naming the input and field. */
export class StatusSpecError extends Error {}

const CODE = /^[1-5]\d\d$/;

function code(text: string, spec: string): number {
  if (!CODE.test(text)) {
    throw new StatusSpecError(`${JSON.stringify(spec)} is not a status: use codes from 100 to 599`);
  }
  return Number(text);
}

/** One entry: `200`, `"200"`, `"200-299"` or `"2xx"`. */
export function parseStatusEntry(entry: string | number): StatusRange {
  const spec = String(entry).trim();
  const cls = /^([1-5])xx$/i.exec(spec);
  if (cls) return { min: Number(cls[1]) * 100, max: Number(cls[1]) * 100 + 99 };
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(spec);
  if (range) {
    const min = code(range[1]!, spec);
    const max = code(range[2]!, spec);
    if (min > max) {
      throw new StatusSpecError(`${JSON.stringify(spec)} is an impossible range: ${min} is above ${max}`);
    }
    return { min, max };
  }
  const single = code(spec, spec);
  return { min: single, max: single };
}

/** A list of entries, or one entry, or a comma-separated string of them. */
export function parseStatusSpec(spec: string | number | readonly (string | number)[]): StatusRange[] {
  const entries = Array.isArray(spec)
    ? spec
    : String(spec)
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
  if (entries.length === 0) throw new StatusSpecError('no status given');
  return entries.map((e: string | number) => parseStatusEntry(e));
}

export function statusMatches(ranges: readonly StatusRange[], status: number): boolean {
  return ranges.some((r) => status >= r.min && status <= r.max);
}

/** `200-299`, `200, 204`: how an expectation reads in messages. */
export function formatStatusRanges(ranges: readonly StatusRange[]): string {
  return ranges.map((r) => (r.min === r.max ? String(r.min) : `${r.min}-${r.max}`)).join(', ');
}

/** What a check expects when it says nothing: any 2xx. */
export const DEFAULT_STATUS: readonly StatusRange[] = [{ min: 200, max: 299 }];
