import type { Json } from '../../core/request';
import { regionOf, type ServiceRecord } from '../../ecs/model';
import { lastSegment } from '../../ecs/resolve';
import {
  alreadyExists,
  bool,
  callApi,
  camelize,
  changed,
  deleting,
  generatedName,
  guarded,
  handlerError,
  num,
  str,
  tagList,
} from './support';
import type { ProvisionedResource, ResourceContext, ResourceProvider } from './types';

const TYPE = 'AWS::ECS::Service';

/** AWS::ECS::Service properties the API takes under its own camelCase name, on create and on update. */
const SETTINGS = [
  'CapacityProviderStrategy',
  'DeploymentConfiguration',
  'NetworkConfiguration',
  'LoadBalancers',
  'PlatformVersion',
  'HealthCheckGracePeriodSeconds',
  'EnableExecuteCommand',
  'PropagateTags',
  'EnableECSManagedTags',
  'ServiceRegistries',
  'PlacementConstraints',
  'PlacementStrategies',
  'AvailabilityZoneRebalancing',
  'ServiceConnectConfiguration',
];

/** Create-only: a change of any of these makes a new service. */
const CREATE_ONLY = [
  'ServiceName',
  'Cluster',
  'LaunchType',
  'SchedulingStrategy',
  'Role',
  'DeploymentController',
];

function settingsOf(props: Json): Json {
  const out: Json = {};
  for (const key of SETTINGS) {
    if (props[key] === undefined) continue;
    Object.assign(out, camelize({ [key]: props[key] }));
  }
  const config = out['deploymentConfiguration'] as Json | undefined;
  if (config) {
    for (const k of ['maximumPercent', 'minimumHealthyPercent']) {
      if (config[k] !== undefined) config[k] = num(config[k]);
    }
  }
  if (out['healthCheckGracePeriodSeconds'] !== undefined) {
    out['healthCheckGracePeriodSeconds'] = num(out['healthCheckGracePeriodSeconds']);
  }
  return out;
}

const clusterOf = (props: Json): string => lastSegment(str(props['Cluster']) ?? 'default');

function serviceRecord(ctx: ResourceContext, arn: string): ServiceRecord | undefined {
  const [, clusterName = '', name = ''] = arn.split(':').slice(5).join(':').split('/');
  return regionOf(ctx.sim, ctx.account, ctx.region).clusters.get(clusterName)?.services.get(name);
}

function provisioned(svc: ServiceRecord): ProvisionedResource {
  return { physicalId: svc.arn, attributes: { Name: svc.name, ServiceArn: svc.arn } };
}

/**
 * AWS::ECS::Service: Ref is the service's ARN; Name and ServiceArn. An update is an UpdateService; a change of
 * name, cluster, launch type or scheduling strategy a new service; a delete scales it to 0 and deletes it.
 */
export const ecsServiceProvider: ResourceProvider = {
  create(ctx, props) {
    const cluster = clusterOf(props);
    const name = str(props['ServiceName']) ?? generatedName(ctx, 255).replace(/[^A-Za-z0-9_-]/g, '-');
    const existing = regionOf(ctx.sim, ctx.account, ctx.region).clusters.get(cluster)?.services.get(name);
    if (existing && existing.status !== 'INACTIVE') throw alreadyExists(TYPE, name);
    const launchType = str(props['LaunchType']);
    const strategy = str(props['SchedulingStrategy']);
    const controller = props['DeploymentController'];
    const out = guarded(() =>
      callApi(ctx, 'ecs', 'CreateService', {
        cluster,
        serviceName: name,
        taskDefinition: str(props['TaskDefinition']),
        // CloudFormation starts a replica service with one task when the template sets no count.
        desiredCount: num(props['DesiredCount']) ?? (strategy === 'DAEMON' ? undefined : 1),
        ...(launchType !== undefined ? { launchType } : {}),
        ...(strategy !== undefined ? { schedulingStrategy: strategy } : {}),
        ...(controller !== undefined ? { deploymentController: camelize(controller) } : {}),
        ...settingsOf(props),
        ...(Array.isArray(props['Tags']) ? { tags: tagList(props['Tags']) } : {}),
      }),
    );
    const arn = (out['service'] as Json)['serviceArn'] as string;
    return provisioned(serviceRecord(ctx, arn)!);
  },

  needsReplacement: (before, after) =>
    changed(
      before,
      after,
      CREATE_ONLY.filter((k) => k !== 'Cluster'),
    ) || clusterOf(before) !== clusterOf(after),

  update(ctx, current, before, after) {
    const svc = serviceRecord(ctx, current.physicalId);
    if (!svc || svc.status !== 'ACTIVE') throw handlerError('Service not found.', 'NotFound');
    const force = after['ForceNewDeployment'] as Json | undefined;
    const forceBefore = before['ForceNewDeployment'] as Json | undefined;
    const forced =
      bool(force?.['EnableForceNewDeployment']) === true &&
      JSON.stringify(force?.['ForceNewDeploymentNonce']) !==
        JSON.stringify(forceBefore?.['ForceNewDeploymentNonce']);
    const desired = num(after['DesiredCount']);
    guarded(() =>
      callApi(ctx, 'ecs', 'UpdateService', {
        cluster: svc.clusterName,
        service: svc.name,
        taskDefinition: str(after['TaskDefinition']),
        // Without DesiredCount in the template, CloudFormation leaves the running count as it is.
        ...(desired !== undefined ? { desiredCount: desired } : {}),
        ...settingsOf(after),
        ...(forced ? { forceNewDeployment: true } : {}),
      }),
    );
    if (Array.isArray(after['Tags'])) {
      svc.tags = (tagList(after['Tags']) ?? []).map((t) => ({
        key: String(t['key']),
        value: String(t['value']),
      }));
    }
    return provisioned(svc);
  },

  delete(ctx, current) {
    const svc = serviceRecord(ctx, current.physicalId);
    if (!svc || svc.status !== 'ACTIVE') return;
    deleting(() => {
      callApi(ctx, 'ecs', 'UpdateService', { cluster: svc.clusterName, service: svc.name, desiredCount: 0 });
      callApi(ctx, 'ecs', 'DeleteService', { cluster: svc.clusterName, service: svc.name });
    });
  },

  stabilize(ctx, current) {
    const svc = serviceRecord(ctx, current.physicalId);
    if (!svc) return handlerError('Service not found.', 'NotFound').message;
    const primary = svc.deployments.find((d) => d.status === 'PRIMARY');
    if (!primary) return true;
    if (primary.rolloutState === 'FAILED' || primary.rollbackOf !== undefined) {
      return handlerError(
        "Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'.",
        'GeneralServiceException',
      ).message;
    }
    return primary.rolloutState === 'COMPLETED';
  },
};
