import type { ActionHandler, CallContext } from '../core/simulator';
import { cfnState, findStack, type Stack } from './model';
import { QueryInput, stackMissing, tokenOf, validationError } from './request';
import { eventView, resourceDetailView, resourceSummaryView, resourceView } from './views';

function stackOf(ctx: CallContext, input: QueryInput): Stack {
  const name = input.name('StackName', { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  return stack;
}

const describeStackEvents: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const stack = stackOf(ctx, input);
  const newestFirst = stack.events.slice().reverse();
  const { page, nextToken } = input.page(newestFirst, 100);
  return { StackEvents: page.map((e) => eventView(stack, e)), ...tokenOf(nextToken) };
};

const describeStackResources: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.str('StackName');
  const physicalId = input.str('PhysicalResourceId');
  if (name === undefined && physicalId === undefined) {
    throw validationError('Either StackName or PhysicalResourceId must be specified.');
  }
  let stack: Stack | undefined;
  if (name !== undefined) {
    stack = findStack(ctx.sim, ctx.account, ctx.region, name);
    if (!stack) throw stackMissing(name);
  } else {
    stack = [...cfnState(ctx.sim).stacks.values()].find(
      (s) =>
        s.account === ctx.account &&
        s.region === ctx.region &&
        Object.values(s.resources).some((r) => r.physicalId === physicalId),
    );
    if (!stack) throw validationError(`Stack for ${physicalId} does not exist`);
  }
  const logicalId = input.str('LogicalResourceId');
  const resources = Object.values(stack.resources).filter(
    (r) => logicalId === undefined || r.logicalId === logicalId,
  );
  return { StackResources: resources.map((r) => resourceView(stack, r)) };
};

const describeStackResource: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const stack = stackOf(ctx, input);
  const logicalId = input.required('LogicalResourceId');
  const r = stack.resources[logicalId];
  if (!r) throw validationError(`Resource ${logicalId} does not exist for stack ${stack.name}`);
  return { StackResourceDetail: resourceDetailView(stack, r) };
};

const listStackResources: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const stack = stackOf(ctx, input);
  const { page, nextToken } = input.page(Object.values(stack.resources), 100);
  return { StackResourceSummaries: page.map(resourceSummaryView), ...tokenOf(nextToken) };
};

const listExports: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const all = [...cfnState(ctx.sim).stacks.values()]
    .filter((s) => s.account === ctx.account && s.region === ctx.region && s.status !== 'DELETE_COMPLETE')
    .flatMap((s) =>
      s.outputs.flatMap((o) =>
        o.exportName !== undefined ? [{ ExportingStackId: s.id, Name: o.exportName, Value: o.value }] : [],
      ),
    );
  const { page, nextToken } = input.page(all, 100);
  return { Exports: page, ...tokenOf(nextToken) };
};

export const resourceActions: Record<string, ActionHandler> = {
  DescribeStackEvents: describeStackEvents,
  DescribeStackResources: describeStackResources,
  DescribeStackResource: describeStackResource,
  ListStackResources: listStackResources,
  ListExports: listExports,
};
