import type { Authorizer } from '../core/authorization';
import type { Principal } from '../core/identity';
import type { Simulator } from '../core/simulator';
import { evaluatePolicies, type PermissionPolicy } from './permissions';
import { findRole } from './roles';

/**
 * The permission policies of a role whose sessions are evaluated: it has at least one, and every managed policy
 * attached to it is one the simulator holds. Otherwise (no policy, or an AWS managed policy whose document the
 * simulator does not have) its sessions are allowed everything, as before IAM was modelled.
 */
export function enforcedPolicies(sim: Simulator, principal: Principal): PermissionPolicy[] | undefined {
  if (principal.roleArn === undefined) return undefined;
  const role = findRole(sim, principal.roleArn);
  if (!role || role.policies.length === 0 || (role.unknownManagedPolicies?.length ?? 0) > 0) return undefined;
  return role.policies;
}

/** The authorizer the STS module installs: only sessions of roles with permission policies are evaluated. */
export function iamAuthorizer(sim: Simulator): Authorizer {
  return {
    enforces: (principal) => enforcedPolicies(sim, principal) !== undefined,
    evaluate(principal, checks, region) {
      const policies = enforcedPolicies(sim, principal);
      return policies ? evaluatePolicies(sim, principal, policies, checks, region) : undefined;
    },
  };
}
