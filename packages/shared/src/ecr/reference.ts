import { ConfigurationError } from '../errors/configuration-error';

/**
 * A repository as a user writes it: a name (`shop/api`) or a repositoryUri
 * (`123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api`, or whatever host an ECR-compatible endpoint
 * returns). A URI is only ever compared with the repositoryUri ECR returns; hosts are never built from it.
 */
export interface RepositoryRef {
  /** What the user wrote. */
  text: string;
  /** The candidate repository names, most likely first (a name: just it; a URI: suffixes of its path). */
  names: string[];
  /** The repositoryUri the user gave, when they gave one. */
  uri: string | undefined;
  /** The account (registry id) the URI names, when it names one. */
  registryId: string | undefined;
  /** The region an `*.dkr.ecr.<region>.amazonaws.com` host names. */
  region: string | undefined;
}

/** ECR's repository name pattern (2–256 characters). */
const NAME_RE = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
/** `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]` and the other partitions' suffixes. */
const ECR_HOST_RE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|[a-z0-9.-]+)$/;
const ACCOUNT_RE = /^\d{12}$/;
/** An AWS region name (`eu-west-1`, `us-gov-west-1`). */
const REGION_RE = /^[a-z]{2}(?:-[a-z]+)+-\d$/;
/** The docker CLI's tag grammar; ECR's API takes up to 300 characters, but clients cannot pull longer tags. */
export const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

/** True for a registry host of ECR's own form (`<account>.dkr.ecr.<region>.amazonaws.com`). */
export function isEcrHost(host: string): boolean {
  return ECR_HOST_RE.test(host);
}

/** The registry host of an image reference (`host[:port]/…`), or `undefined` for a Docker Hub style name. */
export function registryHostOf(image: string): string | undefined {
  const first = image.trim().split('/')[0] ?? '';
  return image.includes('/') && isHost(first) ? first : undefined;
}

function isHost(segment: string): boolean {
  return segment.includes('.') || segment.includes(':') || segment === 'localhost';
}

function validName(name: string): boolean {
  return name.length >= 2 && name.length <= 256 && NAME_RE.test(name);
}

/**
 * Parses the `repository` input (or the repository part of `source-image`). Throws a ConfigurationError
 * naming `input` when it is neither a valid name nor a URI with a valid name in its path.
 */
