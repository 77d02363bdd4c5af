import { AwsError } from '../core/errors';
import type { ActionHandler, CallContext } from '../core/simulator';
import { startCreate, startDelete, startRollback, startUpdate } from './engine';
import {
  cfnState,
  findStack,
  setStackStatus,
  stackArn,
  type Operation,
  type Stack,
  type StackSpec,
} from './model';
import { changesNothing, planChanges } from './plan';
import { prepareSpec } from './prepare';
import { QueryInput, stackMissing, tokenOf, validationError } from './request';
import { stackSummaryView, stackView } from './views';

const who = (ctx: CallContext, stack: Stack) => ({
  sim: ctx.sim,
  account: ctx.account,
  region: ctx.region,
  stackName: stack.name,
  stackId: stack.id,
});

/** A new stack record (not yet in the store) with `spec`, in `status`. */
export function newStack(
  ctx: CallContext,
  name: string,
  id: string,
  spec: StackSpec,
  status: string,
  extra: Partial<Stack> = {},
): Stack {
  return {
    ...spec,
    id,
    name,
    account: ctx.account,
    region: ctx.region,
    status,
    createdAt: ctx.now,
    disableRollback: false,
    notificationArns: [],
    outputs: [],
    resources: {},
    events: [],
    ...extra,
  };
}

/** Refuses a change to a stack that is busy or can only be deleted, as CloudFormation words it. */
export function checkUpdatable(stack: Stack): void {
  if (
    stack.status.endsWith('_IN_PROGRESS') ||
    ['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'CREATE_FAILED', 'DELETE_FAILED'].includes(stack.status)
  ) {
    throw validationError(`Stack:${stack.id} is in ${stack.status} state and can not be updated.`);
  }
}

function onFailureOf(input: QueryInput): Operation['onFailure'] {
  const onFailure = input.str('OnFailure');
  if (onFailure !== undefined && input.bool('DisableRollback') !== undefined) {
    throw validationError('You cannot specify both DisableRollback and OnFailure.');
  }
  if (onFailure !== undefined && !['ROLLBACK', 'DELETE', 'DO_NOTHING'].includes(onFailure)) {
    input.invalid(
      'OnFailure',
      onFailure,
      'Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, DELETE]',
    );
  }
  if (input.bool('DisableRollback') === true) return 'DO_NOTHING';
  return (onFailure as Operation['onFailure'] | undefined) ?? 'ROLLBACK';
}

const createStack: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name('StackName', { required: true });
  const existing = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (existing && existing.status !== 'REVIEW_IN_PROGRESS') {
    throw new AwsError('AlreadyExistsException', `Stack [${name}] already exists`);
  }
  const id = existing?.id ?? stackArn(ctx.region, ctx.account, name);
  const spec = prepareSpec(ctx, input, name, id);
  const onFailure = onFailureOf(input);
  const stack = newStack(ctx, name, id, spec, 'CREATE_IN_PROGRESS', {
    disableRollback: onFailure === 'DO_NOTHING',
    notificationArns: input.strings('NotificationARNs'),
    terminationProtection: input.bool('EnableTerminationProtection') === true,
  });
  cfnState(ctx.sim).stacks.set(id, stack);
  startCreate(ctx.sim, stack, ctx.now, onFailure);
  return { StackId: id };
};

