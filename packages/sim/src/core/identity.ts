import { randomBytes } from 'node:crypto';
import { AwsError } from './errors';

/** Who made a call. */
export interface Principal {
  account: string;
  arn: string;
  userId: string;
  accessKeyId: string;
  /** For an assumed role: the role's ARN and the session name. */
  roleArn?: string;
  sessionName?: string;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Expiry on the simulator clock, epoch ms. */
  expiration: number;
  principal: Principal;
}

/** The account whose static credentials (`test` / `test`) are always accepted. */
export const DEFAULT_ACCOUNT = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

function staticPrincipal(accessKeyId: string, account: string): Principal {
  return { account, arn: `arn:aws:iam::${account}:root`, userId: account, accessKeyId };
}

/**
 * Credentials the simulator knows: the static `test` key of the default account, any 12-digit access key id
 * (taken as the account it names, as local AWS emulators do), and the temporary credentials STS issued.
 */
export class CredentialStore {
  private issued = new Map<string, IssuedCredentials>();

  issue(principal: Omit<Principal, 'accessKeyId'>, durationSeconds: number, now: number): IssuedCredentials {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const creds: IssuedCredentials = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(96).toString('base64')}`,
      expiration: now + durationSeconds * 1000,
      principal: { ...principal, accessKeyId },
    };
    this.issued.set(accessKeyId, creds);
    return creds;
  }

  /** The principal behind an access key, or the AWS error the service would answer with. */
  resolve(accessKeyId: string, sessionToken: string | undefined, now: number, service: string): Principal {
    if (accessKeyId === 'test') return staticPrincipal(accessKeyId, DEFAULT_ACCOUNT);
    if (/^\d{12}$/.test(accessKeyId)) return staticPrincipal(accessKeyId, accessKeyId);
    const creds = this.issued.get(accessKeyId);
    if (!creds || (creds.sessionToken !== sessionToken && sessionToken !== undefined)) {
      throw service === 'sts'
        ? new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403)
        : new AwsError(
            'UnrecognizedClientException',
            'The security token included in the request is invalid.',
          );
    }
    if (sessionToken === undefined) {
      throw new AwsError(
        'IncompleteSignature',
        'Temporary credentials require a session token (X-Amz-Security-Token).',
      );
    }
    if (now >= creds.expiration) {
      // awsQuery STS answers `ExpiredToken` (403); the awsJson services `ExpiredTokenException` (400).
      throw service === 'sts'
        ? new AwsError('ExpiredToken', 'The security token included in the request is expired', 403)
        : new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400);
    }
    return creds.principal;
  }

  clear(): void {
    this.issued.clear();
  }

  list(): IssuedCredentials[] {
    return [...this.issued.values()];
  }
}

/** The access key, region and signing service of a SigV4 `Authorization` header. */
export function parseSigV4(
  header: string | undefined,
): { accessKeyId: string; date: string; region: string; service: string } | undefined {
  if (!header) return undefined;
  const m = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(header);
  if (!m) return undefined;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]! };
}
