// The taskdef entry of @ecs-delivery/shared: `import { … } from '@ecs-delivery/shared/taskdef'`.
export {
  READ_ONLY_FIELDS,
  type ContainerDefinition,
  type RegisterTaskDefinitionInput,
  type TaskDefinitionDocument,
} from './types';
export { loadTaskDefinitionFile, parseTaskDefinition, unknownTaskDefinitionFields } from './load';
export { findPlaceholders, renderPlaceholders } from './placeholders';
export { renderTaskDefinition, type RenderInputNames } from './render';
export { defaultContainer, parseTargetedKey, secretValueFrom } from './targets';
export { sameTaskDefinition } from './normalize';
export { diffTaskDefinitions, imageDigest, type TaskDefinitionChange } from './diff';
export { formatDiffMarkdown, formatDiffText } from './diff-format';
export {
  awslogsGroups,
  parseSecretReference,
  referencedEnvironmentFiles,
  referencedImages,
  referencedSecrets,
  type EnvironmentFileUse,
} from './references';
