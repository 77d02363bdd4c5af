import type { PermissionCheck } from '../core/authorization';
import type { CallContext } from '../core/simulator';

/**
 * CloudWatch Logs' IAM table, after the Service Authorization Reference ("Actions, resources, and condition keys
 * for Amazon CloudWatch Logs") and the ARNs its refusals name: calls on a log group (CreateLogGroup,
 * DeleteLogGroup, DescribeLogStreams, FilterLogEvents) are authorized on
 * `arn:aws:logs:REGION:ACCOUNT:log-group:NAME:log-stream:` (so a policy needs `log-group:NAME:*`); calls on a
 * stream (CreateLogStream, PutLogEvents, GetLogEvents) on `log-group:NAME:log-stream:STREAM`; DescribeLogGroups
 * on `log-group::log-stream:`.
 */

type Input = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const GROUP_CALLS = new Set(['CreateLogGroup', 'DeleteLogGroup', 'DescribeLogStreams', 'FilterLogEvents']);
const STREAM_CALLS = new Set(['CreateLogStream', 'PutLogEvents', 'GetLogEvents']);

export function logsPermissions(ctx: CallContext, input: Input): PermissionCheck[] | undefined {
  let prefix = `arn:aws:logs:${ctx.region}:${ctx.account}`;
  let group = str(input['logGroupName']);
  const identifier = str(input['logGroupIdentifier']);
  if (group === undefined && identifier !== undefined) {
    // An identifier is a name or an ARN (`arn:aws:logs:R:A:log-group:NAME`, maybe with `:*`).
    const m = /^(arn:[^:]*:logs:[^:]*:[^:]*):log-group:(.+?)(?::\*)?$/.exec(identifier);
    if (m) [prefix, group] = [m[1]!, m[2]!];
    else group = identifier;
  }
  const action = `logs:${ctx.action}`;
  if (ctx.action === 'DescribeLogGroups') return [{ action, resource: `${prefix}:log-group::log-stream:` }];
  if (GROUP_CALLS.has(ctx.action))
    return [{ action, resource: `${prefix}:log-group:${group ?? ''}:log-stream:` }];
  if (STREAM_CALLS.has(ctx.action)) {
    const stream = str(input['logStreamName']) ?? '';
    return [{ action, resource: `${prefix}:log-group:${group ?? ''}:log-stream:${stream}` }];
  }
  return undefined;
}
