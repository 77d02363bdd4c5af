import * as core from '@actions/core';
import type { ActionContext, Clock, Sleep } from '@ecs-delivery/shared';
import {
  connectDeployClients as connect,
  connectOptions,
  serviceArns,
  type ConnectOptions,
  type DeployClients as Clients,
} from '@ecs-delivery/shared/aws';
import { shortTaskDefinition } from '@ecs-delivery/shared/ecs';
import { GithubStatus } from '@ecs-delivery/shared/github';
import type { Inputs } from './inputs';
import { prepareRelease, printPrepared, type PreparedService } from './prepare';
import { createRuns, isFailure, runRelease } from './release';
import { annotateFailures, overallOutcome, setOutputs, writeReport } from './report';
import {
  requestRollbacks,
  rollBackAfterFailure,
  rollbackCandidates,
  stopLandsOnKnownGood,
} from './rollback-release';
import type { ServiceRun } from './service-run';
import { createStateWriter, saveDeployState, type DeployState } from './state';

/** Everything run() reaches outside itself, injectable for tests. */
export interface RunDeps {
  connect: (options: ConnectOptions) => Promise<Clients>;
  clock?: Clock;
  sleep?: Sleep;
}

export const defaultDeps: RunDeps = { connect };

/** Runs of a dry run: what would be deployed, nothing started. */
function dryRuns(waves: readonly PreparedService[][]): ServiceRun[] {
  return waves.flat().map((prepared) => ({
    prepared,
    label: prepared.plan.label,
    noop: prepared.unchanged && prepared.steady,
    startedAt: Date.now(),
  }));
}

function stateOf(
  inputs: Inputs,
  clients: Clients,
  runs: readonly ServiceRun[],
  github: GithubStatus | undefined,
  completed: boolean,
): DeployState {
  return {
    region: clients.region,
    roleToAssume: inputs.roleToAssume,
    audience: inputs.audience,
    roleDurationSeconds: inputs.roleDurationSeconds,
    rollbackTimeoutMs: inputs.rollbackTimeoutMs,
    rollbackOnFailure: inputs.rollbackOnFailure,
    rollbackScope: inputs.rollbackScope,
    completed,
    githubDeploymentId: github?.id,
    githubEnvironment: github?.environment,
    services: runs.map((run) => ({
      label: run.label,
      cluster: run.prepared.ref.cluster,
      service: run.prepared.ref.service,
      tracked: run.noop ? undefined : run.tracked,
      ...(run.unanswered !== undefined && run.tracked === undefined
        ? { unansweredUpdate: run.unanswered }
        : {}),
      outcome: run.outcome,
      knownGood: run.prepared.knownGood?.taskDefinitionArn,
      stopLandsOnKnownGood: stopLandsOnKnownGood(run.prepared),
      ecsRollbackDeploymentId: run.watch?.ecsRollback?.deploymentId,
      rolledBack: run.rollback?.outcome === 'succeeded',
      replacedBy: run.watch?.replacedBy,
      ...(run.pendingRollback !== undefined
        ? {
            rollback: {
              method: run.pendingRollback.method,
              to: run.pendingRollback.to,
              watch: run.pendingRollback.watch,
            },
          }
        : {}),
    })),
  };
}

function describeRelease(runs: readonly ServiceRun[]): string {
  return runs
    .map((r) => `${r.label} → ${shortTaskDefinition(r.registration?.arn ?? r.prepared.rendered.family)}`)
    .join(', ');
}

/** The cluster and service ARNs the inputs give, checked against the session's account and region first. */
function givenArns(inputs: Inputs): { value: string; input: string }[] {
  return serviceArns(inputs.waves.flat(), inputs.mode === 'manifest');
}

/** A run cancelled before it deployed anything: nothing to roll back, and the step fails. */
async function cancelledBeforeDeploy(title: string): Promise<void> {
  const reason = 'The workflow run was cancelled before anything was deployed.';
  core.info(`${reason} Nothing to roll back.`);
  setOutputs([], 'cancelled');
  core.setOutput('failure-reason', reason);
  await writeReport([], 'cancelled', title);
  core.error(reason, { title: 'deploy-ecs: cancelled' });
  process.exitCode = core.ExitCode.Failure;
}

/**
 * The action: authenticate, preflight every service (nothing changes if anything is wrong), then deploy
 * wave by wave, watching each deployment this run started; on failure explain it and roll back what the
 * scope says; on cancellation — at any point — ask for the rollbacks at once and leave the watching to the post
 * step. Every AWS call goes through `context.budget`: a cancel aborts it, and a deadline (the watch's, then the
 * rollback's own) ends one that hangs.
 */
