import {
  parameterText,
  type ChangeSet,
  type ResourceChangeView,
  type Stack,
  type StackEvent,
  type StackParameter,
  type StackResource,
} from './model';

const date = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));

export function parametersView(params: StackParameter[]): Record<string, unknown>[] {
  return params.map((p) => ({
    ParameterKey: p.key,
    ParameterValue: p.noEcho ? '****' : parameterText(p),
    ...(p.resolved !== undefined && !p.noEcho ? { ResolvedValue: p.resolved } : {}),
  }));
}

/** A `Stack` of DescribeStacks. */
export function stackView(stack: Stack): Record<string, unknown> {
  const lastChangeSet = stack.operation?.changeSetId;
  return {
    StackId: stack.id,
    StackName: stack.name,
    ...(lastChangeSet !== undefined ? { ChangeSetId: lastChangeSet } : {}),
    Description: stack.description,
    Parameters: parametersView(stack.parameters),
    CreationTime: date(stack.createdAt),
    DeletionTime: date(stack.deletedAt),
    LastUpdatedTime: date(stack.updatedAt),
    RollbackConfiguration: {},
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DisableRollback: stack.disableRollback,
    NotificationARNs: stack.notificationArns,
    Capabilities: stack.capabilities,
    Outputs: stack.outputs.map((o) => ({
      OutputKey: o.key,
      OutputValue: o.value,
      Description: o.description,
      ExportName: o.exportName,
    })),
    RoleARN: stack.roleArn,
    Tags: stack.tags,
    EnableTerminationProtection: stack.terminationProtection === true,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

/** A `StackSummary` of ListStacks. */
export function stackSummaryView(stack: Stack): Record<string, unknown> {
  return {
    StackId: stack.id,
    StackName: stack.name,
    TemplateDescription: stack.description,
    CreationTime: date(stack.createdAt),
    LastUpdatedTime: date(stack.updatedAt),
    DeletionTime: date(stack.deletedAt),
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

export function eventView(stack: Stack, e: StackEvent): Record<string, unknown> {
  return {
    StackId: stack.id,
    EventId: e.eventId,
    StackName: stack.name,
    LogicalResourceId: e.logicalId,
    PhysicalResourceId: e.physicalId,
    ResourceType: e.type,
    Timestamp: new Date(e.timestamp),
    ResourceStatus: e.status,
    ResourceStatusReason: e.reason,
    ResourceProperties: e.properties,
  };
}

const driftInfo = { StackResourceDriftStatus: 'NOT_CHECKED' };

/** A `StackResource` of DescribeStackResources. */
export function resourceView(stack: Stack, r: StackResource): Record<string, unknown> {
  return {
    StackName: stack.name,
    StackId: stack.id,
    LogicalResourceId: r.logicalId,
    PhysicalResourceId: r.physicalId,
    ResourceType: r.type,
    Timestamp: new Date(r.updatedAt),
    ResourceStatus: r.status,
    ResourceStatusReason: r.statusReason,
    DriftInformation: driftInfo,
  };
}

/** A `StackResourceDetail` of DescribeStackResource. */
export function resourceDetailView(stack: Stack, r: StackResource): Record<string, unknown> {
  return {
    StackName: stack.name,
    StackId: stack.id,
    LogicalResourceId: r.logicalId,
    PhysicalResourceId: r.physicalId,
    ResourceType: r.type,
    LastUpdatedTimestamp: new Date(r.updatedAt),
    ResourceStatus: r.status,
    ResourceStatusReason: r.statusReason,
    Metadata: r.metadata === undefined ? undefined : JSON.stringify(r.metadata),
    DriftInformation: driftInfo,
  };
}

/** A `StackResourceSummary` of ListStackResources. */
export function resourceSummaryView(r: StackResource): Record<string, unknown> {
  return {
    LogicalResourceId: r.logicalId,
    PhysicalResourceId: r.physicalId,
    ResourceType: r.type,
    LastUpdatedTimestamp: new Date(r.updatedAt),
    ResourceStatus: r.status,
    ResourceStatusReason: r.statusReason,
    DriftInformation: driftInfo,
  };
}

export function changeView(c: ResourceChangeView): Record<string, unknown> {
  return {
    Type: 'Resource',
    ResourceChange: {
      Action: c.action,
      LogicalResourceId: c.logicalId,
      PhysicalResourceId: c.physicalId,
      ResourceType: c.type,
      Replacement: c.replacement,
      Scope: c.scope,
      Details: c.details.map((d) => ({
        Target: { Attribute: d.attribute, Name: d.name, RequiresRecreation: d.requiresRecreation },
        Evaluation: 'Static',
        ChangeSource: d.changeSource,
      })),
    },
  };
}

/** The fields DescribeChangeSet and ListChangeSets share. */
export function changeSetSummaryView(cs: ChangeSet): Record<string, unknown> {
  return {
    StackId: cs.stackId,
    StackName: cs.stackName,
    ChangeSetId: cs.id,
    ChangeSetName: cs.name,
    ExecutionStatus: cs.executionStatus,
    Status: cs.status,
    StatusReason: cs.statusReason,
    CreationTime: new Date(cs.createdAt),
    Description: cs.changeSetDescription,
    IncludeNestedStacks: cs.includeNestedStacks,
  };
}
