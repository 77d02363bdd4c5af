import * as core from '@actions/core';
import type { ContainerCli } from './inputs';

/** What the post step needs to log out: never a credential, only where the private login lives. */
export interface LoginState {
  cli: ContainerCli;
  /** The private folder (DOCKER_CONFIG, or podman's authfile folder) under RUNNER_TEMP. */
  dir: string;
  host: string;
  logout: boolean;
}

const KEY = 'login';

export function saveLoginState(state: LoginState): void {
  core.saveState(KEY, JSON.stringify(state));
}

export function readLoginState(): LoginState | undefined {
  const text = core.getState(KEY);
  if (text === '') return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<LoginState>;
    if (
      (parsed.cli !== 'docker' && parsed.cli !== 'podman') ||
      typeof parsed.dir !== 'string' ||
      typeof parsed.host !== 'string'
    ) {
      return undefined;
    }
    return { cli: parsed.cli, dir: parsed.dir, host: parsed.host, logout: parsed.logout !== false };
  } catch {
    return undefined;
  }
}
