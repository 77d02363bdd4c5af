import { readBody } from '../core/server';
import { ManifestRejected, storeManifest } from './manifest';
import { DIGEST_RE, RegistryError, type RegistryRequest, send } from './registry-http';
import { deleteImage, sha256 } from './store';

/** Manifests by tag or digest, and the tag list. */

export const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const MAX_MANIFEST = 4 * 1024 * 1024;

function manifestUnknown(reference: string): RegistryError {
  return new RegistryError(404, 'MANIFEST_UNKNOWN', `Requested image not found: ${reference}`);
}

function rejected(r: RegistryRequest, tag: string | undefined, err: ManifestRejected): RegistryError {
  const p = err.problem;
  const where = `repository with name '${r.repo.name}' in the registry with id '${r.repo.account}'`;
  switch (p.kind) {
    case 'invalid':
    case 'media-type':
      return new RegistryError(400, 'MANIFEST_INVALID', `manifest invalid: ${p.message}`);
    case 'layers-missing':
      return new RegistryError(
        400,
        'MANIFEST_BLOB_UNKNOWN',
        `Layers with digests '[${p.digests.join(', ')}]' required for pushing image into ${where} do not exist`,
      );
    case 'referenced-missing':
      return new RegistryError(
        400,
        'MANIFEST_BLOB_UNKNOWN',
        `Images with digests '[${p.digests.join(', ')}]' required for pushing image into ${where} do not exist`,
      );
    case 'tag-immutable':
      return new RegistryError(
        400,
        'TAG_INVALID',
        `The image tag '${tag ?? ''}' already exists in the '${r.repo.name}' repository and cannot be overwritten because the repository is immutable.`,
      );
  }
}

async function putManifest(r: RegistryRequest, reference: string): Promise<void> {
  const byDigest = reference.startsWith('sha256:');
  if (!byDigest && !TAG_RE.test(reference)) {
    throw new RegistryError(400, 'TAG_INVALID', `manifest tag did not match URI: invalid tag '${reference}'`);
  }
  const body = await readBody(r.req, MAX_MANIFEST).catch(() => {
    throw new RegistryError(413, 'SIZE_INVALID', `a manifest is at most ${MAX_MANIFEST} bytes`);
  });
  const digest = sha256(body);
  if (byDigest && reference !== digest) {
    throw new RegistryError(
      400,
      'DIGEST_INVALID',
      `provided digest ${reference} did not match the manifest's digest ${digest}`,
    );
  }
  const contentType = r.req.headers['content-type']?.split(';')[0]?.trim();
  const tag = byDigest ? undefined : reference;
  try {
    storeManifest(r.repo, body, contentType || undefined, tag, r.sim.clock.now());
  } catch (err) {
    if (err instanceof ManifestRejected) throw rejected(r, tag, err);
    throw err;
  }
  send(r.res, 201, { location: `/v2/${r.name}/manifests/${digest}`, 'docker-content-digest': digest });
}

export async function handleManifest(r: RegistryRequest, reference: string): Promise<void> {
  const method = r.req.method ?? 'GET';
  if (method === 'PUT') return putManifest(r, reference);
  const digest = DIGEST_RE.test(reference) ? reference : r.repo.tags.get(reference);
  const image = digest !== undefined ? r.repo.images.get(digest) : undefined;
  if (method === 'DELETE') {
    if (!image) throw manifestUnknown(reference);
    if (reference === image.digest) deleteImage(r.repo, image.digest);
    else r.repo.tags.delete(reference);
    send(r.res, 202, {});
    return;
  }
  if (method !== 'GET' && method !== 'HEAD')
    throw new RegistryError(405, 'UNSUPPORTED', `${method} is not supported on manifests`);
  if (!image) throw manifestUnknown(reference);
  send(
    r.res,
    200,
    { 'content-type': image.mediaType, 'docker-content-digest': image.digest },
    image.manifest,
  );
}

export function listTags(r: RegistryRequest): void {
  const all = [...r.repo.tags.keys()].sort();
  const last = r.url.searchParams.get('last');
  const n = r.url.searchParams.get('n');
  let tags = last ? all.filter((t) => t > last) : all;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (n !== null && Number(n) >= 0 && tags.length > Number(n)) {
    tags = tags.slice(0, Number(n));
    headers.link = `</v2/${r.name}/tags/list?n=${n}&last=${encodeURIComponent(tags[tags.length - 1] ?? '')}>; rel="next"`;
  }
  send(r.res, 200, headers, JSON.stringify({ name: r.name, tags }));
}
