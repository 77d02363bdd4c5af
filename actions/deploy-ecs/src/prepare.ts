import * as core from '@actions/core';
import type { Service } from '@aws-sdk/client-ecs';
import { ConfigurationError, parseRepositoryRef } from '@ecs-delivery/shared';
import type { DeployClients as Clients } from '@ecs-delivery/shared/aws';
import { type CheckedImage, checkImages, resolveRepository } from '@ecs-delivery/shared/ecr';
import {
  describeLiveAndLatest,
  findLastSuccessful,
  isSteady,
  type KnownGood,
  requireActiveServices,
  serviceKey,
  type ServiceRef,
  shortTaskDefinition,
} from '@ecs-delivery/shared/ecs';
import { findMissingReferences, findUnreadableEnvironmentFiles } from '@ecs-delivery/shared/preflight';
import {
  awslogsGroups,
  defaultContainer,
  diffTaskDefinitions,
  formatDiffText,
  referencedEnvironmentFiles,
  referencedImages,
  referencedSecrets,
  type RegisterTaskDefinitionInput,
  renderTaskDefinition,
  sameTaskDefinition,
  type TaskDefinitionChange,
  type TaskDefinitionDocument,
} from '@ecs-delivery/shared/taskdef';
import type { ServicePlan } from './plan';

/** A service checked and rendered, ready to deploy: everything read, nothing changed. */
export interface PreparedService {
  plan: ServicePlan;
  ref: ServiceRef;
  /** The service as it was before this run. */
  service: Service;
  /** Its task definition before this run. */
  live: TaskDefinitionDocument | undefined;
  /** The newest ACTIVE revision of the live definition's family, as described with it (none: not described). */
  familyNewest: { latest: TaskDefinitionDocument | undefined } | undefined;
  /** What will be registered: rendered, images pinned by digest. */
  rendered: RegisterTaskDefinitionInput;
  /** The rendered definition equals the live one: no new revision. */
  unchanged: boolean;
  /** The service runs one COMPLETED deployment (nothing in flight). */
  steady: boolean;
  changes: TaskDefinitionChange[];
  /** Each container's image as checked against ECR. */
  images: { container: string; checked: CheckedImage }[];
  /** Where a failure goes back to. */
  knownGood: KnownGood | undefined;
  /** The container migrations run in, when there are migrations. */
  migrationContainer: string | undefined;
}

/** The images chosen for the containers, as references (manifest tags and digests looked up in ECR). */
async function chosenImages(clients: Clients, plan: ServicePlan): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [container, choice] of Object.entries(plan.images)) {
    if (choice.kind === 'ref') {
      out[container] = choice.ref;
      continue;
    }
    const repo = await resolveRepository(clients.ecr, parseRepositoryRef(choice.repository, choice.input), {
      input: choice.input,
    });
    out[container] =
      choice.digest !== undefined ? `${repo.uri}@${choice.digest}` : `${repo.uri}:${choice.tag ?? ''}`;
  }
  return out;
}

/** A lookup started early and awaited later: until then, its failure is not an unhandled rejection. */
function settleLater<T>(lookup: Promise<T>): Promise<T> {
  lookup.catch(() => undefined);
  return lookup;
}

