/**
 * A rollback request whose answer is lost (the simulator carries it out, then hangs up) is never carried out
 * twice: rollback looks at what the request did before sending it again.
 */
import {
  CLUSTER,
  deployWithSdk,
  describeService,
  rollback,
  seedServices,
  services,
  useSim,
} from './sim-helpers';

const sim = useSim();

/** The calls of `action` since `since`: all of them, and those whose answer came back. */
async function callsOf(action: string, since: number): Promise<{ all: number; answered: number }> {
  const calls = await sim().calls({ service: 'ecs', action, since });
  return { all: calls.length, answered: calls.filter((c) => c.lost !== true).length };
}

describe('rollback when an answer is lost', () => {
  it('UpdateService: the deployment the lost call started is watched, the update is not sent again', async () => {
    const digests = (await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }])).web!;
    const first = (await describeService(sim(), 'web')).taskDefinition!;
    await deployWithSdk(sim(), 'web', digests.v2!);
    await sim().scenario([{ api: 'ecs:UpdateService', fault: { loseResponse: 1, times: 1 } }]);
    const since = Date.now() + 1;
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web', to: 'web:1' });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(services(run)[0]).toMatchObject({ method: 'update-service', outcome: 'succeeded' });
    expect(await callsOf('UpdateService', since)).toEqual({ all: 1, answered: 0 });
    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(first);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
  });

  it('StopServiceDeployment: the rollback the lost call started is watched, the stop is not sent again', async () => {
    const digests = (await seedServices(sim(), [{ name: 'web', tags: ['v1', 'slow'] }])).web!;
    await sim().scenario([{ image: `*/shop/web@${digests.slow!}`, task: { startSeconds: 3600 } }]);
    const before = (await describeService(sim(), 'web')).taskDefinition!;
    await deployWithSdk(sim(), 'web', digests.slow!, { settle: false });
    await sim().scenario([{ api: 'ecs:StopServiceDeployment', fault: { loseResponse: 1, times: 1 } }]);
    const since = Date.now() + 1;
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web' });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(services(run)[0]).toMatchObject({ method: 'stop-service-deployment', outcome: 'succeeded' });
    expect(await callsOf('StopServiceDeployment', since)).toEqual({ all: 1, answered: 0 });
    expect(await callsOf('UpdateService', since)).toEqual({ all: 0, answered: 0 });
    const after = await describeService(sim(), 'web');
    expect(after.taskDefinition).toBe(before);
    expect(after.deployments).toHaveLength(1);
    expect(after.deployments![0]!.rolloutState).toBe('COMPLETED');
  });
});
