import { AwsError } from '../core/errors';
import type { ActionHandler } from '../core/simulator';
import {
  type ImageId,
  imageIds,
  imageNotFound,
  optionalString,
  paginate,
  registryOf,
  requiredString,
  resolveImage,
  validationError,
} from './api-input';
import { scanSummary } from './api-scan';
import { ManifestRejected, parseManifest, storeManifest } from './manifest';
import { deleteImage, type Repository, requireRepository, sha256, type StoredImage, tagsOf } from './store';

type TagStatus = 'TAGGED' | 'UNTAGGED' | 'ANY';

function tagStatus(input: Record<string, unknown>): TagStatus {
  const filter = input.filter as { tagStatus?: unknown } | undefined;
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

function repositoryOf(ctx: Parameters<ActionHandler>[0], input: Record<string, unknown>): Repository {
  return requireRepository(
    ctx.sim,
    registryOf(ctx, input),
    ctx.region,
    requiredString(input, 'repositoryName'),
  );
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

export const imageActions: Record<string, ActionHandler> = {
  DescribeImages(ctx, input) {
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

  ListImages(ctx, input) {
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

  BatchGetImage(ctx, input) {
    const repo = repositoryOf(ctx, input);
    const ids = imageIds(input, 'imageIds');
    if (!ids || ids.length === 0)
      throw validationError('imageIds', 'Member must have length greater than or equal to 1', ids);
    const images: unknown[] = [];
    const failures: unknown[] = [];
    for (const id of ids) {
      if (id.imageDigest === undefined && id.imageTag === undefined) {
        failures.push({
          imageId: id,
          failureCode: 'MissingDigestAndTag',
          failureReason: 'Invalid request parameters: both tag and digest cannot be null',
        });
        continue;
      }
      const image = resolveImage(repo, id);
      if (!image) {
        const tagElsewhere =
          id.imageDigest !== undefined && id.imageTag !== undefined && repo.images.has(id.imageDigest);
        failures.push(
          tagElsewhere
            ? {
                imageId: id,
                failureCode: 'ImageTagDoesNotMatchDigest',
                failureReason: 'Invalid image tag for image digest',
              }
            : { imageId: id, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' },
        );
        continue;
      }
      images.push({
        registryId: repo.account,
        repositoryName: repo.name,
        imageId: {
          imageDigest: image.digest,
          ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}),
        },
        imageManifest: image.manifest.toString('utf8'),
        imageManifestMediaType: image.mediaType,
      });
    }
    return { images, failures };
  },

  PutImage(ctx, input) {
    const repo = repositoryOf(ctx, input);
    const manifest = requiredString(input, 'imageManifest');
    if (manifest.length < 1 || manifest.length > 4194304) {
      throw validationError('imageManifest', 'Member must have length less than or equal to 4194304', '…');
    }
    const tag = optionalString(input, 'imageTag');
    if (tag !== undefined && (tag.length < 1 || tag.length > 300)) {
      throw validationError('imageTag', 'Member must have length less than or equal to 300', tag);
    }
    const mediaType = optionalString(input, 'imageManifestMediaType');
    const bytes = Buffer.from(manifest, 'utf8');
    const digest = sha256(bytes);
    const givenDigest = optionalString(input, 'imageDigest');
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

  BatchDeleteImage(ctx, input) {
    const repo = repositoryOf(ctx, input);
    const ids = imageIds(input, 'imageIds');
    if (!ids || ids.length === 0)
      throw validationError('imageIds', 'Member must have length greater than or equal to 1', ids);
    const deleted: ImageId[] = [];
    const failures: unknown[] = [];
    for (const id of ids) {
      if (id.imageDigest === undefined && id.imageTag === undefined) {
        failures.push({
          imageId: id,
          failureCode: 'MissingDigestAndTag',
          failureReason: 'Invalid request parameters: both tag and digest cannot be null',
        });
        continue;
      }
      const image = resolveImage(repo, id);
      if (!image) {
        failures.push({
          imageId: id,
          failureCode: 'ImageNotFound',
          failureReason: 'Requested image not found',
        });
        continue;
      }
      const tags = tagsOf(repo, image.digest);
      // By tag, only the tag goes; the image goes with its last tag. By digest, the image and all its tags go.
      const removesImage = id.imageDigest !== undefined || tags.length <= 1;
      if (removesImage && referencedBy(repo, image.digest).length > 0) {
        failures.push({
          imageId: id,
          failureCode: 'ImageReferencedByManifestList',
          failureReason: 'Requested image is referenced by a manifest list',
        });
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
