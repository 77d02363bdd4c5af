import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** The issuer string GitHub Actions puts in `iss`; trust-policy condition keys are named after its host. */
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const GITHUB_ISSUER_HOST = 'token.actions.githubusercontent.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as a JWKS entry. */
  jwk: { kty: 'RSA'; n: string; e: string; kid: string; alg: 'RS256'; use: 'sig' };
}

let processKey: SigningKey | undefined;

/**
 * The issuer's RSA key. One per process, made on first use: generating RSA keys costs tens of milliseconds
 * and tests start many simulators, and a key stable for the process is what a relying party caching the JWKS
 * expects.
 */
export function signingKey(): SigningKey {
  if (!processKey) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const exported = publicKey.export({ format: 'jwk' });
    const n = String(exported.n);
    const e = String(exported.e);
    // RFC 7638 thumbprint: a kid derived from the key, so it cannot collide with another key's.
    const kid = createHash('sha256')
      .update(JSON.stringify({ e, kty: 'RSA', n }))
      .digest('base64url');
    processKey = { kid, privateKey, publicKey, jwk: { kty: 'RSA', n, e, kid, alg: 'RS256', use: 'sig' } };
  }
  return processKey;
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** An RS256 JWS in compact form. */
export function signJwt(
  claims: Record<string, unknown>,
  key: Pick<SigningKey, 'kid' | 'privateKey'>,
): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: key.kid };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Splits and decodes a compact JWS without checking anything; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  const [h, c, s] = parts as [string, string, string];
  const header = decodeJsonPart(h);
  const claims = decodeJsonPart(c);
  if (!header || !claims) return undefined;
  return { header, claims, signingInput: `${h}.${c}`, signature: Buffer.from(s, 'base64url') };
}

export function verifySignature(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  return verify('sha256', Buffer.from(jwt.signingInput), publicKey, jwt.signature);
}
