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

/**
 * Makes a client renew the session's credentials and retry a call once when AWS says they expired. Proactive
 * renewal can be late when the server's clock runs faster than ours (the simulator's can); this catches it.
 */
export function addExpiredTokenRetry(
  client: ClientWithMiddleware,
  credentials: { version: number; renew(ifVersion?: number): Promise<unknown> },
): void {
  const middleware: InitializeMiddleware<object, MetadataBearer> = (next) => async (args) => {
    const version = credentials.version;
    try {
      return await next(args);
    } catch (err) {
      if (!isExpiredTokenError(err)) throw err;
      await credentials.renew(version);
      return next(args);
    }
  };
  client.middlewareStack.add(middleware, { step: 'initialize', name: 'ecsDeliveryExpiredTokenRetry' });
}
