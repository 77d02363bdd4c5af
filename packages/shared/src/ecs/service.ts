import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import { callAws } from '../errors/aws-operation-error';
import { ConfigurationError } from '../errors/configuration-error';
import { nameOf, type ServiceRef, type TrackedDeployment } from './types';

/** DescribeServices takes at most 10 services per call. */
const SERVICES_PER_CALL = 10;

/** `cluster/service`, the key services are looked up by. */
export function serviceKey(ref: ServiceRef): string {
  return `${nameOf(ref.cluster)}/${nameOf(ref.service)}`;
}

/**
 * Describes services across clusters with as few DescribeServices calls as ECS allows (one per cluster and
 * ten services). A missing service is absent from the map.
 */
export async function describeServices(
  ecs: ECSClient,
  refs: readonly ServiceRef[],
): Promise<Map<string, Service>> {
  const byCluster = new Map<string, string[]>();
  for (const ref of refs) {
    const names = byCluster.get(ref.cluster) ?? [];
    if (!names.includes(ref.service)) names.push(ref.service);
    byCluster.set(ref.cluster, names);
  }
  const calls: Promise<void>[] = [];
  const found = new Map<string, Service>();
  for (const [cluster, names] of byCluster) {
    for (let i = 0; i < names.length; i += SERVICES_PER_CALL) {
      const chunk = names.slice(i, i + SERVICES_PER_CALL);
      calls.push(
        callAws('ecs:DescribeServices', () =>
          ecs.send(new DescribeServicesCommand({ cluster, services: chunk })),
        ).then((out) => {
          for (const svc of out.services ?? []) {
            const name = svc.serviceName ?? '';
            const asked = chunk.find((n) => nameOf(n) === name) ?? name;
            found.set(serviceKey({ cluster, service: asked }), svc);
          }
        }),
      );
    }
  }
  await Promise.all(calls);
  return found;
}

/** One service, or `undefined` when ECS does not know it. */
export async function describeService(ecs: ECSClient, ref: ServiceRef): Promise<Service | undefined> {
  return (await describeServices(ecs, [ref])).get(serviceKey(ref));
}

/** Names of the inputs a preflight failure points at. */
export interface ServiceInputNames {
  cluster?: string;
  service?: string;
}

/**
 * Preflight: the clusters exist and are ACTIVE, and so is every service. Returns the services by
 * {@link serviceKey}.
 *
 * @throws ConfigurationError naming the cluster or service that is missing or not ACTIVE.
 */
export async function requireActiveServices(
  ecs: ECSClient,
  refs: readonly ServiceRef[],
  inputs: ServiceInputNames = {},
): Promise<Map<string, Service>> {
  const clusterInput = inputs.cluster ?? 'cluster';
  const serviceInput = inputs.service ?? 'service';
  const clusters = [...new Set(refs.map((r) => r.cluster))];
  for (let i = 0; i < clusters.length; i += 100) {
    const chunk = clusters.slice(i, i + 100);
    const out = await callAws('ecs:DescribeClusters', () =>
      ecs.send(new DescribeClustersCommand({ clusters: chunk })),
    );
    for (const cluster of chunk) {
      const found = out.clusters?.find((c) => c.clusterName === nameOf(cluster) || c.clusterArn === cluster);
      if (found === undefined) {
        throw new ConfigurationError(
          `Input "${clusterInput}": cluster ${JSON.stringify(cluster)} does not exist in this account and region.`,
          {
            input: clusterInput,
          },
        );
      }
      if (found.status !== 'ACTIVE') {
        throw new ConfigurationError(
          `Input "${clusterInput}": cluster ${JSON.stringify(cluster)} is ${found.status ?? 'not ACTIVE'}.`,
          {
            input: clusterInput,
          },
        );
      }
    }
  }
  const services = await describeServices(ecs, refs);
  for (const ref of refs) {
    const svc = services.get(serviceKey(ref));
    if (svc === undefined) {
      throw new ConfigurationError(
        `Input "${serviceInput}": service ${JSON.stringify(ref.service)} does not exist in cluster ${JSON.stringify(ref.cluster)}.`,
        { input: serviceInput },
      );
    }
    if (svc.status !== 'ACTIVE') {
      throw new ConfigurationError(
        `Input "${serviceInput}": service ${JSON.stringify(ref.service)} in cluster ${JSON.stringify(ref.cluster)} is ${svc.status ?? 'not ACTIVE'}; ECS deploys only to ACTIVE services.`,
        { input: serviceInput },
      );
    }
    const strategy = svc.deploymentConfiguration?.strategy ?? 'ROLLING';
    if (strategy !== 'ROLLING') {
      throw new ConfigurationError(
        `Input "${serviceInput}": service ${JSON.stringify(ref.service)} deploys with the ${strategy} strategy; this action drives and watches rolling deployments only.`,
        { input: serviceInput },
      );
    }
    const controller = svc.deploymentController?.type ?? 'ECS';
    if (controller !== 'ECS') {
      throw new ConfigurationError(
        `Input "${serviceInput}": service ${JSON.stringify(ref.service)} uses the ${controller} deployment controller; this action drives rolling (ECS) deployments only.`,
        { input: serviceInput },
      );
    }
  }
  return services;
}

/** The service runs one deployment, and it has COMPLETED: nothing is in flight. */
export function isSteady(service: Service): boolean {
  const deployments = service.deployments ?? [];
  return deployments.length === 1 && deployments[0]?.rolloutState === 'COMPLETED';
}

/**
 * The service's PRIMARY deployment as a {@link TrackedDeployment} (with the service's current
 * ServiceDeployment), e.g. from the answer of the UpdateService that started it.
 *
 * @param options.exclude skip a deployment with this id (the one a rollback replaces)
 * @param options.inFlight only a deployment still IN_PROGRESS
 */
export function primaryDeployment(
  ref: ServiceRef,
  service: Service | undefined,
  options: { exclude?: string | undefined; inFlight?: boolean } = {},
): TrackedDeployment | undefined {
  const primary = service?.deployments?.find((d) => d.status === 'PRIMARY' && d.id !== options.exclude);
  if (primary?.id === undefined) return undefined;
  if (options.inFlight === true && primary.rolloutState !== 'IN_PROGRESS') return undefined;
  const taskDefinitionArn = primary.taskDefinition ?? service?.taskDefinition;
  if (taskDefinitionArn === undefined) return undefined;
  return {
    ...ref,
    deploymentId: primary.id,
    serviceDeploymentArn: service?.currentServiceDeployment,
    taskDefinitionArn,
    createdAt: primary.createdAt?.getTime(),
  };
}
