import * as core from '@actions/core';
import { type ActionContext, type Clock, type Sleep, systemClock } from '@ecs-delivery/shared';
import {
  connectEcsClients as connect,
  connectOptions,
  serviceArns,
  type ConnectOptions,
  type EcsClients as Clients,
} from '@ecs-delivery/shared/aws';
import { shortTaskDefinition, watchRollbacks } from '@ecs-delivery/shared/ecs';
import { GithubStatus } from '@ecs-delivery/shared/github';
import type { Inputs } from './inputs';
import { prepareRollbacks, printPrepared } from './prepare';
import { annotateFailures, overallOutcome, setOutputs, writeReport } from './report';
import {
  explainRun,
  isFailure,
  recordVerdict,
  startServiceRollback,
  targetOf,
  type RollbackRun,
} from './service-run';
import { describeTarget } from './target';

/** Everything run() reaches outside itself, injectable for tests. */
export interface RunDeps {
  connect: (options: ConnectOptions) => Promise<Clients>;
  clock?: Clock;
  sleep?: Sleep;
}

export const defaultDeps: RunDeps = { connect };

function describeRuns(runs: readonly RollbackRun[]): string {
  return runs.map((r) => `${r.label} → ${shortTaskDefinition(targetOf(r))}`).join(', ');
}

function withReason(text: string, reason: string | undefined): string {
  return reason === undefined ? text : `${text} (${reason.replace(/\s+/g, ' ')})`;
}

/** The ARNs the inputs give, checked against the session's account and region before anything else. */
function givenArns(inputs: Inputs): { value: string; input: string }[] {
  return [
    ...serviceArns(inputs.services, inputs.mode === 'manifest'),
    ...(inputs.to.kind === 'task-definition' ? [{ value: inputs.to.ref, input: 'to' }] : []),
  ];
}

/** Watches the started rollbacks to their end (or the timeout, or a cancel) and explains the failures. */
async function watchStarted(
  clients: Clients,
  runs: RollbackRun[],
  inputs: Inputs,
  context: ActionContext,
  deps: RunDeps,
): Promise<void> {
  const clock = deps.clock ?? systemClock;
  const verdicts = await core.group(`Watch ${runs.map((r) => r.label).join(', ')}`, () =>
    watchRollbacks(
      clients.ecs,
      runs.map((r) => r.start!),
      {
        deadline: clock.now() + inputs.timeoutMs,
        signal: context.signal,
        budget: context.budget,
        clock,
        sleep: deps.sleep,
      },
    ),
  );
  verdicts.forEach((verdict, i) => recordVerdict(runs[i]!, verdict));
  if (verdicts.some((v) => v.unwatched)) return;
  const failed = runs.filter((r) => isFailure(r) && r.outcome !== 'cancelled');
  if (failed.length > 0)
    await core.group('Why it failed', () =>
      Promise.all(failed.map((r) => explainRun(r, clients, context.budget))),
    );
}

/** A run cancelled before it rolled anything back: the step fails, and nothing was changed. */
async function cancelledBeforeStart(report: Parameters<typeof writeReport>[2]): Promise<void> {
  const reason = 'The workflow run was cancelled before any rollback started.';
  core.info(`${reason} Nothing was changed.`);
  setOutputs([], 'cancelled');
  core.setOutput('failure-reason', reason);
  await writeReport([], 'cancelled', report);
  core.error(reason, { title: 'rollback: cancelled' });
  process.exitCode = core.ExitCode.Failure;
}

/**
 * The action: authenticate, check every service's target (nothing changes if any is refused), then roll
 * every service back at once and watch the deployments to their end with the deploy's own watcher. A
 * cancelled run stops watching; a rollback deployment ECS has started goes on by itself. Every AWS call goes
 * through `context.budget`: a cancel aborts it, and the watch's deadline ends one that hangs.
 */
export async function run(
  inputs: Inputs,
  context: ActionContext,
  deps: RunDeps = defaultDeps,
): Promise<void> {
  const { signal, budget } = context;
  const report = {
    title: inputs.environment === undefined ? 'rollback' : `rollback ${inputs.environment}`,
    reason: inputs.reason,
    targetText: describeTarget(inputs.to),
  };
  let clients: Clients;
  let prepared: Awaited<ReturnType<typeof prepareRollbacks>>;
  try {
    signal.throwIfAborted();
    clients = await core.group('Authenticate', () =>
      deps.connect({ ...connectOptions(inputs), arns: givenArns(inputs), budget }),
    );
    core.info(`Reason: ${inputs.reason ?? '(none given)'}`);
    signal.throwIfAborted();
    prepared = await core.group('Preflight', async () => {
      const list = await prepareRollbacks(clients, inputs);
      for (const p of list) printPrepared(p);
      return list;
    });
    signal.throwIfAborted();
  } catch (err) {
    if (!signal.aborted) throw err;
    await cancelledBeforeStart(report);
    return;
  }
  const runs: RollbackRun[] = prepared.map((p) => ({ prepared: p, label: p.label }));

  if (inputs.dryRun) {
    core.info('dry-run: nothing was registered, stopped or updated.');
    setOutputs(runs, 'dry_run');
    await writeReport(runs, 'dry_run', report);
    return;
  }

  const labels = runs.map((r) => r.label).join(', ');
  const github =
    inputs.githubToken === undefined
      ? undefined
      : await GithubStatus.start({
          token: inputs.githubToken,
          environment:
            inputs.githubEnvironment ?? inputs.environment ?? prepared[0]?.ref.cluster ?? 'production',
          description: withReason(`Rolling back ${labels}`, inputs.reason),
          task: 'rollback',
          payload: {
            rollback: true,
            reason: inputs.reason ?? null,
            to: report.targetText,
            services: prepared.map((p) => ({
              cluster: p.ref.cluster,
              service: p.ref.service,
              from: p.currentArn,
              to: p.targetArn ?? null,
            })),
          },
        });

  await core.group(`Roll back ${labels}`, () =>
    Promise.all(runs.map((r) => startServiceRollback(r, clients, signal, budget))),
  );
  const started = runs.filter((r) => r.start !== undefined && r.outcome === undefined);
  if (started.length > 0 && !inputs.wait) {
    for (const r of started) {
      r.outcome = 'started';
      core.info(`${r.label}: wait is false: the rollback deployment was started, not watched.`);
    }
  } else if (started.length > 0) {
    await watchStarted(clients, started, inputs, context, deps);
  }

  const outcome = signal.aborted ? 'cancelled' : overallOutcome(runs, false);
  setOutputs(runs, outcome);
  await writeReport(runs, outcome, report);
  const ok = outcome === 'succeeded' || outcome === 'started';
  if (github !== undefined) {
    const failed = runs.find(isFailure);
    await github.set(
      ok ? 'success' : outcome === 'cancelled' ? 'error' : 'failure',
      ok
        ? withReason(`Rolled back ${describeRuns(runs)}`, inputs.reason)
        : `${failed?.label ?? labels}: ${failed?.outcome ?? outcome}: ${failed?.failureReason ?? ''}`,
    );
  }
  if (ok) {
    core.info(`Rolled back: ${describeRuns(runs)} (${outcome}).`);
    return;
  }
  if (outcome === 'cancelled')
    core.info('Cancelled: a rollback deployment ECS has started goes on by itself; it is not watched.');
  annotateFailures(runs);
  if (!runs.some(isFailure)) core.error('The workflow run was cancelled.', { title: 'rollback: cancelled' });
  process.exitCode = core.ExitCode.Failure;
}
