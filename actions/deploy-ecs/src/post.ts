import * as core from '@actions/core';
import {
  type ActionContext,
  heading,
  keyValueTable,
  markdownTable,
  writeSummary,
} from '@ecs-delivery/shared';
import {
  connectDeployClients as connect,
  type ConnectOptions,
  type DeployClients as Clients,
} from '@ecs-delivery/shared/aws';
import {
  findUnansweredUpdate,
  rollBack,
  type RollbackEntry,
  type RollbackPlan,
  type ServiceOutcome,
  shortTaskDefinition,
} from '@ecs-delivery/shared/ecs';
import { GithubStatus } from '@ecs-delivery/shared/github';
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

/** How to put a service back: the rollback main asked for, or how to ask for it now. */
function planFor(entry: ServiceState): RollbackPlan {
  return {
    label: entry.label,
    ref: { cluster: entry.cluster, service: entry.service },
    requested: entry.rollback,
    options: {
      failed: IN_FLIGHT.has(entry.outcome) && entry.stopLandsOnKnownGood ? entry.tracked : undefined,
      to: entry.knownGood,
      ours: [entry.tracked?.deploymentId, entry.ecsRollbackDeploymentId].filter(
        (id): id is string => id !== undefined,
      ),
    },
  };
}

/** A summary row of what became of one rollback. */
function rowOf(entry: ServiceState, done: RollbackEntry): PostRow {
  if (done.request.status !== 'requested') {
    // A service someone else deployed to since is theirs: leaving it alone is right.
    const moved = done.request.status === 'not_possible' && entry.knownGood !== undefined;
    return { entry, method: 'none', to: entry.knownGood, result: done.request.reason, ok: moved };
  }
  const verdict = done.verdict;
  const ok = verdict?.outcome === 'succeeded';
  return {
    entry,
    method: done.request.start.method,
    to: verdict?.to ?? done.request.start.to,
    result: ok ? 'rolled back' : `${verdict?.outcome ?? 'failed'}: ${verdict?.reason ?? ''}`,
    ok,
  };
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

function connectFor(state: DeployState, context: ActionContext, deps: PostDeps): () => Promise<Clients> {
  let clients: Promise<Clients> | undefined;
  return () =>
    (clients ??= deps.connect({
      region: state.region,
      roleToAssume: state.roleToAssume,
      audience: state.audience,
      roleDurationSeconds: state.roleDurationSeconds,
      budget: context.budget,
    }));
}

/**
 * An UpdateService main sent and got no answer to may still be carried out by ECS: reads each such service until
 * it shows the update (its deployment becomes the one to roll back) or the update can no longer come.
 */
async function settleUnansweredUpdates(
  state: DeployState,
  context: ActionContext,
  clients: () => Promise<Clients>,
): Promise<void> {
  const unanswered = state.services.filter(
    (s) => s.tracked === undefined && s.unansweredUpdate !== undefined,
  );
  if (unanswered.length === 0) return;
  const { ecs } = await clients();
  await Promise.all(
    unanswered.map(async (entry) => {
      const update = entry.unansweredUpdate!;
      core.info(
        `${entry.label}: the UpdateService to ${shortTaskDefinition(update.taskDefinition)} had no answer when main was cancelled: looking whether ECS carried it out.`,
      );
      const tracked = await findUnansweredUpdate(
        ecs,
        { cluster: entry.cluster, service: entry.service },
        update,
        { signal: context.signal },
      );
      delete entry.unansweredUpdate;
      if (tracked === undefined) {
        core.info(`${entry.label}: it was not carried out: the service was not changed.`);
        return;
      }
      entry.tracked = tracked;
      core.info(`${entry.label}: it was: deployment ${tracked.deploymentId} started, to be rolled back.`);
    }),
  );
}

async function rollBackEntries(
  state: DeployState,
  entries: ServiceState[],
  context: ActionContext,
  connectOnce: () => Promise<Clients>,
): Promise<PostRow[]> {
  const clients = await connectOnce();
  core.info(`Rolling back ${entries.map((e) => e.label).join(', ')}.`);
  const done = await rollBack(clients.ecs, entries.map(planFor), {
    deadline: Date.now() + state.rollbackTimeoutMs,
    signal: context.signal,
    budget: context.budget,
  });
  return done.map((d, i) => rowOf(entries[i]!, d));
}

/**
 * The post step, run when the workflow was cancelled (`post-if: cancelled()`). It finishes what main could
 * not: the rollbacks main asked for are watched to their end, and those it had no time to ask for — a
 * deployment still in flight, and with the `release` scope every service the run changed — are asked for
 * now. An UpdateService main got no answer to is looked for first: if ECS carried it out, its deployment is
 * rolled back too. A service someone else has deployed to since is left alone; with `rollback-on-failure: false`
 * nothing is rolled back. The GitHub deployment gets its final status either way.
 */
export async function post(context: ActionContext, deps: PostDeps = { connect }): Promise<void> {
  const state = readDeployState();
  if (state === undefined) {
    core.info('Nothing was deployed before the cancellation: nothing to roll back.');
    return;
  }
  if (state.completed) {
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
  const clients = connectFor(state, context, deps);
  await settleUnansweredUpdates(state, context, clients);
  const entries = servicesToRollBack(state);
  const rows = entries.length === 0 ? [] : await rollBackEntries(state, entries, context, clients);
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
