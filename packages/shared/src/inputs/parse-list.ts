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
