import * as core from '@actions/core';
import {
  heading,
  keyValueTable,
  markdownTable,
  rollbackSucceeded,
  shortTaskDefinition,
  startRollback,
  watchDeployments,
  writeSummary,
  type ActionContext,
  type WatchTarget,
} from '@ecs-delivery/shared';
import {
  connectDeployClients as connect,
  type ConnectOptions,
  type DeployClients as Clients,
} from '@ecs-delivery/shared';
import { GithubStatus } from '@ecs-delivery/shared';
import { readDeployState, saveDeployState, type ServiceState } from './state';

export interface PostDeps {
  connect: (options: ConnectOptions) => Promise<Clients>;
}

interface PostRow {
  entry: ServiceState;
  method: string;
  to: string | undefined;
  result: string;
}

/** Asks for the rollback main had no time to ask for; `undefined` when there is nothing to go back to. */
async function ensureRollback(clients: Clients, entry: ServiceState): Promise<ServiceState['rollback']> {
  if (entry.rollback !== undefined) return entry.rollback;
  const start = await startRollback(
    clients.ecs,
    { cluster: entry.cluster, service: entry.service },
    {
      failed: entry.tracked,
      to: entry.knownGood,
      label: `${entry.label} (rollback)`,
      warn: (m) => core.warning(`${entry.label}: ${m}`),
    },
  );
  return start === undefined ? undefined : { method: start.method, to: start.to, watch: start.watch };
}

/**
 * The post step, run when the workflow was cancelled (`post-if: cancelled()`): every deployment this run
 * started and did not finish is rolled back — main asked for most rollbacks already — and the step waits
 * for them and reports.
 */
export async function post(context: ActionContext, deps: PostDeps = { connect }): Promise<void> {
  const state = readDeployState();
  const open = state?.services.filter((s) => !s.finished && s.tracked !== undefined) ?? [];
  if (state === undefined || open.length === 0) {
    core.info('No deployment of this run is left in flight: nothing to roll back.');
    return;
  }
  const clients = await deps.connect({
    region: state.region,
    roleToAssume: state.roleToAssume,
    audience: state.audience,
  });
  const rows: PostRow[] = [];
  const watching: { entry: ServiceState; rollback: NonNullable<ServiceState['rollback']> }[] = [];
  for (const entry of open) {
    try {
      const rollback = await ensureRollback(clients, entry);
      if (rollback === undefined)
        rows.push({
          entry,
          method: 'none',
          to: undefined,
          result: 'not possible: no successful deployment known',
        });
      else watching.push({ entry, rollback });
    } catch (err) {
      rows.push({
        entry,
        method: 'none',
        to: entry.knownGood,
        result: `failed to start: ${(err as Error).message}`,
      });
    }
  }
  if (watching.length > 0) {
    core.info(`Waiting for the rollback of ${watching.map((w) => w.entry.label).join(', ')}.`);
    const targets: WatchTarget[] = watching.map((w) => w.rollback.watch);
    const results = await watchDeployments(clients.ecs, targets, {
      deadline: Date.now() + state.rollbackTimeoutMs,
      signal: context.signal,
    });
    watching.forEach((w, i) => {
      const result = results[i]!;
      const ok = rollbackSucceeded(
        { method: w.rollback.method, to: w.rollback.to, watch: w.rollback.watch },
        result,
      );
      const to = result.ecsRollback?.taskDefinitionArn ?? w.rollback.to;
      rows.push({
        entry: w.entry,
        method: w.rollback.method,
        to,
        result: ok ? 'rolled back' : `${result.outcome}: ${result.reason ?? ''}`,
      });
      core.info(
        ok
          ? `${w.entry.label}: rolled back to ${shortTaskDefinition(to)}.`
          : `${w.entry.label}: rollback ${result.outcome}: ${result.reason ?? ''}`,
      );
    });
  }
  for (const entry of state.services) entry.finished = true;
  saveDeployState(state);

  const allOk = rows.every((r) => r.result === 'rolled back');
  await writeSummary(
    heading('deploy-ecs: cancelled'),
    keyValueTable(
      [['Result', allOk ? 'every deployment in flight was rolled back' : 'some rollbacks did not succeed']],
      ['', ''],
    ),
    markdownTable(
      ['Service', 'Rolled back to', 'How', 'Result'],
      rows.map((r) => [r.entry.label, shortTaskDefinition(r.to), r.method, r.result]),
    ),
  );
  const token = core.getInput('github-token');
  if (token !== '' && state.githubDeploymentId !== undefined && state.githubEnvironment !== undefined) {
    core.setSecret(token);
    await GithubStatus.resume(token, state.githubDeploymentId, state.githubEnvironment)?.set(
      'failure',
      allOk
        ? 'Cancelled; rolled back to the last successful deployment.'
        : 'Cancelled; the rollback did not complete.',
    );
  }
  if (!allOk) {
    core.error(
      rows
        .filter((r) => r.result !== 'rolled back')
        .map((r) => `${r.entry.label}: ${r.result}`)
        .join('\n'),
      {
        title: 'deploy-ecs: rollback after cancellation',
      },
    );
    process.exitCode = core.ExitCode.Failure;
  }
}
