// The manifest entry of @ecs-delivery/shared: `import { … } from '@ecs-delivery/shared/manifest'`.
export type { Manifest } from './types';
export { loadManifest, parseManifest } from './load';
export { promotionOrder, resolveEnvironment } from './resolve';
export type { LoadedManifest, ResolvedEnvironment, ServiceDeploySpec } from './spec';
export { ManifestError } from './source';
export { MANIFEST_SCHEMA } from './validate-schema';

export { parseCommand } from './command';
export { looksLikeRelease, parseRelease, type Release } from './release';
