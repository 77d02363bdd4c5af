import * as core from '@actions/core';
import { ConfigurationError } from '../../errors/configuration-error';
import { messageOf } from '../../runner/describe-error';

/** Fetches a GitHub OIDC ID token for an audience (`core.getIDToken` by default). */
export type IdTokenSource = (audience: string) => Promise<string>;

/**
 * Gets a GitHub OIDC token, first checking that the job may have one: without `permissions: id-token: write`
 * the runner does not set `ACTIONS_ID_TOKEN_REQUEST_URL`, the most common reason OIDC fails; say so plainly.
 */
export async function requestIdToken(
  audience: string,
  roleArn: string,
  source: IdTokenSource = (aud) => core.getIDToken(aud),
): Promise<string> {
  const missing = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].filter(
    (name) => (process.env[name] ?? '') === '',
  );
  if (missing.length > 0) {
    throw new ConfigurationError(
      `Cannot assume role ${roleArn} with GitHub OIDC: this job cannot request an ID token ` +
        `(${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set). Give the job ` +
        '"permissions: id-token: write" (in the workflow or the job). Workflows triggered from forks never get one.',
      { input: 'role-to-assume' },
    );
  }
  try {
    return await source(audience);
  } catch (err) {
    const message = messageOf(err)
      .replace(/^Error message: /, '')
      .replace(/\s+/g, ' ');
    throw new Error(
      `Could not get a GitHub OIDC token (audience "${audience}") for role ${roleArn}: ${message}`,
      {
        cause: err,
      },
    );
  }
}

/**
 * The claims of a JWT, decoded WITHOUT verifying the signature: only to say which `sub` and `aud` were
 * presented when STS refuses the token (neither is secret). `undefined` when it is not a JWT.
 */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
