import * as core from '@actions/core';
import {
  connectDeployClients as connect,
  GithubStatus,
  heading,
  keyValueTable,
  markdownTable,
  requestRollback,
  shortTaskDefinition,
  watchRollbacks,
  writeSummary,
  type ActionContext,
  type ConnectOptions,
  type DeployClients as Clients,
  type RollbackRequest,
  type RollbackStart,
  type ServiceOutcome,
} from '@ecs-delivery/shared';
import {
  readDeployState,
  saveDeployState,
  servicesToRollBack,
  type DeployState,
  type ServiceState,
} from './state';

export interface PostDeps {
  connect: (options: ConnectOptions) => Promise<Clients>;
}

interface PostRow {
  entry: ServiceState;
  method: string;
  to: string | undefined;
  result: string;
  ok: boolean;
}

const IN_FLIGHT: ReadonlySet<ServiceOutcome | undefined> = new Set([undefined, 'cancelled', 'timed_out']);

/** Asks for a rollback main had no time to ask for. */
function requestFor(clients: Clients, entry: ServiceState): Promise<RollbackRequest> {
  return requestRollback(
    clients.ecs,
    { cluster: entry.cluster, service: entry.service },
    {
      failed: IN_FLIGHT.has(entry.outcome) && entry.stopLandsOnKnownGood ? entry.tracked : undefined,
      to: entry.knownGood,
      ours: [entry.tracked?.deploymentId, entry.ecsRollbackDeploymentId].filter(
        (id): id is string => id !== undefined,
      ),
      label: `${entry.label} (rollback)`,
      warn: (m) => core.warning(`${entry.label}: ${m}`),
    },
  );
}

async function reportToGithub(state: DeployState, description: string): Promise<void> {
  const token = core.getInput('github-token');
  if (token === '' || state.githubDeploymentId === undefined || state.githubEnvironment === undefined) return;
  core.setSecret(token);
  await GithubStatus.resume(token, state.githubDeploymentId, state.githubEnvironment)?.set(
    'failure',
    description,
  );
}

async function rollBack(
  state: DeployState,
  entries: ServiceState[],
  context: ActionContext,
  deps: PostDeps,
): Promise<PostRow[]> {
  const clients = await deps.connect({
    region: state.region,
    roleToAssume: state.roleToAssume,
    audience: state.audience,
    roleDurationSeconds: state.roleDurationSeconds,
  });
  const rows: PostRow[] = [];
  const watching: { entry: ServiceState; start: RollbackStart }[] = [];
  for (const entry of entries) {
    const request: RollbackRequest =
      entry.rollback !== undefined
        ? { status: 'requested', start: entry.rollback }
        : await requestFor(clients, entry);
    if (request.status === 'requested') {
      watching.push({ entry, start: request.start });
      if (entry.rollback === undefined)
        core.info(
          `${entry.label}: rolling back to ${shortTaskDefinition(request.start.to)} (${request.start.method}).`,
        );
    } else {
      // A service someone else deployed to since is theirs: leaving it alone is right.
      const moved = request.status === 'not_possible' && entry.knownGood !== undefined;
      rows.push({
        entry,
        method: 'none',
        to: entry.knownGood,
        result: request.reason,
        ok: moved,
      });
    }
  }
  if (watching.length > 0) {
    core.info(`Waiting for the rollback of ${watching.map((w) => w.entry.label).join(', ')}.`);
    const verdicts = await watchRollbacks(
      clients.ecs,
      watching.map((w) => w.start),
      { deadline: Date.now() + state.rollbackTimeoutMs, signal: context.signal },
    );
    watching.forEach((w, i) => {
      const verdict = verdicts[i]!;
      const ok = verdict.outcome === 'succeeded';
      rows.push({
        entry: w.entry,
        method: w.start.method,
        to: verdict.to,
        result: ok ? 'rolled back' : `${verdict.result.outcome}: ${verdict.result.reason ?? ''}`,
        ok,
      });
      core.info(
        ok
          ? `${w.entry.label}: rolled back to ${shortTaskDefinition(verdict.to)}.`
          : `${w.entry.label}: rollback ${verdict.result.outcome}: ${verdict.result.reason ?? ''}`,
      );
    });
  }
  return rows;
}

/**
 * The post step, run when the workflow was cancelled (`post-if: cancelled()`). It finishes what main could
 * not: the rollbacks main asked for are watched to their end, and those it had no time to ask for — a
 * deployment still in flight, and with the `release` scope every service the run changed — are asked for
 * now. A service someone else has deployed to since is left alone; with `rollback-on-failure: false`
 * nothing is rolled back. The GitHub deployment gets its final status either way.
 */
export async function post(context: ActionContext, deps: PostDeps = { connect }): Promise<void> {
  const state = readDeployState();
  if (state === undefined || state.completed) {
    core.info('The deploy finished before the cancellation: nothing to roll back.');
    return;
  }
  if (!state.rollbackOnFailure) {
    const changed = state.services
      .filter((s) => s.tracked !== undefined && !s.rolledBack)
      .map((s) => s.label);
    core.warning(
      `Cancelled; rollback-on-failure is false: ${changed.join(', ') || 'nothing'} left as it is.`,
    );
    await reportToGithub(state, 'Cancelled; not rolled back (rollback-on-failure is false).');
    return;
  }
  const entries = servicesToRollBack(state);
  const rows = entries.length === 0 ? [] : await rollBack(state, entries, context, deps);
  state.completed = true;
  for (const entry of state.services) delete entry.rollback;
  saveDeployState(state);

  const allOk = rows.every((r) => r.ok);
  await writeSummary(
    heading('deploy-ecs: cancelled'),
    keyValueTable(
      [
        [
          'Result',
          rows.length === 0
            ? 'nothing this run changed was left to roll back'
            : allOk
              ? 'every service this run changed is back on its last successful deployment'
              : 'some rollbacks did not succeed',
        ],
      ],
      ['', ''],
    ),
    ...(rows.length === 0
      ? []
      : [
          markdownTable(
            ['Service', 'Rolled back to', 'How', 'Result'],
            rows.map((r) => [r.entry.label, shortTaskDefinition(r.to), r.method, r.result]),
          ),
        ]),
  );
  await reportToGithub(
    state,
    rows.length === 0
      ? 'Cancelled.'
      : allOk
        ? 'Cancelled; rolled back to the last successful deployment.'
        : 'Cancelled; the rollback did not complete.',
  );
  if (!allOk) {
    core.error(
      rows
        .filter((r) => !r.ok)
        .map((r) => `${r.entry.label}: ${r.result}`)
        .join('\n'),
      {
        title: 'deploy-ecs: rollback after cancellation',
      },
    );
    process.exitCode = core.ExitCode.Failure;
  }
}