export function parseRepositoryRef(text: string, input: string): RepositoryRef {
  const value = text.trim().replace(/^[a-z]+:\/\//, '');
  const expected =
    'an ECR repository name (like shop/api) or its repositoryUri (like 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api)';
  const segments = value.split('/');
  const first = segments[0] ?? '';
  if (segments.length < 2 || !isHost(first)) {
    if (!validName(value)) throw ConfigurationError.invalidInput(input, expected, text);
    return { text, names: [value], uri: undefined, registryId: undefined, region: undefined };
  }
  const path = segments.slice(1);
  const ecrHost = ECR_HOST_RE.exec(first);
  if (ecrHost !== null) {
    const name = path.join('/');
    if (!validName(name)) throw ConfigurationError.invalidInput(input, expected, text);
    return { text, names: [name], uri: value, registryId: ecrHost[1], region: ecrHost[2] };
  }
  // Another endpoint (an ECR-compatible one): the name is some suffix of the path, confirmed against ECR later.
  // Where the path names an account (and a region after it), the name after them is the likeliest: it is tried
  // first, so a role allowed only on `repository/shop/*` is not refused on `<account>/<region>/shop/api` first.
  const accountAt = path.findIndex((s) => ACCOUNT_RE.test(s));
  const likeliest = accountAt < 0 ? 0 : accountAt + (REGION_RE.test(path[accountAt + 1] ?? '') ? 2 : 1);
  const names: string[] = [];
  for (const i of [likeliest, ...path.keys()]) {
    const candidate = path.slice(i).join('/');
    if (i < path.length && validName(candidate) && !names.includes(candidate)) names.push(candidate);
  }
  if (names.length === 0) throw ConfigurationError.invalidInput(input, expected, text);
  const registryId = accountAt < 0 ? undefined : path[accountAt];
  return { text, names, uri: value, registryId, region: undefined };
}

/** An image to promote: a repository and either a digest or a tag. */
export interface ImageRef {
  repository: RepositoryRef;
  digest: string | undefined;
  tag: string | undefined;
}

/**
 * Parses `source-image`: `<repository>@sha256:<64 hex>` or `<repository>:<tag>`, the repository a name or a
 * URI (a host's `:port` is not mistaken for a tag).
 */
export function parseImageRef(text: string, input: string): ImageRef {
  const value = text.trim();
  const expected = 'an image as <repository>@sha256:<digest> or <repository>:<tag>';
  const at = value.indexOf('@');
  if (at >= 0) {
    const digest = value.slice(at + 1);
    if (!DIGEST_RE.test(digest)) throw ConfigurationError.invalidInput(input, expected, text);
    return { repository: parseRepositoryRef(value.slice(0, at), input), digest, tag: undefined };
  }
  const lastSlash = value.lastIndexOf('/');
  const colon = value.lastIndexOf(':');
  if (colon <= lastSlash) throw ConfigurationError.invalidInput(input, expected, text);
  const tag = value.slice(colon + 1);
  if (!TAG_RE.test(tag)) throw ConfigurationError.invalidInput(input, expected, text);
  return { repository: parseRepositoryRef(value.slice(0, colon), input), digest: undefined, tag };
}

/** Checks every tag against the docker tag grammar (1–128 characters of `[A-Za-z0-9_.-]`, not starting with `.` or `-`). */
export function validateTags(tags: readonly string[], input: string): void {
  for (const tag of tags) {
    if (!TAG_RE.test(tag)) {
      const why =
        tag.length > 128
          ? `at most 128 characters (this one has ${tag.length})`
          : 'letters, digits, "_", "." and "-", not starting with "." or "-"';
      throw new ConfigurationError(
        `Input "${input}" has an invalid tag ${JSON.stringify(tag)}: a tag is ${why}.`,
        { input },
      );
    }
  }
  const seen = new Set<string>();
  for (const tag of tags) {
    if (seen.has(tag))
      throw new ConfigurationError(`Input "${input}" lists the tag ${JSON.stringify(tag)} twice.`, { input });
    seen.add(tag);
  }
}

/** ECS's limit on a container's `image` (255 characters). */
export const IMAGE_MAX_LENGTH = 255;

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_RE = new RegExp(`^${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Checks an image reference against the OCI distribution grammar (`[host[:port]/]path[:tag][@sha256:digest]`,
 * path components lower case, a tag of at most 128 characters, a sha256 digest of 64 hex digits) and ECS's
 * 255-character limit, before anything is registered. Throws a ConfigurationError naming `input` and saying
 * what is wrong; returns the reference trimmed.
 */
export function validateImageReference(text: string, input: string, what = 'the image'): string {
  const value = text.trim();
  const refuse = (why: string): never => {
    const shown =
      value.length > 80
        ? `${JSON.stringify(value.slice(0, 80))}… (${value.length} characters)`
        : JSON.stringify(value);
    throw new ConfigurationError(
      `Input "${input}" gives ${what} ${shown}, which is not an image reference: ${why}. Expected [host[:port]/]repository[:tag][@sha256:<64 hex digits>].`,
      { input },
    );
  };
  if (value === '') refuse('it is empty');
  if (value.length > IMAGE_MAX_LENGTH) refuse(`ECS takes at most ${IMAGE_MAX_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(value)) refuse('it contains white space or control characters');
  let rest = value;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const digest = rest.slice(at + 1);
    if (!DIGEST_RE.test(digest)) refuse('a digest is sha256: and 64 lower-case hex digits');
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    const tag = rest.slice(colon + 1);
    if (tag === '') refuse('the tag after ":" is empty');
    if (!TAG_RE.test(tag)) {
      refuse(
        tag.length > 128
          ? `a tag is at most 128 characters (this one has ${tag.length})`
          : 'a tag is letters, digits, "_", "." and "-", not starting with "." or "-"',
      );
    }
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  const hasDomain =
    parts.length > 1 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  if (hasDomain) {
    if (!DOMAIN_RE.test(first)) refuse(`the registry host ${JSON.stringify(first)} is not a host name`);
    parts.shift();
  }
  if (parts.length === 0 || parts.some((p) => !PATH_COMPONENT_RE.test(p))) {
    refuse(
      'a repository is lower-case letters, digits and single separators (".", "_", "__", "-") between "/"',
    );
  }
  return value;
}
