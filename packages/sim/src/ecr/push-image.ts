import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { MEDIA_TYPES } from './manifest';
import { tarFiles } from './tar';

export interface PushImageOptions {
  /** The registry's base URL: the simulator's URL, i.e. GetAuthorizationToken's `proxyEndpoint`. */
  registryUrl: string;
  /** `account/region/repositoryName`, the path part of the repositoryUri. */
  repository: string;
  /** Tags to push the manifest under; with none, it is pushed by digest only. */
  tags?: string[];
  /** Basic auth for the registry: `{ username: 'AWS', password }` from GetAuthorizationToken. */
  auth: { username: string; password: string };
  /** The one layer's files (path → content). Different files make a different image digest. */
  files?: Record<string, string>;
  /** Extra image config (`Cmd`, `Entrypoint`, `Env`, `Labels`…). */
  config?: Record<string, unknown>;
}

export interface PushedImage {
  /** The manifest digest, `sha256:…`. */
  digest: string;
  /** The manifest exactly as pushed. */
  manifest: string;
  mediaType: string;
  /** The manifest's size in bytes. */
  size: number;
}

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function failure(what: string, res: Response): Promise<Error> {
  return new Error(`pushImage: ${what} failed with HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`);
}

/**
 * Pushes a small, real OCI image (a config blob and one gzipped tar layer) through the registry HTTP API, the
 * way `podman push` does: HEAD each blob, upload the missing ones, then PUT the manifest under each tag.
 * The same inputs always give the same digest.
 */
export async function pushImage(options: PushImageOptions): Promise<PushedImage> {
  const base = `${options.registryUrl.replace(/\/+$/, '')}/v2/${options.repository}`;
  const authorization = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
  const files = options.files ?? { 'hello.txt': 'hello from ecs-delivery\n' };

  const tar = tarFiles(files);
  const layer = gzipSync(tar, { level: 9 });
  const config = Buffer.from(
    JSON.stringify({
      created: '1970-01-01T00:00:00Z',
      architecture: 'amd64',
      os: 'linux',
      config: options.config ?? {},
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
      history: [{ created: '1970-01-01T00:00:00Z', created_by: 'pushImage (ecs-delivery simulator)' }],
    }),
  );

  for (const blob of [config, layer]) {
    const digest = sha256(blob);
    const head = await fetch(`${base}/blobs/${digest}`, { method: 'HEAD', headers: { authorization } });
    if (head.ok) continue;
    const res = await fetch(`${base}/blobs/uploads/?digest=${encodeURIComponent(digest)}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/octet-stream' },
      body: blob,
    });
    if (res.status !== 201) throw await failure(`uploading blob ${digest}`, res);
  }

  const mediaType = MEDIA_TYPES.ociManifest;
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: { mediaType: MEDIA_TYPES.ociConfig, digest: sha256(config), size: config.length },
    layers: [{ mediaType: MEDIA_TYPES.ociLayerGzip, digest: sha256(layer), size: layer.length }],
  });
  const bytes = Buffer.from(manifest);
  const digest = sha256(bytes);
  const references = options.tags && options.tags.length > 0 ? options.tags : [digest];
  for (const reference of references) {
    const res = await fetch(`${base}/manifests/${reference}`, {
      method: 'PUT',
      headers: { authorization, 'content-type': mediaType },
      body: bytes,
    });
    if (res.status !== 201) throw await failure(`putting the manifest as ${reference}`, res);
  }
  return { digest, manifest, mediaType, size: bytes.length };
}
