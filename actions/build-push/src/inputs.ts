import * as core from '@actions/core';
import { statSync, type Stats } from 'node:fs';
import {
  ConfigurationError,
  GATE_SEVERITIES,
  type GateSeverity,
  getBooleanInput,
  getDurationInput,
  getEnumInput,
  getKeyValueInput,
  getLinesInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
  getSecretKeyValueInput,
  type ImageRef,
  parseImageRef,
  parseRepositoryRef,
  type RepositoryRef,
  regionInput,
  roleInput,
  validateTags,
  workspaceFile,
} from '@ecs-delivery/shared';
import { readManifestPlan, type ManifestPlan } from './manifest-inputs';

export type ContainerCli = 'docker' | 'podman';

/** What to build (build mode only). */
export interface BuildOptions {
  context: string;
  file: string | undefined;
  target: string | undefined;
  platforms: string[];
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  /** Build secrets by id, one per line in the input; masked before anything else reads them. */
  secrets: Record<string, string>;
  cacheFrom: string[];
  cacheTo: string[];
}

/** Every input of action.yml, validated. */
export interface Inputs {
  repository: RepositoryRef;
  tags: string[];
  /** Promote mode when set. */
  sourceImage: ImageRef | undefined;
  sourceRoleToAssume: string | undefined;
  awsRegion: string | undefined;
  roleToAssume: string | undefined;
  audience: string;
  createRepository: boolean;
  containerCli: ContainerCli;
  build: BuildOptions;
  failOnSeverity: GateSeverity | undefined;
  scanTimeoutMs: number;
  logout: boolean;
  /** Manifest mode: every image of a deploy manifest (or a subset), built or promoted one after another. */
  manifest?: ManifestPlan;
}

/** Build inputs that make no sense in promote mode (nothing is built). */
const BUILD_INPUTS = [
  'context',
  'file',
  'target',
  'platforms',
  'build-args',
  'labels',
  'secrets',
  'cache-from',
  'cache-to',
];

const SECRET_ID = /^[A-Za-z0-9_.-]{1,128}$/;

/** The commit's SHA in lower case, or undefined when GITHUB_SHA is not one. */
function commitSha(): string | undefined {
  const sha = process.env['GITHUB_SHA'] ?? '';
  return /^[0-9a-f]{12,}$/i.test(sha) ? sha.toLowerCase() : undefined;
}

function defaultTags(): string[] {
  const sha = commitSha();
  if (sha === undefined) {
    throw new ConfigurationError(
      'Input "tags" was not given and GITHUB_SHA is not a commit SHA to take the default tag from; give "tags".',
      { input: 'tags' },
    );
  }
  return [sha.slice(0, 12)];
}

/** What a tag's `{…}` tokens stand for: workflow expressions cannot shorten a SHA, so the action does. */
const TAG_TOKENS: Readonly<Record<string, (sha: string) => string>> = {
  sha: (sha) => sha,
  'short-sha': (sha) => sha.slice(0, 12),
};

/** A tag with its `{sha}` and `{short-sha}` tokens replaced by the commit's SHA (all of it, or its first 12). */
function expandTag(tag: string): string {
  return tag.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    const token = TAG_TOKENS[name];
    if (token === undefined) {
      throw new ConfigurationError(
        `Input "tags" has ${JSON.stringify(whole)} in ${JSON.stringify(tag)}; the tokens a tag may hold are {sha} and {short-sha}.`,
        { input: 'tags' },
      );
    }
    const sha = commitSha();
    if (sha === undefined) {
      throw new ConfigurationError(
        `Input "tags" has ${whole} in ${JSON.stringify(tag)}, but GITHUB_SHA is not a commit SHA to take it from.`,
        { input: 'tags' },
      );
    }
    return token(sha);
  });
}

function readTags(): string[] {
  const given = core.getInput('tags');
  if (given === '') return defaultTags();
  const tags = getListInput('tags').map(expandTag);
  if (tags.length === 0) {
    throw new ConfigurationError(
      `Input "tags" has no tags in ${JSON.stringify(given)}; give one or more, one per line.`,
      {
        input: 'tags',
      },
    );
  }
  if (tags.length > MAX_TAGS) {
    throw new ConfigurationError(
      `Input "tags" has ${tags.length} tags; at most ${MAX_TAGS} (each is a PutImage call): tag the image with fewer.`,
      { input: 'tags' },
    );
  }
  validateTags(tags, 'tags');
  return tags;
}

/** At most this many tags a run: each one is a PutImage call. */
const MAX_TAGS = 100;

/** `os/arch[/variant]`, as docker and podman take `--platform`. */
const PLATFORM_RE = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/** A build path input (`context`, `file`): it must exist, as a directory or a file. */
function buildPath(input: string, value: string | undefined, kind: 'directory' | 'file'): string | undefined {
  if (value === undefined) return undefined;
  const path = workspaceFile(value, input);
  let stat: Stats | undefined;
  try {
    stat = statSync(path);
  } catch {
    stat = undefined;
  }
  const ok = kind === 'directory' ? stat?.isDirectory() === true : stat?.isFile() === true;
  if (!ok) {
    throw new ConfigurationError(
      `Input "${input}" names ${JSON.stringify(value)}, which is not a ${kind} (looked for ${path}).`,
      { input },
    );
  }
  return value;
}

