import { randomUUID } from 'node:crypto';
import { readBody } from '../core/server';
import { DIGEST_RE, RegistryError, type RegistryRequest, repositoryFromName, send } from './registry-http';
import { countTransfer, ecrState, repoKey, type Repository, sha256, type UploadSession } from './store';

/** Blob reads and the upload protocol: monolithic, chunked (PATCH with Content-Range), and cross-repository mount. */

const keyOf = (repo: Repository): string => repoKey(repo.account, repo.region, repo.name);

function blobUnknown(digest: string): RegistryError {
  return new RegistryError(404, 'BLOB_UNKNOWN', `blob unknown to registry: ${digest}`);
}

function uploadHeaders(r: RegistryRequest, session: UploadSession): Record<string, string> {
  return {
    location: `/v2/${r.name}/blobs/uploads/${session.id}`,
    range: `0-${Math.max(0, session.size - 1)}`,
    'docker-upload-uuid': session.id,
  };
}

function blobCreated(r: RegistryRequest, digest: string): void {
  send(r.res, 201, { location: `/v2/${r.name}/blobs/${digest}`, 'docker-content-digest': digest });
}

function storeBlob(r: RegistryRequest, expected: string, bytes: Buffer): void {
  if (!DIGEST_RE.test(expected)) {
    throw new RegistryError(
      400,
      'DIGEST_INVALID',
      `unsupported digest ${expected}: only sha256 is supported`,
    );
  }
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new RegistryError(
      400,
      'DIGEST_INVALID',
      `provided digest ${expected} did not match uploaded content ${actual}`,
    );
  }
  const state = ecrState(r.sim);
  if (!state.blobs.has(actual)) state.blobs.set(actual, bytes);
  r.repo.blobs.add(actual);
}

function session(r: RegistryRequest, id: string): UploadSession {
  const s = ecrState(r.sim).uploads.get(id);
  if (!s || s.repoKey !== keyOf(r.repo))
    throw new RegistryError(404, 'BLOB_UPLOAD_UNKNOWN', `blob upload unknown: ${id}`);
  return s;
}

function tryMount(r: RegistryRequest, digest: string, from: string): boolean {
  let source: Repository;
  try {
    source = repositoryFromName(r.sim, from);
  } catch {
    return false;
  }
  if (!source.blobs.has(digest) || !ecrState(r.sim).blobs.has(digest)) return false;
  r.repo.blobs.add(digest);
  countTransfer(r.sim, 'blobsMounted', 1);
  return true;
}

export async function handleBlob(r: RegistryRequest, digest: string): Promise<void> {
  const method = r.req.method ?? 'GET';
  const bytes = r.repo.blobs.has(digest) ? ecrState(r.sim).blobs.get(digest) : undefined;
  if (method === 'DELETE') throw new RegistryError(405, 'UNSUPPORTED', 'The operation is unsupported.');
  if (method !== 'GET' && method !== 'HEAD')
    throw new RegistryError(405, 'UNSUPPORTED', `${method} is not supported on blobs`);
  if (!bytes) throw blobUnknown(digest);
  const headers = {
    'content-type': 'application/octet-stream',
    'docker-content-digest': digest,
    'accept-ranges': 'bytes',
  };
  const range = /^bytes=(\d+)-(\d*)$/.exec(r.req.headers.range ?? '');
  if (range && method === 'GET') {
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
    if (start > end) {
      throw new RegistryError(416, 'RANGE_INVALID', 'requested range not satisfiable', {
        'content-range': `bytes */${bytes.length}`,
      });
    }
    countTransfer(r.sim, 'blobBytesServed', end + 1 - start);
    send(
      r.res,
      206,
      { ...headers, 'content-range': `bytes ${start}-${end}/${bytes.length}` },
      bytes.subarray(start, end + 1),
    );
    return;
  }
  if (method === 'GET') countTransfer(r.sim, 'blobBytesServed', bytes.length);
  send(r.res, 200, headers, bytes);
}

/** `POST /v2/<name>/blobs/uploads/`: mount, monolithic upload, or a new session. */
export async function startUpload(r: RegistryRequest): Promise<void> {
  const mount = r.url.searchParams.get('mount');
  const from = r.url.searchParams.get('from');
  const digest = r.url.searchParams.get('digest');
  const body = await readBody(r.req);
  countTransfer(r.sim, 'blobBytesReceived', body.length);
  if (mount && from && tryMount(r, mount, from)) {
    blobCreated(r, mount);
    return;
  }
  if (digest) {
    storeBlob(r, digest, body);
    blobCreated(r, digest);
    return;
  }
  const s: UploadSession = { id: randomUUID(), repoKey: keyOf(r.repo), chunks: [], size: 0 };
  if (body.length > 0) {
    s.chunks.push(body);
    s.size = body.length;
  }
  ecrState(r.sim).uploads.set(s.id, s);
  send(r.res, 202, uploadHeaders(r, s));
}

/** PATCH, PUT, GET and DELETE on `/v2/<name>/blobs/uploads/<id>`. */
export async function continueUpload(r: RegistryRequest, id: string): Promise<void> {
  const s = session(r, id);
  const method = r.req.method ?? 'GET';
  if (method === 'GET') {
    send(r.res, 204, uploadHeaders(r, s));
    return;
  }
  if (method === 'DELETE') {
    ecrState(r.sim).uploads.delete(s.id);
    send(r.res, 204, {});
    return;
  }
  if (method !== 'PATCH' && method !== 'PUT')
    throw new RegistryError(405, 'UNSUPPORTED', `${method} is not supported on uploads`);
  const contentRange = r.req.headers['content-range'];
  const chunk = await readBody(r.req);
  countTransfer(r.sim, 'blobBytesReceived', chunk.length);
  if (contentRange && chunk.length > 0) {
    const m = /^(?:bytes[= ])?(\d+)-(\d+)/.exec(contentRange);
    if (!m || Number(m[1]) !== s.size || Number(m[2]) - Number(m[1]) + 1 !== chunk.length) {
      throw new RegistryError(
        416,
        'BLOB_UPLOAD_INVALID',
        `chunk ${contentRange} does not continue the upload at ${s.size}`,
        {
          ...uploadHeaders(r, s),
        },
      );
    }
  }
  if (chunk.length > 0) {
    s.chunks.push(chunk);
    s.size += chunk.length;
  }
  if (method === 'PATCH') {
    send(r.res, 202, uploadHeaders(r, s));
    return;
  }
  const digest = r.url.searchParams.get('digest');
  if (!digest)
    throw new RegistryError(
      400,
      'DIGEST_INVALID',
      'the digest query parameter is required to finish an upload',
    );
  ecrState(r.sim).uploads.delete(s.id);
  storeBlob(r, digest, Buffer.concat(s.chunks));
  blobCreated(r, digest);
}
