// The registry entry of @ecs-delivery/shared: `import { … } from '@ecs-delivery/shared/registry'`.
export { RegistryClient, RegistryHttpError, sha256Digest, type FetchLike } from './client';
