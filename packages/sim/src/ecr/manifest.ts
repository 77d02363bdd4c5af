import type { Repository, StoredImage } from './store';
import { isTagImmutable, sha256 } from './store';

export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

/** Why a manifest was refused; the ECR API and the registry each turn this into their own error. */
export type ManifestProblem =
  | { kind: 'invalid'; message: string }
  | { kind: 'media-type'; message: string }
  | { kind: 'layers-missing'; digests: string[] }
  | { kind: 'referenced-missing'; digests: string[] }
  | { kind: 'tag-immutable'; tag: string; existingDigest: string };

export class ManifestRejected extends Error {
  constructor(readonly problem: ManifestProblem) {
    super(problem.kind);
  }
}

interface Descriptor {
  mediaType?: unknown;
  digest?: unknown;
  size?: unknown;
  urls?: unknown;
}

interface ParsedManifest {
  /** The manifest's own `mediaType` field, when it has one. */
  mediaType: string | undefined;
  /** Blobs the repository must hold: the config and every layer that is not fetched from elsewhere (`urls`). */
  blobs: string[];
  /** Manifests an index or list points at; they must already be in the repository. */
  manifests: string[];
  configMediaType: string | undefined;
  layersSize: number;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

function descriptors(value: unknown, field: string): Descriptor[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new ManifestRejected({ kind: 'invalid', message: `"${field}" must be an array` });
  return value.map((d: unknown) => {
    if (typeof d !== 'object' || d === null || typeof (d as Descriptor).digest !== 'string') {
      throw new ManifestRejected({ kind: 'invalid', message: `every entry of "${field}" needs a digest` });
    }
    if (!DIGEST.test((d as { digest: string }).digest)) {
      throw new ManifestRejected({ kind: 'invalid', message: `unsupported digest in "${field}"` });
    }
    return d as Descriptor;
  });
}

export function parseManifest(bytes: Buffer): ParsedManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ManifestRejected({ kind: 'invalid', message: 'Invalid JSON syntax' });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ManifestRejected({ kind: 'invalid', message: 'the manifest must be a JSON object' });
  }
  const m = doc as Record<string, unknown>;
  const mediaType = typeof m.mediaType === 'string' ? m.mediaType : undefined;
  const config = m.config === undefined ? [] : descriptors([m.config], 'config');
  const layers = descriptors(m.layers, 'layers');
  const manifests = descriptors(m.manifests, 'manifests');
  const fetchedHere = layers.filter((l) => !Array.isArray(l.urls) || l.urls.length === 0);
  return {
    mediaType,
    blobs: [...config, ...fetchedHere].map((d) => d.digest as string),
    manifests: manifests.map((d) => d.digest as string),
    configMediaType: typeof config[0]?.mediaType === 'string' ? config[0].mediaType : undefined,
    layersSize: layers.reduce((sum, l) => sum + (typeof l.size === 'number' ? l.size : 0), 0),
  };
}

export interface StoreResult {
  image: StoredImage;
  /** False when the repository already held this manifest (a re-tag or a re-push). */
  created: boolean;
}

/**
 * Stores a manifest in a repository (and points `tag` at it), checking what ECR checks: a known media type,
 * every referenced blob or manifest present in this repository, and tag immutability.
 */
export function storeManifest(
  repo: Repository,
  bytes: Buffer,
  mediaTypeHint: string | undefined,
  tag: string | undefined,
  now: number,
): StoreResult {
  const parsed = parseManifest(bytes);
  const mediaType = parsed.mediaType ?? mediaTypeHint;
  if (mediaType === undefined) {
    throw new ManifestRejected({
      kind: 'media-type',
      message: 'the manifest has no mediaType field, so imageManifestMediaType is required',
    });
  }
  const missingBlobs = parsed.blobs.filter((d) => !repo.blobs.has(d));
  if (missingBlobs.length > 0) throw new ManifestRejected({ kind: 'layers-missing', digests: missingBlobs });
  const missingManifests = parsed.manifests.filter((d) => !repo.images.has(d));
  if (missingManifests.length > 0) {
    throw new ManifestRejected({ kind: 'referenced-missing', digests: missingManifests });
  }
  const digest = sha256(bytes);
  if (tag !== undefined) {
    const current = repo.tags.get(tag);
    if (current !== undefined && current !== digest && isTagImmutable(repo, tag)) {
      throw new ManifestRejected({ kind: 'tag-immutable', tag, existingDigest: current });
    }
  }
  const existing = repo.images.get(digest);
  const image: StoredImage = existing ?? {
    digest,
    manifest: Buffer.from(bytes),
    mediaType,
    artifactMediaType: parsed.configMediaType,
    // ECR reports the compressed layer sizes; for an index, the largest image it lists.
    sizeInBytes:
      parsed.manifests.length > 0
        ? Math.max(0, ...parsed.manifests.map((d) => repo.images.get(d)?.sizeInBytes ?? 0))
        : parsed.layersSize,
    pushedAt: now,
    scanStartedAt: repo.scanOnPush && parsed.manifests.length === 0 ? now : undefined,
  };
  repo.images.set(digest, image);
  if (tag !== undefined) repo.tags.set(tag, digest);
  return { image, created: existing === undefined };
}
