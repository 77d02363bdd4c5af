import * as core from '@actions/core';
import { resolve } from 'node:path';
import {
  ConfigurationError,
  getListInput,
  getOptionalInput,
  type ImageRef,
  parseImageRef,
  parseRepositoryRef,
  type RepositoryRef,
  workspaceFile,
} from '@ecs-delivery/shared';
import { parseRelease } from '@ecs-delivery/shared/manifest';
import type { BuildOptions } from './inputs';

/** One image of a deploy manifest: where it goes and how it is built, or which image it is promoted from. */
export interface ManifestImageItem {
  /** The image's name in the manifest (a key of `images`). */
  name: string;
  repository: RepositoryRef;
  /** Build mode: the manifest's `build` section, the inputs' build arguments, labels, secrets and caches applied. */
  build: BuildOptions;
  /** Promote mode: the release's image for this name. */
  sourceImage: ImageRef | undefined;
}

/** Build or promote every image of a manifest (or the `images` subset) into one environment's registry. */
export interface ManifestPlan {
  file: string;
  environment: string;
  items: ManifestImageItem[];
  /** The environment's region and role, for the inputs that were not given. */
  region: string;
  roleToAssume: string | undefined;
  accountId: string | undefined;
}

/** Build inputs the manifest's `build` sections decide; they cannot be given with `manifest`. */
export const MANIFEST_BUILD_INPUTS = ['context', 'file', 'target', 'platforms'];

function refuse(input: string, problem: string): never {
  throw new ConfigurationError(`Input "${input}" ${problem}.`, { input });
}

function stringArgs(args: Record<string, string | number | boolean> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(args ?? {}).map(([k, v]) => [k, String(v)]));
}

/**
 * Reads `manifest`, `environment`, `images` and `release`: the images to build (or, with `release`, to
 * promote) into the environment's repositories. Paths in `build` are relative to the manifest's folder.
 */
export async function readManifestPlan(path: string, common: BuildOptions): Promise<ManifestPlan> {
  const environment = getOptionalInput('environment');
  if (environment === undefined) {
    refuse(
      'environment',
      'is required with "manifest": name the environment whose registry receives the images',
    );
  }
  for (const name of ['repository', 'source-image', ...MANIFEST_BUILD_INPUTS]) {
    if (core.getInput(name) !== '') {
      refuse(
        name,
        'cannot be combined with "manifest": the manifest names the repositories and how each image is built',
      );
    }
  }
  const releaseText = getOptionalInput('release');
  const release = releaseText === undefined ? undefined : parseRelease(releaseText, 'release');
  if (release !== undefined) {
    const building = ['build-args', 'labels', 'secrets', 'cache-from', 'cache-to'].find(
      (n) => core.getInput(n) !== '',
    );
    if (building !== undefined) {
      refuse(
        building,
        'is a build option, but "release" is set: promote mode re-tags existing images and builds nothing',
      );
    }
  }
  // Loaded only in manifest mode: the schema validator is the largest part of reading the inputs.
  const { loadManifest, resolveEnvironment } = await import('./files');
  const file = workspaceFile(path, 'manifest');
  const loaded = await loadManifest(file, { input: 'manifest' });
  const env = resolveEnvironment(loaded, environment);
  const images = loaded.manifest.images ?? {};
  const known = Object.keys(images);
  const subset = getListInput('images');
  const unknown = subset.filter((n) => !Object.hasOwn(images, n));
  if (unknown.length > 0) {
    refuse(
      'images',
      `names ${unknown.map((n) => `"${n}"`).join(', ')}, not under "images" in ${path} (its images: ${known.join(', ') || 'none'})`,
    );
  }
  const names = subset.length > 0 ? subset : release !== undefined ? Object.keys(release) : known;
  if (names.length === 0) refuse('manifest', `names no images to build: ${path} has no "images" section`);
  const items = names.map((name): ManifestImageItem => {
    const spec = images[name];
    if (spec === undefined) {
      refuse(
        'release',
        `names the image "${name}", which ${path} does not define (its images: ${known.join(', ')})`,
      );
    }
    const source = release?.[name];
    if (release !== undefined && source === undefined) {
      refuse('release', `has no image "${name}" (it has ${Object.keys(release).join(', ')})`);
    }
    const build = spec.build ?? {};
    return {
      name,
      repository: parseRepositoryRef(spec.repository, 'manifest'),
      build: {
        ...common,
        context: resolve(loaded.baseDir, build.context ?? '.'),
        file: build.dockerfile === undefined ? undefined : resolve(loaded.baseDir, build.dockerfile),
        target: build.target,
        platforms: build.platforms ?? [],
        buildArgs: { ...stringArgs(build.args), ...common.buildArgs },
      },
      sourceImage: source === undefined ? undefined : parseImageRef(source, 'release'),
    };
  });
  return {
    file: path,
    environment,
    items,
    region: env.region,
    roleToAssume: env.roleToAssume,
    accountId: env.accountId,
  };
}
