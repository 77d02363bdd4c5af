import { AwsError } from '../core/errors';
import type { CallContext } from '../core/simulator';
import {
  regionOf,
  type ClusterRecord,
  type Region,
  type ServiceRecord,
  type TaskDefinitionRecord,
  type TaskRecord,
} from './model';

/** Finding resources by the names and ARNs the ECS API accepts for them. */

export const regionFor = (ctx: CallContext): Region => regionOf(ctx.sim, ctx.account, ctx.region);

/**
 * Refuses an ARN of another region or account, as ECS does, instead of reading it as the caller's own
 * resource: `Invalid Region in ARN`, `Identifier is for 111111111111. Your accountId is 000000000000`.
 */
export function checkArnOwner(ref: string, owner: { account: string; region: string }): void {
  if (!ref.startsWith('arn:')) return;
  const [, , , region, account] = ref.split(':');
  if (region !== owner.region) throw new AwsError('InvalidParameterException', 'Invalid Region in ARN');
  if (account !== owner.account) {
    throw new AwsError(
      'InvalidParameterException',
      `Identifier is for ${account ?? ''}. Your accountId is ${owner.account}`,
    );
  }
}

/** The owner a cluster's ARN names, for checking the ARNs of what it holds. */
function ownerOf(cluster: ClusterRecord): { account: string; region: string } {
  const [, , , region = '', account = ''] = cluster.arn.split(':');
  return { account, region };
}

/** The last path segment a name-or-ARN reference names (`cluster/NAME`, `service/CLUSTER/NAME`…). */
export function lastSegment(ref: string): string {
  if (!ref.startsWith('arn:')) return ref;
  const resource = ref.split(':').slice(5).join(':');
  const parts = resource.split('/');
  return parts[parts.length - 1] ?? ref;
}

export function findCluster(r: Region, ref: string | undefined): ClusterRecord | undefined {
  if (ref !== undefined) checkArnOwner(ref, r);
  const cluster = r.clusters.get(lastSegment(ref ?? 'default'));
  return cluster && cluster.status === 'ACTIVE' ? cluster : undefined;
}

export function requireCluster(r: Region, ref: string | undefined): ClusterRecord {
  const cluster = findCluster(r, ref);
  if (!cluster) throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
  return cluster;
}

/** A service ARN names its cluster (`service/CLUSTER/NAME`): one of another cluster is refused, as ECS does. */
function checkInCluster(cluster: ClusterRecord, ref: string): void {
  checkArnOwner(ref, ownerOf(cluster));
  if (!ref.startsWith('arn:')) return;
  const parts = ref.split(':').slice(5).join(':').split('/');
  if (parts.length === 3 && parts[1] !== cluster.name) {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid identifier: Identifier is for cluster ${parts[1] ?? ''}. Your cluster is ${cluster.name}`,
    );
  }
}

export function findService(cluster: ClusterRecord, ref: string): ServiceRecord | undefined {
  checkInCluster(cluster, ref);
  return cluster.services.get(lastSegment(ref));
}

/** An ACTIVE service, or the errors UpdateService and friends answer with. */
export function requireActiveService(cluster: ClusterRecord, ref: string): ServiceRecord {
  const service = findService(cluster, ref);
  if (!service) throw new AwsError('ServiceNotFoundException', 'Service not found.');
  if (service.status !== 'ACTIVE') throw new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.');
  return service;
}

export function findTask(cluster: ClusterRecord, ref: string): TaskRecord | undefined {
  checkInCluster(cluster, ref);
  return cluster.tasks.get(lastSegment(ref));
}

/**
 * A task definition by `family` (its latest ACTIVE revision), `family:revision` or ARN.
 * Missing ones fail with ECS's own words for it.
 */
export function findTaskDefinition(r: Region, ref: string): TaskDefinitionRecord | undefined {
  let spec = ref;
  checkArnOwner(ref, r);
  if (ref.startsWith('arn:')) {
    const m = /:task-definition\/(.+)$/.exec(ref);
    if (!m) return undefined;
    spec = m[1]!;
  }
  const m = /^([A-Za-z0-9_-]+)(?::(\d+))?$/.exec(spec);
  if (!m) return undefined;
  const revisions = r.families.get(m[1]!);
  if (!revisions) return undefined;
  if (m[2] !== undefined) return revisions[Number(m[2]) - 1];
  return [...revisions].reverse().find((td) => td.status === 'ACTIVE');
}

export function requireTaskDefinition(r: Region, ref: string): TaskDefinitionRecord {
  const td = findTaskDefinition(r, ref);
  if (!td) throw new AwsError('ClientException', 'Unable to describe task definition.');
  return td;
}

/** For CreateService/UpdateService/RunTask: the definition must exist and still be ACTIVE. */
export function requireUsableTaskDefinition(r: Region, ref: string): TaskDefinitionRecord {
  const td = findTaskDefinition(r, ref);
  if (!td) throw new AwsError('ClientException', 'TaskDefinition not found.');
  if (td.status !== 'ACTIVE') throw new AwsError('ClientException', 'TaskDefinition is inactive');
  return td;
}
