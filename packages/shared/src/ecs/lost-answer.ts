import {
  DescribeServiceRevisionsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type ECSClient,
  type Service,
  type ServiceDeployment,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { AwsOperationError, callAws } from '../errors/aws-operation-error';
import { isCallDeadlineError } from '../runner/call-budget';
import { systemClock, type Clock, type Sleep } from '../poll/clock';
import { poll } from '../poll/poll';
import { describeService, primaryDeployment } from './service';
import type { ServiceRef, TrackedDeployment } from './types';
import { describeServiceDeployments } from './watch-lookups';

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

/**
 * Sends a mutating call (`send` wraps its command in {@link withoutBlindRetry}) and never sends it again blindly:
 * after a lost answer `carriedOut` reads what the call did and returns the answer to use, or `undefined` when the
 * call was not carried out, and only then is it sent again, at most {@link LOST_ANSWER_RESENDS} times. Without
 * `carriedOut` (nothing can tell) a lost answer is thrown, and so is a call cut off at its run's deadline: no call
 * has time left to look.
 */
export async function sendOnce<T>(
  send: () => Promise<T>,
  carriedOut: (() => Promise<T | undefined>) | undefined,
): Promise<T> {
  for (let resends = 0; ; resends++) {
    try {
      return await send();
    } catch (err) {
      if (!isLostAnswer(err) || isCallDeadlineError(err) || carriedOut === undefined) throw err;
      if (resends >= LOST_ANSWER_RESENDS) throw err;
      const done = await carriedOut();
      if (done !== undefined) return done;
    }
  }
}

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

/** ECS's event for a deployment its circuit breaker failed: `(service web) (deployment ecs-svc/1) deployment failed: …`. */
const DEPLOYMENT_FAILED = /\(deployment ([^)\s]+)\) deployment failed/;

/**
 * Whether the service's current ServiceDeployment is one to `taskDefinitionArn`: its target revision's task
 * definition (DescribeServiceDeployments, then DescribeServiceRevisions). ECS's own rollback of a deployment
 * stays in that deployment's ServiceDeployment (ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL), so this still names
 * the update once the deployment it started is failed, rolled back and drained.
 */
async function currentServiceDeploymentTo(
  ecs: ECSClient,
  service: Service,
  taskDefinitionArn: string,
): Promise<ServiceDeployment | undefined> {
  const arn = service.currentServiceDeployment;
  if (arn === undefined) return undefined;
  const sd = (await describeServiceDeployments(ecs, [arn])).get(arn);
  const revision = sd?.targetServiceRevision?.arn;
  if (revision === undefined) return undefined;
  const out = await callAws('ecs:DescribeServiceRevisions', () =>
    ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revision] })),
  );
  return out.serviceRevisions?.[0]?.taskDefinition === taskDefinitionArn ? sd : undefined;
}

/**
 * The deployment an UpdateService to `taskDefinitionArn` whose answer was lost started, as `service` shows it,
 * or `undefined` when it shows the update was not carried out. Carried out: a new deployment (not one of
 * `before`) of the definition, PRIMARY or not, whatever its rolloutState — ECS's circuit breaker may have failed
 * it and be rolling it back already; or, when the new deployment is another (ECS's rollback, once ours was
 * drained), the service's current ServiceDeployment targets the definition. Only that second case reads more
 * than `service`.
 */
export async function findLostUpdate(
  ecs: ECSClient,
  ref: ServiceRef,
  service: Service | undefined,
  update: { taskDefinition: string; desiredCount?: number | undefined },
  before: readonly string[],
): Promise<TrackedDeployment | undefined> {
  if (service === undefined) return undefined;
  if (update.desiredCount !== undefined && service.desiredCount !== update.desiredCount) return undefined;
  if (updateApplied(service, update.taskDefinition, before)) return primaryDeployment(ref, service);
  const fresh = (service.deployments ?? []).filter((d) => d.id !== undefined && !before.includes(d.id));
  if (fresh.length === 0) return undefined;
  const ours = fresh.find((d) => d.status !== 'PRIMARY' && d.taskDefinition === update.taskDefinition);
  const sd = await currentServiceDeploymentTo(ecs, service, update.taskDefinition);
  if (ours === undefined && sd === undefined) return undefined;
  const failed = (service.events ?? [])
    .map((e) => DEPLOYMENT_FAILED.exec(e.message ?? '')?.[1])
    .find((id) => id !== undefined && !before.includes(id));
  const sdArn = sd?.serviceDeploymentArn;
  return {
    ...ref,
    deploymentId: ours?.id ?? failed ?? sdArn?.slice(sdArn.lastIndexOf('/') + 1) ?? 'unknown',
    serviceDeploymentArn: sdArn,
    taskDefinitionArn: update.taskDefinition,
    createdAt: (ours?.createdAt ?? sd?.createdAt)?.getTime(),
  };
}

