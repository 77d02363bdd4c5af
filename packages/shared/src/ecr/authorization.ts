import { GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { callAws } from '../errors/aws-operation-error';
import { maskSecret } from '../runner/mask';
import { RegistryClient } from '../registry/client';

/** Registry credentials from GetAuthorizationToken, masked before anything can print them. */
export interface RegistryAuth {
  /** `proxyEndpoint` as ECR returned it (`https://<account>.dkr.ecr.<region>.amazonaws.com`). */
  endpoint: string;
  /** The endpoint's `host[:port]`: what `docker login` and image references use. */
  host: string;
  /** A plain `http://` endpoint (a local registry): clients must be told not to expect TLS. */
  insecure: boolean;
  username: string;
  password: string;
  expiresAt: Date | undefined;
}

/**
 * GetAuthorizationToken for one registry (default: the caller's): decodes `AWS:<password>` and masks the
 * password and the token before returning. Never log the result.
 */
export async function getRegistryAuth(ecr: ECRClient, registryId?: string): Promise<RegistryAuth> {
  const out = await callAws('ecr:GetAuthorizationToken', () =>
    ecr.send(new GetAuthorizationTokenCommand(registryId === undefined ? {} : { registryIds: [registryId] })),
  );
  const data = out.authorizationData?.[0];
  if (data?.authorizationToken === undefined || data.proxyEndpoint === undefined) {
    throw new Error('GetAuthorizationToken returned no token or no proxyEndpoint.');
  }
  maskSecret(data.authorizationToken);
  const decoded = Buffer.from(data.authorizationToken, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new Error('GetAuthorizationToken returned a token that is not user:password.');
  const password = decoded.slice(colon + 1);
  maskSecret(password);
  const url = new URL(data.proxyEndpoint);
  return {
    endpoint: data.proxyEndpoint,
    host: url.host,
    insecure: url.protocol === 'http:',
    username: decoded.slice(0, colon),
    password,
    expiresAt: data.expiresAt,
  };
}

/** A registry client logged in with `auth`. */
export function registryClientFor(auth: RegistryAuth): RegistryClient {
  return new RegistryClient({
    endpoint: auth.endpoint,
    credentials: { username: auth.username, password: auth.password },
  });
}
