import { randomUUID } from 'node:crypto';
import type { ActionHandler, Simulator } from '../core/simulator';
import { ecsState } from '../ecs/model';
import { findParameter } from '../ssm';
import { current, plainValue } from '../ssm/store';
import { cfnState, findStack, type ResourceDrift, type Stack, type StackResource } from './model';
import { QueryInput, stackMissing, tokenOf, validationError } from './request';
import { sameValue } from './scope';

/**
 * What a resource's model object holds now, for the properties drift detection compares, or null when the object
 * is gone. The provider interface has no read method, so the two types whose objects change outside
 * CloudFormation in practice are read here from their stores: an ECS service's DesiredCount and TaskDefinition
 * (UpdateService changes them) and an SSM parameter's Value (PutParameter). Other types answer undefined: in sync.
 */
function actualOf(
  sim: Simulator,
  stack: Stack,
  r: StackResource,
): Record<string, unknown> | null | undefined {
  if (r.type === 'AWS::ECS::Service') {
    for (const region of ecsState(sim).regions.values()) {
      for (const cluster of region.clusters.values()) {
        for (const svc of cluster.services.values()) {
          if (svc.arn !== r.physicalId) continue;
          if (svc.status === 'INACTIVE') return null;
          return { DesiredCount: svc.desiredCount, TaskDefinition: svc.taskDefinition };
        }
      }
    }
    return null;
  }
  if (r.type === 'AWS::SSM::Parameter') {
    const param = findParameter(sim, stack.account, stack.region, r.physicalId ?? '');
    return param ? { Value: plainValue(current(param)) } : null;
  }
  return undefined;
}

/** The recorded properties drift compares for `actual`'s keys (numbers as CloudFormation coerces them). */
function expectedOf(r: StackResource, actual: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(actual)) {
    const v = r.properties[key];
    if (v === undefined) continue;
    out[key] = typeof actual[key] === 'number' && typeof v === 'string' ? Number(v) : v;
  }
  return out;
}

function driftOf(sim: Simulator, stack: Stack, r: StackResource): ResourceDrift {
  const base = {
    logicalId: r.logicalId,
    physicalId: r.physicalId ?? '',
    type: r.type,
    expected: r.properties,
  };
  const actual = actualOf(sim, stack, r);
  if (actual === undefined) return { ...base, actual: r.properties, differences: [], status: 'IN_SYNC' };
  if (actual === null) return { ...base, actual: {}, differences: [], status: 'DELETED' };
  const expected = expectedOf(r, actual);
  const differences = Object.keys(expected)
    .filter((k) => !sameValue(expected[k], actual[k]))
    .map((k) => ({ path: `/${k}`, expected: String(expected[k]), actual: String(actual[k]) }));
  return {
    ...base,
    actual: { ...r.properties, ...Object.fromEntries(Object.keys(expected).map((k) => [k, actual[k]])) },
    differences,
    status: differences.length > 0 ? 'MODIFIED' : 'IN_SYNC',
  };
}

const detectStackDrift: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name('StackName', { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  const wanted = input.strings('LogicalResourceIds');
  const resources = Object.values(stack.resources).filter(
    (r) =>
      r.physicalId !== undefined &&
      r.status !== 'DELETE_COMPLETE' &&
      (wanted.length === 0 || wanted.includes(r.logicalId)),
  );
  const id = randomUUID();
  cfnState(ctx.sim).drifts.set(id, {
    id,
    stackId: stack.id,
    timestamp: ctx.now,
    drifts: resources.map((r) => driftOf(ctx.sim, stack, r)),
  });
  return { StackDriftDetectionId: id };
};

const describeStackDriftDetectionStatus: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const id = input.required('StackDriftDetectionId');
  const detection = cfnState(ctx.sim).drifts.get(id);
  if (!detection) throw validationError(`Drift detection ID ${id} does not exist`);
  const drifted = detection.drifts.filter((d) => d.status === 'MODIFIED' || d.status === 'DELETED').length;
  return {
    StackId: detection.stackId,
    StackDriftDetectionId: id,
    StackDriftStatus: drifted > 0 ? 'DRIFTED' : 'IN_SYNC',
    DetectionStatus: 'DETECTION_COMPLETE',
    DriftedStackResourceCount: drifted,
    Timestamp: new Date(detection.timestamp),
  };
};

/** The `StackResourceDrift` shape of DescribeStackResourceDrifts and DetectStackResourceDrift. */
function driftView(stackId: string, d: ResourceDrift, timestamp: number): Record<string, unknown> {
  return {
    StackId: stackId,
    LogicalResourceId: d.logicalId,
    PhysicalResourceId: d.physicalId,
    ResourceType: d.type,
    ExpectedProperties: JSON.stringify(d.expected),
    ActualProperties: JSON.stringify(d.actual),
    PropertyDifferences: d.differences.map((p) => ({
      PropertyPath: p.path,
      ExpectedValue: p.expected,
      ActualValue: p.actual,
      DifferenceType: 'NOT_EQUAL',
    })),
    StackResourceDriftStatus: d.status,
    Timestamp: new Date(timestamp),
  };
}

const detectStackResourceDrift: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name('StackName', { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  const logicalId = input.required('LogicalResourceId');
  const r = stack.resources[logicalId];
  if (!r || r.physicalId === undefined) {
    throw validationError(`Resource ${logicalId} does not exist for stack ${stack.name}`);
  }
  return { StackResourceDrift: driftView(stack.id, driftOf(ctx.sim, stack, r), ctx.now) };
};

const describeStackResourceDrifts: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.name('StackName', { required: true, arn: true });
  const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
  if (!stack) throw stackMissing(name);
  const latest = [...cfnState(ctx.sim).drifts.values()].filter((d) => d.stackId === stack.id).pop();
  const filter = input.strings('StackResourceDriftStatusFilters');
  const drifts = (latest?.drifts ?? []).filter((d) => filter.length === 0 || filter.includes(d.status));
  const { page, nextToken } = input.page(drifts, 100);
  return {
    StackResourceDrifts: page.map((d) => driftView(stack.id, d, latest!.timestamp)),
    ...tokenOf(nextToken),
  };
};

export const driftActions: Record<string, ActionHandler> = {
  DetectStackDrift: detectStackDrift,
  DetectStackResourceDrift: detectStackResourceDrift,
  DescribeStackDriftDetectionStatus: describeStackDriftDetectionStatus,
  DescribeStackResourceDrifts: describeStackResourceDrifts,
};
