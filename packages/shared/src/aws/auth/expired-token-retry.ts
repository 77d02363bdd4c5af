import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { awsErrorCode } from '../../errors/aws-operation-error';

/** Codes AWS answers with when the session behind a request has expired. */
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException']);

/** Whether an SDK error says the credentials have expired. */
export function isExpiredTokenError(err: unknown): boolean {
  const code = awsErrorCode(err);
  return code !== undefined && EXPIRED.has(code);
}

/** The part of an SDK client this middleware needs. */
export interface ClientWithMiddleware {
  middlewareStack: { add(middleware: InitializeMiddleware<object, MetadataBearer>, options: object): void };
}

/** At most this many renewals for one call (each after its session was accepted, then ended during retries). */
const MAX_RENEWALS = 3;

/** How many attempts the SDK's retry strategy made before an error (1 when it was the first answer). */
function attemptsOf(err: unknown): number {
  const attempts = (err as { $metadata?: { attempts?: unknown } } | null)?.$metadata?.attempts;
  return typeof attempts === 'number' ? attempts : 1;
}

/**
 * Makes a client renew the session's credentials and retry a call when AWS says they expired. Proactive
 * renewal can be late when the server's clock runs faster than ours (the simulator's can); this catches it.
 * A call is retried once after a renewal; again only when the renewed session was not refused at once but ended
 * while the SDK was retrying the call (throttling, a 5xx, a dropped connection): a session refused on its first
 * attempt stays refused, and renewing again would not help.
 */
export function addExpiredTokenRetry(
  client: ClientWithMiddleware,
  credentials: { version: number; renew(ifVersion?: number): Promise<unknown> },
): void {
  const middleware: InitializeMiddleware<object, MetadataBearer> = (next) => async (args) => {
    for (let renewals = 0; ; renewals++) {
      const version = credentials.version;
      try {
        return await next(args);
      } catch (err) {
        if (!isExpiredTokenError(err)) throw err;
        const endedDuringRetries = attemptsOf(err) > 1;
        if (renewals >= MAX_RENEWALS || (renewals > 0 && !endedDuringRetries)) throw err;
        await credentials.renew(version);
      }
    }
  };
  client.middlewareStack.add(middleware, { step: 'initialize', name: 'ecsDeliveryExpiredTokenRetry' });
}
