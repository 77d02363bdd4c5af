import type { PermissionCheck } from '../core/authorization';
import type { CallContext } from '../core/simulator';
import { findSecret, nextSecretArn } from './store';

/**
 * Secrets Manager's IAM table, after the Service Authorization Reference ("Actions, resources, and condition keys
 * for AWS Secrets Manager"): every call on a secret is authorized on the secret's full ARN
 * (`arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX`, or the ARN it would get for CreateSecret; a name
 * that names no secret as `secret:NAME`), with `secretsmanager:SecretId`; ListSecrets has no resource-level
 * permissions (`*`). The simulator models no secret resource policies: a secret of another account is refused.
 */

type Input = Record<string, unknown>;

export function secretsPermissions(ctx: CallContext, input: Input): PermissionCheck[] | undefined {
  const action = `secretsmanager:${ctx.action}`;
  if (ctx.action === 'ListSecrets') return [{ action, resource: '*' }];
  if (ctx.action === 'CreateSecret') {
    const name = typeof input['Name'] === 'string' ? input['Name'] : '';
    return [
      {
        action,
        resource: nextSecretArn(ctx.sim, ctx.account, ctx.region, name),
        context: { 'secretsmanager:Name': name },
      },
    ];
  }
  const id = input['SecretId'];
  if (typeof id !== 'string') return undefined;
  const secret = findSecret(ctx.sim, ctx.account, ctx.region, id);
  const resource =
    secret?.arn ??
    (id.startsWith('arn:') ? id : `arn:aws:secretsmanager:${ctx.region}:${ctx.account}:secret:${id}`);
  return [{ action, resource, context: { 'secretsmanager:SecretId': id } }];
}
