import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { crc32 } from 'node:zlib';
import { S3Error } from './errors';
import type { ObjectChecksum } from './store';

/**
 * What an upload's body really is: the AWS SDKs send streams `aws-chunked` (`<hex size>[;chunk-signature=…]\r\n`
 * data `\r\n` …, a last `0` chunk, then trailing headers such as `x-amz-checksum-crc32`), and they send a checksum
 * of the payload in a header or in that trailer. S3 checks both and refuses a body that does not match.
 */

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC32C_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function uint32(n: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b.toString('base64');
}

/** The base64 checksum of `body` under an S3 algorithm, or undefined for one the simulator does not compute. */
function checksumOf(algorithm: string, body: Buffer): string | undefined {
  switch (algorithm) {
    case 'crc32':
      return uint32(crc32(body));
    case 'crc32c':
      return uint32(crc32c(body));
    case 'sha1':
      return createHash('sha1').update(body).digest('base64');
    case 'sha256':
      return createHash('sha256').update(body).digest('base64');
    default:
      return undefined;
  }
}

const invalidChunk = (): S3Error =>
  new S3Error('IncompleteBody', 'The request body terminated unexpectedly', 400);

/** Decodes an `aws-chunked` body into its payload and its trailing headers (lower-cased names). */
export function decodeAwsChunked(raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', pos);
    if (eol < 0) throw invalidChunk();
    const header = raw.subarray(pos, eol).toString('latin1');
    const size = parseInt(header.split(';')[0]!, 16);
    if (!Number.isInteger(size) || size < 0) throw invalidChunk();
    pos = eol + 2;
    if (size === 0) break;
    if (pos + size > raw.length) throw invalidChunk();
    parts.push(raw.subarray(pos, pos + size));
    pos += size;
    if (raw.subarray(pos, pos + 2).toString('latin1') === '\r\n') pos += 2;
  }
  const trailers: Record<string, string> = {};
  for (const line of raw.subarray(pos).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(parts), trailers };
}

/** The payload of an upload and the checksum it was sent with, after S3's checks (BadDigest, InvalidDigest). */
export function readPayload(
  headers: IncomingHttpHeaders,
  raw: Buffer,
): { body: Buffer; checksum?: ObjectChecksum } {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  const chunked = encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
  let body = raw;
  let trailers: Record<string, string> = {};
  if (chunked) ({ body, trailers } = decodeAwsChunked(raw));
  const declared = headers['x-amz-decoded-content-length'];
  if (chunked && declared !== undefined && Number(declared) !== body.length) throw invalidChunk();

  const md5 = headers['content-md5'];
  if (typeof md5 === 'string') {
    if (!/^[A-Za-z0-9+/]{22}==$/.test(md5)) {
      throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400);
    }
    if (createHash('md5').update(body).digest('base64') !== md5) {
      throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
    }
  }
  let checksum: ObjectChecksum | undefined;
  const sent = { ...headers, ...trailers };
  for (const [name, value] of Object.entries(sent)) {
    const m = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/.exec(name);
    if (!m || typeof value !== 'string') continue;
    const algorithm = m[1]!;
    const expected = checksumOf(algorithm, body);
    if (expected !== undefined && expected !== value) {
      throw new S3Error(
        'BadDigest',
        `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
        400,
      );
    }
    checksum = { algorithm, value };
  }
  return { body, ...(checksum ? { checksum } : {}) };
}
