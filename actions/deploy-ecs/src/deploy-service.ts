import * as core from '@actions/core';
import { type CallBudget, type Clock, type Sleep } from '@ecs-delivery/shared';
import type { DeployClients as Clients } from '@ecs-delivery/shared/aws';
import {
  isLostAnswer,
  registerIfChanged,
  runOneOffTask,
  shortTaskDefinition,
  updateServiceOnce,
} from '@ecs-delivery/shared/ecs';
import { createHash } from 'node:crypto';
import type { ServiceRun } from './service-run';
import type { StateChange } from './state';

export interface DeployContext {
  clients: Clients;
  signal: AbortSignal;
  budget: CallBudget;
  clock?: Clock | undefined;
  sleep?: Sleep | undefined;
  /**
   * Called as UpdateService is sent and right after it answers, so the post step knows what to roll back (or to
   * look for) if the run is cancelled.
   */
  onUpdated: (run: ServiceRun, change: StateChange) => void;
}

/** Lines of a migration's log kept for the summary (all of them go to the step log as they come). */
const MIGRATION_TAIL = 30;

/** A RunTask client token: the same for retries of this step, new for a re-run of the job. */
export function migrationToken(run: ServiceRun, taskDefinitionArn: string): string {
  const env = process.env;
  const parts = [
    env['GITHUB_RUN_ID'],
    env['GITHUB_RUN_ATTEMPT'],
    env['GITHUB_JOB'],
    run.prepared.ref.cluster,
    run.prepared.ref.service,
    taskDefinitionArn,
  ];
  return `ecs-delivery-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 48)}`;
}

async function migrate(run: ServiceRun, arn: string, ctx: DeployContext): Promise<boolean> {
  const { plan, migrationContainer, rendered, service } = run.prepared;
  const migration = plan.migration!;
  return core.group(`${run.label}: migrations (${migration.command.join(' ')})`, async () => {
    const tail: string[] = [];
    core.info(
      `Running ${JSON.stringify(migration.command)} in container ${migrationContainer ?? '?'} on ${shortTaskDefinition(arn)}.`,
    );
    const result = await runOneOffTask(ctx.clients.ecs, {
      cluster: plan.cluster,
      taskDefinitionArn: arn,
      containers: rendered.containerDefinitions ?? [],
      container: migrationContainer!,
      command: migration.command,
      service,
      clientToken: migrationToken(run, arn),
      timeoutMs: migration.timeoutMs,
      logsFor: ctx.clients.logsFor,
      signal: ctx.signal,
      budget: ctx.budget,
      clock: ctx.clock,
      sleep: ctx.sleep,
      onStatus: (status) => core.info(`migration task: ${status}`),
      onLog: (line) => {
        core.info(`| ${line}`);
        tail.push(line);
        if (tail.length > MIGRATION_TAIL) tail.shift();
      },
    });
    run.migration = { ...result, logTail: tail };
    if (result.ok) core.info(`Migrations succeeded (exit code ${result.exitCode ?? 0}).`);
    else core.info(`Migrations failed: ${result.reason ?? 'unknown'}`);
    return result.ok;
  });
}

/**
 * Makes one prepared service ready to update: registers its definition unless an identical one exists and
 * runs its migrations on it. A service whose definition is unchanged and which is steady needs nothing
 * (`noop`). Sets `run.outcome` only when the service ends here (nothing to do, or the migrations failed).
 *
 * @returns whether the service is to be updated
 */
export async function readyService(run: ServiceRun, ctx: DeployContext): Promise<boolean> {
  const { prepared } = run;
  const { plan } = prepared;
  const sameCount = plan.desiredCount === undefined || plan.desiredCount === prepared.service.desiredCount;
  if (prepared.unchanged && prepared.steady && sameCount) {
    core.info(
      `${run.label}: the task definition is unchanged and the service is steady on it: nothing to deploy.`,
    );
    run.noop = true;
    run.outcome = 'succeeded';
    run.finishedAt = Date.now();
    return false;
  }
  const registration = await registerIfChanged(
    ctx.clients.ecs,
    prepared.rendered,
    prepared.live,
    prepared.familyNewest,
  );
  run.registration = registration;
  core.info(
    registration.registered
      ? `${run.label}: registered ${shortTaskDefinition(registration.arn)}.`
      : `${run.label}: ${shortTaskDefinition(registration.arn)} is identical: no new revision.`,
  );
  if (plan.migration !== undefined && !(await migrate(run, registration.arn, ctx))) {
    run.outcome = 'failed';
    run.failureReason = `Migrations failed: ${run.migration?.reason ?? 'unknown'} The service was not updated.`;
    run.finishedAt = Date.now();
    return false;
  }
  return true;
}

/** One UpdateService to the registered definition; the deployment it created is the one tracked. */
export async function updateService(run: ServiceRun, ctx: DeployContext): Promise<void> {
  const { prepared } = run;
  const { plan } = prepared;
  const arn = run.registration!.arn;
  ctx.signal.throwIfAborted();
  // Within the deploy's timeout, which starts here; not aborted by a cancel: ECS may start the deployment
  // anyway, and only the answer says what to roll back. Still cut off 6 s after a cancel, before the runner's
  // SIGTERM: the update is then recorded as unanswered, and the post step looks whether ECS carried it out.
  const limits = { deadline: Date.now() + plan.timeoutMs, cancellable: false };
  // A lost answer is not resent blindly: DescribeServices first says whether the update was carried out (even
  // when ECS's circuit breaker has rolled the deployment it started back already: that one is then watched).
  const before = (prepared.service.deployments ?? []).flatMap((d) => (d.id === undefined ? [] : [d.id]));
  run.unanswered = { taskDefinition: arn, before, sentAt: Date.now() };
  ctx.onUpdated(run, 'before-call');
  let tracked;
  try {
    tracked = await ctx.budget.within(limits, () =>
      updateServiceOnce(
        ctx.clients.ecs,
        {
          cluster: plan.cluster,
          service: plan.service,
          taskDefinition: arn,
          ...(plan.desiredCount !== undefined ? { desiredCount: plan.desiredCount } : {}),
          // Same definition, but the service is not steady on it: start a deployment to have one to watch.
          ...(arn === prepared.service.taskDefinition ? { forceNewDeployment: true } : {}),
        },
        before,
      ),
    );
  } catch (err) {
    // An answer (a refusal) says the update was not carried out; a call cut off or whose answer was lost does not.
    if (!isLostAnswer(err)) delete run.unanswered;
    throw err;
  }
  delete run.unanswered;
  if (tracked === undefined)
    throw new Error(`UpdateService of ${plan.service} returned no PRIMARY deployment.`);
  run.tracked = tracked;
  ctx.onUpdated(run, 'changed');
  core.info(
    `${run.label}: UpdateService started deployment ${tracked.deploymentId} of ${shortTaskDefinition(tracked.taskDefinitionArn)}.`,
  );
}
