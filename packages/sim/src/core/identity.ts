import { randomBytes } from 'node:crypto';
import { AwsError } from './errors';
import { deriveSigningKey } from './sigv4';

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
  /** Derived SigV4 signing keys of issued credentials, by `accessKeyId/date/region/service`. */
  private signingKeys = new Map<string, Buffer>();

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

  /**
   * The SigV4 signing key of credentials STS issued, derived once per day, region and service; undefined for the
   * static keys (`test`, an account id), whose signatures are not checked.
   */
  signingKey(accessKeyId: string, date: string, region: string, service: string): Buffer | undefined {
    const creds = this.issued.get(accessKeyId);
    if (!creds) return undefined;
    const id = `${accessKeyId}/${date}/${region}/${service}`;
    let key = this.signingKeys.get(id);
    if (!key) {
      if (this.signingKeys.size >= 10_000) this.signingKeys.clear();
      key = deriveSigningKey(creds.secretAccessKey, date, region, service);
      this.signingKeys.set(id, key);
    }
    return key;
  }

  clear(): void {
    this.issued.clear();
    this.signingKeys.clear();
  }

  list(): IssuedCredentials[] {
    return [...this.issued.values()];
  }
}
