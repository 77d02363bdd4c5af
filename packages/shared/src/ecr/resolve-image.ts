import { DescribeImagesCommand, DescribeRepositoriesCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { awsErrorCode, callAws } from '../errors/aws-operation-error';
import { ConfigurationError } from '../errors/configuration-error';
import { isEcrHost, parseImageRef, registryHostOf } from './reference';
import { resolveRepository } from './repository';

/** An image reference checked against ECR before a deploy. */
export type CheckedImage =
  | {
      kind: 'ecr';
      /** As written. */
      image: string;
      /** Pinned by digest: `<repositoryUri>@sha256:…`. */
      pinned: string;
      digest: string;
      repositoryUri: string;
      /** The tag it was given by, if any. */
      tag: string | undefined;
    }
  /** Not in an ECR registry (Docker Hub, another registry): not checked, kept as written. */
  | { kind: 'external'; image: string; registry: string };

/** One image to check, and what a failure should point at. */
export interface ImageToCheck {
  image: string;
  /** Where it is used, for messages (`container "web"`, `image "api"`). */
  usedBy: string;
  /** The input it came from. */
  input: string;
}

/**
 * Checks that every image lives in ECR by the digest or tag it names, and pins it by digest. An image is an
 * ECR image when its host is an ECR registry host, or the registry host of this account's repositories as
 * ECR reports them (so ECR-compatible endpoints work); other images (Docker Hub, …) are left as written.
 * At most one DescribeRepositories and one DescribeImages per distinct image.
 *
 * @throws ConfigurationError naming the image, its use and the input when a repository, tag or digest is missing.
 */
export async function checkImages(
  ecr: ECRClient,
  images: readonly ImageToCheck[],
  /** ECR clients for other regions, for images whose ECR host names another region. */
  ecrFor?: (region: string) => ECRClient,
): Promise<Map<string, CheckedImage>> {
  const results = new Map<string, CheckedImage>();
  let ownHost: Promise<string | undefined> | undefined;
  const accountRegistryHost = (): Promise<string | undefined> =>
    (ownHost ??= callAws('ecr:DescribeRepositories', () =>
      ecr.send(new DescribeRepositoriesCommand({ maxResults: 1 })),
    )
      .then((out) => registryHostOf(out.repositories?.[0]?.repositoryUri ?? ''))
      .catch(() => undefined));

  for (const use of images) {
    if (results.has(use.image)) continue;
    const host = registryHostOf(use.image);
    if (host === undefined) {
      results.set(use.image, { kind: 'external', image: use.image, registry: 'docker.io' });
      continue;
    }
    let ref;
    try {
      ref = parseImageRef(use.image, use.input);
    } catch {
      if (isEcrHost(host)) {
        throw new ConfigurationError(
          `Input "${use.input}": the image of ${use.usedBy}, ${JSON.stringify(use.image)}, is not a valid ECR image reference (<repositoryUri>:<tag> or <repositoryUri>@sha256:<digest>).`,
          { input: use.input },
        );
      }
      results.set(use.image, { kind: 'external', image: use.image, registry: host });
      continue;
    }
    const region = ref.repository.region;
    const regional = region !== undefined && ecrFor !== undefined ? ecrFor(region) : ecr;
    const repo = await resolveRepository(regional, ref.repository, { input: use.input }).catch(
      async (err: unknown) => {
        if (!(err instanceof ConfigurationError)) throw err;
        if (isEcrHost(host) || host === (await accountRegistryHost())) {
          throw new ConfigurationError(
            `Input "${use.input}": the image of ${use.usedBy}, ${use.image}, is not in ECR: its repository does not exist.`,
            { input: use.input },
          );
        }
        return undefined;
      },
    );
    if (repo === undefined) {
      results.set(use.image, { kind: 'external', image: use.image, registry: host });
      continue;
    }
    const imageId = ref.digest !== undefined ? { imageDigest: ref.digest } : { imageTag: ref.tag };
    const found = await callAws('ecr:DescribeImages', () =>
      regional.send(
        new DescribeImagesCommand({
          repositoryName: repo.name,
          registryId: repo.registryId,
          imageIds: [imageId],
        }),
      ),
    ).catch((err: unknown) => {
      if (awsErrorCode(err) === 'ImageNotFoundException') return undefined;
      throw err;
    });
    const digest = found?.imageDetails?.[0]?.imageDigest;
    if (digest === undefined) {
      const what = ref.digest !== undefined ? `digest ${ref.digest}` : `tag ${ref.tag ?? ''}`;
      throw new ConfigurationError(
        `Input "${use.input}": the image of ${use.usedBy}, ${use.image}, is not in ECR: repository ${repo.name} has no image with ${what}.`,
        { input: use.input },
      );
    }
    results.set(use.image, {
      kind: 'ecr',
      image: use.image,
      pinned: `${repo.uri}@${digest}`,
      digest,
      repositoryUri: repo.uri,
      tag: ref.tag,
    });
  }
  return results;
}
