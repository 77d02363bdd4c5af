/** When the session is renewed: 5 minutes before it ends, or (for sessions under 25 minutes) after 80 % of its life. */
const RENEW_BEFORE_MS = 5 * 60_000;
const RENEW_FRACTION = 0.8;

/**
 * When (on the local clock) to renew credentials that STS said expire at `expiration`.
 *
 * The lifetime is measured on the server's clock — `expiration − serverDate` from the response's `Date`
 * header — and counted from when the answer arrived locally, so a local clock that is off does not make a
 * session look longer than it is. Without a server date the local
 * clock stands in.
 */
export function renewalTime(receivedAt: number, expiration: Date, serverDate: Date | undefined): number {
  const now =
    serverDate !== undefined && !Number.isNaN(serverDate.getTime()) ? serverDate.getTime() : receivedAt;
  const lifetime = Math.max(0, expiration.getTime() - now);
  const renewIn = Math.max(lifetime - RENEW_BEFORE_MS, lifetime * RENEW_FRACTION);
  return receivedAt + Math.max(0, renewIn);
}

/** When the session ends, on the local clock (see {@link renewalTime}). */
export function localExpiry(receivedAt: number, expiration: Date, serverDate: Date | undefined): number {
  const now =
    serverDate !== undefined && !Number.isNaN(serverDate.getTime()) ? serverDate.getTime() : receivedAt;
  return receivedAt + Math.max(0, expiration.getTime() - now);
}
