import { AwsError } from '../core/errors';

/**
 * Image references as ECS takes them. RegisterTaskDefinition checks what the API reference states for
 * ContainerDefinition.image: up to 255 letters (either case), numbers, hyphens, underscores, colons, periods,
 * forward slashes and number signs, the 255 counting only what precedes `@` in a digest reference, and a digest
 * that is `sha256:` and 64 hexadecimal characters. What the container runtime refuses beyond that (a repository
 * path in uppercase) passes registration and fails when a task pulls the image.
 */

const ALLOWED = /^[A-Za-z0-9_.:/#@-]+$/;
const DIGEST = /^sha256:[A-Fa-f0-9]{64}$/;
const MAX_LENGTH = 255;

function clientError(message: string): never {
  throw new AwsError('ClientException', message);
}

/** `name[:tag]` and the digest after `@`, if any. */
function split(image: string): { nameTag: string; digest: string | undefined } {
  const at = image.indexOf('@');
  return at < 0
    ? { nameTag: image, digest: undefined }
    : { nameTag: image.slice(0, at), digest: image.slice(at + 1) };
}

/** The repository name and the tag (undefined when the reference gives none). */
function nameAndTag(nameTag: string): { name: string; tag: string | undefined } {
  const colon = nameTag.lastIndexOf(':');
  if (colon <= nameTag.lastIndexOf('/')) return { name: nameTag, tag: undefined };
  return { name: nameTag.slice(0, colon), tag: nameTag.slice(colon + 1) };
}

/** Refuses what RegisterTaskDefinition refuses in `containerDefinitions[].image`, in ECS's words. */
export function checkImageReference(image: string): void {
  const { nameTag, digest } = split(image);
  if (nameTag.length > MAX_LENGTH) clientError('Container.image should be 255 characters or less');
  const invalid = (): never => clientError('Container.image contains invalid characters.');
  if (!ALLOWED.test(image)) invalid();
  if (digest !== undefined && !DIGEST.test(digest)) invalid();
  const { name, tag } = nameAndTag(nameTag);
  if (tag === '' || name === '' || name.split('/').some((part) => part === '')) invalid();
}

/**
 * Why the container runtime cannot even parse the reference, in its words (what follows
 * `CannotPullContainerError: `), or undefined. Path components must be lowercase; the first component is a
 * registry host when it has a `.` or `:` or is `localhost`, and may be in any case.
 */
export function unparsableReference(image: string): string | undefined {
  const { name } = nameAndTag(split(image).nameTag);
  const parts = name.split('/');
  const first = parts[0] ?? '';
  const path = parts.length > 1 && (/[.:]/.test(first) || first === 'localhost') ? parts.slice(1) : parts;
  return path.some((part) => part !== part.toLowerCase())
    ? 'invalid reference format: repository name must be lowercase'
    : undefined;
}
