import * as core from '@actions/core';
import type { ECSClient, Service } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '@ecs-delivery/shared';
import type { EcsClients as Clients } from '@ecs-delivery/shared/aws';
import { type CheckedImage, checkImages } from '@ecs-delivery/shared/ecr';
import {
  describeTaskDefinition,
  findLastSuccessful,
  isSteady,
  primaryDeployment,
  requireActiveServices,
  rollbackLandsOn,
  serviceKey,
  type ServiceRef,
  shortTaskDefinition,
  type TrackedDeployment,
} from '@ecs-delivery/shared/ecs';
import {
  type ContainerDefinition,
  defaultContainer,
  diffTaskDefinitions,
  referencedImages,
  type RegisterTaskDefinitionInput,
  renderTaskDefinition,
  sameTaskDefinition,
  type TaskDefinitionChange,
  type TaskDefinitionDocument,
} from '@ecs-delivery/shared/taskdef';
import type { Inputs, ServiceToRollBack } from './inputs';
import type { RollbackTarget } from './target';

/** A service checked, with where it goes back to: everything read, nothing changed. */
export interface PreparedRollback {
  label: string;
  ref: ServiceRef;
  /** The service as it was before this run. */
  service: Service;
  /** The task definition it runs now (its PRIMARY deployment's). */
  currentArn: string;
  current: TaskDefinitionDocument | undefined;
  /** Its deployment still in flight, when the current one is IN_PROGRESS. */
  inFlight: TrackedDeployment | undefined;
  /** The revision it goes back to; `undefined` when a new one is registered first (`register`). */
  targetArn: string | undefined;
  /** A new revision of the current definition with the image of `to`. */
  register: RegisterTaskDefinitionInput | undefined;
  /** The target's containers, to explain a failure. */
  targetContainers: ContainerDefinition[];
  /** How the target was chosen, in words. */
  source: string;
  /** The image of `to` (image form): the container it goes to and how ECR knows it. */
  image: { container: string; checked: CheckedImage } | undefined;
  /** What changes from the current definition to the target. */
  changes: TaskDefinitionChange[];
  /** Stop the deployment in flight with StopServiceDeployment(ROLLBACK): ECS goes back to the target itself. */
  stopInFlight: boolean;
  /** The service is steady on the target already: nothing to do. */
  noop: boolean;
}

function refuse(message: string): never {
  throw new ConfigurationError(`Input "to": ${message}`, { input: 'to' });
}

/** A rollback target must exist and be ACTIVE: ECS starts no new task from a deregistered revision. */
async function requireActive(
  ecs: ECSClient,
  ref: string,
  what: string,
): Promise<TaskDefinitionDocument & { taskDefinitionArn: string }> {
  const doc = await describeTaskDefinition(ecs, ref);
  if (doc?.taskDefinitionArn === undefined) {
    refuse(`${what} does not exist in this account and region. Nothing was changed.`);
  }
  if (doc.status !== 'ACTIVE') {
    refuse(
      `${what} is ${doc.status ?? 'not ACTIVE'} (deregistered): ECS starts no new task from it. Register it again as a new revision and roll back to that, or choose another revision. Nothing was changed.`,
    );
  }
  return { ...doc, taskDefinitionArn: doc.taskDefinitionArn };
}

async function lastSuccessful(
  clients: Clients,
  p: { label: string; ref: ServiceRef; service: Service; currentArn: string },
): Promise<string | undefined> {
  const found = await findLastSuccessful(clients.ecs, p.ref, {
    exclude: p.currentArn,
    service: p.service,
    onFallback: (why) =>
      core.warning(
        `${p.label}: cannot read the ECS deployment history (${why}); no earlier deployment is known.`,
      ),
  });
  return found?.taskDefinitionArn;
}

interface Resolved {
  targetArn: string | undefined;
  doc: TaskDefinitionDocument | RegisterTaskDefinitionInput;
  register: RegisterTaskDefinitionInput | undefined;
  source: string;
  image: PreparedRollback['image'];
}

