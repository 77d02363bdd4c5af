import { sha256 } from './store';
import { syntheticImage } from './synthetic-image';

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
  const image = syntheticImage({
    ...(options.files !== undefined ? { files: options.files } : {}),
    ...(options.config !== undefined ? { config: options.config } : {}),
  });

  for (const blob of [image.config, image.layer]) {
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

  const { digest, mediaType, manifest } = image;
  const references = options.tags && options.tags.length > 0 ? options.tags : [digest];
  for (const reference of references) {
    const res = await fetch(`${base}/manifests/${reference}`, {
      method: 'PUT',
      headers: { authorization, 'content-type': mediaType },
      body: manifest,
    });
    if (res.status !== 201) throw await failure(`putting the manifest as ${reference}`, res);
  }
  return { digest, manifest: manifest.toString('utf8'), mediaType, size: manifest.length };
}
