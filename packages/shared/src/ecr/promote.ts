import { BatchCheckLayerAvailabilityCommand, PutImageCommand, type ECRClient } from '@aws-sdk/client-ecr';
import * as core from '@actions/core';
import { awsErrorCode, callAws } from '../errors/aws-operation-error';
import { sha256Digest, type RegistryClient } from '../registry/client';
import { findTags, getManifest, type EcrManifest } from './images';
import type { RepositoryInfo } from './repository';
import { planPromoteTags, TagConflictError } from './tag-policy';

/** One end of a promotion: the repository, an ECR client and a registry client that can read (or write) it. */
export interface PromoteEnd {
  ecr: ECRClient;
  repo: RepositoryInfo;
  /**
   * A client logged in to the registry that serves `repo.uri` (GetAuthorizationToken of that end's session).
   * Asked for only when bytes must move, so a promotion within one repository needs no registry token.
   */
  registry: () => Promise<RegistryClient>;
}

export interface PromoteOptions {
  source: PromoteEnd;
  target: PromoteEnd;
  /** The image to promote, read from the source with BatchGetImage. */
  image: EcrManifest;
  tags: readonly string[];
}

export interface PromoteResult {
  digest: string;
  /** The tags PutImage added (empty on an idempotent re-run). */
  added: string[];
  /** Blobs the target lacked: mounted from the source repository, or copied through the registry. */
  mounted: number;
  copied: number;
  /** Bytes copied. */
  copiedBytes: number;
}

interface Descriptors {
  blobs: { digest: string; size: number }[];
  manifests: string[];
}

/** The blobs (config and layers) and child manifests a manifest references. */
export function referencesOf(manifest: string): Descriptors {
  const parsed = JSON.parse(manifest) as {
    config?: { digest?: unknown; size?: unknown };
    layers?: { digest?: unknown; size?: unknown; urls?: unknown }[];
    manifests?: { digest?: unknown }[];
  };
  const blobs: Descriptors['blobs'] = [];
  const add = (d: { digest?: unknown; size?: unknown } | undefined): void => {
    if (typeof d?.digest === 'string')
      blobs.push({ digest: d.digest, size: typeof d.size === 'number' ? d.size : 0 });
  };
  add(parsed.config);
  // Foreign layers (with `urls`) live elsewhere: registries neither hold nor need them.
  for (const layer of parsed.layers ?? []) if (!Array.isArray(layer.urls)) add(layer);
  const manifests = (parsed.manifests ?? []).flatMap((m) => (typeof m.digest === 'string' ? [m.digest] : []));
  return { blobs, manifests };
}

/** The registry path of a repository (`host/path` → `path`), from its repositoryUri. */
function pathIn(registry: RegistryClient, repo: RepositoryInfo): string {
  const path = registry.pathOf(repo.uri);
  if (path === undefined) {
    throw new Error(
      `Repository ${repo.uri} is not served by the registry ${registry.endpoint} ECR returned for it.`,
    );
  }
  return path;
}

interface Connected {
  registry: RegistryClient;
  path: string;
}

async function connect(end: PromoteEnd): Promise<Connected> {
  const registry = await end.registry();
  return { registry, path: pathIn(registry, end.repo) };
}

function sameRepository(a: RepositoryInfo, b: RepositoryInfo): boolean {
  return a.uri === b.uri;
}

async function missingBlobs(target: PromoteEnd, digests: string[]): Promise<Set<string>> {
  const missing = new Set<string>();
  for (let i = 0; i < digests.length; i += 100) {
    const chunk = digests.slice(i, i + 100);
    const out = await callAws('ecr:BatchCheckLayerAvailability', () =>
      target.ecr.send(
        new BatchCheckLayerAvailabilityCommand({
          repositoryName: target.repo.name,
          registryId: target.repo.registryId,
          layerDigests: chunk,
        }),
      ),
    );
    for (const layer of out.layers ?? []) {
      if (layer.layerDigest !== undefined && layer.layerAvailability !== 'AVAILABLE')
        missing.add(layer.layerDigest);
    }
    for (const failure of out.failures ?? [])
      if (failure.layerDigest !== undefined) missing.add(failure.layerDigest);
  }
  return missing;
}

