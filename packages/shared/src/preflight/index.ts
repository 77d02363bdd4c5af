// The preflight entry of @ecs-delivery/shared: `import { … } from '@ecs-delivery/shared/preflight'`.
export { findMissingReferences } from './references';
export {
  findUnreadableEnvironmentFiles,
  parseEnvironmentFileArn,
  type EnvironmentFileProblem,
  type UnreadableEnvironmentFile,
} from './environment-files';
