import type { ECSClient } from '@aws-sdk/client-ecs';
import { AwsOperationError, awsErrorCode } from '../errors/aws-operation-error';
import { stopServiceDeploymentOnce, updateServiceOnce } from './lost-answer';
import { describeService, primaryDeployment } from './service';
import { shortTaskDefinition, type ServiceRef, type TrackedDeployment } from './types';
import type { WatchTarget } from './watch';

/** A rollback that has been asked for: how, where to, and what to watch until it is done. */
export interface RollbackStart {
  /**
   * `stop-service-deployment`: ECS rolls its deployment back itself; `update-service`: a deployment of `to`;
   * `under-way`: a deployment of `to` was running already (an earlier request's, or ECS's rollback).
   */
  method: 'stop-service-deployment' | 'update-service' | 'under-way';
  /** The task definition the service goes back to, when known (ECS chooses it for a StopServiceDeployment). */
  to: string | undefined;
  watch: WatchTarget;
}

export interface RollbackOptions {
  /** The deployment that failed, if this run started one; a ROLLBACK of its ServiceDeployment is tried first. */
  failed?: TrackedDeployment | undefined;
  /** The known-good task definition (see `findLastSuccessful`). */
  to: string | undefined;
  /** Progress lines name it so. */
  label?: string | undefined;
  /** Told about a fallback (StopServiceDeployment refused, ECS choosing another revision). */
  warn?: (message: string) => void;
  /**
   * The deployments of this run (its own, and ECS's rollback of it). When given, an UpdateService is made only
   * while the service's PRIMARY deployment is one of them: a service someone else has deployed to since is
   * theirs, and is left alone ({@link ServiceMovedOnError}).
   */
  ours?: readonly string[] | undefined;
}

/** The service runs a deployment this run did not start: rolling it back would undo someone else's work. */
export class ServiceMovedOnError extends Error {
  constructor(
    readonly deploymentId: string,
    readonly taskDefinitionArn: string | undefined,
  ) {
    super(
      `The service now runs deployment ${deploymentId} (${shortTaskDefinition(taskDefinitionArn)}), started outside this run: it is left alone.`,
    );
    this.name = 'ServiceMovedOnError';
  }
}

/** A refusal of StopServiceDeployment after which an UpdateService to the known-good definition is right. */
function stopRefused(err: unknown): boolean {
  const code = awsErrorCode(err);
  const fault = err instanceof AwsOperationError ? err.fault : undefined;
  // Any client fault: the deployment finished, cannot roll back, or the role may not stop it.
  return fault === 'client' || code === 'ConflictException' || code === 'AccessDeniedException';
}

/**
 * Puts a service back on what last worked. A deployment of this run still in flight is stopped with
 * StopServiceDeployment(ROLLBACK), so ECS restores the whole service revision it last completed; otherwise
 * (or when ECS refuses) UpdateService deploys the known-good task definition. Never deregisters anything.
 *
 * @returns what to watch, or `undefined` when there is nothing known to go back to.
 */
export async function startRollback(
  ecs: ECSClient,
  ref: ServiceRef,
  options: RollbackOptions,
): Promise<RollbackStart | undefined> {
  const warn = options.warn ?? (() => undefined);
  const failed = options.failed;
  if (failed?.serviceDeploymentArn !== undefined) {
    try {
      // Not resent blindly after a lost answer: a resend to a rollback under way may be refused.
      await stopServiceDeploymentOnce(ecs, failed.serviceDeploymentArn);
      const service = await describeService(ecs, ref);
      const next = primaryDeployment(ref, service, { exclude: failed.deploymentId });
      if (next !== undefined && options.to !== undefined && next.taskDefinitionArn !== options.to) {
        warn(
          `ECS is rolling ${ref.service} back to ${shortTaskDefinition(next.taskDefinitionArn)}, the revision it last completed (the last successful deployment found was ${shortTaskDefinition(options.to)}).`,
        );
      }
      return {
        method: 'stop-service-deployment',
        to: next?.taskDefinitionArn ?? options.to,
        watch: {
          tracked: failed,
          following: 'rollback',
          ...(options.label !== undefined ? { label: options.label } : {}),
        },
      };
    } catch (err) {
      if (!stopRefused(err)) throw err;
      if (options.to !== undefined) {
        warn(
          `StopServiceDeployment was refused (${awsErrorCode(err) ?? 'error'}); deploying ${shortTaskDefinition(options.to)} instead.`,
        );
      }
    }
  }
  if (options.to === undefined) return undefined;
  const to = options.to;
  const service = await describeService(ecs, ref);
  if (options.ours !== undefined) {
    const current = primaryDeployment(ref, service);
    if (
      current !== undefined &&
      current.taskDefinitionArn === to &&
      !options.ours.includes(current.deploymentId)
    ) {
      // Already on its way back (a request whose answer was lost, or ECS's own rollback): watch that one.
      return {
        method: 'under-way',
        to,
        watch: { tracked: current, ...(options.label !== undefined ? { label: options.label } : {}) },
      };
    }
    if (current !== undefined && !options.ours.includes(current.deploymentId)) {
      throw new ServiceMovedOnError(current.deploymentId, current.taskDefinitionArn);
    }
  }
  // A lost answer is not resent blindly: a new deployment of `to` says the request was carried out.
  const before = (service?.deployments ?? []).flatMap((d) => (d.id === undefined ? [] : [d.id]));
  const tracked = await updateServiceOnce(
    ecs,
    { cluster: ref.cluster, service: ref.service, taskDefinition: to, forceNewDeployment: true },
    before,
  );
  if (tracked === undefined)
    throw new Error(`UpdateService of ${ref.service} returned no PRIMARY deployment to watch.`);
  return {
    method: 'update-service',
    to,
    watch: { tracked, ...(options.label !== undefined ? { label: options.label } : {}) },
  };
}