async function imageTarget(
  clients: Clients,
  target: Extract<RollbackTarget, { kind: 'image' }>,
  p: { label: string; current: TaskDefinitionDocument | undefined; currentArn: string },
): Promise<Resolved> {
  const current = p.current;
  if (current === undefined) {
    refuse(
      `the current task definition of ${p.label}, ${shortTaskDefinition(p.currentArn)}, cannot be described, so no revision can be made from it with the image.`,
    );
  }
  const containers = current.containerDefinitions ?? [];
  const chosen =
    target.container === undefined
      ? defaultContainer(containers)
      : containers.find((c) => c.name === target.container);
  if (chosen?.name === undefined) {
    refuse(
      `names the container "${target.container ?? ''}", which ${shortTaskDefinition(p.currentArn)} does not have; its containers are ${containers.map((c) => `"${c.name ?? ''}"`).join(', ')}.`,
    );
  }
  const name = chosen.name;
  const checked = (
    await checkImages(
      clients.ecr,
      [{ image: target.image, usedBy: `container "${name}" of ${p.label}`, input: 'to' }],
      clients.ecrFor,
    )
  ).get(target.image)!;
  const rendered = renderTaskDefinition(current, {
    images: { [name]: checked.kind === 'ecr' ? checked.pinned : target.image },
    placeholders: false,
    source: `task definition ${shortTaskDefinition(p.currentArn)}`,
    inputs: { images: 'to', taskDefinition: 'to' },
  });
  const same = sameTaskDefinition(rendered, current);
  return {
    targetArn: same ? p.currentArn : undefined,
    doc: rendered,
    register: same ? undefined : rendered,
    source: `${shortTaskDefinition(p.currentArn)} with the image ${checked.kind === 'ecr' ? checked.pinned : target.image} in container ${name}`,
    image: { container: name, checked },
  };
}

async function resolveTarget(
  clients: Clients,
  target: RollbackTarget,
  p: {
    label: string;
    ref: ServiceRef;
    service: Service;
    currentArn: string;
    current: TaskDefinitionDocument | undefined;
    manifest: boolean;
    allowOtherFamily: boolean;
  },
): Promise<Resolved> {
  if (target.kind === 'image') return imageTarget(clients, target, p);
  let doc: TaskDefinitionDocument & { taskDefinitionArn: string };
  let source: string;
  if (target.kind === 'task-definition') {
    doc = await requireActive(clients.ecs, target.ref, `task definition ${target.ref}`);
    source = `task definition ${shortTaskDefinition(doc.taskDefinitionArn)}`;
  } else {
    const arn = await lastSuccessful(clients, p);
    if (arn === undefined) {
      refuse(
        `no successful deployment of ${p.label} before its current task definition ${shortTaskDefinition(p.currentArn)} is known (ECS keeps about 90 days of deployment history), so "previous-successful" has nowhere to go. ${
          p.manifest
            ? 'Leave the service out with "services", or roll it back on its own with "cluster", "service" and a task definition or image in "to".'
            : 'Give "to" a task definition (family:revision or an ARN) or an image.'
        } Nothing was changed.`,
      );
    }
    doc = await requireActive(
      clients.ecs,
      arn,
      `the last successful deployment of ${p.label} before the current one ran ${shortTaskDefinition(arn)}, which`,
    );
    source = `the last successful deployment before the current one (${shortTaskDefinition(doc.taskDefinitionArn)})`;
  }
  // The images must still be there: a lifecycle policy may have expired them since.
  await checkImages(
    clients.ecr,
    referencedImages(doc).map((u) => ({
      image: u.image,
      usedBy: `container "${u.container}" of ${shortTaskDefinition(doc.taskDefinitionArn)} (the rollback target of ${p.label})`,
      input: 'to',
    })),
    clients.ecrFor,
  );
  const currentFamily = p.current?.family;
  if (currentFamily !== undefined && doc.family !== currentFamily) {
    const what = `the target ${shortTaskDefinition(doc.taskDefinitionArn)} is of another family than the current ${shortTaskDefinition(p.currentArn)}`;
    if (!p.allowOtherFamily) {
      refuse(
        `${what} of ${p.label}: a rollback goes back to an earlier revision of the same family. Set "allow-other-family: true" to move the service to another family on purpose. Nothing was changed.`,
      );
    }
    core.warning(`${p.label}: ${what} (allow-other-family is true).`);
  }
  return { targetArn: doc.taskDefinitionArn, doc, register: undefined, source, image: undefined };
}

