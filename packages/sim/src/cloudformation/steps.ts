import type { Simulator } from '../core/simulator';
import { evaluate } from './intrinsics';
import { addEvent, parameterText, type Operation, type Stack, type StackResource, type Step } from './model';
import { providerFor, type ResourceContext, type ResourceProvider } from './resources';
import { liveResources, sameValue, scopeOf } from './scope';
import type { Template } from './template';

/** Simulator time one resource takes to create, update or delete. */
export const RESOURCE_MS = 1000;

/** Simulator time between two checks of whether a resource that needs to stabilise (an ECS service) is ready. */
export const STABILIZE_MS = 2000;

/** Providers a caller puts in place of the registered ones, per simulator (tests inject them). */
const overrides = new WeakMap<Simulator, (type: string) => ResourceProvider | undefined>();

/**
 * Makes the simulator's CloudFormation create resources of the types `lookup` answers for through the provider it
 * answers (every other type through `providerFor`). Pass undefined to go back to the registered providers.
 */
export function useProviders(
  sim: Simulator,
  lookup: ((type: string) => ResourceProvider | undefined) | undefined,
): void {
  if (lookup) overrides.set(sim, lookup);
  else overrides.delete(sim);
}

export function providerOf(sim: Simulator, type: string): ResourceProvider {
  return overrides.get(sim)?.(type) ?? providerFor(type);
}

/** A scenario reason as the resource's event shows it. */
function handlerMessage(reason: string): string {
  return reason.startsWith('Resource handler returned message:')
    ? reason
    : `Resource handler returned message: "${reason}"`;
}

function contextOf(sim: Simulator, stack: Stack, logicalId: string, at: number): ResourceContext {
  return {
    sim,
    account: stack.account,
    region: stack.region,
    stackName: stack.name,
    stackId: stack.id,
    logicalId,
    now: at,
  };
}

/** The reason an operation on a resource fails with, or undefined when it succeeds. */
function attempt(
  sim: Simulator,
  stack: Stack,
  resource: { logicalId: string; type: string },
  operation: 'create' | 'update' | 'delete',
  run: () => void,
): string | undefined {
  const armed = sim.scenario.resourceFailure({
    stack: stack.name,
    logicalId: resource.logicalId,
    type: resource.type,
    operation,
  });
  if (armed !== undefined) return handlerMessage(armed);
  try {
    run();
    return undefined;
  } catch (err) {
    return (err as Error).message || 'Internal Failure';
  }
}

const VERB = { create: 'CREATE', update: 'UPDATE', delete: 'DELETE' } as const;

/** Resource properties as an event shows them: NoEcho parameter values masked. */
function masked(stack: Stack, properties: Record<string, unknown>): string {
  let text = JSON.stringify(properties);
  for (const p of stack.parameters) {
    if (!p.noEcho) continue;
    const value = JSON.stringify(parameterText(p)).slice(1, -1);
    if (value !== '') text = text.split(value).join('****');
  }
  return text;
}

function event(stack: Stack, at: number, r: StackResource, status: string, reason?: string): void {
  r.status = status;
  if (reason !== undefined) r.statusReason = reason;
  else delete r.statusReason;
  r.updatedAt = at;
  addEvent(stack, at, {
    logicalId: r.logicalId,
    physicalId: r.physicalId ?? '',
    type: r.type,
    status,
    ...(reason !== undefined ? { reason } : {}),
    ...(status.endsWith('_IN_PROGRESS') && reason === undefined
      ? { properties: masked(stack, r.properties) }
      : {}),
  });
}

