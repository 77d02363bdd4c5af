import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigurationError } from '../errors/configuration-error';
import { DURATION_FORM, parseDuration } from '../inputs/duration';
import { HEADER_VALUE_FORBIDDEN, HEADER_VALUE_FORM } from './header-input';
import { JsonPathError, parseJsonPath } from './json-path';
import { redactText, redactUrl, redactUserInfo } from './redact-http';
import { DEFAULT_STATUS, parseStatusSpec, StatusSpecError } from './status';
import type { SmokeCheck } from './types';

/** Reading smoke checks from a `checks` YAML list or a `urls` list, with errors naming input, index and field. */

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The keys a check may have, as written in YAML (kebab-case, like action inputs). */
export const CHECK_KEYS = [
  'name',
  'url',
  'method',
  'headers',
  'body',
  'status',
  'body-contains',
  'json-equals',
  'max-latency',
  'expect-version',
  'version-path',
  'timeout',
  'interval',
  'retries',
  // The deploy manifest's spellings, so checks copy between the two.
  'type',
  'expect-status',
  'expect-body',
] as const;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The most checks one step runs, from `checks`, `urls` or a manifest (those `expect-version` adds, at most one
 * per target, not counted): every check runs at once, and each failure is reported in the log, the summary
 * and the `report` output, which must stay readable and within GitHub's limits.
 */
export const MAX_CHECKS = 100;

/** A ConfigurationError when `count` checks are more than {@link MAX_CHECKS}. */
export function assertCheckCount(
  input: string,
  count: number,
  what: string,
  hint = 'split them across steps',
): void {
  if (count <= MAX_CHECKS) return;
  throw new ConfigurationError(
    `Input "${input}": ${what} has ${count} checks; at most ${MAX_CHECKS} run in one step: ${hint}.`,
    { input },
  );
}

/** At most this much of a value a message quotes. */
const QUOTE_MAX = 80;

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text;
}

/** What the checks of an input share, from other inputs. */
export interface CheckDefaults {
  /** Headers every check sends unless it sets the same one (names compare case-insensitively). */
  headers?: Record<string, string>;
  /** The `expect-version` input: what `expect-version: true` in a check stands for. */
  expectVersion?: string;
}

/** Where a value came from, for messages: `Input "checks": checks[2].status …`. */
class Field {
  constructor(
    readonly input: string,
    readonly where: string,
  ) {}

  at(key: string | number): Field {
    return new Field(this.input, typeof key === 'number' ? `${this.where}[${key}]` : `${this.where}.${key}`);
  }

  fail(problem: string): never {
    throw new ConfigurationError(`Input "${this.input}": ${this.where} ${problem}.`, { input: this.input });
  }
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : `${typeof value} ${quote(value)}`;
}

function text(field: Field, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return field.fail(`must be text; got ${describe(value)}`);
}

/** An absolute http(s) URL, or a ConfigurationError naming where it was. */
export function parseCheckUrl(field: { fail(problem: string): never }, value: string): string {
  // Read before masking: the URL is shown without its credentials.
  const shown = quote(redactText(redactUserInfo(value), []));
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return field.fail(`is not a valid URL: ${shown} (give an absolute http:// or https:// URL)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return field.fail(`must be an http:// or https:// URL; got ${shown}`);
  }
  return url.toString();
}

/** What a value is, without showing it: header values may be credentials that are not masked yet. */
function kindOf(value: unknown): string {
  return value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'a map'
        : typeof value;
}

function headersOf(field: Field, value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return field.fail(`must be a map of header names to values; got ${kindOf(value)}`);
  }
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (!HEADER_NAME.test(name)) field.fail(`has an invalid header name ${quote(name)}`);
    if (typeof v === 'object' && v !== null) field.at(name).fail(`must be text; got ${kindOf(v)}`);
    const headerValue = text(field.at(name), v);
    if (HEADER_VALUE_FORBIDDEN.test(headerValue)) field.at(name).fail(`must be ${HEADER_VALUE_FORM}`);
    out[name] = headerValue;
  }
  return out;
}

/** A check's own `timeout` (per request) and `interval` are at most an hour: the run's timeout bounds the rest. */
const MAX_CHECK_DURATION_MS = 3_600_000;

