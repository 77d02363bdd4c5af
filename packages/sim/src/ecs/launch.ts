import type { Json } from '../core/request';
import type { ClusterRecord, TaskDefinitionRecord } from './model';

/**
 * Where a task runs: its launch type and capacity provider. Without either, ECS uses the cluster's default
 * capacity provider strategy, else EC2. One leniency: a Fargate-only task definition without a launch type runs
 * on FARGATE. Whether there is room is `placement.ts`'s question (EC2 needs registered container instances).
 */
export function launchFor(
  settings: Json,
  td: TaskDefinitionRecord,
  cluster: ClusterRecord,
): { launchType: string; capacityProviderName?: string; platformVersion?: string } {
  const strategy =
    (settings.capacityProviderStrategy as Json[] | undefined) ?? cluster.defaultCapacityProviderStrategy;
  const explicit = settings.launchType as string | undefined;
  let launchType = explicit;
  let capacityProviderName: string | undefined;
  if (!explicit && strategy.length > 0) {
    const first = [...strategy].sort((a, b) => Number(b.base ?? 0) - Number(a.base ?? 0))[0];
    capacityProviderName = typeof first?.capacityProvider === 'string' ? first.capacityProvider : undefined;
    launchType = capacityProviderName?.startsWith('FARGATE') ? 'FARGATE' : 'EC2';
  }
  if (!launchType) {
    const requires = (td.body.requiresCompatibilities as string[] | undefined) ?? [];
    launchType = requires.includes('FARGATE') && !requires.includes('EC2') ? 'FARGATE' : 'EC2';
  }
  const platformVersion = launchType === 'FARGATE' ? '1.4.0' : undefined;
  return {
    launchType,
    ...(capacityProviderName ? { capacityProviderName } : {}),
    ...(platformVersion ? { platformVersion } : {}),
  };
}
