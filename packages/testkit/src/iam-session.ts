import type { CallRecord } from '@ecs-delivery/sim';
import { IAM_DOC, type DocumentedPolicy, type IamPolicy } from './iam-policy';

/**
 * Runs an action under docs/iam.md's policies, enforced by the simulator: the testkit seeds a role whose permission
 * policies are the documented ones (placeholders filled in), has the simulator issue a session of it, and gives
 * the step that session instead of the keys. The simulator then evaluates every call the action makes (action, resource and
 * conditions) and refuses what the policies do not allow, as IAM would.
 */

/** The placeholders of docs/iam.md, longest first so `SOURCE_ACCOUNT` is not read as `ACCOUNT`. */
export const PLACEHOLDERS = [
  'STAGING_ACCOUNT',
  'PROD_ACCOUNT',
  'SOURCE_ACCOUNT',
  'ENV_FILES_BUCKET',
  'EXECUTION_ROLE',
  'TASK_ROLE',
  'OWNER_ID',
  'REPO_ID',
  'ACCOUNT',
  'REGION',
  'CLUSTER',
  'APP',
  'ORG',
  'REPO',
  'ENV',
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Values for the placeholders; one left out is `*` (any value), so a policy is narrowed only where a test says. */
export type PlaceholderValues = Partial<Record<Placeholder, string>>;

const PLACEHOLDER = new RegExp(`(?<![A-Za-z0-9_])(${PLACEHOLDERS.join('|')})(?![A-Za-z0-9_])`, 'g');
/** A placeholder followed by the wildcard it is narrowed with (`APP/*`, `APP-*`, `APP*`). */
const WILDCARD_SUFFIX = new RegExp(`(?<![A-Za-z0-9_])(${PLACEHOLDERS.join('|')})[-/]?\\*`, 'g');

function fill(text: string, values: PlaceholderValues): string {
  // `APP/*` with APP any value is `*`, not `*/*`: a placeholder left as a wildcard takes its suffix with it.
  const wide = text.replace(WILDCARD_SUFFIX, (whole, name: Placeholder) =>
    values[name] === undefined ? '*' : whole,
  );
  return wide.replace(PLACEHOLDER, (_, name: Placeholder) => values[name] ?? '*');
}

function fillValue(value: unknown, values: PlaceholderValues): unknown {
  if (typeof value === 'string') return fill(value, values);
  if (Array.isArray(value)) return value.map((v) => fillValue(v, values));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        fill(k, values),
        fillValue(v, values),
      ]),
    );
  }
  return value;
}

/** A documented policy with its placeholders filled in (`*` for those without a value). */
export function fillPolicy(policy: IamPolicy, values: PlaceholderValues): IamPolicy {
  return fillValue(policy, values) as IamPolicy;
}

/** The documented policies of `names`, filled in; throws naming a policy docs/iam.md lacks. */
export function documentedPolicies(
  documented: readonly DocumentedPolicy[],
  names: readonly string[],
  values: PlaceholderValues,
): IamPolicy[] {
  const missing = names.filter((n) => !documented.some((d) => d.name === n));
  if (missing.length > 0) {
    const known = documented.map((d) => d.name).join(', ');
    throw new Error(
      `${IAM_DOC} documents no policy ${missing.map((m) => `"${m}"`).join(', ')} (it has: ${known}).`,
    );
  }
  return documented.filter((d) => names.includes(d.name)).map((d) => fillPolicy(d.policy, values));
}

/** Temporary credentials of the role the testkit made for a run. */
export interface PolicySession {
  roleArn: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** IAM's limit on a role's session (12 hours): long enough for a run on a fast simulator clock. */
const SESSION_SECONDS = 43_200;

async function post(simUrl: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${simUrl}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`simulator POST ${path} answered ${res.status}: ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/**
 * Seeds the role `ecs-delivery-testkit-<names>` in `account` with the documented policies as its permission
 * policies, and has the simulator issue a session of it (`POST /_sim/sessions`: no AWS call, so the run's call log
 * holds only the action's own calls).
 */
export async function policySession(
  simUrl: string,
  options: { account: string; names: readonly string[]; policies: readonly IamPolicy[] },
): Promise<PolicySession> {
  const name = `ecs-delivery-testkit-${options.names.join('-')}`.slice(0, 64);
  const roleArn = `arn:aws:iam::${options.account}:role/${name}`;
  await post(simUrl, '/_sim/seed', {
    roles: [
      {
        arn: roleArn,
        maxSessionDuration: SESSION_SECONDS,
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${options.account}:root` },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        policies: options.policies,
      },
    ],
  });
  const session = (await post(simUrl, '/_sim/sessions', {
    roleArn,
    sessionName: 'testkit',
    durationSeconds: SESSION_SECONDS,
  })) as { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  return {
    roleArn,
    accessKeyId: session.accessKeyId,
    secretAccessKey: session.secretAccessKey,
    sessionToken: session.sessionToken,
  };
}

/** A call of a run the simulator refused because the policies did not allow it. */
export function isAccessDenied(call: Pick<CallRecord, 'errorCode'>): boolean {
  return (
    call.errorCode === 'AccessDenied' ||
    call.errorCode === 'AccessDeniedException' ||
    call.errorCode === 'UnauthorizedOperation'
  );
}

/** The error of a run whose calls the documented policies did not allow, naming each refusal as IAM worded it. */
export function deniedCallsMessage(
  label: string,
  names: readonly string[],
  denied: readonly Pick<CallRecord, 'service' | 'action' | 'errorMessage'>[],
): string {
  const policy =
    names.length === 0
      ? undefined
      : names.length === 1
        ? `policy "${names[0]!}"`
        : `policies ${names.map((n) => `"${n}"`).join(', ')}`;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const call of denied) {
    const line = `- ${call.service}:${call.action}: ${call.errorMessage ?? 'access denied'}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  if (policy === undefined) {
    // A role the test seeded with its own policies: the refusal is the test's to expect (expectAccessDenied).
    return (
      `${label} assumed a role whose policies the simulator enforces, and it refused:\n${lines.join('\n')}\n` +
      `Grant it in the role's policies (from ${IAM_DOC}), or pass expectAccessDenied when the test means it.`
    );
  }
  return (
    `${label} ran under the ${policy} of ${IAM_DOC}, and the simulator refused:\n${lines.join('\n')}\n` +
    `Grant it there, with the reason the action needs it, or stop the action from calling it.`
  );
}

/** GitHub's OIDC issuer, the name of its identity provider in IAM and the prefix of its condition keys. */
const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

/**
 * A trust policy that lets jobs of GitHub Actions assume a role in `account` through its GitHub OIDC provider:
 * audience `sts.amazonaws.com`, `sub` like `subject` (`repo:ORG/REPO:*`: any job of the repository), and the
 * other claims like `like` (`{ job_workflow_ref: 'ORG/REPO/.github/workflows/*@*' }`).
 */
export function githubOidcTrust(
  account: string,
  subject: string,
  like: Record<string, string> = {},
): unknown {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${GITHUB_ISSUER}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com' },
          StringLike: Object.fromEntries(
            Object.entries({ sub: subject, ...like }).map(([claim, value]) => [
              `${GITHUB_ISSUER}:${claim}`,
              value,
            ]),
          ),
        },
      },
    ],
  };
}
