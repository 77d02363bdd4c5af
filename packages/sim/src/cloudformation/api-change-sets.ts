import { AwsError } from '../core/errors';
import type { ActionHandler, CallContext } from '../core/simulator';
import { newStack, checkUpdatable } from './api-stacks';
import { startCreate, startUpdate } from './engine';
import {
  applySpec,
  specOf,
  cfnState,
  changeSetArn,
  findStack,
  isArn,
  setStackStatus,
  stackArn,
  type ChangeSet,
  type Stack,
} from './model';
import { changesNothing, planChanges } from './plan';
import { prepareSpec } from './prepare';
import { QueryInput, stackMissing, tokenOf, validationError } from './request';
import { changeSetSummaryView, changeView, parametersView } from './views';

/** Simulator time from CreateChangeSet until the change set is CREATE_COMPLETE (or FAILED when it is empty). */
const CHANGE_SET_MS = 500;

const notFound = (name: string): AwsError =>
  new AwsError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);

/** The change set a name (with its stack) or an ARN names, or undefined. */
function lookup(
  ctx: CallContext,
  input: QueryInput,
): { changeSet?: ChangeSet | undefined; name: string; stack?: Stack | undefined } {
  const name = input.name('ChangeSetName', { required: true, arn: true });
  const state = cfnState(ctx.sim);
  if (isArn(name)) {
    const cs = state.changeSets.get(name);
    return cs && cs.account === ctx.account && cs.region === ctx.region
      ? { changeSet: cs, name, stack: state.stacks.get(cs.stackId) }
      : { name };
  }
  const stackName = input.str('StackName');
  if (stackName === undefined) {
    throw validationError('StackName must be specified if ChangeSetName is not specified as an ARN.');
  }
  const stack = findStack(ctx.sim, ctx.account, ctx.region, stackName);
  if (!stack) return { name };
  const cs = [...state.changeSets.values()].find((c) => c.stackId === stack.id && c.name === name);
  return { name, stack, ...(cs ? { changeSet: cs } : {}) };
}

const createChangeSet: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const stackName = input.name('StackName', { required: true, arn: true });
  const name = input.name('ChangeSetName', { required: true });
  const type = input.str('ChangeSetType') ?? 'UPDATE';
  if (type === 'IMPORT') {
    throw validationError(
      'ChangeSetType IMPORT is not supported: the simulator cannot import existing resources.',
    );
  }
  if (type !== 'CREATE' && type !== 'UPDATE') {
    input.invalid(
      'ChangeSetType',
      type,
      'Member must satisfy enum value set: [IMPORT, UPDATE, SYNC, CREATE]',
    );
  }
  const state = cfnState(ctx.sim);
  let stack = findStack(ctx.sim, ctx.account, ctx.region, stackName);
  if (type === 'CREATE' && stack && stack.status !== 'REVIEW_IN_PROGRESS') {
    throw new AwsError(
      'AlreadyExistsException',
      `Stack [${stack.name}] already exists and cannot be created again with the changeSet [${name}].`,
    );
  }
  if (type === 'UPDATE') {
    if (!stack) throw stackMissing(stackName);
    if (stack.status === 'REVIEW_IN_PROGRESS') {
      throw validationError(`Stack:${stack.id} is in REVIEW_IN_PROGRESS state and can not be updated.`);
    }
    checkUpdatable(stack);
  }
  if (stack && [...state.changeSets.values()].some((c) => c.stackId === stack!.id && c.name === name)) {
    throw new AwsError('AlreadyExistsException', `ChangeSet ${name} already exists`);
  }
  const plainName = isArn(stackName) ? (stack?.name ?? stackName) : stackName;
  const stackId = stack?.id ?? stackArn(ctx.region, ctx.account, plainName);
  const spec = prepareSpec(ctx, input, plainName, stackId, stack);
  if (!stack) {
    stack = newStack(
      ctx,
      plainName,
      stackId,
      { ...spec, parameters: [], capabilities: [], tags: spec.tags },
      'REVIEW_IN_PROGRESS',
      {
        notificationArns: input.strings('NotificationARNs'),
      },
    );
    state.stacks.set(stackId, stack);
    setStackStatus(stack, ctx.now, 'REVIEW_IN_PROGRESS', 'User Initiated');
  }
  const who = { sim: ctx.sim, account: ctx.account, region: ctx.region, stackName: stack.name, stackId };
  const changes = planChanges(ctx.sim, who, stack, spec);
  const description = input.str('Description');
  const cs: ChangeSet = {
    ...spec,
    id: changeSetArn(ctx.region, ctx.account, name),
    name,
    stackId,
    stackName: stack.name,
    account: ctx.account,
    region: ctx.region,
    changeSetType: type as 'CREATE' | 'UPDATE',
    status: 'CREATE_PENDING',
    executionStatus: 'UNAVAILABLE',
    createdAt: ctx.now,
    readyAt: ctx.now + CHANGE_SET_MS,
    empty: type === 'UPDATE' && changesNothing(who, stack, spec, changes),
    changes,
    includeNestedStacks: input.bool('IncludeNestedStacks') ?? false,
    ...(description !== undefined ? { changeSetDescription: description } : {}),
  };
  state.changeSets.set(cs.id, cs);
  return { Id: cs.id, StackId: stackId };
};

