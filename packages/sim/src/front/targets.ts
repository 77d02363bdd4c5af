import type { Simulator } from '../core/simulator';
import { parseEcrRef } from '../ecr/lookup';
import { findRepository, tagsOf } from '../ecr/store';
import { ecsState, type ContainerRecord, type ServiceRecord, type TaskRecord } from '../ecs/model';
import type { FrontTarget } from './hosts';

/**
 * Read-only views of the ECS model for the fronts: which tasks of a service take traffic, and what image
 * each one runs. Nothing here changes ECS state.
 */

/** The image a task serves, as `GET /version` reports it. */
export interface ServedImage {
  /** The container's image reference, as its task definition gives it. */
  image: string;
  /** `sha256:…` when the reference resolved in the simulator's ECR when the task started. */
  digest?: string;
  /** The tag of the reference (`latest` when it names none), absent for a reference by digest. */
  tag?: string;
  /** Every reference a scenario rule's `image` glob is matched against. */
  refs: string[];
}

export type ServiceLookup =
  { kind: 'found'; service: ServiceRecord; tasks: TaskRecord[] } | { kind: 'missing'; reason: string };

function findServiceRecord(sim: Simulator, target: FrontTarget): ServiceRecord | undefined {
  const region = ecsState(sim).regions.get(`${target.account}/${target.region}`);
  const cluster = region?.clusters.get(target.cluster);
  if (!cluster || cluster.status !== 'ACTIVE') return undefined;
  // Host headers are often lower-cased on the way; ECS names are case-sensitive, so prefer an exact match.
  const exact = cluster.services.get(target.service);
  if (exact) return exact;
  const wanted = target.service.toLowerCase();
  return [...cluster.services.values()].find((s) => s.name.toLowerCase() === wanted);
}

/** A task takes traffic while it is RUNNING, not on its way out, and not failing its health check. */
export function takesTraffic(task: TaskRecord): boolean {
  return (
    task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING' && task.healthStatus !== 'UNHEALTHY'
  );
}

/** The service behind a front and its tasks taking traffic, oldest first (a stable round-robin order). */
export function serviceTargets(sim: Simulator, target: FrontTarget): ServiceLookup {
  const service = findServiceRecord(sim, target);
  const where = `${target.cluster}/${target.service} (account ${target.account}, ${target.region})`;
  if (!service || service.status !== 'ACTIVE') {
    return { kind: 'missing', reason: `no ACTIVE ECS service ${where}` };
  }
  const region = ecsState(sim).regions.get(`${target.account}/${target.region}`);
  const cluster = region?.clusters.get(service.clusterName);
  const tasks = [...(cluster?.tasks.values() ?? [])]
    .filter((t) => t.serviceName === service.name && takesTraffic(t))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return { kind: 'found', service, tasks };
}

/** The container that answers HTTP: the first essential one. */
export function servingContainer(task: TaskRecord): ContainerRecord | undefined {
  return task.containers.find((c) => c.essential) ?? task.containers[0];
}

function tagOf(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const name = image.slice(image.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : 'latest';
}

/** What a container serves, with the references scenario rules match (as ECS resolved them at start). */
export function servedImage(sim: Simulator, container: ContainerRecord): ServedImage {
  const { image, imageDigest: digest } = container;
  const tag = tagOf(image);
  const refs = [image];
  const parsed = digest !== undefined ? parseEcrRef(sim, image) : undefined;
  if (digest !== undefined && parsed) {
    const uri = `${sim.host}/${parsed.account}/${parsed.region}/${parsed.repositoryName}`;
    const repo = findRepository(sim, parsed.account, parsed.region, parsed.repositoryName);
    for (const t of repo ? tagsOf(repo, digest) : []) refs.push(`${uri}:${t}`);
    refs.push(`${uri}@${digest}`);
  }
  return {
    image,
    ...(digest !== undefined ? { digest } : {}),
    ...(tag !== undefined ? { tag } : {}),
    refs: [...new Set(refs)],
  };
}
