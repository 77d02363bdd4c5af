import { AwsError } from '../core/errors';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/identity';
import { seedEntries } from '../core/seed-entries';
import type { Simulator } from '../core/simulator';
import { ManifestRejected, storeManifest } from './manifest';
import { TAG_RE } from './registry-manifests';
import { ecrState, findRepository, sha256 } from './store';
import { syntheticImage } from './synthetic-image';

/** One entry of the seed document's `images` list: a synthetic image pushed into a seeded repository. */
export interface ImageSeed {
  repository: string;
  /** Tags to store the manifest under; with none, the image is stored by digest only. */
  tags?: string[];
  account?: string;
  region?: string;
  /** The one layer's files (path → content), as `pushImage` takes them. */
  files?: Record<string, string>;
  /** Any text, stored as the image config label `LABEL_KEY`: different labels make different digests. */
  label?: string;
  /** Extra image config (`Cmd`, `Env`, `Labels`…), as `pushImage` takes it. */
  config?: Record<string, unknown>;
}

/** What seeding one image answers, so a caller learns its digest. */
export interface SeededImage {
  repository: string;
  account: string;
  region: string;
  tags: string[];
  digest: string;
}

/** The image config label a seed entry's `label` is stored under. */
export const LABEL_KEY = 'ecs-delivery.sim.label';

const ENTRY_KEYS = new Set(['repository', 'tags', 'account', 'region', 'files', 'label', 'config']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(message: string): never {
  throw new AwsError('ValidationException', message);
}

function parseImageSeed(entry: unknown): ImageSeed {
  if (!isObject(entry)) invalid('an image must be an object');
  for (const key of Object.keys(entry)) {
    if (!ENTRY_KEYS.has(key)) invalid(`unknown key "${key}"; an image takes ${[...ENTRY_KEYS].join(', ')}`);
  }
  const { repository, tags, account, region, files, label, config } = entry;
  if (typeof repository !== 'string' || repository === '') invalid('an image needs a string "repository"');
  for (const [key, value] of Object.entries({ account, region, label })) {
    if (value !== undefined && typeof value !== 'string') invalid(`"${key}" must be a string`);
  }
  if (tags !== undefined && (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string'))) {
    invalid('"tags" must be a list of strings');
  }
  for (const tag of (tags ?? []) as string[]) {
    if (!TAG_RE.test(tag)) invalid(`"${tag}" is not a valid image tag`);
  }
  if (
    files !== undefined &&
    (!isObject(files) || !Object.values(files).every((f) => typeof f === 'string'))
  ) {
    invalid('"files" must map paths to string contents');
  }
  if (config !== undefined && !isObject(config)) invalid('"config" must be an object');
  return {
    repository,
    ...(tags !== undefined ? { tags: tags as string[] } : {}),
    ...(account !== undefined ? { account: account as string } : {}),
    ...(region !== undefined ? { region: region as string } : {}),
    ...(files !== undefined ? { files: files as Record<string, string> } : {}),
    ...(label !== undefined ? { label: label as string } : {}),
    ...(config !== undefined ? { config } : {}),
  };
}

/** The image config of a seed entry: its `config`, with its `label` among the `Labels`. */
function imageConfig(seed: ImageSeed): Record<string, unknown> | undefined {
  if (seed.label === undefined) return seed.config;
  const labels = isObject(seed.config?.Labels) ? seed.config.Labels : {};
  return { ...seed.config, Labels: { ...labels, [LABEL_KEY]: seed.label } };
}

/**
 * Seed `images`: stores each image in its repository exactly as a push through the registry API would (blobs,
 * then the manifest under each tag, with tag immutability and scan on push), and answers the digests.
 */
export function seedImages(data: unknown, sim: Simulator): SeededImage[] {
  return seedEntries('images', data, (entry) => {
    const seed = parseImageSeed(entry);
    const account = seed.account ?? DEFAULT_ACCOUNT;
    const region = seed.region ?? DEFAULT_REGION;
    const repo = findRepository(sim, account, region, seed.repository);
    if (!repo) {
      throw new AwsError(
        'RepositoryNotFoundException',
        `repository "${seed.repository}" does not exist in account ${account}, region ${region}; seed it under "repositories"`,
      );
    }
    const config = imageConfig(seed);
    const image = syntheticImage({
      ...(seed.files !== undefined ? { files: seed.files } : {}),
      ...(config !== undefined ? { config } : {}),
    });
    const state = ecrState(sim);
    for (const blob of [image.config, image.layer]) {
      const digest = sha256(blob);
      if (!state.blobs.has(digest)) state.blobs.set(digest, blob);
      repo.blobs.add(digest);
    }
    const tags = seed.tags ?? [];
    const now = sim.clock.now();
    for (const tag of tags.length > 0 ? tags : [undefined]) {
      try {
        storeManifest(repo, image.manifest, image.mediaType, tag, now);
      } catch (err) {
        if (!(err instanceof ManifestRejected) || err.problem.kind !== 'tag-immutable') throw err;
        throw new AwsError(
          'ImageTagAlreadyExistsException',
          `tag "${err.problem.tag}" already names ${err.problem.existingDigest} in the ${repo.mutability} repository "${repo.name}", not ${image.digest}`,
        );
      }
    }
    return { repository: seed.repository, account, region, tags, digest: image.digest };
  });
}
