/**
 * A mutating call whose answer is lost (the simulator carries it out, then hangs up) is never carried out twice:
 * deploy-ecs looks at what the call did before sending it again.
 */
import { ListTasksCommand } from '@aws-sdk/client-ecs';
import {
  CLUSTER,
  describeService,
  ecsOf,
  revisionsOf,
  runAction,
  seedServices,
  uriOf,
  useSim,
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
});