const updateStack: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name('StackName', { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  checkUpdatable(stack);
  const spec = prepareSpec(ctx, input, stack.name, stack.id, stack);
  const changes = planChanges(ctx.sim, who(ctx, stack), stack, spec);
  if (changesNothing(who(ctx, stack), stack, spec, changes))
    throw validationError('No updates are to be performed.');
  const onFailure = onFailureOf(input);
  if (input.raw['NotificationARNs'] !== undefined) stack.notificationArns = input.strings('NotificationARNs');
  // An update made without a change set makes the stack's change sets obsolete.
  for (const cs of cfnState(ctx.sim).changeSets.values()) {
    if (cs.stackId === stack.id && cs.executionStatus === 'AVAILABLE') cs.executionStatus = 'OBSOLETE';
  }
  startUpdate(ctx.sim, stack, spec, ctx.now, onFailure);
  return { StackId: stack.id };
};

const deleteStack: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name('StackName', { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  // Deleting a stack that does not exist (or no longer does) succeeds, as on AWS.
  if (!stack || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS') return undefined;
  if (stack.terminationProtection === true) {
    throw validationError(`Stack [${stack.name}] cannot be deleted while TerminationProtection is enabled`);
  }
  if (stack.operation)
    throw validationError(`Stack [${stack.name}] cannot be deleted while in status ${stack.status}`);
  if (stack.status === 'REVIEW_IN_PROGRESS') {
    setStackStatus(stack, ctx.now, 'DELETE_COMPLETE');
    stack.deletedAt = ctx.now;
    return undefined;
  }
  const importers = importersOf(ctx, stack);
  if (importers.length > 0) {
    const [exportName, importer] = importers[0]!;
    throw validationError(`Export ${exportName} cannot be deleted as it is in use by ${importer}`);
  }
  startDelete(stack, ctx.now);
  return undefined;
};

/** [export name, importing stack name] for each export of `stack` another live stack imports. */
function importersOf(ctx: CallContext, stack: Stack): [string, string][] {
  const names = stack.outputs.flatMap((o) => (o.exportName !== undefined ? [o.exportName] : []));
  if (names.length === 0) return [];
  const out: [string, string][] = [];
  for (const other of cfnState(ctx.sim).stacks.values()) {
    if (
      other === stack ||
      other.account !== ctx.account ||
      other.region !== ctx.region ||
      other.status === 'DELETE_COMPLETE'
    )
      continue;
    const body = JSON.stringify(other.template);
    for (const n of names)
      if (body.includes(`"Fn::ImportValue":${JSON.stringify(n)}`)) out.push([n, other.name]);
  }
  return out;
}

const describeStacks: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.str('StackName');
  if (name !== undefined) {
    const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
    if (!stack) throw stackMissing(name);
    return { Stacks: [stackView(stack)] };
  }
  const live = [...cfnState(ctx.sim).stacks.values()]
    .filter((s) => s.account === ctx.account && s.region === ctx.region && s.status !== 'DELETE_COMPLETE')
    .sort((a, b) => b.createdAt - a.createdAt);
  const { page, nextToken } = input.page(live, 100);
  return { Stacks: page.map(stackView), ...tokenOf(nextToken) };
};

const listStacks: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const filter = input.strings('StackStatusFilter');
  const all = [...cfnState(ctx.sim).stacks.values()]
    .filter(
      (s) =>
        s.account === ctx.account &&
        s.region === ctx.region &&
        (filter.length === 0 || filter.includes(s.status)),
    )
    .sort((a, b) => b.createdAt - a.createdAt);
  const { page, nextToken } = input.page(all, 100);
  return { StackSummaries: page.map(stackSummaryView), ...tokenOf(nextToken) };
};

const rollbackStack: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name('StackName', { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  if (!['CREATE_FAILED', 'UPDATE_FAILED'].includes(stack.status) || !startRollback(stack, ctx.now)) {
    throw validationError(`Stack ${stack.id} is in ${stack.status} state and can not be rolled back`);
  }
  return { StackId: stack.id };
};

const updateTerminationProtection: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name('StackName', { required: true, arn: true });
  const enable = input.bool('EnableTerminationProtection');
  if (enable === undefined)
    input.invalid('EnableTerminationProtection', undefined, 'Member must not be null');
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  stack.terminationProtection = enable === true;
  return { StackId: stack.id };
};

export const stackActions: Record<string, ActionHandler> = {
  CreateStack: createStack,
  UpdateStack: updateStack,
  DeleteStack: deleteStack,
  DescribeStacks: describeStacks,
  ListStacks: listStacks,
  RollbackStack: rollbackStack,
  UpdateTerminationProtection: updateTerminationProtection,
};
