import { AwsOperationError } from './aws-operation-error';

/** What IAM says when it refuses a call: who asked, for which permission, on which resource, and why. */
export interface AccessDenial {
  /** The caller, e.g. `arn:aws:sts::111111111111:assumed-role/deploy-staging/gha-run`. */
  principal: string;
  /** The IAM action refused, e.g. `ecs:UpdateService`. */
  action: string;
  /** The resource ARN it was refused on (or `*`). */
  resource: string;
  /**
   * IAM's reason when it gives one: `no identity-based policy allows the ecs:UpdateService action`, `with an
   * explicit deny in an identity-based policy`.
   */
  reason: string | undefined;
}

/** The error codes AWS services answer a refusal with (ECR's registry API answers `DENIED`). */
const ACCESS_DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'DENIED',
]);

/**
 * IAM's wording, the same in every service: `User: P is not authorized to perform: A on resource: R because …`,
 * or `… with an explicit deny in …`. S3 quotes the resource; some services end with the resource and give no reason.
 */
const DENIAL_RE =
  /User: (\S+) is not authorized to perform: ([\w-]+:[\w*]+) on resource: "?([^"\s]+?)"?(?:\s+(?:because\s+)?(.+?))?\.?$/s;

/** The parts of IAM's refusal message, or `undefined` when `message` is not one. */
export function parseAccessDenial(message: string): AccessDenial | undefined {
  const match = DENIAL_RE.exec(message.trim());
  if (match === null) return undefined;
  return { principal: match[1]!, action: match[2]!, resource: match[3]!, reason: match[4] };
}

/**
 * The role a principal is a session of: `arn:aws:sts::A:assumed-role/NAME/SESSION` is `arn:aws:iam::A:role/NAME`
 * (IAM's session ARNs drop the role's path); any other principal is itself.
 */
export function roleOfPrincipal(principal: string): string {
  const match = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
  return match === null ? principal : `arn:${match[1]!}:iam::${match[2]!}:role/${match[3]!}`;
}

/**
 * A refused call explained in plain words: which permission is missing, on which resource, for which role, and
 * where the permissions each action needs are listed. `undefined` for any other failure, or a refusal whose
 * message does not say what was refused (then AWS's own message is the best there is).
 */
export function explainAccessDenied(err: AwsOperationError): AwsOperationError | undefined {
  if (!ACCESS_DENIED_CODES.has(err.code)) return undefined;
  const denial = parseAccessDenial(err.message);
  if (denial === undefined) return undefined;
  const role = roleOfPrincipal(denial.principal);
  const why = denial.reason === undefined ? '' : ` (${denial.reason})`;
  return err.withMessage(
    `Access denied: ${role} may not ${denial.action} on ${denial.resource}${why}. ` +
      `If this run should reach that resource, grant ${denial.action} on it in the role's permission policy ` +
      "(ecs-delivery's docs/iam.md lists what each action needs); if the resource belongs to another " +
      "environment, use that environment's role-to-assume.",
  );
}
