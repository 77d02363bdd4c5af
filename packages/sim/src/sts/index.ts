import { seedEntries } from '../core/seed-entries';
import type { SimModule } from '../core/simulator';
import { assumeRole, getCallerIdentity } from './api-assume-role';
import { addOidcProvider, addRole } from './roles';
import { assumeRoleWithWebIdentity } from './api-web-identity';
import { iamAuthorizer } from './authorizer';
import { sessionRoute } from './session-route';
import { stsPermissions } from './iam';

export {
  addOidcProvider,
  addRole,
  findRole,
  listRoles,
  removeRole,
  setRolePolicies,
  type OidcProvider,
  type Role,
} from './roles';
export { parsePermissionPolicy, type PermissionPolicy } from './permissions';

/**
 * STS over awsQuery, with the IAM roles (and OIDC providers) it assumes, and IAM itself: the authorizer that
 * evaluates the permission policies of role sessions. Seed keys: `oidcProviders` and `roles` (see addOidcProvider
 * and addRole for their shapes).
 */
export const stsModule: SimModule = {
  name: 'sts',
  install(sim) {
    sim.addService({
      name: 'sts',
      protocol: 'query',
      xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
      unsignedActions: ['AssumeRoleWithWebIdentity'],
      actions: {
        AssumeRole: assumeRole,
        AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
        GetCallerIdentity: getCallerIdentity,
      },
      permissions: stsPermissions,
    });
    sim.authorizer = iamAuthorizer(sim);
    sim.addRoute(sessionRoute(sim));
    sim.onSeed('oidcProviders', (data) => {
      seedEntries('oidcProviders', data, (spec) => addOidcProvider(sim, spec));
    });
    sim.onSeed('roles', (data) => {
      seedEntries('roles', data, (spec) => addRole(sim, spec));
    });
  },
};
