import { redact } from '../summary/redact';

/**
 * What a smoke report may show of requests and responses: header values, body excerpts and URLs with
 * credentials, cookies and tokens replaced by `***`.
 */

const ALWAYS_SECRET = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-amz-security-token',
]);

/** Header names that carry credentials by their look, whatever the service calls them. */
const SECRET_NAME = /token|secret|passw(or)?d|api[-_]?key|session|cookie|auth|credential|signature|private/i;

export function isSecretHeader(name: string, secretHeaders: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  return (
    ALWAYS_SECRET.has(lower) ||
    SECRET_NAME.test(lower) ||
    secretHeaders.some((h) => h.toLowerCase() === lower)
  );
}

/**
 * The shortest part of a value redacted on its own wherever it appears (a bearer token, a cookie's value):
 * shorter ones are no credential, and replacing them everywhere would garble the report (`en`, `1`).
 */
export const MIN_SECRET_PART = 6;

/** The values of the `name=value` pairs of a Cookie or Set-Cookie header (attributes after `;` left out). */
function cookieValues(header: string, setCookie: boolean): string[] {
  // Set-Cookie lines arrive joined with `, `; a pair starts a line, and `Expires=Wed, 21 Oct …` has no `=`
  // after its comma. A Cookie header is `a=1; b=2`.
  const pairs = setCookie
    ? header.split(/,\s*(?=[^\s=;,]+=)/).map((line) => line.split(';')[0]!)
    : header.split(';');
  return pairs.map((pair) => pair.slice(pair.indexOf('=') + 1).trim()).filter((v) => v !== '');
}

/**
 * The values of headers that are secret, as a whole and in the parts that could show up elsewhere (an echoing
 * server): the credential of `Bearer abc…`, the values of cookies. For a check's headers, what the action
 * masks before anything prints; for an answer's, what its report redacts wherever it appears.
 */
export function secretHeaderValues(
  headers: Readonly<Record<string, string>>,
  secretHeaders: readonly string[] = [],
): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name, secretHeaders) || value.trim() === '') continue;
    values.add(value);
    const lower = name.toLowerCase();
    const words = value.trim().split(/\s+/);
    const parts =
      lower === 'cookie' || lower === 'set-cookie'
        ? cookieValues(value, lower === 'set-cookie')
        : words.length === 2
          ? [words[1]!]
          : [];
    for (const part of parts) if (part.length >= MIN_SECRET_PART) values.add(part);
  }
  return [...values];
}

/**
 * What an answer carries that is secret (the values of Set-Cookie and of headers named like credentials, and
 * their parts), to redact wherever the answer repeats it: its body, the reasons, the version it named.
 */
export function answerSecrets(
  headers: Readonly<Record<string, string>>,
  secretHeaders: readonly string[] = [],
): string[] {
  return secretHeaderValues(headers, secretHeaders).filter((v) => v.trim().length >= MIN_SECRET_PART);
}

/** Response headers that never explain a failure: framing and connection housekeeping. */
const NOISE_HEADERS = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'accept-ranges',
  'etag',
  'last-modified',
  'age',
]);

/** The response headers worth showing for a failure (at most `max`), in the order they came. */
export function relevantHeaders(headers: Readonly<Record<string, string>>, max = 25): Record<string, string> {
  const entries = Object.entries(headers).filter(([name]) => !NOISE_HEADERS.has(name.toLowerCase()));
  return Object.fromEntries(entries.slice(0, max));
}

/** At most this much of a response header's value a report shows. */
export const HEADER_VALUE_SHOWN = 200;

export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  secretHeaders: readonly string[],
  secrets: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = isSecretHeader(name, secretHeaders)
      ? '***'
      : clip(redact(value, secrets), HEADER_VALUE_SHOWN);
  }
  return out;
}

/** `text` cut to `max` characters, marked with `…` when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `scheme://user:password@` → `scheme://***@` in text that may not parse as a URL (an invalid one, say). */
export function redactUserInfo(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi, '$1***@');
}

const JSON_SECRET =
  /("(?:[\w-]*(?:token|secret|passw(?:or)?d|api[-_]?key|session|cookie|credential|authorization)[\w-]*)"\s*:\s*")((?:[^"\\]|\\.)*)"/gi;
const SCHEME_SECRET = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/g;
const FORM_SECRET = /\b([\w-]*(?:token|secret|passw(?:or)?d|api[-_]?key|session)[\w-]*)=([^&\s"';]+)/gi;

/** A body excerpt without known secrets, JSON fields that look like credentials, or bearer tokens. */
export function redactText(text: string, secrets: readonly string[]): string {
  return redact(text, secrets)
    .replace(JSON_SECRET, '$1***"')
    .replace(SCHEME_SECRET, '$1 ***')
    .replace(FORM_SECRET, '$1=***');
}

/** A URL for reports: user info and query parameters that look like credentials replaced. */
export function redactUrl(url: string, secrets: readonly string[]): string {
  try {
    const u = new URL(url);
    if (u.username !== '' || u.password !== '') {
      u.username = '***';
      u.password = '';
    }
    for (const key of [...u.searchParams.keys()]) {
      if (isSecretHeader(key)) u.searchParams.set(key, '***');
    }
    return redact(u.toString().replace('%2A%2A%2A', '***'), secrets).replace(/%2A%2A%2A/g, '***');
  } catch {
    return redact(url, secrets);
  }
}

/** The parts of a URL that are credentials (user info, query values that look like tokens): what to mask. */
export function urlSecrets(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const decoded = (part: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  // `user:password@` hides the password; a lone `token@` is the credential itself.
  const credential = u.password !== '' ? u.password : u.username;
  const found = [credential, decoded(credential)];
  for (const [key, value] of u.searchParams) {
    // Decoded, and as the URL writes it: either may be repeated (an echoing server).
    if (isSecretHeader(key)) found.push(value, encodeURIComponent(value));
  }
  return [...new Set(found.filter((v) => v.trim() !== ''))];
}

/** Trims a body for a report: whitespace collapsed, at most `max` characters. */
export function bodyExcerpt(body: string, max = 500): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** How much of a body is redacted to make its excerpt: enough for any excerpt but of a body mostly blank. */
const EXCERPT_SOURCE = 64 * 1024;

/**
 * A body's excerpt for a report, redacted before it is cut, so no cut leaves the start of a secret behind.
 * Only the body's start is read; when the body goes on, a secret's length is dropped from that start's end.
 */
export function redactedExcerpt(body: string, secrets: readonly string[], max = 500): string {
  if (body.length <= EXCERPT_SOURCE) return bodyExcerpt(redactText(body, secrets), max);
  const longest = Math.max(64, ...secrets.map((s) => s.length));
  const start = redactText(body.slice(0, EXCERPT_SOURCE), secrets);
  const excerpt = bodyExcerpt(start.slice(0, Math.max(0, start.length - longest)), max);
  return excerpt.endsWith('…') ? excerpt : `${excerpt}…`;
}
