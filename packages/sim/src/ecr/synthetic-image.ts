import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { MEDIA_TYPES } from './manifest';
import { tarFiles } from './tar';

export interface SyntheticImageOptions {
  /** The one layer's files (path → content). Different files make a different image digest. */
  files?: Record<string, string>;
  /** Extra image config (`Cmd`, `Entrypoint`, `Env`, `Labels`…). */
  config?: Record<string, unknown>;
}

/** A small, real OCI image: a config blob, one gzipped tar layer, and the manifest that names them. */
export interface SyntheticImage {
  config: Buffer;
  layer: Buffer;
  /** The manifest's exact bytes. */
  manifest: Buffer;
  mediaType: string;
  /** The manifest digest, `sha256:…`. */
  digest: string;
}

/** The layer of an image made without `files`. */
export const DEFAULT_IMAGE_FILES: Readonly<Record<string, string>> = {
  'hello.txt': 'hello from ecs-delivery\n',
};

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Builds the image `pushImage` pushes and the seed key `images` stores. The same inputs give the same bytes. */
export function syntheticImage(options: SyntheticImageOptions = {}): SyntheticImage {
  const tar = tarFiles(options.files ?? DEFAULT_IMAGE_FILES);
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
  const mediaType = MEDIA_TYPES.ociManifest;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: MEDIA_TYPES.ociConfig, digest: sha256(config), size: config.length },
      layers: [{ mediaType: MEDIA_TYPES.ociLayerGzip, digest: sha256(layer), size: layer.length }],
    }),
  );
  return { config, layer, manifest, mediaType, digest: sha256(manifest) };
}
