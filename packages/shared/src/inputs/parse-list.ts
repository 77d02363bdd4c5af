import { ConfigurationError } from '../errors/configuration-error';

/** Splits a list written one per line or comma separated; entries are trimmed and empty ones dropped. */
export function parseList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Parses `KEY=value` entries. A multi-line value has one entry per line, so values may contain commas; a
 * single line is comma separated (`A=1,B=2`). The first `=` separates key and value, so values may contain
 * `=`. Keys and values are trimmed; a value may be empty; an empty or duplicate key is an error.
 *
 * Not for secret values: a comma inside a one-line secret would split it, and errors quote the entry. Use
 * {@link parseSecretKeyValues} for those.
 *
 * @param input the input name, for error messages.
 */
export function parseKeyValues(input: string, text: string): Record<string, string> {
  const entries = text.includes('\n') ? text.split('\n') : text.split(',');
  const result = new Map<string, string>();
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const key = eq < 0 ? '' : entry.slice(0, eq).trim();
    if (key === '') {
      const hint = text.includes('\n') ? '' : ' (write one entry per line to keep commas in a value)';
      throw new ConfigurationError(
        `Input "${input}" must be KEY=value entries, one per line or comma separated; got ${JSON.stringify(entry)}${hint}.`,
        { input },
      );
    }
    if (result.has(key)) {
      throw new ConfigurationError(`Input "${input}" sets "${key}" more than once.`, { input });
    }
    result.set(key, entry.slice(eq + 1).trim());
  }
  // fromEntries defines own properties, so a key like "__proto__" stays a plain entry.
  return Object.fromEntries(result);
}

export interface SecretKeyValueOptions {
  /** Called on every value (and on every line that has no `=`) before anything is checked. */
  mask: (value: string) => void;
  /** The keys allowed, and what they must be, for the error (`an id of letters and digits`). */
  key?: { pattern: RegExp; form: string };
}

/**
 * Parses secret-valued `KEY=value` entries: one entry per line, never split on commas, so a one-line
 * `TOKEN=abc,def` is one secret whose value is `abc,def`. Every value is handed to `mask` before any entry
 * is checked, and the errors name the line (`line 2 has no "="`), never its content: a malformed entry may
 * be a secret the workflow author pasted in whole.
 *
 * @param input the input name, for error messages.
 */
export function parseSecretKeyValues(
  input: string,
  text: string,
  options: SecretKeyValueOptions,
): Record<string, string> {
  const lines = text.split(/\r?\n/).map((line, i) => ({ number: i + 1, entry: line.trim() }));
  const entries = lines.filter((l) => l.entry !== '');
  for (const { entry } of entries) {
    const eq = entry.indexOf('=');
    options.mask(eq < 0 ? entry : entry.slice(eq + 1).trim());
  }
  const fail = (message: string): ConfigurationError =>
    new ConfigurationError(`Input "${input}" ${message}`, { input });
  const result = new Map<string, { value: string; line: number }>();
  for (const { number, entry } of entries) {
    const eq = entry.indexOf('=');
    if (eq < 0) throw fail(`line ${number} has no "=": write one KEY=value entry per line.`);
    const key = entry.slice(0, eq).trim();
    if (key === '') throw fail(`line ${number} has no key before "=": write one KEY=value entry per line.`);
    if (options.key !== undefined && !options.key.pattern.test(key)) {
      throw fail(`line ${number}: the key must be ${options.key.form}.`);
    }
    const earlier = result.get(key);
    if (earlier !== undefined) throw fail(`line ${number} sets the same key as line ${earlier.line}.`);
    result.set(key, { value: entry.slice(eq + 1).trim(), line: number });
  }
  // fromEntries defines own properties, so a key like "__proto__" stays a plain entry.
  return Object.fromEntries([...result].map(([key, { value }]) => [key, value]));
}
