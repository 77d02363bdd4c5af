import type { PermissionCheck } from '../core/authorization';
import type { CallContext } from '../core/simulator';
import { ecsState } from './model';

/**
 * ECS's IAM table, after the Service Authorization Reference ("Actions, resources, and condition keys for Amazon
 * Elastic Container Service"): the IAM action of each call (its own name), the resource ARN(s) it is authorized on,
 * and its condition keys.
 *
 * - cluster `arn:aws:ecs:R:A:cluster/NAME`: CreateCluster, DeleteCluster, DescribeClusters, ListContainerInstances;
 * - service `service/CLUSTER/NAME`, with `ecs:cluster`: CreateService and UpdateService (and `ecs:task-definition`),
 *   DescribeServices, DeleteService, ListServiceDeployments;
 * - service and service deployment `service-deployment/CLUSTER/SERVICE/ID`, with `ecs:cluster` and `ecs:service`:
 *   DescribeServiceDeployments, StopServiceDeployment;
 * - service revision `service-revision/CLUSTER/SERVICE/ID`, with `ecs:cluster` and `ecs:service`:
 *   DescribeServiceRevisions;
 * - task definition `task-definition/FAMILY:REVISION` (a bare family is its latest ACTIVE revision, as ECS has
 *   authorized it since March 2024), with `ecs:cluster`: RunTask;
 * - task `task/CLUSTER/ID`, with `ecs:cluster`: DescribeTasks, StopTask;
 * - container instance `container-instance/CLUSTER/ID`: DescribeContainerInstances, ListTasks naming one (`*`
 *   otherwise), with `ecs:cluster`;
 * - `*`: ListServices (with `ecs:cluster`), ListClusters, RegisterTaskDefinition, DescribeTaskDefinition,
 *   DeregisterTaskDefinition, ListTaskDefinitions, ListTaskDefinitionFamilies;
 * - the ARN they name: TagResource, UntagResource, ListTagsForResource.
 *
 * Besides: a task definition or a RunTask override that names a task role or execution role needs `iam:PassRole`
 * on it with `iam:PassedToService` `ecs-tasks.amazonaws.com`; a create call that carries tags needs
 * `ecs:TagResource` on the new resource with `ecs:CreateAction` (ECS's tagging authorization).
 */

type Input = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** The name an ARN ends with, or the name itself. */
function nameOf(ref: string): string {
  if (!ref.startsWith('arn:')) return ref;
  const parts = ref.split(':').slice(5).join(':').split('/');
  return parts[parts.length - 1] ?? ref;
}

class Arns {
  constructor(private readonly ctx: CallContext) {}

  private get prefix(): string {
    return `arn:aws:ecs:${this.ctx.region}:${this.ctx.account}`;
  }

  cluster(ref: string | undefined): string {
    if (ref?.startsWith('arn:')) return ref;
    return `${this.prefix}:cluster/${ref ?? 'default'}`;
  }

  /**
   * `service/CLUSTER/NAME`: an ARN of that form as given, else made from the cluster (in the account and region
   * of a cluster ARN) and the name.
   */
  inCluster(kind: string, clusterRef: string | undefined, ref: string): string {
    if (ref.startsWith('arn:') && ref.split(':').slice(5).join(':').split('/').length === 3) return ref;
    const cluster = this.cluster(clusterRef);
    const prefix = cluster.split(':').slice(0, 5).join(':');
    return `${prefix}:${kind}/${nameOf(cluster)}/${nameOf(ref)}`;
  }

  /** `task-definition/FAMILY:REVISION`; a bare family is its latest ACTIVE revision, as ECS authorizes it. */
  taskDefinition(ref: string | undefined): string | undefined {
    if (ref === undefined) return undefined;
    if (ref.startsWith('arn:')) return ref;
    if (ref.includes(':')) return `${this.prefix}:task-definition/${ref}`;
    const families = ecsState(this.ctx.sim).regions.get(`${this.ctx.account}/${this.ctx.region}`)?.families;
    const latest = [...(families?.get(ref) ?? [])].reverse().find((td) => td.status === 'ACTIVE');
    return latest?.arn ?? `${this.prefix}:task-definition/${ref}`;
  }

