// The preflight entry of @ecs-delivery/shared: `import { … } from '@ecs-delivery/shared/preflight'`.
export { findMissingReferences } from './references';
