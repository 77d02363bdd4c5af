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

/** The values of a check's headers that are secret: what the action masks before anything prints. */
export function secretHeaderValues(
  headers: Readonly<Record<string, string>>,
  secretHeaders: readonly string[] = [],
): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name, secretHeaders) || value.trim() === '') continue;
    values.push(value);
    // `Bearer abc`: the credential alone may show up elsewhere (an echoing server).
    const parts = value.trim().split(/\s+/);
    if (parts.length === 2 && parts[1]!.length >= 6) values.push(parts[1]!);
  }
  return values;
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

export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  secretHeaders: readonly string[],
  secrets: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = isSecretHeader(name, secretHeaders) ? '***' : redact(value, secrets);
  }
  return out;
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
  for (const [key, value] of u.searchParams) if (isSecretHeader(key)) found.push(value);
  return [...new Set(found.filter((v) => v.trim() !== ''))];
}

/** Trims a body for a report: whitespace collapsed, at most `max` characters. */
export function bodyExcerpt(body: string, max = 500): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
