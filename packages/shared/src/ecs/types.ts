/** The one verdict a deploy (or a rollback) reports. Anything but `succeeded` fails the step. */
export type DeployOutcome = 'succeeded' | 'rolled_back' | 'failed' | 'timed_out' | 'cancelled';

/** An ECS service, by the cluster and service names (or ARNs) ECS accepts. */
export interface ServiceRef {
  cluster: string;
  service: string;
}

/** The ECS deployment one UpdateService call created: the only one a watcher looks at. */
export interface TrackedDeployment extends ServiceRef {
  /** `ecs-svc/…`, the PRIMARY deployment of the UpdateService answer. */
  deploymentId: string;
  /** Its ServiceDeployment (`currentServiceDeployment`), when ECS gave one. */
  serviceDeploymentArn: string | undefined;
  taskDefinitionArn: string;
  /** When ECS created it (epoch ms). */
  createdAt: number | undefined;
}

/** `family:revision` of a task-definition ARN (or the text itself when it is not an ARN). */
export function shortTaskDefinition(arn: string | undefined): string {
  if (arn === undefined || arn === '') return '(none)';
  const at = arn.lastIndexOf('task-definition/');
  return at >= 0 ? arn.slice(at + 'task-definition/'.length) : arn;
}

/** The name at the end of a service or cluster ARN (`arn:…:service/prod/api` → `api`), or the text itself. */
export function nameOf(ref: string): string {
  return ref.startsWith('arn:') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
}
