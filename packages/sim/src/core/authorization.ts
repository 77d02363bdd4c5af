import { AwsError } from './errors';
import type { Principal } from './identity';

/**
 * What a call needs IAM to allow, and who decides. Each service says which permissions a call needs (its table
 * of IAM actions and resource ARNs, `iam.ts` in the service's folder); the STS module, which holds the roles and
 * their permission policies, evaluates them. Nothing is evaluated for a principal the authorizer does not enforce
 * (static keys, sessions of roles without permission policies), so those calls cost nothing.
 */

/** One permission a call needs: an IAM action on one resource, with the request's condition keys. */
export interface PermissionCheck {
  /** `service:Action`, e.g. `ecs:UpdateService`, `iam:PassRole`. */
  action: string;
  /** The resource's ARN, or `*` for an action without resource-level permissions. */
  resource: string;
  /** Condition keys the request sets, e.g. `{ 'ecs:cluster': 'arn:aws:ecs:…:cluster/prod' }`. */
  context?: Record<string, string | string[] | undefined>;
  /** The account that owns the resource where its ARN names none (S3); by default the ARN's account field. */
  resourceAccount?: string;
  /**
   * For a resource of another account: its resource-based policy (an S3 bucket policy, an ECR repository policy)
   * as a document or its JSON text. Without one, another account's resource is refused, as AWS refuses a
   * cross-account call no resource-based policy allows.
   */
  resourcePolicy?: unknown;
}

/** Why a call is refused, in the parts every service's AccessDenied message is made of. */
export interface Denial {
  principal: string;
  action: string;
  resource: string;
  /** Which policy type denied; `explicit`: a Deny statement, else nothing allowed it. */
  policyType: 'identity-based' | 'resource-based';
  explicit: boolean;
}

export interface Authorizer {
  /** Whether the principal's calls are evaluated: a session of a role that has permission policies. */
  enforces(principal: Principal): boolean;
  /** The first of the checks the principal may not make, or undefined when all are allowed. */
  evaluate(principal: Principal, checks: PermissionCheck[], region: string): Denial | undefined;
}

/** Before the STS module installs IAM: every call is allowed. */
export const allowEverything: Authorizer = { enforces: () => false, evaluate: () => undefined };

/**
 * IAM's wording of a refusal: `User: ARN is not authorized to perform: ACTION on resource: RESOURCE because no
 * identity-based policy allows the ACTION action`, or `… with an explicit deny in an identity-based policy`.
 * S3 quotes the resource.
 */
export function denialMessage(denial: Denial, options: { quoteResource?: boolean } = {}): string {
  const resource = options.quoteResource ? `"${denial.resource}"` : denial.resource;
  const article = denial.policyType === 'identity-based' ? 'an' : 'a';
  const why = denial.explicit
    ? `with an explicit deny in ${article} ${denial.policyType} policy`
    : `because no ${denial.policyType} policy allows the ${denial.action} action`;
  return `User: ${denial.principal} is not authorized to perform: ${denial.action} on resource: ${resource} ${why}`;
}

/** The refusal in an AWS protocol's shape: awsQuery `AccessDenied` (403), awsJson `AccessDeniedException` (400). */
export function accessDeniedFor(denial: Denial, protocol: 'json' | 'query'): AwsError {
  return protocol === 'query'
    ? new AwsError('AccessDenied', denialMessage(denial), 403)
    : new AwsError('AccessDeniedException', denialMessage(denial), 400);
}

/** The account field of an ARN (`arn:aws:ecs:us-east-1:111111111111:…`), undefined for `*` or an ARN without one. */
export function arnAccount(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const account = arn.split(':')[4];
  return account === undefined || account === '' ? undefined : account;
}
