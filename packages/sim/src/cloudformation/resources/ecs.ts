import type { Json } from '../../core/request';
import { regionOf } from '../../ecs/model';
import { registerTaskDefinitionShape } from '../../ecs/task-definition-shape';
import {
  alreadyExists,
  callApi,
  camelize,
  changed,
  coerceToShape,
  deleting,
  generatedName,
  guarded,
  str,
  tagList,
} from './support';
import type { ProvisionedResource, ResourceContext, ResourceProvider } from './types';

/** AWS::ECS::Cluster and AWS::ECS::TaskDefinition, made through the ECS API's own handlers. */

function clusterProvisioned(ctx: ResourceContext, name: string): ProvisionedResource {
  return {
    physicalId: name,
    attributes: { Arn: `arn:aws:ecs:${ctx.region}:${ctx.account}:cluster/${name}` },
  };
}

function clusterInput(props: Json): Json {
  const settings = props['ClusterSettings'];
  const providers = props['CapacityProviders'];
  const strategy = props['DefaultCapacityProviderStrategy'];
  const configuration = props['Configuration'];
  return {
    ...(Array.isArray(settings) ? { settings: camelize(settings) } : {}),
    ...(Array.isArray(providers) ? { capacityProviders: providers } : {}),
    ...(Array.isArray(strategy) ? { defaultCapacityProviderStrategy: camelize(strategy) } : {}),
    ...(configuration !== undefined ? { configuration: camelize(configuration) } : {}),
    ...(Array.isArray(props['Tags']) ? { tags: tagList(props['Tags']) } : {}),
  };
}

/** AWS::ECS::Cluster: Ref is the name; Arn. */
export const ecsClusterProvider: ResourceProvider = {
  create(ctx, props) {
    const name = str(props['ClusterName']) ?? generatedName(ctx, 255);
    const existing = regionOf(ctx.sim, ctx.account, ctx.region).clusters.get(name);
    if (existing?.status === 'ACTIVE') throw alreadyExists('AWS::ECS::Cluster', name);
    guarded(() => callApi(ctx, 'ecs', 'CreateCluster', { clusterName: name, ...clusterInput(props) }));
    return clusterProvisioned(ctx, name);
  },

  needsReplacement: (before, after) => changed(before, after, ['ClusterName']),

  update(ctx, current, _before, after) {
    const cluster = regionOf(ctx.sim, ctx.account, ctx.region).clusters.get(current.physicalId);
    if (cluster) {
      const input = camelize(clusterInput(after)) as Json;
      cluster.settings = (input['settings'] as Json[] | undefined) ?? [
        { name: 'containerInsights', value: 'disabled' },
      ];
      cluster.capacityProviders = (input['capacityProviders'] as string[] | undefined) ?? [];
      cluster.defaultCapacityProviderStrategy =
        (input['defaultCapacityProviderStrategy'] as Json[] | undefined) ?? [];
      cluster.tags = ((input['tags'] as { key: string; value: string }[] | undefined) ?? []).map((t) => ({
        key: t.key,
        value: t.value,
      }));
    }
    return clusterProvisioned(ctx, current.physicalId);
  },

  delete(ctx, current) {
    deleting(() => callApi(ctx, 'ecs', 'DeleteCluster', { cluster: current.physicalId }));
  },
};

/** AWS::ECS::TaskDefinition's properties as a RegisterTaskDefinition request. */
export function taskDefinitionInput(ctx: ResourceContext, props: Json): Json {
  const input = coerceToShape(camelize(props), registerTaskDefinitionShape) as Json;
  delete input['tags'];
  return {
    ...input,
    family: str(props['Family']) ?? generatedName(ctx, 255).replace(/[^A-Za-z0-9_-]/g, '-'),
    ...(Array.isArray(props['Tags']) ? { tags: tagList(props['Tags']) } : {}),
  };
}

function registered(ctx: ResourceContext, props: Json): ProvisionedResource {
  const out = guarded(() => callApi(ctx, 'ecs', 'RegisterTaskDefinition', taskDefinitionInput(ctx, props)));
  const arn = (out['taskDefinition'] as Json)['taskDefinitionArn'] as string;
  return { physicalId: arn, attributes: { TaskDefinitionArn: arn } };
}

/**
 * AWS::ECS::TaskDefinition: Ref is the revision's ARN. Every change registers a new revision (a replacement); the
 * revision replaced is deregistered when CloudFormation cleans up.
 */
export const ecsTaskDefinitionProvider: ResourceProvider = {
  create: registered,
  needsReplacement: (before, after) => JSON.stringify(before) !== JSON.stringify(after),
  update: (ctx, _current, _before, after) => registered(ctx, after),
  delete(ctx, current) {
    deleting(() => callApi(ctx, 'ecs', 'DeregisterTaskDefinition', { taskDefinition: current.physicalId }));
  },
};
