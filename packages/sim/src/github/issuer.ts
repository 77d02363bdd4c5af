import { randomBytes } from 'node:crypto';
import type { Simulator } from '../core/simulator';
import { buildClaims, normaliseContext, type OidcContext } from './claims';
import { decodeJwt, GITHUB_ISSUER, signingKey, signJwt, verifySignature } from './jwt';

/** The request token the `oidc` seed key registers its context under when the seed names none. */
export const DEFAULT_OIDC_REQUEST_TOKEN = 'sim-oidc-request-token';

export interface IssuedTokenRecord {
  jti: string;
  sub: string;
  aud: string;
  iat: number;
}

interface IssuerState {
  /** Request token (ACTIONS_ID_TOKEN_REQUEST_TOKEN) → the run it stands for. */
  contexts: Map<string, OidcContext>;
  /** The last tokens minted, for `/_sim/state`. */
  issued: IssuedTokenRecord[];
}

const MAX_ISSUED_RECORDS = 100;

export function issuerState(sim: Simulator): IssuerState {
  return sim.store<IssuerState>('github.oidc', () => ({ contexts: new Map(), issued: [] }));
}

/** Where the runner's `ACTIONS_ID_TOKEN_REQUEST_URL` points; it already carries a query, as GitHub's does. */
export function tokenRequestUrl(sim: Simulator): string {
  return `${sim.url}/_github/oidc/token?api-version=2.0`;
}

/**
 * Registers a workflow run (see OidcContext; missing fields get defaults) under a request token, as the runner
 * does for a job with `permissions: id-token: write`. Returns what the runner would put in
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN and ACTIONS_ID_TOKEN_REQUEST_URL.
 */
export function registerOidcContext(
  sim: Simulator,
  context: unknown,
  requestToken?: string,
): { requestToken: string; requestUrl: string; context: OidcContext } {
  const normalised = normaliseContext(context);
  const token = requestToken ?? `ghs_sim${randomBytes(18).toString('base64url')}`;
  issuerState(sim).contexts.set(token, normalised);
  sim.secrets.record('github:oidc-request-token', token);
  return { requestToken: token, requestUrl: tokenRequestUrl(sim), context: normalised };
}

/** Mints a token for a run directly (what the token endpoint does after checking the request token). */
export function issueGithubToken(sim: Simulator, context: unknown, audience?: string): string {
  const claims = buildClaims(normaliseContext(context), audience, sim.clock.now());
  return mintToken(sim, claims);
}

export function mintToken(sim: Simulator, claims: Record<string, unknown>): string {
  const state = issuerState(sim);
  state.issued.push({
    jti: String(claims['jti']),
    sub: String(claims['sub']),
    aud: String(claims['aud']),
    iat: Number(claims['iat']),
  });
  if (state.issued.length > MAX_ISSUED_RECORDS)
    state.issued.splice(0, state.issued.length - MAX_ISSUED_RECORDS);
  const jwt = signJwt(claims, signingKey());
  sim.secrets.record('github:oidc-token', jwt);
  return jwt;
}

/** Why a token was refused: `malformed` or `signature` or `issuer` (invalid), `expired`, `not-yet-valid`. */
export type TokenRejection = 'malformed' | 'signature' | 'issuer' | 'expired' | 'not-yet-valid';

export type VerifyResult =
  | { claims: Record<string, unknown> }
  | { error: string; reason: TokenRejection; claims?: Record<string, unknown> };

/**
 * Verifies a token this simulator's GitHub issuer minted: RS256 signature with the issuer's key, `iss`, and
 * `exp` / `nbf` against the simulator clock. The audience is the relying party's to check.
 */
export function verifyGithubToken(sim: Simulator, jwt: string): VerifyResult {
  const decoded = decodeJwt(jwt.trim());
  if (!decoded) return { error: 'the token is not a JWT (header.payload.signature)', reason: 'malformed' };
  const key = signingKey();
  if (decoded.header['alg'] !== 'RS256') {
    return {
      error: `unsupported alg ${String(decoded.header['alg'])}; GitHub signs with RS256`,
      reason: 'signature',
    };
  }
  if (decoded.header['kid'] !== undefined && decoded.header['kid'] !== key.kid) {
    return {
      error: `no key with kid ${String(decoded.header['kid'])} in the issuer's JWKS`,
      reason: 'signature',
    };
  }
  if (!verifySignature(decoded, key.publicKey)) {
    return { error: 'the signature does not verify with the issuer key', reason: 'signature' };
  }
  const { claims } = decoded;
  if (claims['iss'] !== GITHUB_ISSUER) {
    return { error: `unexpected issuer ${String(claims['iss'])}`, reason: 'issuer', claims };
  }
  const now = Math.floor(sim.clock.now() / 1000);
  const exp = claims['exp'];
  if (typeof exp !== 'number') return { error: 'the token has no exp claim', reason: 'malformed', claims };
  if (now >= exp) return { error: `the token expired at ${exp}, now is ${now}`, reason: 'expired', claims };
  const nbf = claims['nbf'];
  if (typeof nbf === 'number' && now < nbf) {
    return { error: `the token is not valid before ${nbf}, now is ${now}`, reason: 'not-yet-valid', claims };
  }
  return { claims };
}
