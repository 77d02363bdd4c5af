import {
  UpdateServiceCommand,
  type ECSClient,
  type Service,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { AwsOperationError, callAws } from '../errors/aws-operation-error';
import { describeService } from './service';

/** The name of the error a call sent with {@link withoutBlindRetry} fails with when its answer was lost. */
export const LOST_ANSWER = 'LostAnswerError';

/** Node network error codes and SDK error names after which the request may have been carried out. */
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

interface NetworkErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/**
 * True for a failure after which the request may have been carried out with no answer coming back: a connection
 * reset or hung up, or an attempt that timed out. An answer that came (throttling, a 5xx) and a cancel are not.
 */
export function isLostAnswer(err: unknown): boolean {
  const e = (
    err instanceof AwsOperationError && err.cause !== undefined ? err.cause : err
  ) as NetworkErrorLike;
  if (typeof e !== 'object' || e === null) return false;
  if (e.name === LOST_ANSWER) return true;
  if (e.name === 'AbortError') return false;
  if (typeof e.$metadata?.httpStatusCode === 'number') return false;
  if (typeof e.code === 'string' && LOST_CODES.has(e.code)) return true;
  if (e.name === 'TimeoutError') return true;
  return typeof e.message === 'string' && e.message.includes('socket hang up');
}

/** What {@link withoutBlindRetry} takes: an SDK v3 command (its own middleware stack). */
interface CommandWithStack {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: 'deserialize'; name: string },
    ): void;
  };
}

/**
 * Makes the SDK give up on `command` at once when its answer is lost, instead of sending it again: the caller
 * then looks at what the call did before deciding to send it again. Throttling and 5xx answers are still
 * retried by the SDK. The lost answer surfaces as an error named {@link LOST_ANSWER} (its message the original's).
 */
export function withoutBlindRetry<C>(command: C): C {
  (command as unknown as CommandWithStack).middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (!isLostAnswer(err)) throw err;
        // No `code`, no `cause`: nothing the SDK's retry strategy would take as transient.
        const message = err instanceof Error ? err.message : String(err);
        const lost = new Error(`The answer was lost (${message}).`);
        lost.name = LOST_ANSWER;
        throw lost;
      }
    },
    { step: 'deserialize', name: 'ecsDeliveryNoBlindRetry' },
  );
  return command;
}

/** How many times a mutating call whose answer was lost is sent again, after checking it was not carried out. */
export const LOST_ANSWER_RESENDS = 3;

/** True when `service` shows the update to `taskDefinitionArn` done: a PRIMARY deployment of it that is new. */
export function updateApplied(
  service: Service | undefined,
  taskDefinitionArn: string,
  before: readonly string[],
  desiredCount?: number,
): boolean {
  const primary = service?.deployments?.find((d) => d.status === 'PRIMARY');
  if (primary?.id === undefined || before.includes(primary.id)) return false;
  if ((primary.taskDefinition ?? service?.taskDefinition) !== taskDefinitionArn) return false;
  return desiredCount === undefined || service?.desiredCount === desiredCount;
}

/**
 * UpdateService to `input.taskDefinition`, never sent twice blindly: when an answer is lost, DescribeServices
 * says whether the update was carried out (a new PRIMARY deployment of the definition, not one of `before`, the
 * deployment ids the service had); if so that service is the answer, else the update is sent again.
 *
 * @returns the service as the update left it
 */
export async function updateServiceOnce(
  ecs: ECSClient,
  input: UpdateServiceCommandInput & { cluster: string; service: string; taskDefinition: string },
  before: readonly string[],
): Promise<Service | undefined> {
  for (let resends = 0; ; resends++) {
    try {
      const out = await callAws('ecs:UpdateService', () =>
        ecs.send(withoutBlindRetry(new UpdateServiceCommand(input))),
      );
      return out.service;
    } catch (err) {
      if (!isLostAnswer(err) || resends >= LOST_ANSWER_RESENDS) throw err;
      const now = await describeService(ecs, { cluster: input.cluster, service: input.service });
      if (updateApplied(now, input.taskDefinition, before, input.desiredCount)) return now;
    }
  }
}
