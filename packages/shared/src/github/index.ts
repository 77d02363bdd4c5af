// The github entry of @ecs-delivery/shared: `import { … } from '@ecs-delivery/shared/github'`.

export { GithubStatus } from './status';
