import type { Simulator } from '../core/simulator';
import { activeTasks, ecsState, type Region } from './model';
import { handleSignals, reconcile } from './scheduler';
import { nextEventAt, stepTask, type TaskSignal } from './task-lifecycle';

/**
 * Steps the ECS model forward on the simulator clock as an event queue: jump to the next task transition,
 * apply it, let the scheduler react, repeat. Each step is O(tasks), and the number of steps is the number of
 * transitions, so a long gap costs what happened in it, not how long it was.
 */

/** Stopped tasks stay describable for an hour, as on ECS. */
const STOPPED_RETENTION_MS = 3_600_000;
const MAX_STEPS = 200_000;

function reconcileDirty(sim: Simulator, r: Region, t: number): void {
  // A reconcile can dirty other services (or itself, after a rollback); a few rounds always settle.
  for (let round = 0; round < 10; round++) {
    const signals: TaskSignal[] = [];
    let any = false;
    for (const cluster of r.clusters.values()) {
      for (const svc of cluster.services.values()) {
        if (!svc.dirty) continue;
        svc.dirty = false;
        any = true;
        reconcile(sim, r, cluster, svc, t, signals);
      }
    }
    if (!any) return;
    handleSignals(sim, r, signals, t);
  }
}

/** The next task transition, or the next time a paced service may launch again (it is looked at then). */
function nextEvent(r: Region, t: number): number {
  let next = Infinity;
  for (const task of activeTasks(r)) {
    const at = nextEventAt(task);
    if (at < next) next = at;
  }
  for (const cluster of r.clusters.values()) {
    for (const svc of cluster.services.values()) {
      const at = svc.pacing?.notBefore;
      if (at === undefined || at > next) continue;
      if (at <= t) svc.dirty = true;
      else next = at;
    }
  }
  return next;
}

/** Services whose pacing lets them launch again at `t` are reconciled at `t`. */
function markDue(r: Region, t: number): void {
  for (const cluster of r.clusters.values()) {
    for (const svc of cluster.services.values()) {
      if (svc.pacing?.notBefore !== undefined && svc.pacing.notBefore <= t) svc.dirty = true;
    }
  }
}

export function advanceRegion(sim: Simulator, r: Region, now: number): void {
  let t = Math.min(r.modelTime, now);
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    reconcileDirty(sim, r, t);
    const next = nextEvent(r, t);
    if (next > now) break;
    t = Math.max(t, next);
    markDue(r, t);
    const signals: TaskSignal[] = [];
    const active = activeTasks(r);
    for (const task of active) {
      if (nextEventAt(task) <= t) stepTask(sim, task, t, signals);
      if (task.lastStatus === 'STOPPED') active.delete(task);
    }
    handleSignals(sim, r, signals, t);
  }
  r.modelTime = Math.max(r.modelTime, now);
  for (const cluster of r.clusters.values()) {
    for (const [id, task] of cluster.tasks) {
      if (task.stoppedAt !== undefined && task.stoppedAt < now - STOPPED_RETENTION_MS)
        cluster.tasks.delete(id);
    }
  }
}

export function advanceEcs(sim: Simulator, now: number): void {
  for (const r of ecsState(sim).regions.values()) advanceRegion(sim, r, now);
}