async function putManifest(
  target: PromoteEnd,
  image: EcrManifest,
  tag: string | undefined,
): Promise<boolean> {
  try {
    const out = await callAws('ecr:PutImage', () =>
      target.ecr.send(
        new PutImageCommand({
          repositoryName: target.repo.name,
          registryId: target.repo.registryId,
          imageManifest: image.manifest,
          imageManifestMediaType: image.mediaType,
          imageDigest: image.digest,
          ...(tag !== undefined ? { imageTag: tag } : {}),
        }),
      ),
    );
    const digest = out.image?.imageId?.imageDigest;
    if (digest !== image.digest) {
      throw new Error(
        `PutImage stored ${tag ?? 'the manifest'} in ${target.repo.name} as ${digest ?? 'nothing'}, not ${image.digest}.`,
      );
    }
    return true;
  } catch (err) {
    const code = awsErrorCode(err);
    // The same manifest under the same tag: a re-run (or a concurrent run) got there first.
    if (code === 'ImageAlreadyExistsException') return false;
    if (code === 'ImageTagAlreadyExistsException' && tag !== undefined) {
      throw new TagConflictError(
        `Tag "${tag}" already exists in ${target.repo.name} on another image (it appeared while this run promoted ${image.digest}).`,
        tag,
        'unknown',
      );
    }
    throw err;
  }
}

class Copier {
  mounted = 0;
  copied = 0;
  copiedBytes = 0;
  private ends: Promise<[Connected, Connected]> | undefined;

  constructor(
    private readonly source: PromoteEnd,
    private readonly target: PromoteEnd,
  ) {}

  /** Both registries, logged in on first use. */
  private connected(): Promise<[Connected, Connected]> {
    this.ends ??= Promise.all([connect(this.source), connect(this.target)]);
    return this.ends;
  }

  private async copyBlob(digest: string): Promise<void> {
    const [from, to] = await this.connected();
    // Cross-repository mount only works inside one registry: the same endpoint and the same account.
    const sameRegistry =
      from.registry.endpoint === to.registry.endpoint &&
      this.source.repo.registryId === this.target.repo.registryId;
    if (sameRegistry && (await to.registry.mountBlob(to.path, digest, from.path))) {
      this.mounted++;
      return;
    }
    const bytes = await from.registry.getBlob(from.path, digest);
    await to.registry.putBlob(to.path, digest, bytes);
    this.copied++;
    this.copiedBytes += bytes.length;
  }

  /** Makes `image` (its blobs, and for an index its child manifests first) present in the target. */
  async ensure(image: EcrManifest): Promise<void> {
    const refs = referencesOf(image.manifest);
    for (const child of refs.manifests) {
      const present = await getManifest(this.target.ecr, this.target.repo, { digest: child });
      if (present !== undefined) continue;
      const manifest = await getManifest(this.source.ecr, this.source.repo, { digest: child });
      if (manifest === undefined)
        throw new Error(`${this.source.repo.name} lacks ${child}, which ${image.digest} lists.`);
      await this.ensure(manifest);
      await putManifest(this.target, manifest, undefined);
    }
    if (refs.blobs.length === 0) return;
    const missing = await missingBlobs(
      this.target,
      refs.blobs.map((b) => b.digest),
    );
    for (const blob of refs.blobs) if (missing.has(blob.digest)) await this.copyBlob(blob.digest);
  }
}

/**
 * Promotes one image by digest: adds `tags` to exactly that manifest in the target repository with PutImage
 * (passing its media type), never rebuilding. Within one repository no bytes move. Into another repository or
 * account, the blobs (and child manifests) the target lacks are first mounted (same registry) or copied
 * through the registry API. Idempotent: tags already on the image are left alone; a fixed tag on another
 * image is a {@link TagConflictError}. The tags are read back afterwards and must name the same digest.
 */
export async function promoteImage(options: PromoteOptions): Promise<PromoteResult> {
  const { source, target, image, tags } = options;
  const actual = sha256Digest(Buffer.from(image.manifest, 'utf8'));
  if (actual !== image.digest)
    throw new Error(`The manifest read for ${image.digest} has the digest ${actual}.`);

  const existing = await findTags(target.ecr, target.repo, tags);
  const toPut = planPromoteTags(target.repo, tags, existing, image.digest);
  const result: PromoteResult = { digest: image.digest, added: [], mounted: 0, copied: 0, copiedBytes: 0 };
  if (toPut.length === 0) {
    core.info(`Every tag already names ${image.digest} in ${target.repo.name}: nothing to promote.`);
    return result;
  }
  if (!sameRepository(source.repo, target.repo)) {
    const copier = new Copier(source, target);
    await copier.ensure(image);
    Object.assign(result, {
      mounted: copier.mounted,
      copied: copier.copied,
      copiedBytes: copier.copiedBytes,
    });
  }
  for (const tag of toPut) {
    if (await putManifest(target, image, tag)) result.added.push(tag);
  }
  const after = await findTags(target.ecr, target.repo, tags);
  for (const tag of tags) {
    if (after.get(tag) !== image.digest) {
      throw new Error(
        `After promotion, tag "${tag}" in ${target.repo.name} names ${after.get(tag) ?? 'nothing'}, not ${image.digest}.`,
      );
    }
  }
  return result;
}
