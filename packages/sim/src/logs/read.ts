import { AwsError } from '../core/errors';
import type { LogStream, StoredEvent } from './store';

/**
 * Reading events back. Tokens encode the (timestamp, arrival) key of the boundary event, so a forward token
 * handed back when nothing new arrived is the same token again — callers that poll until the token stops
 * changing (as the AWS CLI and most tailers do) behave as they do on AWS.
 */

type Key = readonly [number, number];

const keyOf = (e: StoredEvent): Key => [e.timestamp, e.seq];

function compare(a: Key, b: Key): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}

function encode(direction: 'f' | 'b', key: Key): string {
  return `${direction}/${String(key[0]).padStart(16, '0')}${String(key[1]).padStart(20, '0')}/s`;
}

function decode(token: string): { direction: 'f' | 'b'; key: Key } {
  const m = /^([fb])\/(\d{16})(\d{20})\/s$/.exec(token);
  if (!m) throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
  return { direction: m[1] as 'f' | 'b', key: [Number(m[2]), Number(m[3])] };
}

export interface GetEventsOptions {
  startTime?: number;
  endTime?: number;
  limit: number;
  startFromHead: boolean;
  nextToken?: string;
}

export function getEvents(
  stream: LogStream,
  options: GetEventsOptions,
): { events: StoredEvent[]; nextForwardToken: string; nextBackwardToken: string } {
  const inWindow = stream.events.filter(
    (e) =>
      (options.startTime === undefined || e.timestamp >= options.startTime) &&
      (options.endTime === undefined || e.timestamp < options.endTime),
  );
  let picked: StoredEvent[];
  let boundary: Key;
  if (options.nextToken !== undefined) {
    const { direction, key } = decode(options.nextToken);
    boundary = key;
    if (direction === 'f') {
      const after = inWindow.filter((e) => compare(keyOf(e), key) > 0);
      // "If you are using a previous nextForwardToken value as the nextToken in this operation, you must
      // specify true for startFromHead." AWS raises no error when a caller does not: the page holds the
      // newest `limit` events after the token, so a reader that falls more than `limit` behind silently
      // skips the ones in between, and the next forward token points past the newest.
      picked = options.startFromHead ? after.slice(0, options.limit) : after.slice(-options.limit);
    } else {
      picked = inWindow.filter((e) => compare(keyOf(e), key) < 0).slice(-options.limit);
    }
  } else if (options.startFromHead) {
    boundary = [0, 0];
    picked = inWindow.slice(0, options.limit);
  } else {
    const last = inWindow[inWindow.length - 1];
    boundary = last ? keyOf(last) : [0, 0];
    picked = options.limit > 0 ? inWindow.slice(-options.limit) : [];
  }
  const first = picked[0];
  const last = picked[picked.length - 1];
  return {
    events: picked,
    nextForwardToken: encode('f', last ? keyOf(last) : boundary),
    nextBackwardToken: encode('b', first ? keyOf(first) : boundary),
  };
}

/**
 * A filter pattern's plain terms: every bare or quoted term must occur (case-sensitive); `?term` terms are
 * alternatives, at least one of which must occur; `-term` must not. JSON and space-delimited patterns
 * (`{ $.x = 1 }`, `[a, b]`) are not modelled and match as a plain substring.
 */
export function compileFilterPattern(pattern: string | undefined): (message: string) => boolean {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{') || text.startsWith('[')) return (m) => m.includes(text);
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  const re = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
    if (m[1] === '?') any.push(term);
    else if (m[1] === '-') none.push(term);
    else all.push(term);
  }
  return (message) =>
    all.every((t) => message.includes(t)) &&
    (any.length === 0 || any.some((t) => message.includes(t))) &&
    !none.some((t) => message.includes(t));
}

export interface FilteredEvent extends StoredEvent {
  logStreamName: string;
}

/** FilterLogEvents' paging token: the key of the last event returned. */
export function encodeFilterToken(e: StoredEvent): string {
  return Buffer.from(JSON.stringify([e.timestamp, e.seq])).toString('base64');
}

export function afterFilterToken(token: string | undefined): (e: StoredEvent) => boolean {
  if (token === undefined) return () => true;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== 2 || !key.every((n) => typeof n === 'number')) {
    throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
  }
  const k: Key = [key[0] as number, key[1] as number];
  return (e) => compare(keyOf(e), k) > 0;
}

export function byKey(a: StoredEvent, b: StoredEvent): number {
  return compare(keyOf(a), keyOf(b));
}