/** Starts a step at `at`: answers true when it finished at once (nothing to do), else it runs until its dueAt. */
export function startStep(sim: Simulator, stack: Stack, op: Operation, step: Step, at: number): boolean {
  const id = step.logicalId;
  switch (step.action) {
    case 'create':
    case 'update':
      return startApply(sim, stack, op, step, at);
    case 'delete':
    case 'delete-new': {
      const target =
        step.action === 'delete-new'
          ? (op.replacementNew[id] ?? stack.resources[id])
          : (op.replaced[id] ?? stack.resources[id]);
      if (!target) return true;
      const template = policyTemplate(stack, op, step);
      const decl = template?.Resources[id];
      const retain =
        op.replaced[id] !== undefined && step.action === 'delete'
          ? decl?.UpdateReplacePolicy
          : decl?.DeletionPolicy;
      if (retain === 'Retain' && op.phase !== 'rollback' && op.phase !== 'rollback-cleanup') {
        event(stack, at, target, 'DELETE_SKIPPED');
        return true;
      }
      if (target.physicalId === undefined || target.status === 'DELETE_COMPLETE') {
        event(stack, at, target, 'DELETE_COMPLETE');
        return true;
      }
      event(stack, at, target, 'DELETE_IN_PROGRESS');
      step.dueAt = at + RESOURCE_MS;
      return false;
    }
    case 'restore': {
      const r = stack.resources[id]!;
      event(stack, at, r, 'UPDATE_IN_PROGRESS');
      step.dueAt = at + RESOURCE_MS;
      return false;
    }
  }
}

function policyTemplate(stack: Stack, op: Operation, step: Step): Template | undefined {
  if (op.kind === 'DELETE') return stack.template;
  if (step.action === 'delete-new') return op.target.template;
  return op.kind === 'UPDATE' ? (op.previous?.template ?? stack.template) : op.target.template;
}

function startApply(sim: Simulator, stack: Stack, op: Operation, step: Step, at: number): boolean {
  const id = step.logicalId;
  const decl = op.target.template.Resources[id]!;
  const scope = scopeOf(
    {
      sim,
      account: stack.account,
      region: stack.region,
      stackName: stack.name,
      stackId: stack.id,
      notificationArns: stack.notificationArns,
    },
    op.target,
    liveResources(stack.resources, stack.region, stack.account),
  );
  let properties: Record<string, unknown>;
  try {
    properties = evaluate(scope, decl.Properties ?? {}) as Record<string, unknown>;
  } catch (err) {
    properties = {};
    step.failReason = (err as Error).message;
  }
  step.properties = properties;
  const existing = stack.resources[id];
  if (step.action === 'update' && existing) {
    const sameType = existing.type === decl.Type;
    if (step.failReason === undefined && sameType && sameValue(existing.properties, properties)) {
      if (decl.Metadata !== undefined) existing.metadata = decl.Metadata;
      return true;
    }
    step.replace = !sameType || providerOf(sim, decl.Type).needsReplacement(existing.properties, properties);
    if (step.replace) {
      event(
        stack,
        at,
        existing,
        'UPDATE_IN_PROGRESS',
        'Requested update requires the creation of a new physical resource; hence creating one.',
      );
    } else {
      event(stack, at, existing, 'UPDATE_IN_PROGRESS');
    }
    step.dueAt = at + RESOURCE_MS;
    return false;
  }
  const r: StackResource = {
    logicalId: id,
    type: decl.Type,
    status: 'CREATE_IN_PROGRESS',
    properties,
    attributes: {},
    ...(decl.Metadata !== undefined ? { metadata: decl.Metadata } : {}),
    updatedAt: at,
  };
  stack.resources[id] = r;
  if (op.kind === 'UPDATE' && !op.added.includes(id)) op.added.push(id);
  event(stack, at, r, 'CREATE_IN_PROGRESS');
  // The handler is called at once (the object exists while the resource is in progress); a failure shows when
  // the step finishes.
  if (step.failReason === undefined) {
    const reason = attempt(sim, stack, r, 'create', () => {
      const made = providerOf(sim, decl.Type).create(contextOf(sim, stack, id, at), properties);
      r.physicalId = made.physicalId;
      r.attributes = made.attributes;
    });
    if (reason !== undefined) step.failReason = reason;
    else event(stack, at, r, 'CREATE_IN_PROGRESS', 'Resource creation Initiated');
  }
  step.dueAt = at + RESOURCE_MS;
  return false;
}

