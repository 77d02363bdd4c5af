import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * AWS Signature Version 4, checked the way AWS checks it: the canonical request is rebuilt from the request as
 * it arrived (method, path, query, the signed headers, the payload hash), hashed into the string to sign, and
 * signed with the key derived from the secret access key, the date, the region and the service.
 */

/** What a request's SigV4 authorization says: from its `Authorization` header, or a presigned URL's query. */
export interface SigV4Authorization {
  accessKeyId: string;
  /** `YYYYMMDD` of the credential scope. */
  date: string;
  region: string;
  service: string;
  /** Lower-case header names, as `SignedHeaders` lists them. */
  signedHeaders: string[];
  signature: string;
  /** The request time the signature covers (`X-Amz-Date`), `YYYYMMDDTHHMMSSZ`. */
  amzDate: string | undefined;
  presigned: boolean;
  /** The session token, from `X-Amz-Security-Token` (header or query). */
  token: string | undefined;
}

const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : undefined;
}

/** The SigV4 parts of a request, or undefined when it carries no SigV4 signature. */
export function sigV4Of(
  req: IncomingMessage,
  query: URLSearchParams | undefined,
): SigV4Authorization | undefined {
  const header = headerValue(req, 'authorization');
  if (header !== undefined) {
    const credential = /Credential=([^,\s]+)/.exec(header)?.[1];
    const m = credential ? CREDENTIAL.exec(credential) : null;
    if (!m) return undefined;
    return {
      accessKeyId: m[1]!,
      date: m[2]!,
      region: m[3]!,
      service: m[4]!,
      signedHeaders: (/SignedHeaders=([^,\s]+)/.exec(header)?.[1] ?? '').split(';').filter(Boolean),
      signature: /Signature=([0-9a-fA-F]+)/.exec(header)?.[1] ?? '',
      amzDate: headerValue(req, 'x-amz-date'),
      presigned: false,
      token: headerValue(req, 'x-amz-security-token'),
    };
  }
  const credential = query?.get('X-Amz-Credential');
  const m = credential ? CREDENTIAL.exec(credential) : null;
  if (!query || !m) return undefined;
  return {
    accessKeyId: m[1]!,
    date: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean),
    signature: query.get('X-Amz-Signature') ?? '',
    amzDate: query.get('X-Amz-Date') ?? undefined,
    presigned: true,
    token: query.get('X-Amz-Security-Token') ?? undefined,
  };
}

/** RFC 3986 percent-encoding, as SigV4 wants it: everything but `A-Z a-z 0-9 - _ . ~`, in upper-case hex. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The canonical URI. S3 signs the path exactly as sent; every other service signs it normalized (no empty, `.`
 * or `..` segments) and URI-encoded once more ("each path segment must be URI-encoded twice").
 */
function canonicalUri(rawPath: string, s3: boolean): string {
  if (s3) return rawPath === '' ? '/' : rawPath;
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${segments.map(uriEncode).join('/')}${trailing}`;
}

/** Every query parameter (but a presigned URL's own signature), each name and value encoded, sorted by name. */
function canonicalQuery(rawQuery: string, presigned: boolean): string {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = uriEncode(decode(eq < 0 ? part : part.slice(0, eq)));
    if (presigned && name === 'X-Amz-Signature') continue;
    pairs.push([name, uriEncode(decode(eq < 0 ? '' : part.slice(eq + 1)))]);
  }
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** `name:value\n` for every signed header: values trimmed, inner runs of spaces collapsed, repeats joined by `,`. */
function canonicalHeaders(req: IncomingMessage, signed: string[]): string {
  const values = new Map<string, string[]>();
  const wanted = new Set(signed);
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    if (!wanted.has(name)) continue;
    const list = values.get(name) ?? [];
    list.push(req.rawHeaders[i + 1]!.trim().replace(/\s+/g, ' '));
    values.set(name, list);
  }
  return signed.map((name) => `${name}:${(values.get(name) ?? []).join(',')}\n`).join('');
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function deriveSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

export interface SignatureCheck {
  valid: boolean;
  canonicalRequest: string;
  stringToSign: string;
}

/**
 * Recomputes a request's signature with its signing key and compares it with the one it carries. `payloadHash` is
 * what the canonical request ends with: the hex SHA-256 of the body, or what `x-amz-content-sha256` declares
 * (S3's `UNSIGNED-PAYLOAD`, `STREAMING-…`).
 */
export function checkSignature(
  req: IncomingMessage,
  auth: SigV4Authorization,
  signingKey: Buffer,
  payloadHash: string,
  s3: boolean,
): SignatureCheck {
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? '' : target.slice(q + 1);
  const canonicalRequest = [
    req.method ?? 'GET',
    canonicalUri(rawPath, s3),
    canonicalQuery(rawQuery, auth.presigned),
    canonicalHeaders(req, auth.signedHeaders),
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    auth.amzDate ?? '',
    `${auth.date}/${auth.region}/${auth.service}/aws4_request`,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const expected = createHmac('sha256', signingKey).update(stringToSign).digest();
  const provided = Buffer.from(auth.signature, 'hex');
  const valid =
    auth.amzDate !== undefined &&
    provided.length === expected.length &&
    auth.signature.length === 64 &&
    timingSafeEqual(provided, expected);
  return { valid, canonicalRequest, stringToSign };
}

/** The message AWS answers a signature it recomputed differently with (awsJson, awsQuery and REST services but S3). */
export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** S3's own wording of the same. */
export const S3_SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
