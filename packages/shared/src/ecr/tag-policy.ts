import { ConfigurationError } from '../errors/configuration-error';

/** ECR's tag mutability settings. */
export type TagMutability = 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION';

/** What the tag rules need to know about a repository. */
export interface TagSettings {
  name: string;
  mutability: TagMutability;
  /** The WILDCARD exclusion filters of a `*_WITH_EXCLUSION` setting (`*` matches any run of characters). */
  exclusions: readonly string[];
}

/** Tags that by convention move from image to image; they cannot live in an immutable repository. */
export const MOVING_TAGS: ReadonlySet<string> = new Set(['latest', 'stable', 'edge', 'nightly']);

function wildcardMatch(filter: string, tag: string): boolean {
  const re = new RegExp(
    `^${filter
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(tag);
}

/** The exclusion filter matching `tag`, if any. */
export function matchingExclusion(settings: TagSettings, tag: string): string | undefined {
  return settings.exclusions.find((f) => wildcardMatch(f, tag));
}

/** Whether ECR lets a push move `tag` to another image in this repository. */
export function tagCanMove(settings: TagSettings, tag: string): boolean {
  const excluded = matchingExclusion(settings, tag) !== undefined;
  switch (settings.mutability) {
    case 'MUTABLE':
      return true;
    case 'IMMUTABLE':
      return false;
    case 'IMMUTABLE_WITH_EXCLUSION':
      return excluded;
    case 'MUTABLE_WITH_EXCLUSION':
      return !excluded;
  }
}

/**
 * Whether this action lets `tag` move. ecs-delivery treats tags as immutable (a re-run under the same tag is
 * a no-op, another image under it an error) except the conventional moving tags where the repository allows
 * it, and tags the repository explicitly exempts from immutability (IMMUTABLE_WITH_EXCLUSION).
 */
export function isMovingTag(settings: TagSettings, tag: string): boolean {
  if (!tagCanMove(settings, tag)) return false;
  if (MOVING_TAGS.has(tag)) return true;
  return settings.mutability === 'IMMUTABLE_WITH_EXCLUSION';
}

function describeSetting(settings: TagSettings): string {
  if (settings.exclusions.length === 0) return settings.mutability;
  return `${settings.mutability} (exclusion filters: ${settings.exclusions.join(', ')})`;
}

/**
 * Refuses, before anything is built or pushed, a conventional moving tag (`latest`…) that the repository's
 * tag immutability would freeze on its first image.
 */
export function refuseFrozenMovingTags(settings: TagSettings, tags: readonly string[], input: string): void {
  for (const tag of tags) {
    if (MOVING_TAGS.has(tag) && !tagCanMove(settings, tag)) {
      throw new ConfigurationError(
        `Tag "${tag}" is a moving tag, but repository ${settings.name} is ${describeSetting(settings)}: once pushed, ` +
          `"${tag}" could never move to another image. Remove it from "${input}", or exempt it with an ` +
          'IMMUTABLE_WITH_EXCLUSION filter on the repository.',
        { input },
      );
    }
  }
}

/** What to do with the requested tags given where they point now. */
export type TagPlan =
  /** Every fixed tag already names one image: nothing to build; `retag` moving tags that point elsewhere. */
  | { kind: 'reuse'; digest: string; retag: string[] }
  /** No fixed tag exists yet (or there are only moving tags): build and push them all. */
  | { kind: 'build' };

/** An existing tag that this run may not reuse or move. */
export class TagConflictError extends ConfigurationError {
  readonly tag: string;
  readonly digest: string;
  constructor(message: string, tag: string, digest: string) {
    super(message, { input: 'tags' });
    this.name = 'TagConflictError';
    this.tag = tag;
    this.digest = digest;
  }
}

/**
 * Decides, before building, what a build of `tags` must do given `existing` (tag → digest of the tags that
 * exist). Fixed tags (see {@link isMovingTag}) may exist only all together on one image (then the build is
 * skipped and that image reported); fixed tags on two images, or some on an image while others are missing,
 * are a conflict a new build could not resolve (it would get a new digest).
 */
export function planBuildTags(
  settings: TagSettings,
  tags: readonly string[],
  existing: ReadonlyMap<string, string>,
): TagPlan {
  const fixed = tags.filter((t) => !isMovingTag(settings, t));
  const present = fixed.filter((t) => existing.has(t));
  if (present.length === 0) return { kind: 'build' };
  const first = present[0]!;
  const digest = existing.get(first)!;
  for (const tag of present) {
    const other = existing.get(tag)!;
    if (other !== digest) {
      throw new TagConflictError(
        `Tag "${tag}" already exists in ${settings.name} on digest ${other}, but tag "${first}" is on ` +
          `${digest}: these tags name different images, so no single build can own them.`,
        tag,
        other,
      );
    }
  }
  const missing = fixed.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    throw new TagConflictError(
      `Tag "${first}" already exists in ${settings.name} on digest ${digest}, but ` +
        `${missing.map((t) => `"${t}"`).join(', ')} does not: a new build would get a new digest and could not ` +
        `reuse "${first}". Use new tags, or add tags to that image with source-image: ${settings.name}@${digest}.`,
      first,
      digest,
    );
  }
  const retag = tags.filter((t) => isMovingTag(settings, t) && existing.get(t) !== digest);
  return { kind: 'reuse', digest, retag };
}

/**
 * The tags a promotion of `digest` must put: the missing ones and moving ones pointing elsewhere. A fixed tag
 * on another image is a conflict.
 */
export function planPromoteTags(
  settings: TagSettings,
  tags: readonly string[],
  existing: ReadonlyMap<string, string>,
  digest: string,
): string[] {
  const put: string[] = [];
  for (const tag of tags) {
    const current = existing.get(tag);
    if (current === digest) continue;
    if (current !== undefined && !isMovingTag(settings, tag)) {
      throw new TagConflictError(
        `Tag "${tag}" already exists in ${settings.name} on digest ${current}, not on ${digest}: ` +
          'tags are immutable; promote under a new tag.',
        tag,
        current,
      );
    }
    put.push(tag);
  }
  return put;
}
