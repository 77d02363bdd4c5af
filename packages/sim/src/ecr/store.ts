import { createHash } from 'node:crypto';
import { AwsError } from '../core/errors';
import { globMatch } from '../core/glob';
import type { Principal } from '../core/identity';
import type { Simulator } from '../core/simulator';

export type TagMutability = 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION';
export const TAG_MUTABILITIES: readonly TagMutability[] = [
  'MUTABLE',
  'IMMUTABLE',
  'IMMUTABLE_WITH_EXCLUSION',
  'MUTABLE_WITH_EXCLUSION',
];

export interface ExclusionFilter {
  filterType: 'WILDCARD';
  filter: string;
}

/** One manifest stored in a repository: its exact bytes, as pushed, and what ECR reports about it. */
export interface StoredImage {
  digest: string;
  manifest: Buffer;
  mediaType: string;
  /** The config blob's media type (ECR's `artifactMediaType`); undefined for an index. */
  artifactMediaType: string | undefined;
  sizeInBytes: number;
  pushedAt: number;
  /** When a scan started (scan on push, or StartImageScan); undefined when never scanned. */
  scanStartedAt: number | undefined;
}

export interface Repository {
  account: string;
  region: string;
  name: string;
  createdAt: number;
  mutability: TagMutability;
  exclusions: ExclusionFilter[];
  scanOnPush: boolean;
  resourceTags: { Key: string; Value: string }[];
  /** Digests of the blobs this repository holds; the bytes live in the shared content store. */
  blobs: Set<string>;
  images: Map<string, StoredImage>;
  /** tag → manifest digest */
  tags: Map<string, string>;
  /** The repository policy (JSON text): what principals of other accounts may do with the repository. */
  policy?: string;
}

/** An upload session of the registry API (`POST /v2/<name>/blobs/uploads/`). */
export interface UploadSession {
  id: string;
  repoKey: string;
  chunks: Buffer[];
  size: number;
}

export interface RegistryToken {
  /** Who asked GetAuthorizationToken: registry calls made with the token are made as them. */
  principal?: Principal;
  account: string;
  region: string;
  expiresAt: number;
}

export interface EcrState {
  /** Content-addressed blob bytes, shared by every repository that holds the digest. */
  blobs: Map<string, Buffer>;
  /** Keyed by `account/region/name`. */
  repositories: Map<string, Repository>;
  uploads: Map<string, UploadSession>;
  /** Registry passwords handed out by GetAuthorizationToken, keyed by their sha256. */
  tokens: Map<string, RegistryToken>;
  /** GetDownloadUrlForLayer URLs, keyed by the sha256 of their signature. */
  downloads: Map<string, { repoKey: string; digest: string; expiresAt: number }>;
  /** What moved through the registry since the last reset (`GET /_sim/state` shows it as `ecr.transfer`). */
  transfer: RegistryTransfer;
}

/** Blob (layer and config) bytes the registry served and received, and the blobs mounted instead of uploaded. */
export interface RegistryTransfer {
  /** Bodies of blob GETs, over the registry API or a GetDownloadUrlForLayer URL (a range: its bytes). */
  blobBytesServed: number;
  /** Upload bodies: registry API POSTs, PATCHes and PUTs, and ECR's UploadLayerPart parts. */
  blobBytesReceived: number;
  /** Cross-repository mounts that succeeded: a blob added to a repository without its bytes moving. */
  blobsMounted: number;
}

export function ecrState(sim: Simulator): EcrState {
  return sim.store<EcrState>('ecr', () => ({
    blobs: new Map(),
    repositories: new Map(),
    uploads: new Map(),
    tokens: new Map(),
    downloads: new Map(),
    transfer: { blobBytesServed: 0, blobBytesReceived: 0, blobsMounted: 0 },
  }));
}

/** Adds to one of the registry's transfer counters. */
export function countTransfer(sim: Simulator, counter: keyof RegistryTransfer, n: number): void {
  ecrState(sim).transfer[counter] += n;
}

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export const repoKey = (account: string, region: string, name: string): string =>
  `${account}/${region}/${name}`;

export function repositoryUri(sim: Simulator, repo: Repository): string {
  return `${sim.host}/${repoKey(repo.account, repo.region, repo.name)}`;
}

export function repositoryArn(repo: Repository): string {
  return `arn:aws:ecr:${repo.region}:${repo.account}:repository/${repo.name}`;
}

export function findRepository(
  sim: Simulator,
  account: string,
  region: string,
  name: string,
): Repository | undefined {
  return ecrState(sim).repositories.get(repoKey(account, region, name));
}

export function repositoryNotFound(account: string, name: string): AwsError {
  return new AwsError(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${account}'`,
  );
}

export function requireRepository(sim: Simulator, account: string, region: string, name: string): Repository {
  const repo = findRepository(sim, account, region, name);
  if (!repo) throw repositoryNotFound(account, name);
  return repo;
}

/** Whether a tag, once set, may not be moved to another image (tag mutability and its exclusion filters). */
export function isTagImmutable(repo: Repository, tag: string): boolean {
  const excluded = repo.exclusions.some((f) => globMatch(f.filter, tag));
  switch (repo.mutability) {
    case 'MUTABLE':
      return false;
    case 'IMMUTABLE':
      return true;
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !excluded;
    case 'MUTABLE_WITH_EXCLUSION':
      return excluded;
  }
}

export function tagsOf(repo: Repository, digest: string): string[] {
  return [...repo.tags].filter(([, d]) => d === digest).map(([t]) => t);
}

/** Every reference a scenario rule's `image` glob may match for this image: `uri:tag` and `uri@digest`. */
export function imageRefs(sim: Simulator, repo: Repository, digest: string): string[] {
  const uri = repositoryUri(sim, repo);
  return [...tagsOf(repo, digest).map((t) => `${uri}:${t}`), `${uri}@${digest}`];
}

/** Drops blob bytes no repository holds any more. */
export function collectGarbage(state: EcrState): void {
  const live = new Set<string>();
  for (const repo of state.repositories.values()) for (const d of repo.blobs) live.add(d);
  for (const digest of state.blobs.keys()) if (!live.has(digest)) state.blobs.delete(digest);
}

/** Removes an image and every tag pointing at it. */
export function deleteImage(repo: Repository, digest: string): void {
  repo.images.delete(digest);
  for (const [tag, d] of repo.tags) if (d === digest) repo.tags.delete(tag);
}

/** An image as a call names it: by digest, by tag, or both. */
export interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

/** ECR's own rendering of an image id in error messages: `{imageDigest:'null', imageTag:'v1'}`. */
export function showImageId(id: ImageId): string {
  return `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;
}

export function imageNotFound(repo: Repository, id: ImageId): AwsError {
  return new AwsError(
    'ImageNotFoundException',
    `The image with imageId ${showImageId(id)} does not exist within the repository with name '${repo.name}' in the registry with id '${repo.account}'`,
  );
}

/** The image an id names, by digest or by tag; undefined when absent or when the tag names another digest. */
export function resolveImage(repo: Repository, id: ImageId): StoredImage | undefined {
  const digest = id.imageDigest ?? (id.imageTag !== undefined ? repo.tags.get(id.imageTag) : undefined);
  if (digest === undefined) return undefined;
  if (id.imageTag !== undefined && repo.tags.get(id.imageTag) !== digest) return undefined;
  return repo.images.get(digest);
}