/**
 * UpdateService to `input.taskDefinition`, never sent twice blindly: when an answer is lost, DescribeServices
 * (and, if it shows another new deployment, the service's current ServiceDeployment) says whether the update was
 * carried out ({@link findLostUpdate}); if so the deployment it started is the answer, even one ECS has rolled
 * back already, else the update is sent again.
 *
 * @returns the deployment the update started: the PRIMARY one of the answer, or the one found after a lost answer
 */
export async function updateServiceOnce(
  ecs: ECSClient,
  input: UpdateServiceCommandInput & { cluster: string; service: string; taskDefinition: string },
  before: readonly string[],
): Promise<TrackedDeployment | undefined> {
  const ref = { cluster: input.cluster, service: input.service };
  return sendOnce<TrackedDeployment | undefined>(
    async () => {
      const answer = await callAws('ecs:UpdateService', () =>
        ecs.send(withoutBlindRetry(new UpdateServiceCommand(input))),
      );
      return primaryDeployment(ref, answer.service);
    },
    async () => findLostUpdate(ecs, ref, await describeService(ecs, ref), input, before),
  );
}

/** What a ServiceDeployment is in once a StopServiceDeployment(ROLLBACK) was carried out (or ECS rolls it back). */
const STOPPED_OR_ROLLING_BACK = new Set([
  'STOP_REQUESTED',
  'STOPPED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
]);

/**
 * StopServiceDeployment(ROLLBACK) of `serviceDeploymentArn`, never sent twice blindly: when an answer is lost,
 * DescribeServiceDeployments says whether the deployment is stopped or being rolled back already; only if not is
 * the request sent again (a resend to a rollback under way may be refused, which would read as "cannot stop").
 */
export async function stopServiceDeploymentOnce(ecs: ECSClient, serviceDeploymentArn: string): Promise<void> {
  await sendOnce(
    async () => {
      await callAws('ecs:StopServiceDeployment', () =>
        ecs.send(
          withoutBlindRetry(new StopServiceDeploymentCommand({ serviceDeploymentArn, stopType: 'ROLLBACK' })),
        ),
      );
      return true;
    },
    async () => {
      const now = (await describeServiceDeployments(ecs, [serviceDeploymentArn])).get(serviceDeploymentArn);
      return STOPPED_OR_ROLLING_BACK.has(now?.status ?? '') ? true : undefined;
    },
  );
}

/** An UpdateService sent whose answer never came (the run was cancelled and cut it off). */
export interface UnansweredUpdate {
  taskDefinition: string;
  /** The deployment ids the service had before it. */
  before: readonly string[];
  /** When it was sent (epoch ms). */
  sentAt: number;
}

/**
 * How long after an unanswered UpdateService was sent it may still be carried out: the time an attempt may wait
 * for its answer (the clients' request timeout). ECS carries out a request it has received at once.
 */
export const UNANSWERED_UPDATE_MS = 30_000;

/**
 * Whether an UpdateService whose answer never came was carried out: the service is read until it shows the
 * update (a new PRIMARY deployment of the definition), or until {@link UNANSWERED_UPDATE_MS} after the update was
 * sent, when it can no longer come.
 *
 * @returns the deployment the update started, or `undefined` when it was not carried out.
 */
export async function findUnansweredUpdate(
  ecs: ECSClient,
  ref: ServiceRef,
  update: UnansweredUpdate,
  options: { signal?: AbortSignal | undefined; clock?: Clock | undefined; sleep?: Sleep | undefined } = {},
): Promise<TrackedDeployment | undefined> {
  const result = await poll<TrackedDeployment>({
    check: async () => {
      const service = await describeService(ecs, ref);
      if (!updateApplied(service, update.taskDefinition, update.before)) return { done: false };
      const tracked = primaryDeployment(ref, service);
      return tracked === undefined ? { done: false } : { done: true, value: tracked };
    },
    deadline: update.sentAt + UNANSWERED_UPDATE_MS,
    minDelayMs: 1000,
    maxDelayMs: 3000,
    signal: options.signal,
    clock: options.clock ?? systemClock,
    ...(options.sleep !== undefined ? { sleep: options.sleep } : {}),
  });
  return result.outcome === 'done' ? result.value : undefined;
}
