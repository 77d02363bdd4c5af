import { ConfigurationError } from '../errors/configuration-error';

/**
 * A headers input, written as HTTP writes them: `Name: value`, one per line. Messages name the input and the
 * line, never the value (a header may carry a credential, and it is not masked until it has been read).
 */

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function parseHeaderLines(input: string, text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (!HEADER_NAME.test(name)) {
      throw new ConfigurationError(
        `Input "${input}" line ${i + 1} must be a header, "Name: value"${
          colon < 0 ? ' (there is no ":")' : ', with a name of letters, digits and "-"'
        }.`,
        { input },
      );
    }
    const lower = name.toLowerCase();
    if (seen.has(lower)) {
      throw new ConfigurationError(`Input "${input}" sets the header "${name}" more than once.`, { input });
    }
    seen.add(lower);
    out[name] = line.slice(colon + 1).trim();
  }
  return out;
}

/** Header names, one per line or comma separated, each checked. */
export function parseHeaderNames(input: string, names: readonly string[]): string[] {
  for (const name of names) {
    if (!HEADER_NAME.test(name)) {
      throw new ConfigurationError(
        `Input "${input}" must list header names; ${JSON.stringify(name)} is not one.`,
        { input },
      );
    }
  }
  return [...names];
}
