import { messageOf } from '@ecs-delivery/shared';
import * as core from '@actions/core';
import { rm } from 'node:fs/promises';
import { type CommandRunner, runCommand } from '@ecs-delivery/shared/exec';
import { cliEnv, logoutArgs } from './container-cli';
import { readLoginStates, type LoginState } from './state';

/** The post step: log out of the registry (unless `logout: false`) and delete the private login folder. */
export async function post(exec: CommandRunner = runCommand): Promise<void> {
  for (const state of readLoginStates()) await logout(state, exec);
}

async function logout(state: LoginState, exec: CommandRunner): Promise<void> {
  const config = { cli: state.cli, dir: state.dir };
  if (state.logout) {
    try {
      await exec(state.cli, logoutArgs(config, state.host), { env: cliEnv(config) });
    } catch (err) {
      core.warning(`Could not log out of ${state.host}: ${messageOf(err)}`);
    }
    await rm(state.dir, { recursive: true, force: true });
    core.info(`Removed the private registry login (${state.dir}).`);
  } else {
    core.info(
      `logout is false: the login to ${state.host} stays in ${state.dir} for later steps of this job.`,
    );
  }
}