/** Finishes a running step at its dueAt: the provider call, and the resource's COMPLETE or FAILED event. */
export function finishStep(sim: Simulator, stack: Stack, op: Operation, step: Step, at: number): void {
  const id = step.logicalId;
  const ctx = contextOf(sim, stack, id, at);
  const fail = (r: StackResource, verb: 'create' | 'update' | 'delete', reason: string): void => {
    event(stack, at, r, `${VERB[verb]}_FAILED`, reason);
    step.state = 'failed';
    op.failed.push({ logicalId: id, verb });
  };
  const succeed = (r: StackResource, status: string): void => {
    event(stack, at, r, status);
    step.state = 'done';
  };
  // After a create or an update, a provider may ask CloudFormation to wait until the object is ready (an ECS
  // service until its deployment completes): the step stays running and asks again every STABILIZE_MS.
  const ready = (r: StackResource, status: 'CREATE_COMPLETE' | 'UPDATE_COMPLETE'): void => {
    const provider = providerOf(sim, r.type);
    const verdict =
      provider.stabilize?.(ctx, { physicalId: r.physicalId ?? '', attributes: r.attributes }) ?? true;
    if (verdict === true) {
      delete step.stabilizing;
      return succeed(r, status);
    }
    if (typeof verdict === 'string') {
      delete step.stabilizing;
      return fail(r, status === 'CREATE_COMPLETE' ? 'create' : 'update', verdict);
    }
    step.stabilizing = status;
    step.dueAt = at + STABILIZE_MS;
  };
  if (step.stabilizing !== undefined) return ready(stack.resources[id]!, step.stabilizing);
  switch (step.action) {
    case 'create':
    case 'update': {
      const r = stack.resources[id]!;
      const decl = op.target.template.Resources[id]!;
      const provider = providerOf(sim, decl.Type);
      const props = step.properties ?? {};
      if (r.status === 'CREATE_IN_PROGRESS') {
        if (step.failReason !== undefined) return fail(r, 'create', step.failReason);
        return ready(r, 'CREATE_COMPLETE');
      }
      if (step.replace) {
        const replacement: StackResource = { ...r, type: decl.Type, properties: props, attributes: {} };
        delete replacement.physicalId;
        const reason =
          step.failReason ??
          attempt(sim, stack, replacement, 'create', () => {
            const made = provider.create(ctx, props);
            replacement.physicalId = made.physicalId;
            replacement.attributes = made.attributes;
          });
        if (reason !== undefined) return fail(r, 'update', reason);
        op.replaced[id] = { ...r };
        if (decl.Metadata !== undefined) replacement.metadata = decl.Metadata;
        stack.resources[id] = replacement;
        return ready(replacement, 'UPDATE_COMPLETE');
      }
      const reason =
        step.failReason ??
        attempt(sim, stack, r, 'update', () => {
          const made = provider.update(
            ctx,
            { physicalId: r.physicalId ?? '', attributes: r.attributes },
            r.properties,
            props,
          );
          r.physicalId = made.physicalId;
          r.attributes = made.attributes;
        });
      if (reason !== undefined) return fail(r, 'update', reason);
      r.properties = props;
      if (decl.Metadata !== undefined) r.metadata = decl.Metadata;
      return ready(r, 'UPDATE_COMPLETE');
    }
    case 'delete':
    case 'delete-new': {
      const target =
        step.action === 'delete-new'
          ? (op.replacementNew[id] ?? stack.resources[id]!)
          : (op.replaced[id] ?? stack.resources[id]!);
      const reason = attempt(sim, stack, target, 'delete', () =>
        providerOf(sim, target.type).delete(
          ctx,
          { physicalId: target.physicalId ?? '', attributes: target.attributes },
          target.properties,
        ),
      );
      if (reason !== undefined) return fail(target, 'delete', reason);
      return succeed(target, 'DELETE_COMPLETE');
    }
    case 'restore': {
      const r = stack.resources[id]!;
      const before = op.previous?.resources[id];
      const old = op.replaced[id];
      if (old) {
        // The replacement is deleted at rollback clean-up; the old resource is the stack's again.
        op.replacementNew[id] = { ...r };
        stack.resources[id] = { ...old, status: r.status, updatedAt: at };
        return succeed(stack.resources[id], 'UPDATE_COMPLETE');
      }
      if (before && !sameValue(before.properties, r.properties)) {
        const reason = attempt(sim, stack, r, 'update', () => {
          const made = providerOf(sim, r.type).update(
            ctx,
            { physicalId: r.physicalId ?? '', attributes: r.attributes },
            r.properties,
            before.properties,
          );
          r.physicalId = made.physicalId;
          r.attributes = made.attributes;
        });
        if (reason !== undefined) return fail(r, 'update', reason);
        r.properties = before.properties;
      }
      if (before?.metadata !== undefined) r.metadata = before.metadata;
      return succeed(r, 'UPDATE_COMPLETE');
    }
  }
}
