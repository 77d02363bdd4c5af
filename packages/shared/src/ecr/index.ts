// The ecr entry of @ecs-delivery/shared: `import { … } from '@ecs-delivery/shared/ecr'`.
export {
  isMovingTag,
  planBuildTags,
  planPromoteTags,
  refuseFrozenMovingTags,
  TagConflictError,
  tagCanMove,
  type TagSettings,
} from './tag-policy';
export { describeTagSettings, resolveRepository, type RepositoryInfo } from './repository';
export { describeImage, findTags, getManifest } from './images';
export { getRegistryAuth, registryClientFor, type RegistryAuth } from './authorization';
export { promoteImage, referencesOf, type PromoteEnd } from './promote';
export { scanTargets, waitForImageScan, waitForScan, type ScanResult } from './scan';
export { checkImages, type CheckedImage } from './resolve-image';
