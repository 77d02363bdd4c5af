import { ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import {
  CLUSTER,
  describeService,
  runAction,
  seedServices,
  servicesOutput,
  uriOf,
  useSim,
  withEcs,
  type ActionRun,
  type ServiceSeed,
} from '@ecs-delivery/testkit';

const sim = useSim();

/** An image whose essential container exits 1 five seconds after it started running, saying why. */
const CRASHING = {
  image: '*/shop/web:bad',
  task: { exitCode: 1, afterSeconds: 5, logs: ['booting', 'panic: no config'] },
};

/** The service deployments of `web` ECS still has in flight. */
async function inFlight(): Promise<string[]> {
  return withEcs(sim(), async (ecs) => {
    const out = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: CLUSTER,
        service: 'web',
        status: ['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'STOP_REQUESTED'],
      }),
    );
    return (out.serviceDeployments ?? []).map((sd) => `${sd.status ?? ''} ${sd.serviceDeploymentArn ?? ''}`);
  });
}

/** Deploys `tag` to `web` and counts the DescribeTasks calls the run made. */
async function deploy(
  tag: string,
  extra: Record<string, string> = {},
): Promise<{ run: ActionRun; describeTasks: number }> {
  const since = Date.now() + 1;
  const run = await runAction('deploy-ecs', {
    sim: sim(),
    inputs: { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:${tag}`, ...extra },
  });
  const describeTasks = (await sim().calls({ since, action: 'DescribeTasks' })).length;
  return { run, describeTasks };
}

describe('deploy-ecs, a crash loop ECS does not stop', () => {
  it.each<[string, NonNullable<ServiceSeed['circuitBreaker']>]>([
    ['with the circuit breaker on', { enable: true, rollback: true }],
    ['without a circuit breaker', false],
  ])(
    '%s: failed, the crash loop named, and the service back on its previous definition',
    async (_what, circuitBreaker) => {
      await seedServices(sim(), [{ name: 'web', tags: ['v1', 'bad'], circuitBreaker }]);
      await sim().scenario([CRASHING]);
      const before = await describeService(sim(), 'web');

      const { run, describeTasks } = await deploy('bad');
      expect(run.exitCode).toBe(1);
      expect(run.outputs.outcome).toBe('failed');
      const reason = run.outputs['failure-reason']!;
      expect(reason).toMatch(
        /\d+ tasks of web:2 exited after they started \(web exited 1\); ECS keeps replacing them/,
      );
      expect(reason).toContain(
        circuitBreaker === false
          ? 'the service has no circuit breaker to stop them'
          : 'its circuit breaker does not count exits after RUNNING',
      );
      expect(reason).toContain('Essential container in task exited');
      expect(reason).toContain('panic: no config');
      const error = run.annotations.find((a) => a.level === 'error');
      expect(error?.title).toBe('deploy-ecs: web failed');
      expect(error?.message).toContain('Rolled back to web:1.');
      expect(run.summary).toContain('exited after they started');
      expect(run.summary).toContain('Stopped tasks');
      expect(run.summary).toContain('EssentialContainerExited');
      expect(run.summary).toContain('panic: no config');

      expect(servicesOutput(run)[0]).toMatchObject({
        outcome: 'failed',
        finalTaskDefinitionArn: before.taskDefinition,
        rollback: { method: 'stop-service-deployment', outcome: 'succeeded', to: before.taskDefinition },
      });
      const after = await describeService(sim(), 'web');
      expect(after.taskDefinition).toBe(before.taskDefinition);
      expect(after.deployments?.map((d) => d.rolloutState)).toEqual(['COMPLETED']);
      expect(await inFlight()).toEqual([]);
      // The guard looks tasks up only after a replacement, a few times; the explanation reads them once more.
      expect(describeTasks).toBeGreaterThan(0);
      expect(describeTasks).toBeLessThanOrEqual(5);
    },
  );

  it('with rollback-on-failure false, fails and leaves the service as it is', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'bad'] }]);
    await sim().scenario([CRASHING]);
    const { run } = await deploy('bad', { 'rollback-on-failure': 'false' });
    expect(run.outputs.outcome).toBe('failed');
    expect(run.outputs['failure-reason']).toContain('exited after they started');
    expect(servicesOutput(run)[0]).toMatchObject({ rollback: { outcome: 'disabled' } });
    expect((await describeService(sim(), 'web')).taskDefinition).toMatch(/web:2$/);
  });

  it('a healthy deploy makes no DescribeTasks call', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
    const { run, describeTasks } = await deploy('v2');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(describeTasks).toBe(0);
  });

  it('when the circuit breaker counts exits after RUNNING, ECS rolls back by itself: rolled_back', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1', 'bad'] }]);
    await sim().scenario([{ circuitBreaker: { countExitsAfterRunning: true } }, CRASHING]);
    const before = await describeService(sim(), 'web');

    const { run } = await deploy('bad');
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('rolled_back');
    expect(run.outputs['failure-reason']).toContain('circuit breaker');
    expect(run.outputs['failure-reason']).not.toContain('exited after they started');
    expect(servicesOutput(run)[0]).toMatchObject({
      outcome: 'rolled_back',
      rollback: { method: 'ecs', outcome: 'succeeded', to: before.taskDefinition },
    });
    expect((await describeService(sim(), 'web')).taskDefinition).toBe(before.taskDefinition);
    expect(await inFlight()).toEqual([]);
  });
});
