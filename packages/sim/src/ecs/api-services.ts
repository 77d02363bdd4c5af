import { AwsError } from '../core/errors';
import type { ActionHandler } from '../core/simulator';
import { isInFlight, normalizeDeploymentConfiguration, startDeployment } from './deployments';
import { Input, invalidParameter, type Json, nextTokenPaging } from '../core/request';
import {
  arnPrefix,
  tagsIn,
  type ClusterRecord,
  type Region,
  type ServiceRecord,
  type TaskDefinitionRecord,
} from './model';
import {
  findService,
  findTaskDefinition,
  regionFor,
  requireActiveService,
  requireCluster,
  requireUsableTaskDefinition,
} from './resolve';
import { serviceOut } from './views';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;

function invalid(message: string): never {
  throw new AwsError('InvalidParameterException', message);
}

/** ECS's default quota of tasks per service (the desired count); ECS refuses a count above it. */
export const MAX_DESIRED_COUNT = 5000;

function desiredCountOf(input: Input): number | undefined {
  const count = input.int('desiredCount', 0);
  if (count !== undefined && count > MAX_DESIRED_COUNT) invalid('Desired count exceeds limit.');
  return count;
}

/** The placement checks ECS makes when a service or task is created with a task definition. */
export function checkPlacement(
  td: TaskDefinitionRecord,
  launchType: string | undefined,
  networkConfiguration: Json | undefined,
): void {
  const compat = (td.body.compatibilities as string[] | undefined) ?? [];
  if (launchType === 'FARGATE' && !compat.includes('FARGATE'))
    invalid('Task definition does not support launch_type FARGATE.');
  if (td.body.networkMode === 'awsvpc') {
    const vpc = networkConfiguration?.awsvpcConfiguration as Json | undefined;
    if (!vpc) invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    if (!Array.isArray(vpc.subnets) || vpc.subnets.length === 0) invalid('subnets can not be empty.');
  }
}

function checkDeploymentConfiguration(config: Json): void {
  const max = config.maximumPercent;
  const min = config.minimumHealthyPercent;
  if (typeof min === 'number' && (min < 0 || min > 100))
    invalid('minimumHealthyPercent must be between 0 and 100.');
  if (typeof max === 'number' && max < 100 && typeof min === 'number' && min >= max) {
    invalid('maximumPercent must be greater than minimumHealthyPercent.');
  }
}

/** The CreateService/UpdateService fields DescribeServices echoes back, with ECS's defaults. */
function settingsFrom(input: Input, previous: Json | undefined): Json {
  const keys = [
    'launchType',
    'capacityProviderStrategy',
    'platformVersion',
    'networkConfiguration',
    'loadBalancers',
    'serviceRegistries',
    'healthCheckGracePeriodSeconds',
    'schedulingStrategy',
    'deploymentController',
    'propagateTags',
    'enableECSManagedTags',
    'enableExecuteCommand',
    'placementConstraints',
    'placementStrategy',
    'availabilityZoneRebalancing',
  ];
  const base: Json = previous ?? {
    loadBalancers: [],
    serviceRegistries: [],
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    propagateTags: 'NONE',
    enableECSManagedTags: false,
    enableExecuteCommand: false,
    placementConstraints: [],
    placementStrategy: [],
  };
  const out: Json = { ...base };
  for (const key of keys) if (input.has(key)) out[key] = input.raw[key];
  if (out.launchType === 'FARGATE') {
    out.platformVersion ??= 'LATEST';
    out.platformFamily = 'Linux';
  }
  return out;
}

export function createService(
  r: Region,
  cluster: ClusterRecord,
  input: Input,
  now: number,
  createdBy?: string,
): ServiceRecord {
  const name = input.required('serviceName');
  if (!NAME.test(name))
    invalid('Service name can contain up to 255 letters, numbers, hyphens and underscores.');
  const td = requireUsableTaskDefinition(r, input.required('taskDefinition'));
  const strategy = input.str('schedulingStrategy') ?? 'REPLICA';
  const desiredCount = desiredCountOf(input) ?? (strategy === 'DAEMON' ? 1 : undefined);
  if (desiredCount === undefined) invalid('desiredCount is required when schedulingStrategy is REPLICA.');
  if (input.has('launchType') && input.has('capacityProviderStrategy')) {
    invalid(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  }
  const existing = cluster.services.get(name);
  if (existing?.status === 'DRAINING') invalid('Unable to Start a service that is still Draining.');
  if (existing?.status === 'ACTIVE') {
    if (existing.taskDefinition === td.arn && existing.desiredCount === desiredCount) return existing;
    invalid('Creation of service was not idempotent.');
  }
  const settings = settingsFrom(input, undefined);
  checkPlacement(
    td,
    settings.launchType as string | undefined,
    settings.networkConfiguration as Json | undefined,
  );
  const deploymentConfiguration = normalizeDeploymentConfiguration(input.object('deploymentConfiguration'));
  checkDeploymentConfiguration(deploymentConfiguration);
  const svc: ServiceRecord = {
    name,
    arn: `${arnPrefix(r)}:service/${cluster.name}/${name}`,
    clusterName: cluster.name,
    clusterArn: cluster.arn,
    status: 'ACTIVE',
    desiredCount,
    taskDefinition: td.arn,
    settings,
    deploymentConfiguration,
    deployments: [],
    events: [],
    createdAt: now,
    tags: tagsIn(input.objects('tags'), invalid),
    dirty: true,
    steady: false,
    ...(createdBy ? { createdBy } : {}),
  };
  cluster.services.set(name, svc);
  startDeployment(r, svc, now);
  return svc;
}

const CreateService: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const svc = createService(r, cluster, input, ctx.now, ctx.principal?.arn);
  return { service: serviceOut(cluster, svc, true) };
};

