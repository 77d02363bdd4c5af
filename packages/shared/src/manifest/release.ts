import { ConfigurationError } from '../errors/configuration-error';

/**
 * A release: every image of a deploy manifest by digest, JSON `{"<image name>": "<repositoryUri>@sha256:…"}`.
 * build-push's `release` output writes it; deploy-ecs (`images`), smoke-test (`expect-version`), build-push's
 * promote mode and the reusable workflows read it.
 */
export type Release = Record<string, string>;

const FORM = 'a release: a JSON object of image name → "<repositoryUri>@sha256:<digest>"';

/** True when an input's text is a JSON object: a release rather than lines or a single value. */
export function looksLikeRelease(text: string): boolean {
  return text.trimStart().startsWith('{');
}

/** Parses a release, or throws a ConfigurationError naming the input and the entry at fault. */
export function parseRelease(text: string, input: string): Release {
  const refuse = (problem: string): never => {
    throw new ConfigurationError(`Input "${input}" ${problem}.`, { input });
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse(`must be ${FORM}; it is not valid JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return refuse(`must be ${FORM}`);
  const release: Release = {};
  for (const [name, ref] of Object.entries(parsed)) {
    if (typeof ref !== 'string' || !/^[^\s@]+\/[^\s@]+@sha256:[a-f0-9]{64}$/.test(ref)) {
      refuse(
        `gives the image "${name}" as ${JSON.stringify(ref)}; expected "<repositoryUri>@sha256:<digest>"`,
      );
    }
    release[name] = ref as string;
  }
  if (Object.keys(release).length === 0) refuse('is an empty release: it names no image');
  return release;
}
