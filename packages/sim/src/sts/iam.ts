import type { PermissionCheck } from '../core/authorization';
import type { CallContext } from '../core/simulator';

/**
 * STS's IAM table (Service Authorization Reference, "Actions, resources, and condition keys for AWS Security Token
 * Service"): AssumeRole needs `sts:AssumeRole` on the role it assumes (and `sts:TagSession` with session tags,
 * `sts:SetSourceIdentity` with a source identity); GetCallerIdentity needs no permission at all ("No permissions
 * are required to perform this operation"); AssumeRoleWithWebIdentity is unsigned, so no identity is evaluated.
 */

/**
 * The role's trust policy is the resource-based policy of a role in another account; AssumeRole itself checks it
 * (with every key STS sets), so the identity side is all this table adds.
 */
const TRUST_POLICY_CHECKED_BY_ASSUME_ROLE = {
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:*', Resource: '*' }],
};

export function stsPermissions(
  ctx: CallContext,
  input: Record<string, unknown>,
): PermissionCheck[] | undefined {
  if (ctx.action === 'GetCallerIdentity') return [];
  if (ctx.action !== 'AssumeRole') return undefined;
  const roleArn = typeof input['RoleArn'] === 'string' ? input['RoleArn'] : '*';
  const str = (key: string): string | undefined => (typeof input[key] === 'string' ? input[key] : undefined);
  const context = {
    'sts:RoleSessionName': str('RoleSessionName'),
    'sts:ExternalId': str('ExternalId'),
    'sts:SourceIdentity': str('SourceIdentity'),
  };
  const on = (action: string): PermissionCheck => ({
    action,
    resource: roleArn,
    context,
    resourcePolicy: TRUST_POLICY_CHECKED_BY_ASSUME_ROLE,
  });
  const checks = [on('sts:AssumeRole')];
  if (Array.isArray(input['Tags']) && input['Tags'].length > 0) checks.push(on('sts:TagSession'));
  if (str('SourceIdentity') !== undefined) checks.push(on('sts:SetSourceIdentity'));
  return checks;
}
