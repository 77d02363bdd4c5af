import { AwsError } from '../core/errors';
import type { ActionHandler } from '../core/simulator';
import { Input, validationError, validationErrors } from '../core/request';
import { batchImageIds, imageIds, paginate, repositoryOf } from './request';
import { scanSummary } from './api-scan';
import { ManifestRejected, parseManifest, storeManifest } from './manifest';
import { acceptedMediaTypesOf, manifestFor } from './media-types';
import {
  deleteImage,
  type ImageId,
  imageNotFound,
  type Repository,
  resolveImage,
  sha256,
  type StoredImage,
  tagsOf,
} from './store';

type TagStatus = 'TAGGED' | 'UNTAGGED' | 'ANY';

function tagStatus(input: Input): TagStatus {
  const filter = input.raw.filter as { tagStatus?: unknown } | undefined;
  const status = filter?.tagStatus ?? 'ANY';
  if (status !== 'TAGGED' && status !== 'UNTAGGED' && status !== 'ANY') {
    throw validationError(
      'filter.tagStatus',
      'Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]',
      status,
    );
  }
  return status;
}

function keep(repo: Repository, digest: string, status: TagStatus): boolean {
  const tagged = tagsOf(repo, digest).length > 0;
  return status === 'ANY' || (status === 'TAGGED') === tagged;
}

/** Manifests of this repository that list `digest` (an index or manifest list). */
function referencedBy(repo: Repository, digest: string): string[] {
  const out: string[] = [];
  for (const image of repo.images.values()) {
    if (image.artifactMediaType !== undefined) continue;
    try {
      if (parseManifest(image.manifest).manifests.includes(digest)) out.push(image.digest);
    } catch {
      // a stored manifest always parsed once; nothing to do if it somehow does not now
    }
  }
  return out;
}

function putImageError(repo: Repository, tag: string | undefined, err: ManifestRejected): AwsError {
  const p = err.problem;
  const where = `repository with name '${repo.name}' in the registry with id '${repo.account}'`;
  switch (p.kind) {
    case 'invalid':
      return new AwsError(
        'InvalidParameterException',
        `Invalid parameter at 'ImageManifest' failed to satisfy constraint: '${p.message}'`,
      );
    case 'media-type':
      return new AwsError(
        'InvalidParameterException',
        `Invalid parameter at 'imageManifestMediaType' failed to satisfy constraint: '${p.message}'`,
      );
    case 'layers-missing':
      return new AwsError(
        'LayersNotFoundException',
        `Layers with digests '[${p.digests.join(', ')}]' required for pushing image into ${where} do not exist`,
      );
    case 'referenced-missing':
      return new AwsError(
        'ReferencedImagesNotFoundException',
        `Images with digests '[${p.digests.join(', ')}]' required for pushing image into ${where} do not exist`,
      );
    case 'tag-immutable':
      return new AwsError(
        'ImageTagAlreadyExistsException',
        `The image tag '${tag ?? ''}' already exists in the '${repo.name}' repository and cannot be overwritten because the repository is immutable.`,
      );
  }
}

interface Failure {
  imageId: ImageId;
  failureCode: string;
  failureReason: string;
}

const failure = (imageId: ImageId, failureCode: string, failureReason: string): Failure => ({
  imageId,
  failureCode,
  failureReason,
});

/**
 * The image one entry of a batch call names, or its failure: an entry that names neither a digest nor a tag, or
 * an image that is not there (`notFound` says how).
 */
function batchEntry(
  repo: Repository,
  id: ImageId,
  notFound: (id: ImageId) => Failure,
): { image: StoredImage } | { failure: Failure } {
  if (id.imageDigest === undefined && id.imageTag === undefined) {
    return {
      failure: failure(
        id,
        'MissingDigestAndTag',
        'Invalid request parameters: both tag and digest cannot be null',
      ),
    };
  }
  const image = resolveImage(repo, id);
  return image ? { image } : { failure: notFound(id) };
}

