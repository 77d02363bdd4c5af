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

/** Every login this run made (a manifest run builds several images): the post step removes them all. */
export function saveLoginStates(states: readonly LoginState[]): void {
  core.saveState(KEY, JSON.stringify(states));
}

function isLoginState(
  value: unknown,
): value is Partial<LoginState> & Pick<LoginState, 'cli' | 'dir' | 'host'> {
  const v = value as Partial<LoginState> | null;
  return (
    v !== null &&
    typeof v === 'object' &&
    (v.cli === 'docker' || v.cli === 'podman') &&
    typeof v.dir === 'string' &&
    typeof v.host === 'string'
  );
}

export function readLoginStates(): LoginState[] {
  const text = core.getState(KEY);
  if (text === '') return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list
      .filter(isLoginState)
      .map((p) => ({ cli: p.cli, dir: p.dir, host: p.host, logout: p.logout !== false }));
  } catch {
    return [];
  }
}
