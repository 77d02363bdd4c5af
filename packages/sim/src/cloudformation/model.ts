import { randomUUID } from 'node:crypto';
import type { Sealed } from '../core/sealed';
import type { Simulator } from '../core/simulator';
import type { Template } from './template';

/** A parameter as the stack holds it: the value given (an SSM parameter's name for SSM types) and what it resolved to. */
export interface StackParameter {
  key: string;
  /** A NoEcho value is sealed, so `/_sim/state` never shows it. */
  value: string | Sealed;
  /** For `AWS::SSM::Parameter::Value<…>` types: the parameter's value at the time of the change. */
  resolved?: string;
  noEcho: boolean;
}

export interface StackOutput {
  key: string;
  value: string;
  description?: string;
  exportName?: string;
}

export interface StackResource {
  logicalId: string;
  type: string;
  physicalId?: string;
  status: string;
  statusReason?: string;
  /** Fully resolved properties, as the resource was last created or updated with them. */
  properties: Record<string, unknown>;
  attributes: Record<string, unknown>;
  metadata?: unknown;
  updatedAt: number;
}

export interface StackEvent {
  eventId: string;
  logicalId: string;
  physicalId: string;
  type: string;
  timestamp: number;
  status: string;
  reason?: string;
  properties?: string;
}

/** What a stack is (or was) made from: its template and the values it was deployed with. */
export interface StackSpec {
  template: Template;
  templateBody: string;
  parameters: StackParameter[];
  capabilities: string[];
  tags: { Key: string; Value: string }[];
  description?: string;
  roleArn?: string;
}

/** One resource's part of an operation. */
export interface Step {
  logicalId: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'delete-new';
  /** Steps (logical ids in this phase) that must be done first. */
  after: string[];
  state: 'waiting' | 'running' | 'done' | 'failed' | 'cancelled';
  dueAt?: number;
  /** For a running update: the resolved properties it goes to, and whether it replaces the resource. */
  properties?: Record<string, unknown>;
  replace?: boolean;
  /** Why the step fails when it finishes (its properties did not evaluate). */
  failReason?: string;
  /** Made and waiting to stabilise: the status it reaches when its provider says it is ready. */
  stabilizing?: 'CREATE_COMPLETE' | 'UPDATE_COMPLETE';
}

export type Phase = 'apply' | 'cleanup' | 'rollback' | 'rollback-cleanup';

/** A create, update or delete of a stack, stepped on the simulator clock by the engine. */
export interface Operation {
  kind: 'CREATE' | 'UPDATE' | 'DELETE';
  phase: Phase;
  nextAt: number;
  steps: Step[];
  /** Whether a failure leaves the stack as it is (DisableRollback, OnFailure DO_NOTHING) or deletes it. */
  onFailure: 'ROLLBACK' | 'DO_NOTHING' | 'DELETE';
  target: StackSpec;
  previous?: StackSpec & { resources: Record<string, StackResource>; outputs: StackOutput[] };
  /** Resources replaced during the update: the old one, deleted at clean-up (or put back on rollback). */
  replaced: Record<string, StackResource>;
  /** On rollback: the replacements made during the update, deleted at rollback clean-up. */
  replacementNew: Record<string, StackResource>;
  /** Resources created during the update (for rollback to delete). */
  added: string[];
  failed: { logicalId: string; verb: 'create' | 'update' | 'delete' }[];
  /** Why the operation is rolling back: the stack keeps it as its status reason once the rollback completes. */
  rollbackReason?: string;
  changeSetId?: string;
}

export interface Stack extends StackSpec {
  id: string;
  name: string;
  account: string;
  region: string;
  status: string;
  statusReason?: string;
  createdAt: number;
  updatedAt?: number;
  deletedAt?: number;
  disableRollback: boolean;
  /** DeleteStack refuses while it is on (EnableTerminationProtection, UpdateTerminationProtection). */
  terminationProtection?: boolean;
  notificationArns: string[];
  outputs: StackOutput[];
  resources: Record<string, StackResource>;
  /** Oldest first; DescribeStackEvents answers them newest first. */
  events: StackEvent[];
  operation?: Operation;
  /** A create or update that failed with rollback disabled, kept so RollbackStack can roll it back. */
  failedOperation?: Operation;
}

/** One line of a change set's `Changes`. */
export interface ResourceChangeView {
  action: 'Add' | 'Modify' | 'Remove';
  logicalId: string;
  physicalId?: string;
  type: string;
  replacement?: 'True' | 'False' | 'Conditional';
  scope: string[];
  details: { attribute: string; name?: string; requiresRecreation: string; changeSource?: string }[];
}

