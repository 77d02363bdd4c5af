import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ListServiceDeploymentsCommand,
  type ECSClient,
  type Service,
  type ServiceDeploymentBrief,
} from '@aws-sdk/client-ecs';
import { batcherPer, createBatcher } from '../aws/batch';
import { awsErrorCode, callAws } from '../errors/aws-operation-error';
import type { ServiceRef } from './types';

/** Where a service goes back to when a deployment fails: the task definition of its last successful deployment. */
export interface KnownGood {
  taskDefinitionArn: string;
  /** How it was found: the ServiceDeployment history, or the service's own completed deployment. */
  source: 'service-deployments' | 'completed-deployment';
  /** The successful ServiceDeployment, when found through the history. */
  serviceDeploymentArn?: string;
  finishedAt?: Date;
}

export interface LastSuccessfulOptions {
  /** Skip deployments of this task definition (the rollback action: "before the current one"). */
  exclude?: string | undefined;
  /** The service as just described, for the fallback when the history cannot be read. */
  service?: Service | undefined;
  /** Told when the history cannot be read (a missing permission, an older API) and the fallback is used. */
  onFallback?: (why: string) => void;
}

const SUCCESS = ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL'] as const;
/** ListServiceDeployments pages of this many (its most), at most this many pages… */
const LIST_PAGE = 100;
const MAX_PAGES = 5;
/** …of which the newest this many are looked at (DescribeServiceRevisions takes 20 at a time). */
const PAGE = 20;

/**
 * The task definitions of service revisions, by ARN: DescribeServiceRevisions of every service of a release at
 * once, 20 revisions a call (its most), instead of one call per service.
 */
const revisionTaskDefinitions = batcherPer<ECSClient, string>((ecs) =>
  createBatcher(async (arns) => {
    const out = await callAws('ecs:DescribeServiceRevisions', () =>
      ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: arns })),
    );
    return new Map(
      (out.serviceRevisions ?? []).flatMap((rev) =>
        rev.serviceRevisionArn === undefined || rev.taskDefinition === undefined
          ? []
          : [[rev.serviceRevisionArn, rev.taskDefinition] as const],
      ),
    );
  }, PAGE),
);

function time(brief: ServiceDeploymentBrief): number {
  return (brief.finishedAt ?? brief.createdAt)?.getTime() ?? 0;
}

/** The API errors that mean "this history is not available here", not "this deploy must stop". */
function historyUnavailable(err: unknown): boolean {
  const code = awsErrorCode(err) ?? '';
  return [
    'AccessDeniedException',
    'AccessDenied',
    'UnsupportedFeatureException',
    'InvalidParameterException',
  ].includes(code);
}

/**
 * The task definition of the service's last successful deployment — what last worked, not "revision − 1".
 * A deployment ECS rolled back counts through its rollback (`ROLLBACK_SUCCESSFUL`: the revision it went back
 * to). Reads ListServiceDeployments, DescribeServiceDeployments (for rollbacks) and DescribeServiceRevisions:
 * at most three calls (the last shared with the services looked up at the same time). Without that history (permissions, deployments older than ECS keeps), a service
 * whose only deployment is COMPLETED has its own definition as the answer.
 */
export async function findLastSuccessful(
  ecs: ECSClient,
  ref: ServiceRef,
  options: LastSuccessfulOptions = {},
): Promise<KnownGood | undefined> {
  try {
    const fromHistory = await fromServiceDeployments(ecs, ref, options.exclude);
    if (fromHistory !== undefined) return fromHistory;
  } catch (err) {
    if (!historyUnavailable(err)) throw err;
    options.onFallback?.(err instanceof Error ? err.message : String(err));
  }
  const deployments = options.service?.deployments ?? [];
  const only = deployments.length === 1 ? deployments[0] : undefined;
  if (
    only?.rolloutState === 'COMPLETED' &&
    only.taskDefinition !== undefined &&
    only.taskDefinition !== options.exclude
  ) {
    return {
      taskDefinitionArn: only.taskDefinition,
      source: 'completed-deployment',
      ...(only.updatedAt !== undefined ? { finishedAt: only.updatedAt } : {}),
    };
  }
  return undefined;
}

async function fromServiceDeployments(
  ecs: ECSClient,
  ref: ServiceRef,
  exclude: string | undefined,
): Promise<KnownGood | undefined> {
  // ECS does not document the order: read every page (the history is bounded: ECS keeps about 90 days).
  const all: ServiceDeploymentBrief[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const listed = await callAws('ecs:ListServiceDeployments', () =>
      ecs.send(
        new ListServiceDeploymentsCommand({
          cluster: ref.cluster,
          service: ref.service,
          status: [...SUCCESS],
          maxResults: LIST_PAGE,
          ...(nextToken !== undefined ? { nextToken } : {}),
        }),
      ),
    );
    all.push(...(listed.serviceDeployments ?? []));
    nextToken = listed.nextToken;
    if (nextToken === undefined) break;
  }
  // The newest 20 are enough to find what last worked (DescribeServiceRevisions takes 20 at a time).
  const briefs = all.sort((a, b) => time(b) - time(a)).slice(0, PAGE);
  if (briefs.length === 0) return undefined;

  // A rollback's revision is the one it went back to, which only DescribeServiceDeployments tells.
  const rollbacks = briefs.filter(
    (b) => b.status === 'ROLLBACK_SUCCESSFUL' && b.serviceDeploymentArn !== undefined,
  );
  const rolledBackTo = new Map<string, string>();
  if (rollbacks.length > 0) {
    const described = await callAws('ecs:DescribeServiceDeployments', () =>
      ecs.send(
        new DescribeServiceDeploymentsCommand({
          serviceDeploymentArns: rollbacks.map((b) => b.serviceDeploymentArn!),
        }),
      ),
    );
    for (const sd of described.serviceDeployments ?? []) {
      const to = sd.rollback?.serviceRevisionArn;
      if (sd.serviceDeploymentArn !== undefined && to !== undefined)
        rolledBackTo.set(sd.serviceDeploymentArn, to);
    }
  }
  const revisionOf = (b: ServiceDeploymentBrief): string | undefined =>
    b.status === 'ROLLBACK_SUCCESSFUL'
      ? rolledBackTo.get(b.serviceDeploymentArn ?? '')
      : b.targetServiceRevisionArn;
  const revisions = [...new Set(briefs.map(revisionOf).filter((r): r is string => r !== undefined))];
  if (revisions.length === 0) return undefined;
  const batch = revisionTaskDefinitions(ecs);
  const described = await Promise.all(revisions.map((arn) => batch.get(arn)));
  const taskDefinitionOf = new Map<string, string>();
  revisions.forEach((arn, i) => {
    const taskDefinition = described[i];
    if (taskDefinition !== undefined) taskDefinitionOf.set(arn, taskDefinition);
  });
  for (const brief of briefs) {
    const taskDefinitionArn = taskDefinitionOf.get(revisionOf(brief) ?? '');
    if (taskDefinitionArn === undefined || taskDefinitionArn === exclude) continue;
    return {
      taskDefinitionArn,
      source: 'service-deployments',
      ...(brief.serviceDeploymentArn !== undefined
        ? { serviceDeploymentArn: brief.serviceDeploymentArn }
        : {}),
      ...(brief.finishedAt !== undefined ? { finishedAt: brief.finishedAt } : {}),
    };
  }
  return undefined;
}
