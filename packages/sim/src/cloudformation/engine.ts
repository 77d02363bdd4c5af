import type { Simulator } from '../core/simulator';
import {
  applySpec,
  cfnState,
  exportsOf,
  setStackStatus,
  specOf,
  type Operation,
  type Phase,
  type Stack,
  type StackSpec,
  type Step,
} from './model';
import { evaluateOutputs, includedResources, liveResources, scopeOf } from './scope';
import { finishStep, startStep } from './steps';
import { dependenciesOf, type Template } from './template';

/**
 * Stack operations on the simulator clock. An operation is a list of steps per phase (apply, clean-up, rollback,
 * rollback clean-up); a step starts once the steps it depends on are done and finishes RESOURCE_MS later, so
 * resources are created in dependency order with independent ones side by side, as CloudFormation does.
 */

const MAX_STEPS = 100_000;

function identity(sim: Simulator, stack: Stack) {
  return {
    sim,
    account: stack.account,
    region: stack.region,
    stackName: stack.name,
    stackId: stack.id,
    notificationArns: stack.notificationArns,
  };
}

/** Steps that create or update the target template's resources, each after those it depends on. */
function applySteps(sim: Simulator, stack: Stack, spec: StackSpec): Step[] {
  const scope = scopeOf(
    identity(sim, stack),
    spec,
    liveResources(stack.resources, stack.region, stack.account),
  );
  const ids = includedResources(scope, spec.template);
  const included = new Set(ids);
  return ids.map((id) => {
    const existing = stack.resources[id];
    return {
      logicalId: id,
      action:
        existing && existing.status !== 'DELETE_COMPLETE' && existing.physicalId !== undefined
          ? 'update'
          : 'create',
      after: dependenciesOf(spec.template, id).filter((d) => included.has(d)),
      state: 'waiting',
    };
  });
}

/** Steps that delete `ids`, each after the resources (among them) that depend on it. */
function deleteSteps(
  template: Template | undefined,
  ids: string[],
  action: 'delete' | 'delete-new' = 'delete',
): Step[] {
  const set = new Set(ids);
  return ids.map((id) => ({
    logicalId: id,
    action,
    after: ids.filter(
      (other) =>
        other !== id &&
        set.has(other) &&
        template?.Resources[other] !== undefined &&
        template.Resources[id] !== undefined &&
        dependenciesOf(template, other).includes(id),
    ),
    state: 'waiting',
  }));
}

function newOperation(
  kind: Operation['kind'],
  at: number,
  target: StackSpec,
  onFailure: Operation['onFailure'],
): Operation {
  return {
    kind,
    phase: 'apply',
    nextAt: at,
    steps: [],
    onFailure,
    target,
    replaced: {},
    replacementNew: {},
    added: [],
    failed: [],
  };
}

/** Starts creating a stack's resources (the stack was made by CreateStack or a CREATE change set). */
export function startCreate(
  sim: Simulator,
  stack: Stack,
  at: number,
  onFailure: Operation['onFailure'],
  changeSetId?: string,
): void {
  const op = newOperation('CREATE', at, specOf(stack), onFailure);
  if (changeSetId !== undefined) op.changeSetId = changeSetId;
  stack.operation = op;
  setStackStatus(stack, at, 'CREATE_IN_PROGRESS', 'User Initiated');
  op.steps = applySteps(sim, stack, op.target);
}

/** Starts updating a stack to `target`; its previous template, values and resources are kept for a rollback. */
export function startUpdate(
  sim: Simulator,
  stack: Stack,
  target: StackSpec,
  at: number,
  onFailure: Operation['onFailure'],
  changeSetId?: string,
): void {
  const op = newOperation('UPDATE', at, target, onFailure);
  if (changeSetId !== undefined) op.changeSetId = changeSetId;
  op.previous = {
    ...specOf(stack),
    resources: structuredClone(stack.resources),
    outputs: stack.outputs.map((o) => ({ ...o })),
  };
  applySpec(stack, target);
  delete stack.failedOperation;
  stack.updatedAt = at;
  stack.operation = op;
  setStackStatus(stack, at, 'UPDATE_IN_PROGRESS', 'User Initiated');
  op.steps = applySteps(sim, stack, target);
}

export function startDelete(stack: Stack, at: number): void {
  const op = newOperation('DELETE', at, specOf(stack), 'DO_NOTHING');
  stack.operation = op;
  setStackStatus(stack, at, 'DELETE_IN_PROGRESS', 'User Initiated');
  const ids = Object.values(stack.resources)
    .filter((r) => r.status !== 'DELETE_COMPLETE' && r.status !== 'DELETE_SKIPPED')
    .map((r) => r.logicalId);
  op.steps = deleteSteps(stack.template, ids);
}

