import { median, spread } from '../table';

/** Milliseconds as seconds with two decimals: `0.42 s`. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** A count as a whole number, or with one decimal when it is not one. */
export const count = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Bytes in the largest unit that keeps a number ≥ 1: `0 B`, `1.2 KiB`, `3.4 MiB`. */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = n;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]!}`;
}

/** `median (min–max)` of durations in ms, as seconds. */
export const secondsSpread = (values: readonly number[]): string => spread(values, seconds);

/** `median (min–max)` of counts. */
export const countSpread = (values: readonly number[]): string => spread(values, count);

/** The median is at or under the target (no values: not met). */
export const medianWithin = (values: readonly number[], target: number): boolean =>
  values.length > 0 && median(values) <= target;