export async function run(
  inputs: Inputs,
  context: ActionContext,
  deps: RunDeps = defaultDeps,
): Promise<void> {
  const { signal, budget } = context;
  if (inputs.environmentUrl !== undefined) core.setOutput('environment-url', inputs.environmentUrl);
  const title = inputs.environment === undefined ? 'deploy-ecs' : `deploy-ecs ${inputs.environment}`;
  let clients: Clients;
  let prepared: PreparedService[][];
  try {
    signal.throwIfAborted();
    clients = await core.group('Authenticate', () =>
      deps.connect({ ...connectOptions(inputs), arns: givenArns(inputs), budget }),
    );
    signal.throwIfAborted();
    prepared = await core.group('Preflight', async () => {
      const waves = await prepareRelease(clients, inputs.waves);
      for (const p of waves.flat()) printPrepared(p);
      return waves;
    });
    signal.throwIfAborted();
  } catch (err) {
    if (!signal.aborted) throw err;
    await cancelledBeforeDeploy(title);
    return;
  }

  if (inputs.dryRun) {
    const runs = dryRuns(prepared);
    core.info('dry-run: nothing was registered, run or updated.');
    setOutputs(runs, 'dry_run');
    await writeReport(runs, 'dry_run', title);
    return;
  }

  const all = prepared.flat();
  const environment = inputs.githubEnvironment ?? inputs.environment ?? all[0]?.ref.cluster ?? 'production';
  const github =
    inputs.githubToken === undefined
      ? undefined
      : await GithubStatus.start({
          token: inputs.githubToken,
          environment,
          description: `Deploying ${all.map((p) => p.plan.label).join(', ')}`,
          payload: { services: all.map((p) => ({ cluster: p.ref.cluster, service: p.ref.service })) },
        });

  const waves = createRuns(prepared);
  const runs = waves.flat();
  // Kept current at every step, so the post step knows what to finish if the run is cancelled.
  const writer = createStateWriter(() => saveDeployState(stateOf(inputs, clients, runs, github, false)));
  const save = (completed = false): void => {
    writer.discard();
    saveDeployState(stateOf(inputs, clients, runs, github, completed));
  };
  save();
  await runRelease(waves, {
    clients,
    inputs,
    signal,
    budget,
    clock: deps.clock,
    sleep: deps.sleep,
    onChange: (change) => writer.note(change),
  });
  save();

  if (signal.aborted) {
    // The runner ends this process seconds after the cancel: ask for the rollbacks now, watch them in post.
    const targets = inputs.rollbackOnFailure ? rollbackCandidates(runs, inputs.rollbackScope) : [];
    await budget.afterCancel(() => requestRollbacks(clients.ecs, targets, () => save()));
    save();
    core.info(
      targets.length > 0 ? 'Cancelled: rollbacks requested; the post step sees them through.' : 'Cancelled.',
    );
  } else if (runs.some(isFailure)) {
    await rollBackAfterFailure(clients.ecs, runs, {
      scope: inputs.rollbackScope,
      enabled: inputs.rollbackOnFailure,
      timeoutMs: inputs.rollbackTimeoutMs,
      signal,
      budget,
      clock: deps.clock,
      sleep: deps.sleep,
      onChange: () => save(),
    });
  }
  // Cancelled at any point, even while rolling back: the verdict is `cancelled`; the post step finishes what is
  // pending.
  const outcome = signal.aborted ? 'cancelled' : overallOutcome(runs, false);
  const cancelled = outcome === 'cancelled' || runs.some((r) => r.pendingRollback !== undefined);
  save(!cancelled);

  setOutputs(runs, outcome);
  await writeReport(runs, outcome, title);
  if (github !== undefined && !cancelled) {
    const failed = runs.find(isFailure);
    await github.set(
      failed === undefined ? 'success' : 'failure',
      failed === undefined
        ? `Deployed ${describeRelease(runs)}`
        : `${failed.label}: ${failed.outcome ?? 'failed'}: ${failed.failureReason ?? ''}`,
    );
  }
  if (outcome === 'succeeded' || outcome === 'started') {
    core.info(`Deployed: ${describeRelease(runs)} (${outcome}).`);
    return;
  }
  annotateFailures(runs);
  if (!runs.some(isFailure))
    core.error('The workflow run was cancelled.', { title: 'deploy-ecs: cancelled' });
  process.exitCode = core.ExitCode.Failure;
}
