import type { Json } from '../../core/request';
import { findParameter } from '../../ssm';
import { alreadyExists, callApi, changed, deleting, guarded, handlerError, str } from './support';
import { randomBytes } from 'node:crypto';
import type { ProvisionedResource, ResourceContext, ResourceProvider } from './types';

const TYPE = 'AWS::SSM::Parameter';
/** The types AWS::SSM::Parameter takes: CloudFormation creates no SecureString. */
const TYPES = ['String', 'StringList'];

function checkType(ctx: ResourceContext, props: Json): string {
  const type = str(props['Type']);
  if (type === undefined || !TYPES.includes(type)) {
    throw new Error(
      `Properties validation failed for resource ${ctx.logicalId} with message: [#/Type: ${type ?? 'null'} is not a valid enum value]`,
    );
  }
  return type;
}

function putInput(name: string, type: string, props: Json, overwrite: boolean): Json {
  const optional = (key: string, member: string): Json => {
    const value = str(props[key]);
    return value !== undefined ? { [member]: value } : {};
  };
  const tags = props['Tags'];
  return {
    Name: name,
    Value: str(props['Value']) ?? '',
    Type: type,
    ...optional('Description', 'Description'),
    ...optional('AllowedPattern', 'AllowedPattern'),
    ...optional('Tier', 'Tier'),
    ...optional('DataType', 'DataType'),
    ...(overwrite ? { Overwrite: true } : {}),
    // CloudFormation's Tags is a map; PutParameter takes a list, and none with Overwrite.
    ...(!overwrite && typeof tags === 'object' && tags !== null && !Array.isArray(tags)
      ? { Tags: Object.entries(tags as Json).map(([Key, Value]) => ({ Key, Value: str(Value) ?? '' })) }
      : {}),
  };
}

function provisioned(name: string, type: string, props: Json): ProvisionedResource {
  return { physicalId: name, attributes: { Type: type, Value: str(props['Value']) ?? '' } };
}

/** AWS::SSM::Parameter: Ref is the name; Type and Value. */
export const ssmParameterProvider: ResourceProvider = {
  create(ctx, props) {
    const type = checkType(ctx, props);
    const name =
      str(props['Name']) ??
      `CFN-${ctx.logicalId.slice(0, 40)}-${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;
    if (findParameter(ctx.sim, ctx.account, ctx.region, name)) throw alreadyExists(TYPE, name);
    guarded(() => callApi(ctx, 'ssm', 'PutParameter', putInput(name, type, props, false)));
    return provisioned(name, type, props);
  },

  needsReplacement: (before, after) => changed(before, after, ['Name']),

  update(ctx, current, _before, after) {
    const type = checkType(ctx, after);
    if (!findParameter(ctx.sim, ctx.account, ctx.region, current.physicalId)) {
      throw handlerError(`Parameter ${current.physicalId} not found.`, 'NotFound');
    }
    guarded(() => callApi(ctx, 'ssm', 'PutParameter', putInput(current.physicalId, type, after, true)));
    return provisioned(current.physicalId, type, after);
  },

  delete(ctx, current) {
    deleting(() => callApi(ctx, 'ssm', 'DeleteParameter', { Name: current.physicalId }));
  },
};