const UpdateService: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const svc = requireActiveService(cluster, input.required('service'));
  const tdRef = input.str('taskDefinition');
  const td = tdRef !== undefined ? requireUsableTaskDefinition(r, tdRef) : undefined;
  const desiredCount = desiredCountOf(input);
  const before = JSON.stringify([
    svc.settings.networkConfiguration,
    svc.settings.platformVersion,
    svc.settings.capacityProviderStrategy,
  ]);
  const settings = settingsFrom(input, svc.settings);
  const after = JSON.stringify([
    settings.networkConfiguration,
    settings.platformVersion,
    settings.capacityProviderStrategy,
  ]);
  const config = normalizeDeploymentConfiguration(
    input.object('deploymentConfiguration'),
    svc.deploymentConfiguration,
  );
  checkDeploymentConfiguration(config);
  // The current definition may have been deregistered since; an update of other settings must still work.
  const next = td ?? findTaskDefinition(r, svc.taskDefinition);
  if (next)
    checkPlacement(
      next,
      settings.launchType as string | undefined,
      settings.networkConfiguration as Json | undefined,
    );
  svc.settings = settings;
  svc.deploymentConfiguration = config;
  if (desiredCount !== undefined) svc.desiredCount = desiredCount;
  const changed = (td !== undefined && td.arn !== svc.taskDefinition) || before !== after;
  if (td) svc.taskDefinition = td.arn;
  if (changed || input.bool('forceNewDeployment') === true) startDeployment(r, svc, ctx.now);
  svc.dirty = true;
  return { service: serviceOut(cluster, svc, false) };
};

const DescribeServices: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const refs = input.strings('services') ?? [];
  if (refs.length === 0) invalid('services can not be empty.');
  if (refs.length > 10) invalid('services can have at most 10 items.');
  const withTags = (input.strings('include') ?? []).includes('TAGS');
  const services: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    const svc = findService(cluster, ref);
    if (svc) services.push(serviceOut(cluster, svc, withTags));
    else
      failures.push({
        arn: ref.startsWith('arn:') ? ref : `${arnPrefix(r)}:service/${cluster.name}/${ref}`,
        reason: 'MISSING',
      });
  }
  return { services, failures };
};

const ListServices: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const launchType = input.str('launchType');
  const strategy = input.str('schedulingStrategy');
  const arns = [...cluster.services.values()]
    .filter(
      (s) =>
        s.status !== 'INACTIVE' &&
        (launchType === undefined || s.settings.launchType === launchType) &&
        (strategy === undefined || s.settings.schedulingStrategy === strategy),
    )
    .map((s) => s.arn)
    .sort();
  const { page, nextToken } = input.page(arns, nextTokenPaging('maxResults', 100, 10));
  return { serviceArns: page, nextToken };
};

const DeleteService: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const svc = findService(cluster, input.required('service'));
  if (!svc) throw new AwsError('ServiceNotFoundException', 'Service not found.');
  if (svc.status !== 'ACTIVE') throw new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.');
  if (svc.desiredCount > 0 && input.bool('force') !== true) {
    invalid('The service cannot be stopped while it is scaled above 0.');
  }
  svc.desiredCount = 0;
  svc.status = 'DRAINING';
  for (const d of svc.deployments) {
    d.desiredCount = 0;
    const record = r.serviceDeployments.get(d.serviceDeploymentArn);
    if (record && isInFlight(record)) {
      record.status = 'STOPPED';
      record.statusReason = 'The service was deleted.';
      record.stoppedAt = ctx.now;
      record.updatedAt = ctx.now;
    }
  }
  svc.dirty = true;
  return { service: serviceOut(cluster, svc, false) };
};

export const serviceActions: Record<string, ActionHandler> = {
  CreateService,
  UpdateService,
  DescribeServices,
  ListServices,
  DeleteService,
};