/** `platforms`: each one `os/arch[/variant]`. */
function platformsInput(): string[] {
  const platforms = getListInput('platforms');
  const bad = platforms.find((p) => !PLATFORM_RE.test(p));
  if (bad !== undefined)
    throw ConfigurationError.invalidInput('platforms', 'platforms like linux/amd64, linux/arm64/v8', bad);
  return platforms;
}

/** Build secrets, one `id=value` per line; every value is masked before any entry is checked. */
function readSecrets(): Record<string, string> {
  return getSecretKeyValueInput('secrets', {
    key: { pattern: SECRET_ID, form: 'an id of letters, digits, "_", "." and "-" (at most 128 characters)' },
  });
}

function readBuild(secrets: Record<string, string>): BuildOptions {
  return {
    context: buildPath('context', getOptionalInput('context'), 'directory') ?? '.',
    file: buildPath('file', getOptionalInput('file'), 'file'),
    target: getOptionalInput('target'),
    platforms: platformsInput(),
    buildArgs: getKeyValueInput('build-args'),
    labels: getKeyValueInput('labels'),
    secrets,
    // A cache is `type=…,key=value,…`: its commas are part of it, so one per line.
    cacheFrom: getLinesInput('cache-from'),
    cacheTo: getLinesInput('cache-to'),
  };
}

/** The inputs every mode shares. */
function commonInputs(
  build: BuildOptions,
): Omit<Inputs, 'repository' | 'sourceImage' | 'sourceRoleToAssume'> {
  return {
    tags: readTags(),
    awsRegion: getOptionalInput('aws-region'),
    roleToAssume: roleInput(getOptionalInput('role-to-assume')),
    audience: getRequiredInput('audience'),
    createRepository: getBooleanInput('create-repository'),
    containerCli: getEnumInput('container-cli', ['docker', 'podman'] as const, { required: true }),
    build,
    failOnSeverity: getEnumInput('fail-on-severity', GATE_SEVERITIES),
    scanTimeoutMs: getDurationInput('scan-timeout', {
      required: true,
      minMs: 10_000,
      maxMs: 60 * 60_000,
    }),
    logout: getBooleanInput('logout'),
  };
}

/** Manifest mode: the repositories, builds and sources come from the manifest and the release. */
async function manifestInputs(path: string, build: BuildOptions): Promise<Inputs> {
  if (getOptionalInput('source-role-to-assume') !== undefined && getOptionalInput('release') === undefined) {
    throw new ConfigurationError(
      'Input "source-role-to-assume" only applies with "release" (promote mode).',
      {
        input: 'source-role-to-assume',
      },
    );
  }
  const common = commonInputs(build);
  const plan = await readManifestPlan(path, build);
  const first = plan.items[0]!;
  return {
    ...common,
    repository: first.repository,
    sourceImage: first.sourceImage,
    sourceRoleToAssume: roleInput(getOptionalInput('source-role-to-assume'), 'source-role-to-assume'),
    awsRegion: common.awsRegion ?? plan.region,
    roleToAssume: common.roleToAssume ?? plan.roleToAssume,
    manifest: plan,
  };
}

/**
 * Reads and checks every input before any AWS call; the region (the input, the manifest's, or the environment's)
 * must be there and be a region's name.
 */
export async function getInputs(): Promise<Inputs> {
  const inputs = await readInputs();
  return { ...inputs, awsRegion: regionInput(inputs.awsRegion) };
}

/** Reads and validates every input, before any AWS call: a bad one is a ConfigurationError naming it. */
async function readInputs(): Promise<Inputs> {
  // First: a mistake in any input must not stop the secrets from being masked.
  const secrets = readSecrets();
  const manifest = getOptionalInput('manifest');
  if (manifest !== undefined) return manifestInputs(manifest, readBuild(secrets));
  for (const name of ['environment', 'images', 'release']) {
    if (core.getInput(name) !== '') {
      throw new ConfigurationError(`Input "${name}" only applies with "manifest".`, { input: name });
    }
  }
  const repository = parseRepositoryRef(getRequiredInput('repository'), 'repository');
  const source = getOptionalInput('source-image');
  const sourceImage = source === undefined ? undefined : parseImageRef(source, 'source-image');
  const common = commonInputs(readBuild(secrets));
  if (sourceImage !== undefined) {
    const given = BUILD_INPUTS.filter((name) => core.getInput(name) !== '');
    if (given.length > 0) {
      throw new ConfigurationError(
        `Input "${given[0]!}" is a build option, but "source-image" is set: promote mode re-tags an existing image and builds nothing.`,
        { input: given[0]! },
      );
    }
  }
  const sourceRoleToAssume = getOptionalInput('source-role-to-assume');
  if (sourceRoleToAssume !== undefined && sourceImage === undefined) {
    throw new ConfigurationError(
      'Input "source-role-to-assume" only applies with "source-image" (promote mode).',
      {
        input: 'source-role-to-assume',
      },
    );
  }
  return { ...common, repository, sourceImage, sourceRoleToAssume };
}
