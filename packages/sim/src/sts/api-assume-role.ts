import { AwsError } from '../core/errors';
import type { CallContext } from '../core/simulator';
import type { ConditionContext } from './conditions';
import { trustAllows, type Requester } from './policy';
import { findRole } from './roles';
import { startRoleSession } from './session';
import { checkSessionPolicy, InputValidator, parseSessionTags, SESSION_NAME } from './validation';

/** A session assumed from another role session ("role chaining") lasts at most an hour. */
const CHAINED_SESSION_LIMIT = 3600;

/**
 * AssumeRole for a signed caller: the role's trust policy must allow the caller's account, role or ARN
 * (`sts:AssumeRole`, plus `sts:TagSession` when session tags are passed and `sts:SetSourceIdentity` for a
 * source identity, as IAM requires).
 */
export function assumeRole(ctx: CallContext, input: Record<string, unknown>): unknown {
  const caller = ctx.principal!;
  const v = new InputValidator(input);
  const roleArn = v.string('RoleArn', { required: true, min: 20, max: 2048 });
  const sessionName = v.string('RoleSessionName', { required: true, ...SESSION_NAME });
  const requested = v.integer('DurationSeconds', 900, 43200);
  const externalId = v.string('ExternalId', {
    min: 2,
    max: 1224,
    pattern: /^[\w+=,.@:/-]*$/,
    patternText: '[\\w+=,.@:\\/-]*',
  });
  const sourceIdentity = v.string('SourceIdentity', {
    min: 2,
    max: 64,
    ...{ pattern: SESSION_NAME.pattern, patternText: SESSION_NAME.patternText },
  });
  v.string('Policy', { min: 1, max: 2048 });
  v.check();
  const packedPolicySize = checkSessionPolicy(input['Policy'] as string | undefined);
  const tags = parseSessionTags(input['Tags']);
  const transitive = Array.isArray(input['TransitiveTagKeys'])
    ? (input['TransitiveTagKeys'] as unknown[]).map(String)
    : [];

  const requester: Requester = {
    kind: 'AWS',
    arn: caller.arn,
    account: caller.account,
    ...(caller.roleArn !== undefined ? { roleArn: caller.roleArn } : {}),
  };
  const context: ConditionContext = new Map([
    ['aws:principalarn', [caller.roleArn ?? caller.arn]],
    ['aws:principalaccount', [caller.account]],
    ['sts:rolesessionname', [sessionName!]],
  ]);
  if (externalId !== undefined) context.set('sts:externalid', [externalId]);
  if (sourceIdentity !== undefined) context.set('sts:sourceidentity', [sourceIdentity]);
  for (const tag of tags) context.set(`aws:requesttag/${tag.key.toLowerCase()}`, [tag.value]);
  if (tags.length > 0)
    context.set(
      'aws:tagkeys',
      tags.map((t) => t.key),
    );
  if (transitive.length > 0) context.set('sts:transitivetagkeys', transitive);

  const role = findRole(ctx.sim, roleArn!);
  const denied = (action: string): AwsError =>
    new AwsError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${roleArn!}`,
      403,
    );
  if (!role || !trustAllows(role.trustPolicy, requester, 'sts:AssumeRole', context))
    throw denied('sts:AssumeRole');
  if (tags.length > 0 && !trustAllows(role.trustPolicy, requester, 'sts:TagSession', context)) {
    throw denied('sts:TagSession');
  }
  if (
    sourceIdentity !== undefined &&
    !trustAllows(role.trustPolicy, requester, 'sts:SetSourceIdentity', context)
  ) {
    throw denied('sts:SetSourceIdentity');
  }

  const chained = caller.roleArn !== undefined;
  const duration = requested ?? 3600;
  if (chained && duration > CHAINED_SESSION_LIMIT) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (duration > role.maxSessionDuration) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  return {
    ...startRoleSession(ctx, role, sessionName!, duration),
    ...(packedPolicySize !== undefined || tags.length > 0
      ? { PackedPolicySize: Math.min(100, (packedPolicySize ?? 0) + tags.length * 2) }
      : {}),
    ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
  };
}

export function getCallerIdentity(ctx: CallContext): unknown {
  const p = ctx.principal!;
  return { UserId: p.userId, Account: p.account, Arn: p.arn };
}
