import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  type ECRClient,
  type ImageDetail,
} from '@aws-sdk/client-ecr';
import { callAws } from '../errors/aws-operation-error';
import { MANIFEST_MEDIA_TYPES } from '../registry/client';

/** Where a repository is, for the ECR API: its name and registry (account). */
export interface RepositoryLocation {
  name: string;
  registryId: string;
}

/** A manifest as BatchGetImage returns it (the exact string: its sha256 is the digest). */
export interface EcrManifest {
  digest: string;
  manifest: string;
  mediaType: string;
}

/** BatchGetImage takes at most 100 image ids per call. */
const BATCH = 100;

/**
 * The digest each of `tags` points to in the repository, for the tags that exist (BatchGetImage; a missing
 * tag is simply absent from the map).
 */
export async function findTags(
  ecr: ECRClient,
  repo: RepositoryLocation,
  tags: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < tags.length; i += BATCH) {
    const chunk = tags.slice(i, i + BATCH);
    const out = await callAws('ecr:BatchGetImage', () =>
      ecr.send(
        new BatchGetImageCommand({
          repositoryName: repo.name,
          registryId: repo.registryId,
          imageIds: chunk.map((imageTag) => ({ imageTag })),
          acceptedMediaTypes: [...MANIFEST_MEDIA_TYPES],
        }),
      ),
    );
    for (const image of out.images ?? []) {
      const tag = image.imageId?.imageTag;
      const digest = image.imageId?.imageDigest;
      if (tag !== undefined && digest !== undefined) found.set(tag, digest);
    }
    for (const failure of out.failures ?? []) {
      if (failure.failureCode !== 'ImageNotFound' && failure.failureCode !== 'ImageTagDoesNotMatchDigest') {
        throw new Error(
          `BatchGetImage could not read ${failure.imageId?.imageTag ?? '?'} in ${repo.name}: ${failure.failureCode ?? ''} ${failure.failureReason ?? ''}`.trim(),
        );
      }
    }
  }
  return found;
}

/**
 * One manifest by digest or tag, exactly as stored (every manifest media type accepted, so ECR converts
 * nothing), or `undefined` when there is no such image.
 */
export async function getManifest(
  ecr: ECRClient,
  repo: RepositoryLocation,
  id: { digest?: string | undefined; tag?: string | undefined },
): Promise<EcrManifest | undefined> {
  const imageId = id.digest !== undefined ? { imageDigest: id.digest } : { imageTag: id.tag };
  const out = await callAws('ecr:BatchGetImage', () =>
    ecr.send(
      new BatchGetImageCommand({
        repositoryName: repo.name,
        registryId: repo.registryId,
        imageIds: [imageId],
        acceptedMediaTypes: [...MANIFEST_MEDIA_TYPES],
      }),
    ),
  );
  const image = out.images?.[0];
  if (image?.imageManifest === undefined || image.imageId?.imageDigest === undefined) return undefined;
  return {
    digest: image.imageId.imageDigest,
    manifest: image.imageManifest,
    mediaType: image.imageManifestMediaType ?? mediaTypeOf(image.imageManifest),
  };
}

/** The `mediaType` a manifest declares (docker v2 manifests always do; an OCI one may leave it out). */
export function mediaTypeOf(manifest: string): string {
  try {
    const parsed = JSON.parse(manifest) as { mediaType?: unknown; manifests?: unknown };
    if (typeof parsed.mediaType === 'string') return parsed.mediaType;
    return Array.isArray(parsed.manifests)
      ? 'application/vnd.oci.image.index.v1+json'
      : 'application/vnd.oci.image.manifest.v1+json';
  } catch {
    return 'application/vnd.oci.image.manifest.v1+json';
  }
}

/** DescribeImages for one image by digest: tags, size, push time, scan state. */
export async function describeImage(
  ecr: ECRClient,
  repo: RepositoryLocation,
  digest: string,
): Promise<ImageDetail | undefined> {
  const out = await callAws('ecr:DescribeImages', () =>
    ecr.send(
      new DescribeImagesCommand({
        repositoryName: repo.name,
        registryId: repo.registryId,
        imageIds: [{ imageDigest: digest }],
      }),
    ),
  );
  return out.imageDetails?.[0];
}
