import * as core from '@actions/core';
import type { TrackedDeployment, WatchTarget } from '@ecs-delivery/shared';

/**
 * What the post step needs when the run is cancelled: which deployments this run started, where each goes
 * back to, and the rollbacks already asked for. Never a credential.
 */
export interface DeployState {
  region: string;
  roleToAssume: string | undefined;
  audience: string;
  roleDurationSeconds: number | undefined;
  rollbackTimeoutMs: number;
  githubDeploymentId: number | undefined;
  githubEnvironment: string | undefined;
  services: ServiceState[];
}

export interface ServiceState {
  label: string;
  cluster: string;
  service: string;
  tracked: TrackedDeployment | undefined;
  /** The known-good task definition. */
  knownGood: string | undefined;
  /** The run reached a verdict for this service (nothing left for the post step). */
  finished: boolean;
  /** A rollback main asked for (on cancellation), for the post step to watch. */
  rollback?: {
    method: 'stop-service-deployment' | 'update-service';
    to: string | undefined;
    watch: WatchTarget;
  };
}

const KEY = 'deploy';

export function saveDeployState(state: DeployState): void {
  core.saveState(KEY, JSON.stringify(state));
}

export function readDeployState(): DeployState | undefined {
  const text = core.getState(KEY);
  if (text === '') return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<DeployState>;
    if (typeof parsed.region !== 'string' || !Array.isArray(parsed.services)) return undefined;
    return parsed as DeployState;
  } catch {
    return undefined;
  }
}
