import type { PermissionCheck } from '../core/authorization';
import type { CallContext } from '../core/simulator';

/**
 * SSM Parameter Store's IAM table, after the Service Authorization Reference ("Actions, resources, and condition
 * keys for AWS Systems Manager"): GetParameter, GetParameters, PutParameter, DeleteParameter(s) on each parameter
 * `arn:aws:ssm:REGION:ACCOUNT:parameter/NAME` (the name without its leading slash, without a `:version`
 * selector); GetParametersByPath on `parameter/PATH` (with `ssm:Recursive`); DescribeParameters has no
 * resource-level permissions (`*`).
 */

type Input = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function ssmPermissions(ctx: CallContext, input: Input): PermissionCheck[] | undefined {
  const action = `ssm:${ctx.action}`;
  const arn = (ref: string): string => {
    if (ref.startsWith('arn:')) return ref.replace(/(:parameter\/[^:]*):.*$/, '$1');
    const name = ref.replace(/:[^/:]*$/, '');
    return `arn:aws:ssm:${ctx.region}:${ctx.account}:parameter/${name.replace(/^\//, '')}`;
  };
  switch (ctx.action) {
    case 'GetParameter':
    case 'PutParameter':
    case 'DeleteParameter':
      return [{ action, resource: arn(str(input['Name']) ?? '') }];
    case 'GetParameters':
    case 'DeleteParameters': {
      const names = Array.isArray(input['Names']) ? input['Names'].map(String) : [];
      return names.map((name) => ({ action, resource: arn(name) }));
    }
    case 'GetParametersByPath':
      return [
        {
          action,
          resource: arn(str(input['Path']) ?? '/'),
          context: { 'ssm:Recursive': input['Recursive'] === true ? 'true' : 'false' },
        },
      ];
    default:
      return undefined;
  }
}
