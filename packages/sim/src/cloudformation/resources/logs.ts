import type { Json } from '../../core/request';
import { findLogGroup } from '../../logs/store';
import { alreadyExists, callApi, changed, generatedName, deleting, guarded, num, str } from './support';
import type { ProvisionedResource, ResourceContext, ResourceProvider } from './types';

const TYPE = 'AWS::Logs::LogGroup';

function tagMap(tags: unknown): Record<string, string> {
  if (!Array.isArray(tags)) return {};
  return Object.fromEntries(
    tags.map((t) => {
      const tag = (typeof t === 'object' && t !== null ? t : {}) as Json;
      return [str(tag['Key']) ?? '', str(tag['Value']) ?? ''];
    }),
  );
}

function provisioned(ctx: ResourceContext, name: string): ProvisionedResource {
  const arn = `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${name}`;
  // CloudFormation's Arn attribute of a log group ends in `:*`, as DescribeLogGroups' `arn` does.
  return { physicalId: name, attributes: { Arn: `${arn}:*` } };
}

function setRetention(ctx: ResourceContext, name: string, props: Json): void {
  const days = num(props['RetentionInDays']);
  if (days !== undefined) {
    guarded(() => callApi(ctx, 'logs', 'PutRetentionPolicy', { logGroupName: name, retentionInDays: days }));
    return;
  }
  const group = findLogGroup(ctx.sim, ctx.account, ctx.region, name);
  if (group) delete group.retentionInDays;
}

/** AWS::Logs::LogGroup: Ref is the name; Arn. */
export const logGroupProvider: ResourceProvider = {
  create(ctx, props) {
    const name = str(props['LogGroupName']) ?? generatedName(ctx, 512);
    if (findLogGroup(ctx.sim, ctx.account, ctx.region, name)) throw alreadyExists(TYPE, name);
    const logGroupClass = str(props['LogGroupClass']);
    guarded(() =>
      callApi(ctx, 'logs', 'CreateLogGroup', {
        logGroupName: name,
        tags: tagMap(props['Tags']),
        ...(logGroupClass !== undefined ? { logGroupClass } : {}),
      }),
    );
    try {
      setRetention(ctx, name, props);
    } catch (err) {
      callApi(ctx, 'logs', 'DeleteLogGroup', { logGroupName: name });
      throw err;
    }
    return provisioned(ctx, name);
  },

  needsReplacement: (before, after) => changed(before, after, ['LogGroupName', 'LogGroupClass']),

  update(ctx, current, _before, after) {
    setRetention(ctx, current.physicalId, after);
    const group = findLogGroup(ctx.sim, ctx.account, ctx.region, current.physicalId);
    if (group) group.tags = tagMap(after['Tags']);
    return provisioned(ctx, current.physicalId);
  },

  delete(ctx, current) {
    deleting(() => callApi(ctx, 'logs', 'DeleteLogGroup', { logGroupName: current.physicalId }));
  },
};
