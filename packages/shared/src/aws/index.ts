// The aws entry of @ecs-delivery/shared: `import { … } from '@ecs-delivery/shared/aws'`.
export { createClient } from './create-client';
export { endpointEnvName, resolveEndpoint } from './endpoint';

export { authenticate } from './auth/authenticate';

export { defaultRoleSessionName } from './auth/session-name';
export { manifestAccount, refuseOtherAccount, type ExpectedAccount } from './expected-account';

export {
  connectEcsClients,
  connectOptions,
  foreignArnProblem,
  serviceArns,
  type ConnectOptions,
  type EcsClients,
} from './ecs-clients';
export { connectDeployClients, type DeployClients } from './deploy-clients';
