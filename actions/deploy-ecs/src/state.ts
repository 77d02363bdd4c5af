import * as core from '@actions/core';
import {
  needsRollback,
  type RollbackScope,
  type RollbackStart,
  type ServiceOutcome,
  type TrackedDeployment,
  type UnansweredUpdate,
  type WatchTarget,
} from '@ecs-delivery/shared/ecs';

/**
 * What the post step needs when the run is cancelled: the deployments this run started, how each ended so far,
 * where each goes back to, and the rollbacks already asked for. Never a credential.
 */
export interface DeployState {
  region: string;
  roleToAssume: string | undefined;
  audience: string;
  roleDurationSeconds: number | undefined;
  rollbackTimeoutMs: number;
  rollbackOnFailure: boolean;
  rollbackScope: RollbackScope;
  /** Main reached its verdict and made every rollback it had to: nothing is left for the post step. */
  completed: boolean;
  githubDeploymentId: number | undefined;
  githubEnvironment: string | undefined;
  services: ServiceState[];
}

export interface ServiceState {
  label: string;
  cluster: string;
  service: string;
  /** The deployment this run's UpdateService started (none: the service was not changed). */
  tracked: TrackedDeployment | undefined;
  /**
   * An UpdateService main sent and got no answer to (cut off by the cancel): the post step looks whether ECS
   * carried it out, and if so rolls back the deployment it started.
   */
  unansweredUpdate?: UnansweredUpdate;
  /** The outcome so far; none while the deployment is in flight. */
  outcome: ServiceOutcome | undefined;
  /** The known-good task definition. */
  knownGood: string | undefined;
  /** StopServiceDeployment(ROLLBACK) lands on the known-good definition (the service was steady on it). */
  stopLandsOnKnownGood: boolean;
  /** ECS's own rollback of the deployment, when it started one. */
  ecsRollbackDeploymentId: string | undefined;
  /** The service is back already (ECS rolled it back, or this run did). */
  rolledBack: boolean;
  /** A deployment started outside this run replaced this run's: the service is left alone. */
  replacedBy: string | undefined;
  /** A rollback main asked for and did not see to its end. */
  rollback?: {
    method: RollbackStart['method'];
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

/**
 * The services the post step must put back, from the state main left: none when main completed or rollbacks
 * are off; else those the shared policy names (`needsRollback`), a rollback main asked for included.
 */
export function servicesToRollBack(state: DeployState): ServiceState[] {
  if (state.completed || !state.rollbackOnFailure) return [];
  return state.services.filter((s) =>
    needsRollback(
      {
        changed: s.tracked !== undefined,
        outcome: s.outcome,
        back: s.rolledBack,
        replacedBy: s.replacedBy,
        requested: s.rollback !== undefined,
      },
      state.rollbackScope,
    ),
  );
}

/** When a change of the run is written to the state. */
export type StateChange =
  /** A call whose effect the post step must know of is about to go out: written before it does. */
  | 'before-call'
  /** Anything else (an answer, a verdict): written within this turn of the event loop. */
  | 'changed';

export interface StateWriter {
  /** Notes a change; the state is written once for all the changes of a turn (see {@link StateChange}). */
  note(change: StateChange): void;
  /** Drops a pending write (the caller writes the state itself now). */
  discard(): void;
}

/**
 * Writes the state once per burst of changes rather than once per change. Each write appends the whole state to
 * the runner's state file, so writing at every change of a wave of n services wrote n² services' state.
 * `before-call` writes in a microtask, which runs before any awaited call of the turn goes on: UpdateService's
 * request is never sent before the state saying it was sent is written. `changed` waits for the turn's end, so
 * the answers read in one turn share one write; if the process ends first, the state still says the call
 * was sent, and the post step looks whether ECS carried it out.
 */
export function createStateWriter(write: () => void): StateWriter {
  let dirty = false;
  let microtask = false;
  let immediate = false;
  const flush = (): void => {
    if (!dirty) return;
    dirty = false;
    write();
  };
  return {
    note: (change) => {
      dirty = true;
      if (change === 'before-call') {
        if (microtask) return;
        microtask = true;
        queueMicrotask(() => {
          microtask = false;
          flush();
        });
        return;
      }
      if (immediate) return;
      immediate = true;
      setImmediate(() => {
        immediate = false;
        flush();
      });
    },
    discard: () => {
      dirty = false;
    },
  };
}