const failedIds = (op: Operation, verb: 'create' | 'update' | 'delete'): string[] =>
  op.failed.filter((f) => f.verb === verb).map((f) => f.logicalId);

/** Moves the operation on to its next phase (or ends it) once the current phase has nothing left to run. */
function nextPhase(sim: Simulator, stack: Stack, op: Operation, at: number): void {
  const enter = (phase: Phase, steps: Step[], status: string, reason?: string): void => {
    if (phase === 'rollback' && reason !== undefined) op.rollbackReason = reason;
    op.phase = phase;
    op.steps = steps;
    setStackStatus(stack, at, status, reason);
  };
  const finish = (status: string, reason?: string): void => {
    setStackStatus(stack, at, status, reason);
    if (reason === undefined && op.rollbackReason !== undefined && status.endsWith('ROLLBACK_COMPLETE')) {
      stack.statusReason = op.rollbackReason;
    }
    delete stack.operation;
    const cs = op.changeSetId !== undefined ? cfnState(sim).changeSets.get(op.changeSetId) : undefined;
    if (cs) cs.executionStatus = /(ROLLBACK|FAILED)/.test(status) ? 'EXECUTE_FAILED' : 'EXECUTE_COMPLETE';
    if (status === 'DELETE_COMPLETE') {
      stack.deletedAt = at;
      // A deleted stack's change sets go with it.
      const changeSets = cfnState(sim).changeSets;
      for (const [id, other] of changeSets) if (other.stackId === stack.id) changeSets.delete(id);
    }
  };
  const outputs = (): string | undefined => {
    try {
      const scope = scopeOf(
        identity(sim, stack),
        op.target,
        liveResources(stack.resources, stack.region, stack.account),
      );
      const outputs = evaluateOutputs(scope, op.target.template);
      const taken = exportsOf(sim, stack.account, stack.region);
      for (const o of outputs) {
        const owner = o.exportName !== undefined ? taken.get(o.exportName) : undefined;
        if (owner && owner.stackId !== stack.id) {
          const other = cfnState(sim).stacks.get(owner.stackId)?.name ?? owner.stackId;
          return `Export with name ${o.exportName!} is already exported by stack ${other}. `;
        }
      }
      stack.outputs = outputs;
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  };
  const failures = op.failed.length > 0;
  if (op.kind === 'DELETE') {
    const failedDeletes = failedIds(op, 'delete');
    if (failedDeletes.length > 0)
      return finish(
        'DELETE_FAILED',
        `The following resource(s) failed to delete: [${failedDeletes.join(', ')}]. `,
      );
    stack.outputs = [];
    return finish('DELETE_COMPLETE');
  }
  if (op.kind === 'CREATE') {
    if (op.phase === 'apply') {
      const outputProblem = failures ? undefined : outputs();
      if (!failures && outputProblem === undefined) return finish('CREATE_COMPLETE');
      const reason =
        outputProblem ??
        `The following resource(s) failed to create: [${failedIds(op, 'create').join(', ')}]. `;
      if (op.onFailure === 'DO_NOTHING') {
        stack.failedOperation = op;
        return finish('CREATE_FAILED', reason);
      }
      const created = Object.values(stack.resources).map((r) => r.logicalId);
      return enter(
        'rollback',
        deleteSteps(op.target.template, created),
        'ROLLBACK_IN_PROGRESS',
        `${reason}Rollback requested by user.`,
      );
    }
    stack.outputs = [];
    const failedDeletes = failedIds(op, 'delete');
    if (failedDeletes.length > 0)
      return finish(
        'ROLLBACK_FAILED',
        `The following resource(s) failed to delete: [${failedDeletes.join(', ')}]. `,
      );
    return finish('ROLLBACK_COMPLETE');
  }
  // UPDATE
  switch (op.phase) {
    case 'apply': {
      const outputProblem = failures ? undefined : outputs();
      if (!failures && outputProblem === undefined) {
        const removed = Object.keys(op.previous?.resources ?? {}).filter(
          (id) =>
            !op.steps.some((s) => s.logicalId === id) && stack.resources[id]?.status !== 'DELETE_COMPLETE',
        );
        const replaced = Object.keys(op.replaced);
        return enter(
          'cleanup',
          deleteSteps(op.previous?.template, [...removed, ...replaced]),
          'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
        );
      }
      const created = failedIds(op, 'create');
      const updated = failedIds(op, 'update');
      const reason =
        outputProblem ??
        [
          created.length > 0 ? `The following resource(s) failed to create: [${created.join(', ')}]. ` : '',
          updated.length > 0 ? `The following resource(s) failed to update: [${updated.join(', ')}]. ` : '',
        ].join('');
      if (op.onFailure === 'DO_NOTHING') {
        stack.failedOperation = op;
        return finish('UPDATE_FAILED', reason);
      }
      // Put back, newest first, what the update changed in place or replaced.
      const changed = op.steps
        .filter(
          (s) =>
            s.action === 'update' && s.dueAt !== undefined && (s.state === 'done' || s.state === 'failed'),
        )
        .reverse();
      const restore: Step[] = changed.map((s, i) => ({
        logicalId: s.logicalId,
        action: 'restore',
        after: i === 0 ? [] : [changed[i - 1]!.logicalId],
        state: 'waiting',
      }));
      return enter('rollback', restore, 'UPDATE_ROLLBACK_IN_PROGRESS', reason);
    }
    case 'cleanup':
      for (const step of op.steps) {
        if (op.replaced[step.logicalId] === undefined) delete stack.resources[step.logicalId];
      }
      op.replaced = {};
      return finish('UPDATE_COMPLETE');
    case 'rollback': {
      const previous = op.previous!;
      applySpec(stack, previous);
      stack.outputs = previous.outputs;
      const added = op.added.filter((id) => !(id in previous.resources));
      const replacements = Object.keys(op.replacementNew);
      return enter(
        'rollback-cleanup',
        [
          ...deleteSteps(op.target.template, added, 'delete-new'),
          ...replacements
            .filter((id) => !added.includes(id))
            .map((id) => ({
              logicalId: id,
              action: 'delete-new' as const,
              after: [],
              state: 'waiting' as const,
            })),
        ],
        'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      );
    }
    case 'rollback-cleanup':
      for (const id of op.added) {
        if (!(id in (op.previous?.resources ?? {}))) delete stack.resources[id];
      }
      return finish('UPDATE_ROLLBACK_COMPLETE');
  }
}

/**
 * RollbackStack: rolls back the create or update that failed with rollback disabled (CREATE_FAILED,
 * UPDATE_FAILED), as it would have rolled back had rollback been enabled.
 */
export function startRollback(stack: Stack, at: number): boolean {
  const op = stack.failedOperation;
  if (!op) return false;
  delete stack.failedOperation;
  op.onFailure = 'ROLLBACK';
  op.nextAt = at;
  stack.operation = op;
  return true;
}

/** Runs the stack's operation up to `now`: each transition happens at its own simulator time. */
function advanceStack(sim: Simulator, stack: Stack, now: number): void {
  for (let i = 0; i < MAX_STEPS; i++) {
    const op = stack.operation;
    if (!op || op.nextAt > now) return;
    const at = op.nextAt;
    // Finish what is due, then start what is ready, then see when anything happens next.
    for (const step of op.steps) {
      if (step.state === 'running' && step.dueAt !== undefined && step.dueAt <= at)
        finishStep(sim, stack, op, step, at);
    }
    const stopping = op.failed.length > 0 && (op.phase === 'apply' || op.phase === 'cleanup');
    let started = true;
    while (started && !stopping) {
      started = false;
      for (const step of op.steps) {
        if (step.state !== 'waiting') continue;
        const ready = step.after.every((d) => {
          const dep = op.steps.find((s) => s.logicalId === d);
          return !dep || dep.state === 'done';
        });
        const blocked = step.after.some((d) => {
          const s = op.steps.find((x) => x.logicalId === d);
          return s !== undefined && (s.state === 'failed' || s.state === 'cancelled');
        });
        if (blocked) {
          step.state = 'cancelled';
          started = true;
          continue;
        }
        if (!ready) continue;
        if (startStep(sim, stack, op, step, at)) step.state = 'done';
        else step.state = 'running';
        started = true;
      }
    }
    const running = op.steps.filter((s) => s.state === 'running');
    if (running.length > 0) {
      op.nextAt = Math.min(...running.map((s) => s.dueAt ?? at));
      continue;
    }
    const waiting = op.steps.some((s) => s.state === 'waiting');
    if (waiting && !stopping) {
      op.nextAt = at;
      continue;
    }
    nextPhase(sim, stack, op, at);
    if (stack.operation) stack.operation.nextAt = at;
  }
}

/** The clock ticker: every stack with an operation in flight, and change sets that are ready. */
export function advanceCloudFormation(sim: Simulator, now: number): void {
  const state = cfnState(sim);
  for (const cs of state.changeSets.values()) {
    if (cs.status === 'CREATE_PENDING' && cs.readyAt <= now) {
      if (cs.empty) {
        cs.status = 'FAILED';
        cs.statusReason =
          "The submitted information didn't contain changes. Submit different information to create a change set.";
        cs.executionStatus = 'UNAVAILABLE';
      } else {
        cs.status = 'CREATE_COMPLETE';
        cs.executionStatus = 'AVAILABLE';
      }
    }
  }
  for (const stack of state.stacks.values()) if (stack.operation) advanceStack(sim, stack, now);
}
