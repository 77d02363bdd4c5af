import * as core from '@actions/core';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Clock } from '../../poll/clock';
import type { LoadedCredentials } from './assume-role';
import { messageOf } from '../../runner/describe-error';

/**
 * A credentials provider flagged as memoized, so SDK clients call it for every request instead of caching
 * its answer themselves: this cache decides when to renew, by the server-measured lifetime.
 */
export type SessionCredentialsProvider = AwsCredentialIdentityProvider & { memoized: true };

/**
 * Holds one set of credentials and renews them (with `load`) when they reach their renewal time, or when
 * a call was refused because they expired. Concurrent callers share one renewal.
 */
export class CredentialCache {
  private current: LoadedCredentials | undefined;
  private pending: Promise<LoadedCredentials> | undefined;
  /** Counts renewals, so a refused call renews only when nobody renewed since it started. */
  private generation = 0;
  /** Whether a failed renewal was already reported (once per streak of failures, not on every call). */
  private warned = false;

  readonly provider: SessionCredentialsProvider;

  constructor(
    private readonly load: (reason: 'initial' | 'renewal') => Promise<LoadedCredentials>,
    private readonly clock: Clock,
  ) {
    const provide = async (): Promise<AwsCredentialIdentity> => this.get();
    this.provider = Object.assign(provide, { memoized: true as const });
  }

  /** Which credentials are current; pass it back to {@link renew} after a refused call. */
  get version(): number {
    return this.generation;
  }

  /** Current credentials, renewed first when due. A failed renewal falls back on still-valid credentials. */
  async get(): Promise<AwsCredentialIdentity> {
    const current = this.current;
    if (current !== undefined && this.clock.now() < current.renewAt) return current.identity;
    try {
      return await this.renew();
    } catch (err) {
      if (current === undefined || this.clock.now() >= current.expiresAt) throw err;
      if (!this.warned) {
        core.warning(`Could not renew the AWS session yet; using the current one: ${messageOf(err)}`);
        this.warned = true;
      }
      return current.identity;
    }
  }

  /**
   * Renews now. With `ifVersion`, only when the credentials are still those of that version (another call
   * may have renewed them already).
   */
  async renew(ifVersion?: number): Promise<AwsCredentialIdentity> {
    if (ifVersion !== undefined && ifVersion !== this.generation && this.current !== undefined) {
      return this.current.identity;
    }
    if (this.pending === undefined) {
      const reason = this.current === undefined ? 'initial' : 'renewal';
      this.pending = this.load(reason)
        .then((loaded) => {
          this.current = loaded;
          this.generation++;
          this.warned = false;
          return loaded;
        })
        .finally(() => {
          this.pending = undefined;
        });
    }
    return (await this.pending).identity;
  }
}
