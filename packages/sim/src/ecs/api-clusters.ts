import { AwsError } from '../core/errors';
import type { ActionHandler } from '../core/simulator';
import { Input, invalidParameter, type Json, nextTokenPaging } from '../core/request';
import { arnPrefix, tagsIn, type ClusterRecord, type Region, type Tag } from './model';
import { checkArnOwner, lastSegment, regionFor, requireCluster } from './resolve';
import { clusterOut } from './views';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;

export function createCluster(
  r: Region,
  name: string,
  options: {
    tags?: Tag[];
    settings?: Json[];
    capacityProviders?: string[];
    strategy?: Json[];
    configuration?: Json;
  } = {},
): ClusterRecord {
  const existing = r.clusters.get(name);
  // CreateCluster is idempotent for an ACTIVE cluster; an INACTIVE one is brought back.
  if (existing && existing.status === 'ACTIVE') return existing;
  const cluster: ClusterRecord = {
    name,
    arn: `${arnPrefix(r)}:cluster/${name}`,
    status: 'ACTIVE',
    tags: options.tags ?? [],
    settings: options.settings ?? [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: options.capacityProviders ?? [],
    defaultCapacityProviderStrategy: options.strategy ?? [],
    services: new Map(),
    tasks: new Map(),
    ...(options.configuration ? { configuration: options.configuration } : {}),
  };
  r.clusters.set(name, cluster);
  return cluster;
}

const CreateCluster: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const name = input.str('clusterName') ?? 'default';
  if (!NAME.test(name)) {
    input.fail(
      'Cluster name can contain up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens.',
    );
  }
  const configuration = input.object('configuration');
  const settings = input.objects('settings');
  const capacityProviders = input.strings('capacityProviders');
  const strategy = input.objects('defaultCapacityProviderStrategy');
  const cluster = createCluster(regionFor(ctx), name, {
    tags: tagsIn(input.objects('tags'), (m) => input.fail(m)),
    ...(settings ? { settings } : {}),
    ...(capacityProviders ? { capacityProviders } : {}),
    ...(strategy ? { strategy } : {}),
    ...(configuration ? { configuration } : {}),
  });
  return { cluster: clusterOut(cluster, ['TAGS', 'SETTINGS', 'CONFIGURATIONS']) };
};

const DescribeClusters: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const r = regionFor(ctx);
  const include = input.strings('include') ?? [];
  const clusters: Json[] = [];
  const failures: Json[] = [];
  for (const ref of input.strings('clusters') ?? ['default']) {
    checkArnOwner(ref, r);
    const cluster = r.clusters.get(lastSegment(ref));
    if (cluster) clusters.push(clusterOut(cluster, include));
    else
      failures.push({
        arn: ref.startsWith('arn:') ? ref : `${arnPrefix(r)}:cluster/${ref}`,
        reason: 'MISSING',
      });
  }
  return { clusters, failures };
};

const ListClusters: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const arns = [...regionFor(ctx).clusters.values()]
    .filter((c) => c.status === 'ACTIVE')
    .map((c) => c.arn)
    .sort();
  const { page, nextToken } = input.page(arns, nextTokenPaging('maxResults', 100, 100));
  return { clusterArns: page, nextToken };
};

const DeleteCluster: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(regionFor(ctx), input.required('cluster'));
  if ([...cluster.services.values()].some((s) => s.status !== 'INACTIVE')) {
    throw new AwsError(
      'ClusterContainsServicesException',
      'The Cluster cannot be deleted while Services are active.',
    );
  }
  if ([...cluster.tasks.values()].some((t) => t.lastStatus !== 'STOPPED')) {
    throw new AwsError(
      'ClusterContainsTasksException',
      'The Cluster cannot be deleted while Tasks are active.',
    );
  }
  cluster.status = 'INACTIVE';
  return { cluster: clusterOut(cluster, []) };
};

export const clusterActions: Record<string, ActionHandler> = {
  CreateCluster,
  DescribeClusters,
  ListClusters,
  DeleteCluster,
};
