import * as core from '@actions/core';
import { ConfigurationError } from '../errors/configuration-error';
import { actionDefault } from './action-defaults';
import { DURATION_FORM, formatDuration, parseDuration } from './duration';
import { maskSecret } from '../runner/mask';
import { parseKeyValues, parseList, parseSecretKeyValues } from './parse-list';

/**
 * Options shared by the typed getters. With `required: true` a missing input is an error; with a `default`
 * a missing input takes it; otherwise a missing input is `undefined`. An input is missing when it is unset
 * or only whitespace (the runner passes an input that has no value and no default as an empty string).
 */
export interface InputOptions<T> {
  required?: boolean;
  default?: T;
}

/** `T` when the options guarantee a value (`required: true` or a `default`), else `T | undefined`. */
export type InputValue<T, O> = O extends { required: true }
  ? T
  : O extends { default: T }
    ? T
    : T | undefined;

/** The raw value of an input, trimmed — else its action.yml default — or `undefined` when it is missing. */
function raw(name: string): string | undefined {
  const value = core.getInput(name) || (actionDefault(name)?.trim() ?? '');
  return value === '' ? undefined : value;
}

function resolve<T, O extends InputOptions<T>>(
  name: string,
  options: O | undefined,
  expected: string,
  parse: (text: string) => T,
): InputValue<T, O> {
  const text = raw(name);
  if (text !== undefined) return parse(text) as InputValue<T, O>;
  if (options?.default !== undefined) return options.default as InputValue<T, O>;
  if (options?.required === true) throw ConfigurationError.missingInput(name, expected);
  return undefined as InputValue<T, O>;
}

/** A required string input; a `ConfigurationError` names it when it is missing. */
export function getRequiredInput(name: string): string {
  const text = raw(name);
  if (text === undefined) throw ConfigurationError.missingInput(name);
  return text;
}

/** An optional string input, trimmed; `undefined` when missing. */
export function getOptionalInput(name: string): string | undefined {
  return raw(name);
}

/** A list input (one per line or comma separated, see {@link parseList}); `[]` when missing. */
export function getListInput(name: string, options: { required?: boolean } = {}): string[] {
  const list = parseList(raw(name) ?? '');
  if (list.length === 0 && options.required === true) {
    throw ConfigurationError.missingInput(name, 'one or more values, one per line or comma separated');
  }
  return list;
}

/**
 * A list input whose values may contain commas (`type=gha,mode=max`): one value per line, trimmed, empty
 * lines dropped.
 */
export function getLinesInput(name: string): string[] {
  return (raw(name) ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);

/**
 * A boolean input: `true`/`false`, `yes`/`no` or `1`/`0`, any case. Anything else is an error (a typo must
 * not silently turn a safety switch off). A missing input takes `defaultValue`; without one it is required.
 */
export function getBooleanInput(name: string, defaultValue?: boolean): boolean {
  const text = raw(name);
  if (text === undefined) {
    if (defaultValue === undefined) throw ConfigurationError.missingInput(name, 'true or false');
    return defaultValue;
  }
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  throw ConfigurationError.invalidInput(name, 'true or false', text);
}

export interface IntegerInputOptions extends InputOptions<number> {
  min?: number;
  max?: number;
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `a whole number from ${min} to ${max}`;
  if (min !== undefined) return `a whole number of at least ${min}`;
  if (max !== undefined) return `a whole number of at most ${max}`;
  return 'a whole number';
}

/** A whole-number input within `[min, max]` (both inclusive, both optional). */
export function getIntegerInput<O extends IntegerInputOptions>(
  name: string,
  options?: O,
): InputValue<number, O> {
  const expected = rangeText(options?.min, options?.max);
  return resolve(name, options, expected, (text) => {
    const n = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
    const ok =
      Number.isSafeInteger(n) &&
      (options?.min === undefined || n >= options.min) &&
      (options?.max === undefined || n <= options.max);
    if (!ok) throw ConfigurationError.invalidInput(name, expected, text);
    return n;
  });
}

export interface DurationInputOptions extends InputOptions<number> {
  /** Smallest accepted duration in milliseconds (inclusive). */
  minMs?: number;
  /** Largest accepted duration in milliseconds (inclusive; default {@link MAX_DURATION_MS}). */
  maxMs?: number;
}

/** No wait of an action outlives the longest GitHub workflow run (35 days): the ceiling of every duration. */
export const MAX_DURATION_MS = 35 * 86_400_000;

/**
 * A duration input in milliseconds, written `90s`, `20m`, `1h30m`, `500ms` or a bare number of seconds
 * (see {@link parseDuration}). `default`, `minMs` and `maxMs` are milliseconds too.
 */
export function getDurationInput<O extends DurationInputOptions>(
  name: string,
  options?: O,
): InputValue<number, O> {
  return resolve(name, options, DURATION_FORM, (text) => {
    const ms = parseDuration(text);
    if (ms === undefined) throw ConfigurationError.invalidInput(name, DURATION_FORM, text);
    if (options?.minMs !== undefined && ms < options.minMs) {
      throw ConfigurationError.invalidInput(
        name,
        `a duration of at least ${formatDuration(options.minMs)}`,
        text,
      );
    }
    const maxMs = Math.min(options?.maxMs ?? MAX_DURATION_MS, MAX_DURATION_MS);
    if (ms > maxMs) {
      throw ConfigurationError.invalidInput(name, `a duration of at most ${formatDuration(maxMs)}`, text);
    }
    return ms;
  });
}

/** A `KEY=value` map input (see {@link parseKeyValues}); `{}` when missing. */
export function getKeyValueInput(name: string, options: { required?: boolean } = {}): Record<string, string> {
  const text = raw(name);
  if (text === undefined) {
    if (options.required === true) throw ConfigurationError.missingInput(name, 'KEY=value entries');
    return {};
  }
  return parseKeyValues(name, text);
}

/**
 * A `KEY=value` map input whose values are secrets (see {@link parseSecretKeyValues}): one entry per line,
 * never split on commas; every value is masked before any entry is checked, and errors name the line, never
 * its content. `key` restricts the keys (checked after masking). `{}` when missing.
 */
export function getSecretKeyValueInput(
  name: string,
  options: { required?: boolean; key?: { pattern: RegExp; form: string } } = {},
): Record<string, string> {
  // Untrimmed, so the line numbers in errors are the lines the workflow author wrote.
  const text = core.getInput(name, { trimWhitespace: false });
  if (text.trim() === '') {
    if (options.required === true)
      throw ConfigurationError.missingInput(name, 'KEY=value entries, one per line');
    return {};
  }
  return parseSecretKeyValues(name, text, {
    mask: maskSecret,
    ...(options.key !== undefined ? { key: options.key } : {}),
  });
}

/**
 * An input that must be one of `allowed`, compared case-insensitively; returns the spelling in `allowed`.
 * `getEnumInput('mode', ['rolling', 'blue-green'] as const, { default: 'rolling' })`.
 */
export function getEnumInput<const T extends string, O extends InputOptions<T>>(
  name: string,
  allowed: readonly T[],
  options?: O,
): InputValue<T, O> {
  const expected = `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
  return resolve(name, options, expected, (text) => {
    const match = allowed.find((a) => a.toLowerCase() === text.toLowerCase());
    if (match === undefined) throw ConfigurationError.invalidInput(name, expected, text);
    return match;
  });
}