/** What a check's `name` may hold: it heads every log line, summary row and annotation about the check. */
const MAX_NAME_LENGTH = 200;

function durationOf(field: Field, value: unknown): number {
  const ms = parseDuration(text(field, value));
  if (ms === undefined || ms <= 0) return field.fail(`must be ${DURATION_FORM}; got ${describe(value)}`);
  if (ms > MAX_CHECK_DURATION_MS) return field.fail(`must be at most 1h; got ${describe(value)}`);
  return ms;
}

function countOf(field: Field, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) {
    return field.fail(`must be a whole number from 0 to 1000; got ${describe(value)}`);
  }
  return value;
}

function stringList(field: Field, value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v, i) => text(Array.isArray(value) ? field.at(i) : field, v));
}

/** Headers merged case-insensitively: the check's own win over the defaults. */
export function mergeHeaders(
  defaults: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>>,
): Record<string, string> {
  const ownNames = new Set(Object.keys(own).map((n) => n.toLowerCase()));
  const out: Record<string, string> = {};
  for (const [n, v] of Object.entries(defaults)) if (!ownNames.has(n.toLowerCase())) out[n] = v;
  return { ...out, ...own };
}

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.keys(headers).some((n) => n.toLowerCase() === name);
}

/** One check from its YAML object. */
export function parseCheck(field: Field, raw: unknown, defaults: CheckDefaults = {}): SmokeCheck {
  if (typeof raw === 'string') raw = { url: raw };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return field.fail(`must be a map with at least a url; got ${describe(raw)}`);
  }
  const entry = { ...(raw as Record<string, unknown>) };
  for (const key of Object.keys(entry)) {
    if (!(CHECK_KEYS as readonly string[]).includes(key)) {
      field.fail(`has an unknown key ${quote(key)}; known keys: ${CHECK_KEYS.join(', ')}`);
    }
  }
  if (entry.url === undefined) field.fail('has no url');
  if (entry.type !== undefined && entry.type !== 'http') {
    field.at('type').fail(`must be "http"; got ${describe(entry.type)}`);
  }
  for (const [alias, key] of [
    ['expect-status', 'status'],
    ['expect-body', 'body-contains'],
  ] as const) {
    if (entry[alias] === undefined) continue;
    if (entry[key] !== undefined) field.fail(`has both "${key}" and "${alias}"; give one`);
    entry[key] = entry[alias];
  }
  const url = parseCheckUrl(field.at('url'), text(field.at('url'), entry.url));
  const method = entry.method === undefined ? 'GET' : text(field.at('method'), entry.method).toUpperCase();
  if (!METHODS.includes(method))
    field.at('method').fail(`must be one of ${METHODS.join(', ')}; got "${method}"`);
  let headers = mergeHeaders(
    defaults.headers ?? {},
    entry.headers === undefined ? {} : headersOf(field.at('headers'), entry.headers),
  );
  let body: string | undefined;
  if (entry.body !== undefined && entry.body !== null) {
    if (typeof entry.body === 'object') {
      body = JSON.stringify(entry.body);
      if (!hasHeader(headers, 'content-type')) headers = { ...headers, 'content-type': 'application/json' };
    } else body = text(field.at('body'), entry.body);
  }
  let status = [...DEFAULT_STATUS];
  if (entry.status !== undefined) {
    const spec = entry.status;
    if (!(typeof spec === 'string' || typeof spec === 'number' || Array.isArray(spec))) {
      field
        .at('status')
        .fail(`must be a status, a range like 200-299, or a list of them; got ${describe(spec)}`);
    }
    try {
      status = parseStatusSpec(spec as string | number | (string | number)[]);
    } catch (err) {
      if (err instanceof StatusSpecError) field.at('status').fail(`is invalid: ${err.message}`);
      throw err;
    }
  }
  const jsonEquals: SmokeCheck['jsonEquals'] = [];
  if (entry['json-equals'] !== undefined) {
    const map = entry['json-equals'];
    const f = field.at('json-equals');
    if (typeof map !== 'object' || map === null || Array.isArray(map)) {
      return f.fail(
        `must map JSON paths to expected values, like { "$.status": "ok" }; got ${describe(map)}`,
      );
    }
    for (const [path, value] of Object.entries(map)) {
      try {
        jsonEquals.push({ path, segments: parseJsonPath(path), value });
      } catch (err) {
        if (err instanceof JsonPathError) f.fail(`has an invalid JSON path ${quote(path)}: ${err.message}`);
        throw err;
      }
    }
  }
  let expectVersion: string | undefined;
  const ev = entry['expect-version'];
  if (ev === true) {
    if (defaults.expectVersion === undefined) {
      field.at('expect-version').fail('is true, but input "expect-version" is not given');
    }
    expectVersion = defaults.expectVersion;
  } else if (ev !== undefined && ev !== false && ev !== null) {
    expectVersion = text(field.at('expect-version'), ev).trim();
    if (expectVersion === '') field.at('expect-version').fail('is empty');
  }
  let versionPath: SmokeCheck['versionPath'];
  if (entry['version-path'] !== undefined) {
    const path = text(field.at('version-path'), entry['version-path']);
    try {
      versionPath = { path, segments: parseJsonPath(path) };
    } catch (err) {
      if (err instanceof JsonPathError) field.at('version-path').fail(`is not a JSON path: ${err.message}`);
      throw err;
    }
  }
  // A URL's credentials stay out of the name every report and log line shows.
  const name =
    entry.name === undefined ? `${method} ${redactUrl(url, [])}` : text(field.at('name'), entry.name);
  if (entry.name !== undefined && name.length > MAX_NAME_LENGTH) {
    field.at('name').fail(`must be at most ${MAX_NAME_LENGTH} characters; got ${name.length}`);
  }
  return {
    name,
    url,
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    status,
    bodyContains:
      entry['body-contains'] === undefined
        ? []
        : stringList(field.at('body-contains'), entry['body-contains']),
    jsonEquals,
    ...(entry['max-latency'] !== undefined
      ? { maxLatencyMs: durationOf(field.at('max-latency'), entry['max-latency']) }
      : {}),
    ...(expectVersion !== undefined ? { expectVersion } : {}),
    ...(versionPath !== undefined ? { versionPath } : {}),
    ...(entry.timeout !== undefined
      ? { requestTimeoutMs: durationOf(field.at('timeout'), entry.timeout) }
      : {}),
    ...(entry.interval !== undefined ? { intervalMs: durationOf(field.at('interval'), entry.interval) } : {}),
    ...(entry.retries !== undefined ? { retries: countOf(field.at('retries'), entry.retries) } : {}),
  };
}

