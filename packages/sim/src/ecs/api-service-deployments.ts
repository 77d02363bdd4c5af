import { AwsError } from '../core/errors';
import type { ActionHandler } from '../core/simulator';
import { isInFlight, startRollback } from './deployments';
import { Input, invalidParameter, type Json, nextTokenPaging } from '../core/request';
import type { Region, ServiceDeploymentRecord, ServiceRecord } from './model';
import { findService, findTaskDefinition, regionFor, requireCluster } from './resolve';
import { serviceDeploymentBrief, serviceDeploymentOut } from './views';

function serviceOf(r: Region, sd: ServiceDeploymentRecord): ServiceRecord | undefined {
  return r.clusters.get(sd.clusterName)?.services.get(sd.serviceName);
}

function toMs(value: unknown): number | undefined {
  return typeof value === 'number' ? value * 1000 : undefined;
}

const ListServiceDeployments: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const cluster = requireCluster(r, input.str('cluster'));
  const svc = findService(cluster, input.required('service'));
  if (!svc) throw new AwsError('ServiceNotFoundException', 'Service not found.');
  const statuses = input.strings('status');
  const created = input.object('createdAt') ?? {};
  const after = toMs(created.after);
  const before = toMs(created.before);
  const list = [...r.serviceDeployments.values()]
    .filter(
      (sd) =>
        sd.serviceArn === svc.arn &&
        (statuses === undefined || statuses.includes(sd.status)) &&
        (after === undefined || sd.createdAt >= after) &&
        (before === undefined || sd.createdAt <= before),
    )
    .sort((a, b) => b.createdAt - a.createdAt);
  const { page, nextToken } = input.page(list, nextTokenPaging('maxResults', 100, 20));
  return { serviceDeployments: page.map(serviceDeploymentBrief), nextToken };
};

const DescribeServiceDeployments: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const arns = input.strings('serviceDeploymentArns') ?? [];
  if (arns.length === 0 || arns.length > 20) input.fail('serviceDeploymentArns must hold 1 to 20 ARNs.');
  const serviceDeployments: Json[] = [];
  const failures: Json[] = [];
  for (const arn of arns) {
    const sd = r.serviceDeployments.get(arn);
    if (sd) serviceDeployments.push(serviceDeploymentOut(r, sd, serviceOf(r, sd)?.desiredCount ?? 0));
    else failures.push({ arn, reason: 'MISSING' });
  }
  return { serviceDeployments, failures };
};

const StopServiceDeployment: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const arn = input.required('serviceDeploymentArn');
  const stopType = input.str('stopType') ?? 'ROLLBACK';
  if (stopType !== 'ROLLBACK' && stopType !== 'ABORT') input.fail(`Invalid stopType: ${stopType}`);
  const sd = r.serviceDeployments.get(arn);
  if (!sd) throw new AwsError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.');
  if (['STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'].includes(sd.status)) {
    return { serviceDeploymentArn: arn };
  }
  if (!isInFlight(sd)) {
    throw new AwsError(
      'ConflictException',
      `The service deployment is ${sd.status} and can no longer be stopped.`,
    );
  }
  const svc = serviceOf(r, sd);
  const dep = svc?.deployments.find((d) => d.id === sd.deploymentId);
  if (!svc || !dep)
    throw new AwsError('ConflictException', 'The service deployment has no running deployment to stop.');
  if (stopType === 'ROLLBACK') {
    if (!svc.lastCompleted || svc.lastCompleted.deploymentId === dep.id) {
      throw new AwsError(
        'ConflictException',
        'The service has no completed service revision to roll back to.',
      );
    }
    sd.status = 'ROLLBACK_REQUESTED';
    dep.rolloutState = 'FAILED';
    dep.rolloutStateReason = 'ECS deployment rolled back on request (StopServiceDeployment).';
    dep.updatedAt = ctx.now;
    startRollback(
      r,
      svc,
      dep,
      sd,
      ctx.now,
      'Service deployment rolled back by a StopServiceDeployment request.',
    );
  } else {
    dep.rolloutState = 'FAILED';
    dep.rolloutStateReason = 'ECS deployment stopped on request (StopServiceDeployment).';
    dep.updatedAt = ctx.now;
    sd.status = 'STOPPED';
    sd.statusReason = 'Service deployment stopped by a StopServiceDeployment request.';
    sd.stoppedAt = ctx.now;
    sd.updatedAt = ctx.now;
  }
  svc.dirty = true;
  return { serviceDeploymentArn: arn };
};

const DescribeServiceRevisions: ActionHandler = (ctx, raw) => {
  const r = regionFor(ctx);
  const input = new Input(raw, invalidParameter);
  const arns = input.strings('serviceRevisionArns') ?? [];
  if (arns.length === 0 || arns.length > 20) input.fail('serviceRevisionArns must hold 1 to 20 ARNs.');
  const serviceRevisions: Json[] = [];
  const failures: Json[] = [];
  for (const arn of arns) {
    const rev = r.serviceRevisions.get(arn);
    if (!rev) {
      failures.push({ arn, reason: 'MISSING' });
      continue;
    }
    const td = findTaskDefinition(r, rev.taskDefinition);
    const containers = (td?.body.containerDefinitions as Json[] | undefined) ?? [];
    serviceRevisions.push({
      serviceRevisionArn: rev.arn,
      serviceArn: rev.serviceArn,
      clusterArn: rev.clusterArn,
      taskDefinition: rev.taskDefinition,
      capacityProviderStrategy: rev.capacityProviderStrategy,
      launchType: rev.launchType,
      platformVersion: rev.platformVersion,
      platformFamily: rev.launchType === 'FARGATE' ? 'Linux' : undefined,
      networkConfiguration: rev.networkConfiguration,
      containerImages: containers.map((c) => ({ containerName: c.name, image: c.image })),
      guardDutyEnabled: false,
      createdAt: new Date(rev.createdAt),
    });
  }
  return { serviceRevisions, failures };
};

export const serviceDeploymentActions: Record<string, ActionHandler> = {
  ListServiceDeployments,
  DescribeServiceDeployments,
  StopServiceDeployment,
  DescribeServiceRevisions,
};
