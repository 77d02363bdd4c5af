import * as core from '@actions/core';
import { systemClock, type Clock } from './clock';

export interface ProgressLineOptions {
  /** Where lines go (default `core.info`). */
  print?: (line: string) => void;
  /** Repeat an unchanged line after this long, so a long quiet wait still shows signs of life. */
  repeatAfterMs?: number;
  clock?: Clock;
}

/**
 * A progress printer that only prints when the line changes: call it on every poll with
 * `running 2/3, pending 1` and the log shows each state once.
 *
 * @returns a function taking the current line; it returns whether the line was printed.
 */
export function createProgressLine(options: ProgressLineOptions = {}): (line: string) => boolean {
  const print = options.print ?? ((line: string) => core.info(line));
  const clock = options.clock ?? systemClock;
  let last: string | undefined;
  let printedAt = 0;
  return (line) => {
    const now = clock.now();
    const stale = options.repeatAfterMs !== undefined && now - printedAt >= options.repeatAfterMs;
    if (line === last && !stale) return false;
    print(line);
    last = line;
    printedAt = now;
    return true;
  };
}
