import { AwsError } from '../core/errors';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/identity';
import { Input, invalidParameter, type Json } from '../core/request';
import { seedEntries } from '../core/seed-entries';
import type { Simulator } from '../core/simulator';
import { createCluster } from './api-clusters';
import { completeDeployment } from './deployments';
import { regionOf, type Region } from './model';
import { findCluster } from './resolve';
import { createService } from './api-services';
import { clientErrors, registerTaskDefinition } from './api-task-definitions';
import { serviceTask } from './scheduler';
import { createTask, startTaskRunning } from './task-lifecycle';
import { launchFor } from './launch';
import { placeTask } from './placement';
import { findTaskDefinition } from './resolve';

/** Seed documents: `clusters`, `taskDefinitions`, `services` (steady from the start). */

/** An entry as an object: a bare string is `{name}`. */
function entryOf(entry: unknown): Json {
  if (typeof entry === 'string') return { name: entry };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new AwsError('ValidationException', 'an entry must be a name or an object');
  }
  return entry as Json;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What RegisterTaskDefinition would refuse with ECS's terser words, said the way a seed author can act on: a
 * container of a non-Fargate definition with no memory of its own and no task-level memory.
 */
function checkContainerMemory(rest: Json): void {
  const requires = Array.isArray(rest.requiresCompatibilities) ? rest.requiresCompatibilities : [];
  if (requires.includes('FARGATE') || rest.memory !== undefined) return;
  const containers = Array.isArray(rest.containerDefinitions) ? rest.containerDefinitions : [];
  for (const c of containers) {
    if (isObject(c) && c.memory === undefined && c.memoryReservation === undefined) {
      const name = typeof c.name === 'string' ? c.name : '?';
      throw new AwsError(
        'ClientException',
        `container "${name}" needs memory or memoryReservation (or a task-level memory)`,
      );
    }
  }
}

function placeOf(sim: Simulator, entry: Json): { r: Region; rest: Json } {
  const { account, region, ...rest } = entry;
  const r = regionOf(
    sim,
    typeof account === 'string' ? account : DEFAULT_ACCOUNT,
    typeof region === 'string' ? region : DEFAULT_REGION,
  );
  return { r, rest };
}

export function seedClusters(data: unknown, sim: Simulator): void {
  seedEntries('clusters', data, (entry) => {
    const { r, rest } = placeOf(sim, entryOf(entry));
    const name = rest.name ?? rest.clusterName;
    if (typeof name !== 'string') throw new AwsError('ValidationException', 'a cluster needs a name');
    createCluster(r, name);
  });
}

export function seedTaskDefinitions(data: unknown, sim: Simulator): void {
  seedEntries('taskDefinitions', data, (entry) => {
    const { r, rest } = placeOf(sim, entryOf(entry));
    checkContainerMemory(rest);
    registerTaskDefinition(
      r,
      new Input(rest, clientErrors),
      sim.clock.now(),
      `arn:aws:iam::${r.account}:root`,
    );
  });
}

/** Services start steady: their first deployment COMPLETED with its tasks already RUNNING. */
export function seedServices(data: unknown, sim: Simulator): void {
  const now = sim.clock.now();
  seedEntries('services', data, (entry) => {
    const { r, rest } = placeOf(sim, entryOf(entry));
    const input = new Input(rest, invalidParameter);
    const clusterName = input.str('cluster') ?? 'default';
    const cluster = findCluster(r, clusterName);
    if (!cluster) {
      throw new AwsError(
        'ClusterNotFoundException',
        `cluster "${clusterName}" does not exist in account ${r.account}, region ${r.region}`,
      );
    }
    const tdRef = input.str('taskDefinition');
    if (tdRef !== undefined && !findTaskDefinition(r, tdRef)) {
      throw new AwsError('ClientException', `taskDefinition "${tdRef}" is not registered`);
    }
    const svc = createService(r, cluster, input, now, `arn:aws:iam::${r.account}:root`);
    const dep = svc.deployments[0];
    const td = findTaskDefinition(r, svc.taskDefinition);
    if (!dep || !td) return;
    const record = r.serviceDeployments.get(dep.serviceDeploymentArn);
    if (record) record.startedAt = now;
    const launch = launchFor(svc.settings, td, cluster);
    for (let i = 0; i < svc.desiredCount; i++) {
      // Seeded services start steady; on EC2 their tasks take room on the seeded instances where there is some.
      const where = placeTask(sim, r, cluster, td, launch);
      const task = createTask(
        sim,
        r,
        cluster,
        td,
        {
          ...serviceTask(svc, dep, launch, []),
          ...(where.ok && where.containerInstanceArn
            ? { containerInstanceArn: where.containerInstanceArn }
            : {}),
        },
        now,
      );
      startTaskRunning(sim, task, now);
    }
    completeDeployment(r, svc, dep, now);
    r.modelTime = now;
  });
}
