import type { TemplateDiff } from '@aws-cdk/cloudformation-diff';
import { summarizeDiff, type PermissionChange, type StackChanges } from './diff-report';

/** The toolkit asks this before it executes a change set (IoHost requestResponse). */
export const DEPLOY_CONFIRMATION = 'CDK_TOOLKIT_I5060';

/** What the security gate answered for one stack's change set. */
export interface GateDecision {
  approve: boolean;
  permissionChange: PermissionChange;
  /** The stacks of the request and their changes (the security tables among them). */
  changes: StackChanges[];
  /** Why, in one line, for the log. */
  reason: string;
}

const KNOWN: readonly PermissionChange[] = ['none', 'non-broadening', 'broadening'];

/** The permission change a request carries; anything unknown counts as broadening: the gate fails closed. */
export function permissionChangeOf(data: unknown): PermissionChange {
  const value = (data as { permissionChangeType?: unknown } | undefined)?.permissionChangeType;
  return KNOWN.includes(value as PermissionChange) ? (value as PermissionChange) : 'broadening';
}

function templateDiffsOf(data: unknown): Record<string, TemplateDiff> {
  const diffs = (data as { templateDiffs?: unknown } | undefined)?.templateDiffs;
  return typeof diffs === 'object' && diffs !== null ? (diffs as Record<string, TemplateDiff>) : {};
}

/**
 * The security gate on the toolkit's deploy confirmation (CDK_TOOLKIT_I5060): a change that broadens IAM
 * permissions or security-group rules is refused unless `approve-broadening` is true; anything else goes
 * ahead. Refusing makes the toolkit delete the change set and throw `DeployAborted`: nothing is applied.
 */
export function decideGate(data: unknown, approveBroadening: boolean): GateDecision {
  const permissionChange = permissionChangeOf(data);
  const changes = Object.entries(templateDiffsOf(data)).map(([stack, diff]) => summarizeDiff(stack, diff));
  if (permissionChange !== 'broadening')
    return { approve: true, permissionChange, changes, reason: `permission changes: ${permissionChange}` };
  return approveBroadening
    ? {
        approve: true,
        permissionChange,
        changes,
        reason: 'broadening changes approved by approve-broadening',
      }
    : {
        approve: false,
        permissionChange,
        changes,
        reason: 'the changes broaden IAM permissions or network access and approve-broadening is false',
      };
}