async function prepareOne(clients: Clients, plan: ServicePlan, service: Service): Promise<PreparedService> {
  const ref = { cluster: plan.cluster, service: plan.service };
  // The lookups that need nothing else start at once, for every service of the release in the same turn, so
  // the batched ones (repositories, service revisions) go out as a few calls for the whole release; each is
  // awaited where it was before, so a failure still surfaces in the same order.
  const imagesLookup = settleLater(chosenImages(clients, plan));
  const knownGoodLookup = settleLater(
    findLastSuccessful(clients.ecs, ref, {
      service,
      onFallback: (why) =>
        core.warning(
          `${plan.label}: cannot read the ECS deployment history (${why}); judging by the service's current deployment.`,
        ),
    }),
  );
  const liveArn = service.taskDefinition;
  const described = liveArn === undefined ? undefined : await describeLiveAndLatest(clients.ecs, liveArn);
  const live = described?.live;
  const base = plan.taskDefinition ?? live;
  if (base === undefined) {
    throw new ConfigurationError(
      `Service ${plan.service} has no task definition ECS can describe (${liveArn ?? 'none'}); give "task-definition".`,
      { input: plan.inputs.taskDefinition },
    );
  }
  const images = await imagesLookup;
  const rendered = renderTaskDefinition(base, {
    images,
    environment: plan.environment,
    secrets: plan.secrets,
    vars: plan.vars,
    placeholders: plan.taskDefinition !== undefined,
    source: plan.taskDefinitionFile ?? `live task definition ${shortTaskDefinition(liveArn)}`,
    inputs: plan.inputs,
  });

  const uses = referencedImages(rendered);
  const checked = await checkImages(
    clients.ecr,
    uses.map((u) => ({
      image: u.image,
      usedBy: `container "${u.container}" of ${plan.label}`,
      input: plan.images[u.container]?.input ?? plan.inputs.taskDefinition,
    })),
    clients.ecrFor,
  );
  const pinned = {
    ...rendered,
    containerDefinitions: (rendered.containerDefinitions ?? []).map((c) => {
      const check = c.image === undefined ? undefined : checked.get(c.image);
      return check?.kind === 'ecr' ? { ...c, image: check.pinned } : c;
    }),
  };

  const missing = await findMissingReferences(
    clients.references,
    referencedSecrets(pinned),
    awslogsGroups(pinned),
    {
      region: clients.region,
      accountId: clients.accountId,
      onSkipped: (r, why) => core.info(`${plan.label}: not checking ${r.name} (${r.valueFrom}): ${why}.`),
      // The secrets input is typed into a workflow, where a value may be pasted by mistake; a manifest's are not.
      unshown:
        plan.inputs.secrets === 'secrets'
          ? { values: new Set(Object.values(plan.secrets)), input: 'secrets' }
          : undefined,
    },
  );
  const unreadable = await findUnreadableEnvironmentFiles(
    clients.references.s3,
    referencedEnvironmentFiles(pinned),
  );
  if (missing.length > 0 || unreadable.length > 0) {
    const input = missing.some(
      (m) => m.kind !== 'log-group' && Object.keys(plan.secrets).some((k) => k.endsWith(m.name)),
    )
      ? plan.inputs.secrets
      : plan.inputs.taskDefinition;
    throw new ConfigurationError(
      `${plan.label}: the task definition references what ${unreadable.length > 0 ? 'a task cannot load' : 'does not exist'}:\n${[...missing, ...unreadable].map((m) => `  - ${m.message}`).join('\n')}`,
      { input },
    );
  }

  let migrationContainer: string | undefined;
  if (plan.migration !== undefined) {
    const containers = pinned.containerDefinitions ?? [];
    const wanted = plan.migration.container;
    const found =
      wanted === undefined ? defaultContainer(containers) : containers.find((c) => c.name === wanted);
    if (found?.name === undefined) {
      throw new ConfigurationError(
        `The migration container "${wanted ?? ''}" is not in the task definition of ${plan.label}; its containers are ${containers.map((c) => `"${c.name ?? ''}"`).join(', ')}.`,
        { input: plan.inputs.taskDefinition === 'manifest' ? 'manifest' : 'migrate-container' },
      );
    }
    migrationContainer = found.name;
  }

  const knownGood = await knownGoodLookup;
  return {
    plan,
    ref,
    service,
    live,
    familyNewest: described === undefined ? undefined : { latest: described.latest },
    rendered: pinned,
    unchanged: live !== undefined && sameTaskDefinition(pinned, live),
    steady: isSteady(service),
    changes: diffTaskDefinitions(live, pinned),
    images: uses.map((u) => ({ container: u.container, checked: checked.get(u.image)! })),
    knownGood,
    migrationContainer,
  };
}

function describeImage(c: CheckedImage): string {
  if (c.kind === 'external') return `${c.image} (not in ECR: not checked)`;
  return c.tag !== undefined ? `${c.pinned} (tag ${c.tag})` : c.pinned;
}

/** Prints what the preflight found for one service: images, changes, where a failure would go back to. */
export function printPrepared(p: PreparedService): void {
  core.info(
    `${p.plan.label}: service ${p.ref.service} in cluster ${p.ref.cluster}, running ${shortTaskDefinition(p.live?.taskDefinitionArn ?? p.service.taskDefinition)}.`,
  );
  for (const { container, checked } of p.images) core.info(`  image ${container}: ${describeImage(checked)}`);
  core.info(`  changes:\n${formatDiffText(p.changes).replace(/^/gm, '    ')}`);
  core.info(
    p.knownGood === undefined
      ? '  last successful deployment: none known (a failure cannot be rolled back automatically)'
      : `  last successful deployment: ${shortTaskDefinition(p.knownGood.taskDefinitionArn)}`,
  );
}

/**
 * The preflight of a whole run, before any change: clusters and services exist and are ACTIVE, every image
 * is in ECR (and gets pinned by digest), every referenced parameter, secret, log group and environment file exists, and
 * each service's last successful deployment is known. Any failure here has changed nothing.
 */
export async function prepareRelease(
  clients: Clients,
  waves: readonly ServicePlan[][],
): Promise<PreparedService[][]> {
  const plans = waves.flat();
  const fromManifest = plans[0]?.inputs.taskDefinition === 'manifest';
  const services = await requireActiveServices(
    clients.ecs,
    plans.map((p) => ({ cluster: p.cluster, service: p.service })),
    fromManifest ? { cluster: 'manifest', service: 'manifest' } : {},
  );
  const prepared = await Promise.all(
    plans.map((p) =>
      prepareOne(clients, p, services.get(serviceKey({ cluster: p.cluster, service: p.service }))!),
    ),
  );
  const byPlan = new Map(prepared.map((p) => [p.plan, p]));
  return waves.map((wave) => wave.map((p) => byPlan.get(p)!));
}
