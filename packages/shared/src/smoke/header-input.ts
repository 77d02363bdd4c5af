import { ConfigurationError } from '../errors/configuration-error';

/**
 * A headers input, written as HTTP writes them: `Name: value`, one per line. Messages name the input and the
 * line, never the value (a header may carry a credential, and it is not masked until it has been read).
 */

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * What a header value may not hold: CR and LF (which would end the header and start another, a header
 * injection) and the other control characters HTTP forbids. A tab is allowed.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
export const HEADER_VALUE_FORBIDDEN = /[\x00-\x08\x0a-\x1f\x7f]/;

/** The expected form, for messages: a header value is one line of text. */
export const HEADER_VALUE_FORM = 'one line of text, without CR, LF or other control characters';

/**
 * Lines end at LF only: the runner's YAML turns every line break into LF, so a CR here came from a value
 * (`X: a\r\nInjected: b`) and is refused, not read as a line break.
 */
export function parseHeaderLines(input: string, text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  const lines = text.split('\n');
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
    const value = line.slice(colon + 1).trim();
    // The raw line: trimming would drop a CR at its end.
    if (HEADER_VALUE_FORBIDDEN.test(raw)) {
      throw new ConfigurationError(
        `Input "${input}" line ${i + 1}: the value of "${name}" must be ${HEADER_VALUE_FORM}.`,
        { input },
      );
    }
    out[name] = value;
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