  /** The ARN the next revision of a family gets. */
  nextRevision(family: string): string {
    const families = ecsState(this.ctx.sim).regions.get(`${this.ctx.account}/${this.ctx.region}`)?.families;
    return `${this.prefix}:task-definition/${family}:${(families?.get(family)?.length ?? 0) + 1}`;
  }

  role(ref: string): string {
    return ref.startsWith('arn:') ? ref : `arn:aws:iam::${this.ctx.account}:role/${ref}`;
  }
}

/** `iam:PassRole` on each role a definition or an override hands to ECS tasks. */
function passRoles(arns: Arns, holder: unknown): PermissionCheck[] {
  const h = (typeof holder === 'object' && holder !== null ? holder : {}) as Input;
  return [str(h['taskRoleArn']), str(h['executionRoleArn'])]
    .filter((r): r is string => r !== undefined && r !== '')
    .map((role) => ({
      action: 'iam:PassRole',
      resource: arns.role(role),
      context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
    }));
}

/** Tag-on-create: a create call with tags needs `ecs:TagResource` on what it creates. */
function tagOnCreate(input: Input, resource: string, action: string): PermissionCheck[] {
  return Array.isArray(input['tags']) && input['tags'].length > 0
    ? [{ action: 'ecs:TagResource', resource, context: { 'ecs:CreateAction': action } }]
    : [];
}

type Table = Record<string, (arns: Arns, input: Input, action: string) => PermissionCheck[]>;

const on = (action: string, resource: string, context?: PermissionCheck['context']): PermissionCheck => ({
  action: `ecs:${action}`,
  resource,
  ...(context ? { context } : {}),
});

/** The service and service-deployment ARNs a service deployment ARN names. */
function deploymentChecks(arns: Arns, action: string, deploymentArn: string): PermissionCheck[] {
  const m = /^(arn:[^:]*:ecs:[^:]*:[^:]*):service-deployment\/([^/]+)\/([^/]+)\/[^/]+$/.exec(deploymentArn);
  if (!m) return [on(action, deploymentArn)];
  const serviceArn = `${m[1]!}:service/${m[2]!}/${m[3]!}`;
  const context = { 'ecs:cluster': `${m[1]!}:cluster/${m[2]!}`, 'ecs:service': serviceArn };
  return [on(action, serviceArn, context), on(action, deploymentArn, context)];
}

/** A service revision `service-revision/CLUSTER/SERVICE/ID`, with `ecs:cluster` and `ecs:service`. */
function revisionCheck(action: string, revisionArn: string): PermissionCheck {
  const m = /^(arn:[^:]*:ecs:[^:]*:[^:]*):service-revision\/([^/]+)\/([^/]+)\/[^/]+$/.exec(revisionArn);
  if (!m) return on(action, revisionArn);
  return on(action, revisionArn, {
    'ecs:cluster': `${m[1]!}:cluster/${m[2]!}`,
    'ecs:service': `${m[1]!}:service/${m[2]!}/${m[3]!}`,
  });
}