const describeChangeSet: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const { changeSet: cs, name } = lookup(ctx, input);
  if (!cs) throw notFound(name);
  const { page, nextToken } = input.page(cs.changes, 100);
  const stack = cfnState(ctx.sim).stacks.get(cs.stackId);
  return {
    ...changeSetSummaryView(cs),
    Parameters: parametersView(cs.parameters),
    NotificationARNs: stack?.notificationArns ?? [],
    RollbackConfiguration: {},
    Capabilities: cs.capabilities,
    Tags: cs.tags,
    Changes: page.map(changeView),
    ...tokenOf(nextToken),
  };
};

const executeChangeSet: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const { changeSet: cs, name, stack } = lookup(ctx, input);
  if (!cs || !stack) throw notFound(name);
  if (cs.executionStatus !== 'AVAILABLE') {
    throw new AwsError(
      'InvalidChangeSetStatus',
      cs.status !== 'CREATE_COMPLETE'
        ? `ChangeSet [${cs.id}] cannot be executed in its current status of [${cs.status}]`
        : `ChangeSet [${cs.id}] cannot be executed in its current execution status of [${cs.executionStatus}]`,
    );
  }
  const disableRollback = input.bool('DisableRollback') === true;
  const onFailure = disableRollback ? 'DO_NOTHING' : 'ROLLBACK';
  const state = cfnState(ctx.sim);
  // Executing a change set deletes the stack's other change sets.
  for (const [id, other] of state.changeSets) {
    if (other.stackId === stack.id && other !== cs) state.changeSets.delete(id);
  }
  cs.executionStatus = 'EXECUTE_IN_PROGRESS';
  stack.disableRollback = disableRollback;
  if (cs.changeSetType === 'CREATE') {
    applySpec(stack, cs);
    stack.createdAt = ctx.now;
    startCreate(ctx.sim, stack, ctx.now, onFailure, cs.id);
  } else {
    checkUpdatable(stack);
    startUpdate(ctx.sim, stack, specOf(cs), ctx.now, onFailure, cs.id);
  }
  return {};
};

const deleteChangeSet: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const { changeSet: cs, name, stack } = lookup(ctx, input);
  if (!cs) {
    // A change set already gone from an existing stack is deleted as asked; an unknown stack is not.
    if (stack) return {};
    if (isArn(name)) throw notFound(name);
    throw stackMissing(input.str('StackName') ?? name);
  }
  if (cs.executionStatus === 'EXECUTE_IN_PROGRESS') {
    throw new AwsError(
      'InvalidChangeSetStatus',
      `Cannot delete ChangeSet ${cs.id} while it is in status ${cs.executionStatus}`,
    );
  }
  cfnState(ctx.sim).changeSets.delete(cs.id);
  return {};
};

const listChangeSets: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const stackName = input.name('StackName', { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, stackName);
  if (!stack) throw stackMissing(stackName);
  const all = [...cfnState(ctx.sim).changeSets.values()].filter((c) => c.stackId === stack.id);
  const { page, nextToken } = input.page(all, 100);
  return { Summaries: page.map(changeSetSummaryView), ...tokenOf(nextToken) };
};

export const changeSetActions: Record<string, ActionHandler> = {
  CreateChangeSet: createChangeSet,
  DescribeChangeSet: describeChangeSet,
  ExecuteChangeSet: executeChangeSet,
  DeleteChangeSet: deleteChangeSet,
  ListChangeSets: listChangeSets,
};