/** Checks from an already parsed list (a YAML input, or a manifest's smoke section). */
export function checksFromList(
  input: string,
  list: unknown,
  defaults: CheckDefaults = {},
  where = 'checks',
): SmokeCheck[] {
  const field = new Field(input, where);
  if (!Array.isArray(list)) return field.fail(`must be a list of checks; got ${describe(list)}`);
  if (list.length === 0) field.fail('is empty: give at least one check');
  assertCheckCount(input, list.length, where);
  return list.map((raw, i) => parseCheck(field.at(i), raw, defaults));
}

/** The `checks` input: a YAML list of checks (a bare URL string counts as `{url}`). */
export function parseChecksYaml(input: string, yamlText: string, defaults: CheckDefaults = {}): SmokeCheck[] {
  let doc: unknown;
  try {
    doc = parseYaml(yamlText, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    const detail =
      err instanceof YAMLParseError
        ? // Without the source text the parser quotes: it may be part of a header value.
          err.message
            .split('\n')[0]!
            .replace(/:$/, '')
            .replace(/: ".*" (at line \d+)/, ' $1')
        : err instanceof Error
          ? err.message
          : String(err);
    // No `cause`: its message quotes the offending line, which debug output would print unmasked.
    throw new ConfigurationError(`Input "${input}" is not valid YAML: ${detail}`, { input });
  }
  return checksFromList(input, doc, defaults);
}

/** The `urls` input: one GET check per URL, expecting any 2xx. */
export function checksFromUrls(
  input: string,
  urls: readonly string[],
  defaults: CheckDefaults = {},
): SmokeCheck[] {
  const field = new Field(input, 'urls');
  assertCheckCount(input, urls.length, 'urls');
  return urls.map((url, i) => {
    // Checked first, so a bad one is `urls[1]`, not `urls[1].url`.
    parseCheckUrl(field.at(i), url);
    return parseCheck(field.at(i), { url }, defaults);
  });
}
