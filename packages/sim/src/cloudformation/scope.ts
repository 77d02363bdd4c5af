import { AwsError } from '../core/errors';
import type { Simulator } from '../core/simulator';
import { conditionHolds, evaluate, type Scope } from './intrinsics';
import { exportsOf, type StackOutput, type StackResource, type StackSpec } from './model';
import { parameterValues } from './parameters';
import type { Template } from './template';

/** What the names of a stack's resources answer while it is evaluated. */
export interface ResourceLookup {
  ref(logicalId: string): string | undefined;
  attribute(logicalId: string, attribute: string): unknown;
}

/**
 * A resource's attribute: what its provider answered, or else a generated value that stays the same for the same
 * resource and attribute (an ARN-shaped one for `Arn`), so templates that read EC2 ids and the like still deploy.
 */
export function attributeOf(
  resource: StackResource,
  attribute: string,
  region: string,
  account: string,
): unknown {
  if (attribute in resource.attributes) return resource.attributes[attribute];
  const id = resource.physicalId ?? resource.logicalId;
  if (attribute === 'Arn') {
    const service = resource.type.split('::')[1]?.toLowerCase() ?? 'resource';
    return `arn:aws:${service}:${region}:${account}:${id}`;
  }
  return `${id}.${attribute}`;
}

/** Lookups over the live resources of a stack. */
export function liveResources(
  resources: Record<string, StackResource>,
  region: string,
  account: string,
): ResourceLookup {
  const live = (id: string): StackResource | undefined => {
    const r = resources[id];
    return r && r.physicalId !== undefined && r.status !== 'DELETE_COMPLETE' ? r : undefined;
  };
  return {
    ref: (id) => live(id)?.physicalId,
    attribute: (id, attr) => {
      const r = live(id);
      return r ? attributeOf(r, attr, region, account) : undefined;
    },
  };
}

export interface StackIdentity {
  sim: Simulator;
  account: string;
  region: string;
  stackName: string;
  stackId: string;
  notificationArns?: string[];
}

export function scopeOf(
  who: StackIdentity,
  spec: Pick<StackSpec, 'template' | 'parameters'>,
  resources: ResourceLookup,
): Scope {
  return {
    template: spec.template,
    account: who.account,
    region: who.region,
    stackName: who.stackName,
    stackId: who.stackId,
    ...(who.notificationArns ? { notificationArns: who.notificationArns } : {}),
    parameters: parameterValues(spec.template, spec.parameters),
    ref: (id) => resources.ref(id),
    getAtt: (id, attr) => resources.attribute(id, attr),
    importValue: (name) => {
      const found = exportsOf(who.sim, who.account, who.region).get(name);
      if (!found) throw new AwsError('ValidationError', `No export named ${name} found.`);
      return found.value;
    },
  };
}

/** The template's resources whose Condition holds (all of them without conditions). */
export function includedResources(scope: Scope, template: Template): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Condition === undefined || conditionHolds(scope, r.Condition))
    .map(([id]) => id);
}

/** The stack's Outputs as they evaluate now (those whose Condition holds). */
export function evaluateOutputs(scope: Scope, template: Template): StackOutput[] {
  const out: StackOutput[] = [];
  for (const [key, decl] of Object.entries(template.Outputs ?? {})) {
    if (decl.Condition !== undefined && !conditionHolds(scope, decl.Condition)) continue;
    out.push({
      key,
      value: stringOf(evaluate(scope, decl.Value)),
      ...(decl.Description !== undefined ? { description: String(decl.Description) } : {}),
      ...(decl.Export !== undefined ? { exportName: stringOf(evaluate(scope, decl.Export.Name)) } : {}),
    });
  }
  return out;
}

/** An output value as DescribeStacks shows it: lists joined with commas. */
function stringOf(v: unknown): string {
  if (Array.isArray(v)) return v.map(stringOf).join(',');
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}

/** Deep equality of two plain JSON values, key order aside. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : value,
  );
}
