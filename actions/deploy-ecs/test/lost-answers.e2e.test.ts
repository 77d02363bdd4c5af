/**
 * A mutating call whose answer is lost (the simulator carries it out, then hangs up) is never carried out twice:
 * deploy-ecs looks at what the call did before sending it again.
 */
import { join } from 'node:path';
import { ListTasksCommand } from '@aws-sdk/client-ecs';
import {
  CLUSTER,
  describeService,
  ecsOf,
  revisionsOf,
  runAction,
  seedServices,
  servicesOutput,
  uriOf,
  useSim,
  whenCalled,
} from '@ecs-delivery/testkit';

const sim = useSim();

/** The calls of `action` since `since`: all of them, and those whose answer came back. */
async function callsOf(action: string, since: number): Promise<{ all: number; answered: number }> {
  const calls = await sim().calls({ service: 'ecs', action, since });
  return { all: calls.length, answered: calls.filter((c) => c.lost !== true).length };
}

describe('deploy-ecs when an answer is lost', () => {
  it('RegisterTaskDefinition: the revision the lost call made is used, no second one is registered', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
    await sim().scenario([{ api: 'ecs:RegisterTaskDefinition', fault: { loseResponse: 1, times: 1 } }]);
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:v2` },
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(await callsOf('RegisterTaskDefinition', since)).toEqual({ all: 1, answered: 0 });
    expect(await revisionsOf(sim(), 'web')).toHaveLength(2);
    expect((await describeService(sim(), 'web')).taskDefinition).toBe(run.outputs['task-definition-arn']);
    expect(run.outputs['task-definition-arn']).toMatch(/:2$/);
  });

  it('UpdateService: the deployment the lost call started is watched, the update is not sent again', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
    await sim().scenario([{ api: 'ecs:UpdateService', fault: { loseResponse: 1, times: 1 } }]);
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:v2` },
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(await callsOf('UpdateService', since)).toEqual({ all: 1, answered: 0 });
    expect(await callsOf('RegisterTaskDefinition', since)).toEqual({ all: 1, answered: 1 });
    const service = await describeService(sim(), 'web');
    expect(service.taskDefinition).toBe(run.outputs['task-definition-arn']);
    expect(service.deployments?.filter((d) => d.status === 'PRIMARY')).toHaveLength(1);
  });

  it('UpdateService of a deployment ECS rolls back before the check: rolled_back, the update is not sent again', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
    const before = await describeService(sim(), 'web');
    // The tasks never start, so the circuit breaker trips and ECS rolls back while the slow DescribeServices
    // after the lost answer is on its way (1.5 s, 15 simulated minutes at the randomised runs' 600 times real
    // time): by its answer the new deployment is no longer PRIMARY, or gone.
    await sim().clock({ timeScale: 600 });
    await sim().scenario([
      {
        image: '*/shop/web:v2',
        task: { failToStart: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)' },
      },
      { api: 'ecs:UpdateService', fault: { loseResponse: 1, times: 1 } },
      { api: 'ecs:DescribeServices', fault: { latencyMs: 1500 } },
    ]);
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:v2` },
    });
    const updates = await sim().calls({ service: 'ecs', action: 'UpdateService', since });
    expect(updates.filter((c) => c.status === 200)).toHaveLength(1);
    expect(run.outputs.outcome).toBe('rolled_back');
    expect(run.exitCode).toBe(1);
    expect(run.outputs['failure-reason']).toContain('circuit breaker');
    expect(servicesOutput(run)[0]).toMatchObject({
      outcome: 'rolled_back',
      rollback: { method: 'ecs', outcome: 'succeeded', to: before.taskDefinition },
    });
    await sim().clearScenario();
    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(before.taskDefinition);
    expect(after.deployments?.filter((d) => d.status === 'PRIMARY')).toHaveLength(1);
  });

  it('RunTask of a migration: the SDK resends the same client token, one task runs', async () => {
    await seedServices(sim(), [{ name: 'api', tags: ['v1', 'v2'] }]);
    await sim().scenario([
      { command: 'npm run migrate', task: { exitCode: 0, afterSeconds: 1, logs: ['migrated'] } },
      { api: 'ecs:RunTask', fault: { loseResponse: 1, times: 1 } },
    ]);
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: {
        cluster: CLUSTER,
        service: 'api',
        images: `api=${uriOf(sim(), 'shop/api')}:v2`,
        'migrate-command': 'npm run migrate',
        'migrate-container': 'api',
      },
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(run.outputs['migration-exit-code']).toBe('0');
    expect(await callsOf('RunTask', since)).toEqual({ all: 2, answered: 1 });
    const ecs = ecsOf(sim());
    try {
      const listed = await ecs.send(
        new ListTasksCommand({ cluster: CLUSTER, startedBy: 'ecs-delivery', desiredStatus: 'STOPPED' }),
      );
      expect(listed.taskArns).toHaveLength(1);
    } finally {
      ecs.destroy();
    }
  });

  it('StopServiceDeployment of the rollback: the rollback the lost call started is watched, the stop is not sent again', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }]);
    await sim().scenario([
      { image: '*/shop/web:slow', task: { startSeconds: 3600 } },
      { api: 'ecs:StopServiceDeployment', fault: { loseResponse: 1, times: 1 } },
    ]);
    const before = await describeService(sim(), 'web');
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: {
        cluster: CLUSTER,
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:slow`,
        timeout: '2s',
      },
    });
    expect(run.outputs.outcome).toBe('timed_out');
    expect(servicesOutput(run)[0]).toMatchObject({
      rollback: { outcome: 'succeeded', method: 'stop-service-deployment' },
    });
    expect(await callsOf('StopServiceDeployment', since)).toEqual({ all: 1, answered: 0 });
    expect(await callsOf('UpdateService', since)).toEqual({ all: 1, answered: 1 });
    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(before.taskDefinition);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
  });

  it('UpdateService of the rollback: each service the failure puts back gets one update, one of them the lost one', async () => {
    const names = ['dashboard', 'proxy', 'workers', 'broker'];
    await seedServices(
      sim(),
      names.map((name) => ({ name, tags: ['v1', 'v2'] })),
    );
    // proxy (wave 2) crashes: dashboard (wave 1) and workers (wave 2), which succeeded, go back by UpdateService.
    await sim().scenario([{ image: '*/shop/proxy:v2', task: { exitCode: 1, afterSeconds: 4 } }]);
    const before = Object.fromEntries(
      await Promise.all(
        names.map(async (n) => [n, (await describeService(sim(), n)).taskDefinition] as const),
      ),
    );
    const started = Date.now();
    const running = runAction('deploy-ecs', {
      sim: sim(),
      cwd: join(__dirname, 'fixtures'),
      inputs: { manifest: 'release.yml', environment: 'dev', 'image-tag': 'v2' },
    });
    // The deploy's three updates are answered; the first rollback update's answer is lost.
    await whenCalled(sim(), 'ecs:UpdateService', { since: started, count: 3 });
    const since = Date.now() + 1;
    await sim().scenario([{ api: 'ecs:UpdateService', fault: { loseResponse: 1, times: 1 } }]);
    const run = await running;

    expect(run.outputs.outcome).toBe('failed');
    const byName = Object.fromEntries(servicesOutput(run).map((e) => [e['name'], e]));
    for (const name of ['dashboard', 'workers'])
      expect(byName[name]).toMatchObject({ rollback: { outcome: 'succeeded', method: 'update-service' } });
    expect(await callsOf('UpdateService', since)).toEqual({ all: 2, answered: 1 });
    for (const name of names) {
      const svc = await describeService(sim(), name);
      expect([name, svc.taskDefinition]).toEqual([name, before[name]]);
      expect(svc.deployments).toHaveLength(1);
    }
  });
});