async function prepareOne(
  clients: Clients,
  entry: ServiceToRollBack,
  service: Service,
  inputs: Pick<Inputs, 'to' | 'mode' | 'allowOtherFamily'>,
): Promise<PreparedRollback> {
  const ref = { cluster: entry.cluster, service: entry.service };
  const currentArn = service.taskDefinition;
  if (currentArn === undefined) throw new Error(`ECS describes ${entry.label} without a task definition.`);
  const current = await describeTaskDefinition(clients.ecs, currentArn);
  const p = {
    label: entry.label,
    ref,
    service,
    currentArn,
    current,
    manifest: inputs.mode === 'manifest',
    allowOtherFamily: inputs.allowOtherFamily,
  };
  const resolved = await resolveTarget(clients, inputs.to, p);
  const inFlight = primaryDeployment(ref, service, { inFlight: true });
  const steady = isSteady(service);
  // StopServiceDeployment(ROLLBACK) only when ECS would land where this rollback goes: the last successful
  // deployment, which every deployment the one in flight replaces runs (a FAILED one: ECS is rolling back already).
  let stopInFlight = false;
  if (
    inFlight?.serviceDeploymentArn !== undefined &&
    resolved.targetArn !== undefined &&
    resolved.targetArn !== currentArn &&
    rollbackLandsOn(service, resolved.targetArn, inFlight.deploymentId)
  ) {
    const known =
      inputs.to.kind === 'previous-successful' ? resolved.targetArn : await lastSuccessful(clients, p);
    stopInFlight = resolved.targetArn === known;
  }
  return {
    label: entry.label,
    ref,
    service,
    currentArn,
    current,
    inFlight,
    targetArn: resolved.targetArn,
    register: resolved.register,
    targetContainers: resolved.doc.containerDefinitions ?? [],
    source: resolved.source,
    image: resolved.image,
    changes: diffTaskDefinitions(current, resolved.doc),
    stopInFlight,
    noop: resolved.targetArn === currentArn && steady,
  };
}

/**
 * The preflight of a whole run, before any change: clusters and services exist and are ACTIVE, and each
 * service's target is known, ACTIVE and has its images in ECR (an image of `to` is pinned by digest). A
 * refusal of any service stops the run with every refusal listed; nothing has changed then.
 */
export async function prepareRollbacks(
  clients: Clients,
  inputs: Pick<Inputs, 'to' | 'mode' | 'services' | 'allowOtherFamily'>,
): Promise<PreparedRollback[]> {
  const entries = inputs.services;
  const services = await requireActiveServices(
    clients.ecs,
    entries.map((e) => ({ cluster: e.cluster, service: e.service })),
    inputs.mode === 'manifest' ? { cluster: 'manifest', service: 'manifest' } : {},
  );
  const settled = await Promise.allSettled(
    entries.map((e) =>
      prepareOne(clients, e, services.get(serviceKey({ cluster: e.cluster, service: e.service }))!, inputs),
    ),
  );
  const refused = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (refused.length === 1) throw refused[0];
  if (refused.length > 1) {
    if (!refused.every((r) => r instanceof ConfigurationError))
      throw refused.find((r) => !(r instanceof ConfigurationError));
    throw new ConfigurationError(
      `${refused.length} services cannot be rolled back:\n${refused.map((r) => `  - ${(r as Error).message}`).join('\n')}`,
      { input: (refused[0] as ConfigurationError).input ?? 'to' },
    );
  }
  return settled.map((s) => (s as PromiseFulfilledResult<PreparedRollback>).value);
}

/** Prints what the preflight found for one service. */
export function printPrepared(p: PreparedRollback): void {
  core.info(
    `${p.label}: service ${p.ref.service} in cluster ${p.ref.cluster}, running ${shortTaskDefinition(p.currentArn)}${p.inFlight !== undefined ? ` (deployment ${p.inFlight.deploymentId} in progress)` : ''}.`,
  );
  core.info(`  goes back to: ${p.source}${p.register !== undefined ? ' (a new revision)' : ''}`);
  if (p.noop) core.info('  the service is steady on it already: nothing to do');
  else
    core.info(
      `  how: ${p.stopInFlight ? 'StopServiceDeployment (ROLLBACK) of the deployment in flight' : 'UpdateService'}`,
    );
}