export interface ChangeSet extends StackSpec {
  id: string;
  name: string;
  stackId: string;
  stackName: string;
  account: string;
  region: string;
  changeSetType: 'CREATE' | 'UPDATE';
  status: string;
  statusReason?: string;
  executionStatus: string;
  createdAt: number;
  /** When CREATE_PENDING becomes CREATE_COMPLETE (or FAILED, for an empty change set). */
  readyAt: number;
  empty: boolean;
  changes: ResourceChangeView[];
  changeSetDescription?: string;
  includeNestedStacks: boolean;
}

export interface DriftDetection {
  id: string;
  stackId: string;
  timestamp: number;
  drifts: ResourceDrift[];
}

export interface ResourceDrift {
  logicalId: string;
  physicalId: string;
  type: string;
  expected: Record<string, unknown>;
  actual: Record<string, unknown>;
  differences: { path: string; expected: string; actual: string }[];
  status: 'IN_SYNC' | 'MODIFIED' | 'DELETED' | 'NOT_CHECKED';
}

export interface CloudFormationState {
  /** Keyed by stack id (ARN); deleted stacks stay, as AWS keeps them describable by id. */
  stacks: Map<string, Stack>;
  /** Keyed by change set id (ARN). */
  changeSets: Map<string, ChangeSet>;
  drifts: Map<string, DriftDetection>;
}

export function cfnState(sim: Simulator): CloudFormationState {
  return sim.store<CloudFormationState>('cloudformation', () => ({
    stacks: new Map(),
    changeSets: new Map(),
    drifts: new Map(),
  }));
}

/** A parameter's value as given, a NoEcho one unsealed. */
export const parameterText = (p: StackParameter): string =>
  typeof p.value === 'string' ? p.value : p.value.reveal();

export const stackArn = (region: string, account: string, name: string): string =>
  `arn:aws:cloudformation:${region}:${account}:stack/${name}/${randomUUID()}`;

export const changeSetArn = (region: string, account: string, name: string): string =>
  `arn:aws:cloudformation:${region}:${account}:changeSet/${name}/${randomUUID()}`;

export const isArn = (s: string): boolean => s.startsWith('arn:');

/** The stack a name or id names in the caller's account and region: by name only a live one, by id any. */
export function findStack(
  sim: Simulator,
  account: string,
  region: string,
  nameOrId: string,
): Stack | undefined {
  const stacks = cfnState(sim).stacks;
  if (isArn(nameOrId)) {
    const s = stacks.get(nameOrId);
    return s && s.account === account && s.region === region ? s : undefined;
  }
  for (const s of stacks.values()) {
    if (s.account === account && s.region === region && s.name === nameOrId && s.status !== 'DELETE_COMPLETE')
      return s;
  }
  return undefined;
}

export function addEvent(stack: Stack, at: number, event: Omit<StackEvent, 'eventId' | 'timestamp'>): void {
  stack.events.push({
    // Unique per event: the CDK toolkit's activity monitor tells events apart by id, and two events of one
    // resource can share a status and a millisecond (CREATE_IN_PROGRESS, then "Resource creation Initiated").
    eventId:
      event.type === 'AWS::CloudFormation::Stack' ? randomUUID() : `${event.logicalId}-${randomUUID()}`,
    timestamp: at,
    ...event,
  });
}

/** Sets the stack's status and records the stack's own event for it. */
export function setStackStatus(stack: Stack, at: number, status: string, reason?: string): void {
  stack.status = status;
  if (reason !== undefined) stack.statusReason = reason;
  else delete stack.statusReason;
  addEvent(stack, at, {
    logicalId: stack.name,
    physicalId: stack.id,
    type: 'AWS::CloudFormation::Stack',
    status,
    ...(reason !== undefined ? { reason } : {}),
  });
}

/** Every export of the live stacks of one account and region, by export name. */
export function exportsOf(
  sim: Simulator,
  account: string,
  region: string,
): Map<string, { value: string; stackId: string }> {
  const out = new Map<string, { value: string; stackId: string }>();
  for (const s of cfnState(sim).stacks.values()) {
    if (s.account !== account || s.region !== region || s.status === 'DELETE_COMPLETE') continue;
    for (const o of s.outputs)
      if (o.exportName !== undefined) out.set(o.exportName, { value: o.value, stackId: s.id });
  }
  return out;
}

/** Makes `spec` the stack's template and values. */
export function applySpec(stack: Stack, spec: StackSpec): void {
  delete stack.description;
  delete stack.roleArn;
  Object.assign(stack, specOf(spec));
}

export function specOf(stack: StackSpec): StackSpec {
  return {
    template: stack.template,
    templateBody: stack.templateBody,
    parameters: stack.parameters,
    capabilities: stack.capabilities,
    tags: stack.tags,
    ...(stack.description !== undefined ? { description: stack.description } : {}),
    ...(stack.roleArn !== undefined ? { roleArn: stack.roleArn } : {}),
  };
}
