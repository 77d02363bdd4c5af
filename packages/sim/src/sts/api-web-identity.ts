import { AwsError } from '../core/errors';
import type { CallContext } from '../core/simulator';
import { GITHUB_ISSUER, verifyGithubToken } from '../github';
import type { ConditionContext } from './conditions';
import { trustAllows } from './policy';
import { findRole, oidcProviderFor, parseRoleArn } from './roles';
import { startRoleSession } from './session';
import { checkSessionPolicy, InputValidator, SESSION_NAME } from './validation';

const INVALID_TOKEN =
  'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.';

function notAuthorized(): AwsError {
  return new AwsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);
}

/** Every claim as a condition key `ISSUER_HOST:claim` (lower case), plus the keys STS sets itself. */
function conditionContext(
  claims: Record<string, unknown>,
  issuerHost: string,
  provider: string,
  sessionName: string,
): ConditionContext {
  const context: ConditionContext = new Map();
  for (const [claim, value] of Object.entries(claims)) {
    const values = (Array.isArray(value) ? (value as unknown[]) : [value])
      .filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      .map(String);
    if (values.length > 0) context.set(`${issuerHost}:${claim}`.toLowerCase(), values);
  }
  context.set('aws:federatedprovider', [provider]);
  context.set('sts:rolesessionname', [sessionName]);
  return context;
}

/**
 * AssumeRoleWithWebIdentity for tokens of the simulator's GitHub issuer: verify the token, find the account's
 * OIDC provider for the issuer (by default every account has GitHub's, client id `sts.amazonaws.com`) and check
 * the token's audience against its client ids, evaluate the role's trust policy, and issue credentials.
 */
export function assumeRoleWithWebIdentity(ctx: CallContext, input: Record<string, unknown>): unknown {
  const v = new InputValidator(input);
  const roleArn = v.string('RoleArn', { required: true, min: 20, max: 2048 });
  const sessionName = v.string('RoleSessionName', { required: true, ...SESSION_NAME });
  const token = v.string('WebIdentityToken', { required: true, min: 4, max: 20000, sensitive: true });
  const requested = v.integer('DurationSeconds', 900, 43200);
  v.string('Policy', { min: 1, max: 2048 });
  v.check();
  const packedPolicySize = checkSessionPolicy(input['Policy'] as string | undefined);

  const verified = verifyGithubToken(ctx.sim, token!);
  if ('error' in verified) {
    if (verified.reason === 'expired') {
      const exp = Number(verified.claims?.['exp']);
      throw new AwsError(
        'ExpiredTokenException',
        `Token expired: current date/time ${Math.floor(ctx.now / 1000)} must be before the expiration date/time ${exp}`,
      );
    }
    if (verified.reason === 'malformed') {
      throw new AwsError(
        'InvalidIdentityToken',
        'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
      );
    }
    throw new AwsError('InvalidIdentityToken', INVALID_TOKEN);
  }
  const { claims } = verified;

  const parsedArn = parseRoleArn(roleArn!);
  if (!parsedArn) throw notAuthorized();
  const issuerHost = GITHUB_ISSUER.replace(/^https:\/\//, '');
  const provider = oidcProviderFor(ctx.sim, parsedArn.account, GITHUB_ISSUER);
  if (!provider) {
    throw new AwsError(
      'InvalidIdentityToken',
      `No OpenIDConnect provider found in your account for ${GITHUB_ISSUER}`,
    );
  }
  const providerArn = provider.arn;
  const audiences = (Array.isArray(claims['aud']) ? claims['aud'] : [claims['aud']]).map(String);
  const audience = audiences.find((a) => provider.clientIdList.includes(a));
  if (audience === undefined) throw new AwsError('InvalidIdentityToken', 'Incorrect token audience');

  // An unknown role is refused like a trust-policy mismatch: STS does not reveal which roles exist.
  const role = findRole(ctx.sim, roleArn!);
  const context = conditionContext(claims, issuerHost, providerArn, sessionName!);
  if (
    !role ||
    !trustAllows(
      role.trustPolicy,
      { kind: 'Federated', provider: providerArn },
      'sts:AssumeRoleWithWebIdentity',
      context,
    )
  ) {
    throw notAuthorized();
  }
  const duration = requested ?? 3600;
  if (duration > role.maxSessionDuration) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  const session = startRoleSession(ctx, role, sessionName!, duration);
  return {
    ...session,
    SubjectFromWebIdentityToken: String(claims['sub']),
    Audience: audience,
    Provider: providerArn,
    ...(packedPolicySize !== undefined ? { PackedPolicySize: packedPolicySize } : {}),
    ...(input['SourceIdentity'] !== undefined ? { SourceIdentity: String(input['SourceIdentity']) } : {}),
  };
}
