// The exec entry of @ecs-delivery/shared: `import { … } from '@ecs-delivery/shared/exec'`.
export { CommandError, runCommand, type CommandOptions, type CommandRunner } from './exec';
