import { AwsError } from '../core/errors';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/identity';
import type { Simulator } from '../core/simulator';
import { createCluster } from './clusters';
import { completeDeployment } from './deployments';
import { Input, type Json } from './input';
import { regionOf, type Region } from './model';
import { requireCluster } from './resolve';
import { createService } from './services';
import { registerTaskDefinition } from './task-definitions';
import { createTask, startTaskRunning } from './task-lifecycle';
import { launchFor } from './launch';
import { findTaskDefinition } from './resolve';

/** Seed documents: `clusters`, `taskDefinitions`, `services` (steady from the start). */

function entries(data: unknown, key: string): Json[] {
  if (!Array.isArray(data)) throw new AwsError('ValidationException', `${key} must be an array`);
  return data.map((e) => (typeof e === 'string' ? { name: e } : (e as Json)));
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
  for (const entry of entries(data, 'clusters')) {
    const { r, rest } = placeOf(sim, entry);
    const name = rest.name ?? rest.clusterName;
    if (typeof name !== 'string') throw new AwsError('ValidationException', 'each cluster needs a name');
    createCluster(r, name);
  }
}

export function seedTaskDefinitions(data: unknown, sim: Simulator): void {
  for (const entry of entries(data, 'taskDefinitions')) {
    const { r, rest } = placeOf(sim, entry);
    registerTaskDefinition(
      r,
      new Input(rest, 'ClientException'),
      sim.clock.now(),
      `arn:aws:iam::${r.account}:root`,
    );
  }
}

/** Services start steady: their first deployment COMPLETED with its tasks already RUNNING. */
export function seedServices(data: unknown, sim: Simulator): void {
  const now = sim.clock.now();
  for (const entry of entries(data, 'services')) {
    const { r, rest } = placeOf(sim, entry);
    const input = new Input(rest);
    const cluster = requireCluster(r, input.str('cluster'));
    const svc = createService(r, cluster, input, now, `arn:aws:iam::${r.account}:root`);
    const dep = svc.deployments[0];
    const td = findTaskDefinition(r, svc.taskDefinition);
    if (!dep || !td) continue;
    const record = r.serviceDeployments.get(dep.serviceDeploymentArn);
    if (record) record.startedAt = now;
    for (let i = 0; i < svc.desiredCount; i++) {
      const task = createTask(
        sim,
        r,
        cluster,
        td,
        {
          startedBy: dep.id,
          group: `service:${svc.name}`,
          serviceName: svc.name,
          deploymentId: dep.id,
          serviceRevisionArn: dep.serviceRevisionArn,
          ...launchFor(svc.settings, td, cluster),
          overrides: { containerOverrides: [], inferenceAcceleratorOverrides: [] },
          tags: [],
          ...(dep.networkConfiguration ? { networkConfiguration: dep.networkConfiguration } : {}),
        },
        now,
      );
      startTaskRunning(sim, task, now);
    }
    completeDeployment(r, svc, dep, now);
    r.modelTime = now;
  }
}
