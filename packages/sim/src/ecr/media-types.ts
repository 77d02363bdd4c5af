import { validationError } from '../core/request';
import type { StoredImage } from './store';

/**
 * BatchGetImage's `acceptedMediaTypes` and the manifest translation ECR applies to an image pulled by tag
 * ("Container image manifest format support" in the ECR user guide):
 *
 * | requested \ pushed as | V2, schema 1 | V2, schema 2 | OCI |
 * |---|---|---|---|
 * | V2, schema 1 | no translation required | translated to V2, schema 1 | no translation available |
 * | V2, schema 2 | no translation available | no translation required | translated to V2, schema 2 |
 * | OCI | no translation available | translated to OCI | no translation required |
 *
 * Modelled: schema 2 ↔ OCI, by tag only ("If you pull an image by digest, there is no translation
 * available"). Not modelled: schema 2 → schema 1 (a signed manifest with v1 history); the stored manifest is
 * answered instead. When nothing can be translated, ECR answers the stored manifest and no failure.
 */

const DOCKER_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

/** Docker schema 2 descriptor media types and their OCI equivalents. */
const DOCKER_TO_OCI: Readonly<Record<string, string>> = {
  'application/vnd.docker.container.image.v1+json': 'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.image.rootfs.diff.tar.gzip': 'application/vnd.oci.image.layer.v1.tar+gzip',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip':
    'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
};
const OCI_TO_DOCKER: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(DOCKER_TO_OCI).map(([docker, oci]) => [oci, docker]),
);

/**
 * `acceptedMediaTypes` as the model constrains it: a list of 1 to 100 strings, ValidationException
 * otherwise. Values outside the three documented ones are not refused: the model gives the member no enum,
 * and AWS's own containerd resolver (awslabs/amazon-ecr-containerd-resolver) sends the OCI index and Docker
 * manifest list types too.
 */
export function acceptedMediaTypesOf(raw: Record<string, unknown>): string[] | undefined {
  const value = raw.acceptedMediaTypes;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw validationError('acceptedMediaTypes', 'Member must be a list of strings', value);
  }
  if (value.length < 1) {
    throw validationError('acceptedMediaTypes', 'Member must have length greater than or equal to 1', value);
  }
  if (value.length > 100) {
    throw validationError('acceptedMediaTypes', 'Member must have length less than or equal to 100', value);
  }
  return value as string[];
}

type Descriptor = Record<string, unknown> & { mediaType?: unknown };

/** The descriptor with its media type mapped, or undefined when `map` has no equivalent. */
function mapped(d: unknown, map: Readonly<Record<string, string>>): Descriptor | undefined {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return undefined;
  const desc = d as Descriptor;
  const to = typeof desc.mediaType === 'string' ? map[desc.mediaType] : undefined;
  return to === undefined ? undefined : { ...desc, mediaType: to };
}

/** The manifest rewritten to `target` (schema 2 ↔ OCI), or undefined when some part has no equivalent. */
function translate(manifest: Buffer, target: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(manifest.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const m = doc as Record<string, unknown>;
  // Referrers and artifacts (an OCI subject or artifactType) have no Docker schema 2 form.
  if (m.subject !== undefined || m.artifactType !== undefined || !Array.isArray(m.layers)) return undefined;
  const map = target === OCI_MANIFEST ? DOCKER_TO_OCI : OCI_TO_DOCKER;
  const config = mapped(m.config, map);
  const layers = m.layers.map((l) => mapped(l, map));
  if (config === undefined || layers.some((l) => l === undefined)) return undefined;
  return JSON.stringify({ ...m, mediaType: target, config, layers }, null, 3);
}

/**
 * What BatchGetImage answers for `image`: the stored manifest, or its translation when the image was named
 * by tag, its stored type is not accepted and the other of schema 2 / OCI is.
 */
export function manifestFor(
  image: StoredImage,
  byTag: boolean,
  accepted: readonly string[] | undefined,
): { manifest: string; mediaType: string } {
  const stored = { manifest: image.manifest.toString('utf8'), mediaType: image.mediaType };
  if (!byTag || accepted === undefined || accepted.includes(image.mediaType)) return stored;
  const target =
    image.mediaType === DOCKER_V2 ? OCI_MANIFEST : image.mediaType === OCI_MANIFEST ? DOCKER_V2 : undefined;
  if (target === undefined || !accepted.includes(target)) return stored;
  const translated = translate(image.manifest, target);
  return translated === undefined ? stored : { manifest: translated, mediaType: target };
}
