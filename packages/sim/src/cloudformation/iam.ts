import type { PermissionCheck } from '../core/authorization';
import type { CallContext } from '../core/simulator';
import { cfnState, findStack, isArn } from './model';

/**
 * CloudFormation's IAM table, after the Service Authorization Reference ("Actions, resources, and condition keys
 * for AWS CloudFormation"): calls on a stack, and on its change sets, are authorized on the stack
 * `arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/ID` (`stack/NAME/*` before it exists), with
 * `cloudformation:ChangeSetName`, `cloudformation:RoleArn` and `cloudformation:TemplateUrl` where the call takes
 * them; DescribeStacks and GetTemplateSummary without a stack, ListStacks, ListExports, ValidateTemplate and
 * DescribeStackDriftDetectionStatus have no resource-level permissions (`*`).
 */

type Input = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const UNSCOPED = new Set([
  'ListStacks',
  'ListExports',
  'ValidateTemplate',
  'DescribeStackDriftDetectionStatus',
]);

export function cloudformationPermissions(ctx: CallContext, input: Input): PermissionCheck[] | undefined {
  const action = `cloudformation:${ctx.action}`;
  if (UNSCOPED.has(ctx.action)) return [{ action, resource: '*' }];
  let stackRef = str(input['StackName']);
  const changeSet = str(input['ChangeSetName']);
  if (changeSet !== undefined && isArn(changeSet))
    stackRef ??= cfnState(ctx.sim).changeSets.get(changeSet)?.stackId;
  if (stackRef === undefined) {
    return ctx.action === 'DescribeStacks' || ctx.action === 'GetTemplateSummary'
      ? [{ action, resource: '*' }]
      : undefined;
  }
  const stack = findStack(ctx.sim, ctx.account, ctx.region, stackRef);
  const resource =
    stack?.id ??
    (isArn(stackRef) ? stackRef : `arn:aws:cloudformation:${ctx.region}:${ctx.account}:stack/${stackRef}/*`);
  const changeSetName =
    changeSet === undefined
      ? undefined
      : isArn(changeSet)
        ? cfnState(ctx.sim).changeSets.get(changeSet)?.name
        : changeSet;
  return [
    {
      action,
      resource,
      context: {
        'cloudformation:ChangeSetName': changeSetName,
        'cloudformation:RoleArn': str(input['RoleARN']),
        'cloudformation:TemplateUrl': str(input['TemplateURL']),
      },
    },
  ];
}