export const imageActions: Record<string, ActionHandler> = {
  DescribeImages(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const ids = imageIds(input, 'imageIds');
    let images: StoredImage[];
    if (ids) {
      images = [];
      for (const id of ids) {
        const image = resolveImage(repo, id);
        if (!image) throw imageNotFound(repo, id);
        if (!images.includes(image)) images.push(image);
      }
    } else {
      const status = tagStatus(input);
      images = [...repo.images.values()].filter((i) => keep(repo, i.digest, status));
    }
    const { page, nextToken } = paginate(images, input);
    return {
      imageDetails: page.map((image) => {
        const tags = tagsOf(repo, image.digest);
        return {
          registryId: repo.account,
          repositoryName: repo.name,
          imageDigest: image.digest,
          ...(tags.length > 0 ? { imageTags: tags } : {}),
          imageSizeInBytes: image.sizeInBytes,
          imagePushedAt: new Date(image.pushedAt),
          imageManifestMediaType: image.mediaType,
          ...(image.artifactMediaType !== undefined ? { artifactMediaType: image.artifactMediaType } : {}),
          ...scanSummary(ctx.sim, repo, image, ctx.now),
        };
      }),
      ...(nextToken ? { nextToken } : {}),
    };
  },

  ListImages(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const status = tagStatus(input);
    const ids: ImageId[] = [];
    for (const image of repo.images.values()) {
      if (!keep(repo, image.digest, status)) continue;
      const tags = tagsOf(repo, image.digest);
      if (tags.length === 0) ids.push({ imageDigest: image.digest });
      for (const imageTag of tags) ids.push({ imageDigest: image.digest, imageTag });
    }
    const { page, nextToken } = paginate(ids, input);
    return { imageIds: page, ...(nextToken ? { nextToken } : {}) };
  },

  BatchGetImage(ctx, raw) {
    const input = new Input(raw, validationErrors);
    // A malformed member is refused before the repository is looked up, as AWS validates the model first.
    const accepted = acceptedMediaTypesOf(input.raw);
    const repo = repositoryOf(ctx, input);
    const failures: Failure[] = [];
    const images: unknown[] = [];
    for (const id of batchImageIds(input)) {
      const entry = batchEntry(repo, id, () =>
        id.imageDigest !== undefined && id.imageTag !== undefined && repo.images.has(id.imageDigest)
          ? failure(id, 'ImageTagDoesNotMatchDigest', 'Invalid image tag for image digest')
          : failure(id, 'ImageNotFound', 'Requested image not found'),
      );
      if ('failure' in entry) {
        failures.push(entry.failure);
        continue;
      }
      const { image } = entry;
      // Only a pull by tag is translated; "If you pull an image by digest, there is no translation available."
      const answer = manifestFor(image, id.imageDigest === undefined, accepted);
      images.push({
        registryId: repo.account,
        repositoryName: repo.name,
        imageId: {
          imageDigest: image.digest,
          ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}),
        },
        imageManifest: answer.manifest,
        imageManifestMediaType: answer.mediaType,
      });
    }
    return { images, failures };
  },

  PutImage(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const manifest = input.required('imageManifest');
    if (manifest.length < 1 || manifest.length > 4194304) {
      throw validationError('imageManifest', 'Member must have length less than or equal to 4194304', '…');
    }
    const tag = input.str('imageTag');
    if (tag !== undefined && (tag.length < 1 || tag.length > 300)) {
      throw validationError('imageTag', 'Member must have length less than or equal to 300', tag);
    }
    const mediaType = input.str('imageManifestMediaType');
    const bytes = Buffer.from(manifest, 'utf8');
    const digest = sha256(bytes);
    const givenDigest = input.str('imageDigest');
    if (givenDigest !== undefined && givenDigest !== digest) {
      throw new AwsError(
        'ImageDigestDoesNotMatchException',
        `Provided image digest '${givenDigest}' does not match the digest '${digest}' calculated for the image manifest`,
      );
    }
    // The same manifest under the same tag (or untagged, again) changes nothing: ECR says so with an error.
    const unchanged = tag !== undefined ? repo.tags.get(tag) === digest : repo.images.has(digest);
    if (unchanged) {
      throw new AwsError(
        'ImageAlreadyExistsException',
        `Image with digest '${digest}' and tag '${tag ?? 'null'}' already exists in the repository with name '${repo.name}' in registry with id '${repo.account}'`,
      );
    }
    try {
      const own = parseManifest(bytes).mediaType;
      if (mediaType !== undefined && own !== undefined && mediaType !== own) {
        throw new ManifestRejected({
          kind: 'media-type',
          message: `it does not match the manifest's mediaType ${own}`,
        });
      }
      const { image } = storeManifest(repo, bytes, mediaType, tag, ctx.now);
      return {
        image: {
          registryId: repo.account,
          repositoryName: repo.name,
          imageId: { imageDigest: digest, ...(tag !== undefined ? { imageTag: tag } : {}) },
          imageManifest: manifest,
          imageManifestMediaType: image.mediaType,
        },
      };
    } catch (err) {
      if (err instanceof ManifestRejected) throw putImageError(repo, tag, err);
      throw err;
    }
  },

  BatchDeleteImage(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const deleted: ImageId[] = [];
    const failures: Failure[] = [];
    for (const id of batchImageIds(input)) {
      const entry = batchEntry(repo, id, () => failure(id, 'ImageNotFound', 'Requested image not found'));
      if ('failure' in entry) {
        failures.push(entry.failure);
        continue;
      }
      const { image } = entry;
      const tags = tagsOf(repo, image.digest);
      // By tag, only the tag goes; the image goes with its last tag. By digest, the image and all its tags go.
      const removesImage = id.imageDigest !== undefined || tags.length <= 1;
      if (removesImage && referencedBy(repo, image.digest).length > 0) {
        failures.push(
          failure(id, 'ImageReferencedByManifestList', 'Requested image is referenced by a manifest list'),
        );
        continue;
      }
      if (removesImage) {
        deleteImage(repo, image.digest);
        if (tags.length === 0) deleted.push({ imageDigest: image.digest });
        for (const imageTag of tags) deleted.push({ imageDigest: image.digest, imageTag });
      } else {
        repo.tags.delete(id.imageTag!);
        deleted.push({ imageDigest: image.digest, imageTag: id.imageTag! });
      }
    }
    return { imageIds: deleted, failures };
  },
};