const TABLE: Table = {
  CreateCluster: (arns, input, action) => {
    const cluster = arns.cluster(str(input['clusterName']));
    return [on(action, cluster), ...tagOnCreate(input, cluster, action)];
  },
  DeleteCluster: (arns, input, action) => [on(action, arns.cluster(str(input['cluster'])))],
  DescribeClusters: (arns, input, action) => {
    const clusters = strings(input['clusters']);
    return (clusters.length > 0 ? clusters : ['default']).map((c) => on(action, arns.cluster(c)));
  },
  ListContainerInstances: (arns, input, action) => [on(action, arns.cluster(str(input['cluster'])))],
  DescribeContainerInstances: (arns, input, action) => {
    const cluster = str(input['cluster']);
    return strings(input['containerInstances']).map((ci) =>
      on(action, arns.inCluster('container-instance', cluster, ci), { 'ecs:cluster': arns.cluster(cluster) }),
    );
  },
  RegisterTaskDefinition: (arns, input, action) => [
    on(action, '*'),
    ...passRoles(arns, input),
    ...tagOnCreate(input, arns.nextRevision(str(input['family']) ?? ''), action),
  ],
  CreateService: (arns, input, action) => {
    const cluster = str(input['cluster']);
    const service = arns.inCluster('service', cluster, str(input['serviceName']) ?? '');
    return [
      on(action, service, {
        'ecs:cluster': arns.cluster(cluster),
        'ecs:task-definition': arns.taskDefinition(str(input['taskDefinition'])),
      }),
      ...tagOnCreate(input, service, action),
    ];
  },
  UpdateService: (arns, input, action) => {
    const cluster = str(input['cluster']);
    return [
      on(action, arns.inCluster('service', cluster, str(input['service']) ?? ''), {
        'ecs:cluster': arns.cluster(cluster),
        'ecs:task-definition': arns.taskDefinition(str(input['taskDefinition'])),
      }),
    ];
  },
  DescribeServices: (arns, input, action) => {
    const cluster = str(input['cluster']);
    return strings(input['services']).map((s) =>
      on(action, arns.inCluster('service', cluster, s), { 'ecs:cluster': arns.cluster(cluster) }),
    );
  },
  DeleteService: (arns, input, action) => {
    const cluster = str(input['cluster']);
    return [
      on(action, arns.inCluster('service', cluster, str(input['service']) ?? ''), {
        'ecs:cluster': arns.cluster(cluster),
      }),
    ];
  },
  ListServiceDeployments: (arns, input, action) => {
    const cluster = str(input['cluster']);
    return [
      on(action, arns.inCluster('service', cluster, str(input['service']) ?? ''), {
        'ecs:cluster': arns.cluster(cluster),
      }),
    ];
  },
  DescribeServiceDeployments: (arns, input, action) =>
    strings(input['serviceDeploymentArns']).flatMap((arn) => deploymentChecks(arns, action, arn)),
  StopServiceDeployment: (arns, input, action) =>
    deploymentChecks(arns, action, str(input['serviceDeploymentArn']) ?? ''),
  DescribeServiceRevisions: (_arns, input, action) =>
    strings(input['serviceRevisionArns']).map((arn) => revisionCheck(action, arn)),
  ListServices: (arns, input, action) => [
    on(action, '*', { 'ecs:cluster': arns.cluster(str(input['cluster'])) }),
  ],
  RunTask: (arns, input, action) => {
    const cluster = str(input['cluster']);
    return [
      on(action, arns.taskDefinition(str(input['taskDefinition'])) ?? '*', {
        'ecs:cluster': arns.cluster(cluster),
      }),
      ...passRoles(arns, input['overrides']),
      ...tagOnCreate(input, arns.inCluster('task', cluster, '*'), action),
    ];
  },
  DescribeTasks: (arns, input, action) => {
    const cluster = str(input['cluster']);
    return strings(input['tasks']).map((t) =>
      on(action, arns.inCluster('task', cluster, t), { 'ecs:cluster': arns.cluster(cluster) }),
    );
  },
  StopTask: (arns, input, action) => {
    const cluster = str(input['cluster']);
    return [
      on(action, arns.inCluster('task', cluster, str(input['task']) ?? ''), {
        'ecs:cluster': arns.cluster(cluster),
      }),
    ];
  },
  ListTasks: (arns, input, action) => {
    const cluster = str(input['cluster']);
    const instance = str(input['containerInstance']);
    return [
      on(action, instance !== undefined ? arns.inCluster('container-instance', cluster, instance) : '*', {
        'ecs:cluster': arns.cluster(cluster),
      }),
    ];
  },
  TagResource: (_arns, input, action) => [on(action, str(input['resourceArn']) ?? '*')],
  UntagResource: (_arns, input, action) => [on(action, str(input['resourceArn']) ?? '*')],
  ListTagsForResource: (_arns, input, action) => [on(action, str(input['resourceArn']) ?? '*')],
};

/** The permissions an ECS call needs; calls not in the table need `ecs:<Action>` on `*`. */
export function ecsPermissions(ctx: CallContext, input: Input): PermissionCheck[] | undefined {
  return TABLE[ctx.action]?.(new Arns(ctx), input, ctx.action);
}
