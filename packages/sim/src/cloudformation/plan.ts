import type { Simulator } from '../core/simulator';
import { evaluate } from './intrinsics';
import { parameterText, type ResourceChangeView, type Stack, type StackSpec } from './model';
import {
  attributeOf,
  canonical,
  evaluateOutputs,
  includedResources,
  sameValue,
  scopeOf,
  type StackIdentity,
} from './scope';
import { providerOf } from './steps';
import { order } from './template';

/** What a change set shows for a value only known once the change is applied. */
const KNOWN_AFTER_APPLY = '{{changeSet:KNOWN_AFTER_APPLY}}';

/**
 * The resource changes of moving `stack` (undefined for a new one) to `target`, as a change set lists them: Add,
 * Modify (with Replacement True, False or Conditional and the properties that change) and Remove. Properties are
 * evaluated against the live resources; a value that depends on a resource being added or replaced is not known
 * until the change is applied, so what depends on it shows as a Modify.
 */
export function planChanges(
  sim: Simulator,
  who: StackIdentity,
  stack: Stack | undefined,
  target: StackSpec,
): ResourceChangeView[] {
  const live = stack?.status === 'REVIEW_IN_PROGRESS' ? {} : (stack?.resources ?? {});
  const unknown = new Set<string>();
  const scope = scopeOf(who, target, {
    ref: (id) =>
      unknown.has(id)
        ? KNOWN_AFTER_APPLY
        : (live[id]?.physicalId ?? (id in target.template.Resources ? KNOWN_AFTER_APPLY : undefined)),
    attribute: (id, attr) => {
      const r = live[id];
      return unknown.has(id) || !r ? KNOWN_AFTER_APPLY : attributeOf(r, attr, who.region, who.account);
    },
  });
  const ids = order(target.template, includedResources(scope, target.template));
  const changes: ResourceChangeView[] = [];
  for (const id of ids) {
    const decl = target.template.Resources[id]!;
    const existing = live[id];
    if (!existing || existing.physicalId === undefined || existing.status === 'DELETE_COMPLETE') {
      unknown.add(id);
      changes.push({ action: 'Add', logicalId: id, type: decl.Type, scope: [], details: [] });
      continue;
    }
    if (existing.type !== decl.Type) {
      unknown.add(id);
      changes.push({
        action: 'Modify',
        logicalId: id,
        physicalId: existing.physicalId,
        type: decl.Type,
        replacement: 'True',
        scope: ['Properties'],
        details: [],
      });
      continue;
    }
    const after = evaluate(scope, decl.Properties ?? {}) as Record<string, unknown>;
    const metadataChanged = decl.Metadata !== undefined && !sameValue(decl.Metadata, existing.metadata ?? {});
    if (sameValue(after, existing.properties)) {
      if (metadataChanged) {
        changes.push({
          action: 'Modify',
          logicalId: id,
          physicalId: existing.physicalId,
          type: decl.Type,
          replacement: 'False',
          scope: ['Metadata'],
          details: [],
        });
      }
      continue;
    }
    const provider = providerOf(sim, decl.Type);
    const pending = canonical(after).includes(KNOWN_AFTER_APPLY);
    const replaces = provider.needsReplacement(existing.properties, after);
    if (replaces) unknown.add(id);
    const names = [...new Set([...Object.keys(after), ...Object.keys(existing.properties)])].filter(
      (k) => !sameValue(after[k], existing.properties[k]),
    );
    changes.push({
      action: 'Modify',
      logicalId: id,
      physicalId: existing.physicalId,
      type: decl.Type,
      replacement: replaces ? (pending ? 'Conditional' : 'True') : 'False',
      scope: ['Properties', ...(metadataChanged ? ['Metadata'] : [])],
      details: names.map((name) => {
        const alone = { ...existing.properties, [name]: after[name] };
        if (after[name] === undefined) delete alone[name];
        const recreate = provider.needsReplacement(existing.properties, alone);
        return {
          attribute: 'Properties',
          name,
          requiresRecreation: recreate ? (pending ? 'Conditionally' : 'Always') : 'Never',
          changeSource: canonical(after[name]).includes(KNOWN_AFTER_APPLY)
            ? 'ResourceReference'
            : 'DirectModification',
        };
      }),
    });
  }
  const kept = new Set(ids);
  for (const [id, r] of Object.entries(live)) {
    if (kept.has(id) || r.status === 'DELETE_COMPLETE') continue;
    changes.push({
      action: 'Remove',
      logicalId: id,
      ...(r.physicalId !== undefined ? { physicalId: r.physicalId } : {}),
      type: r.type,
      scope: [],
      details: [],
    });
  }
  return changes;
}

/**
 * Whether moving the stack to `target` changes nothing at all: no resource changes and the same template,
 * parameters, tags and outputs (CloudFormation then refuses the change as having no changes).
 */
export function changesNothing(
  who: StackIdentity,
  stack: Stack,
  target: StackSpec,
  changes: ResourceChangeView[],
): boolean {
  if (changes.length > 0 || stack.status === 'REVIEW_IN_PROGRESS') return false;
  if (!sameValue(stack.template, target.template)) {
    try {
      const scope = scopeOf(who, target, {
        ref: (id) => stack.resources[id]?.physicalId,
        attribute: (id, attr) => {
          const r = stack.resources[id];
          return r ? attributeOf(r, attr, who.region, who.account) : undefined;
        },
      });
      const outputs = evaluateOutputs(scope, target.template);
      const sameResources = sameValue(
        Object.fromEntries(Object.entries(stack.template.Resources)),
        Object.fromEntries(Object.entries(target.template.Resources)),
      );
      if (!sameResources || !sameValue(outputs, stack.outputs)) return false;
      if (!sameValue(stack.template.Description, target.template.Description)) return false;
    } catch {
      return false;
    }
  }
  const values = (spec: StackSpec): unknown =>
    spec.parameters.map((p) => [p.key, parameterText(p), p.resolved ?? null]);
  return sameValue(values(stack), values(target)) && sameValue(stack.tags, target.tags);
}
