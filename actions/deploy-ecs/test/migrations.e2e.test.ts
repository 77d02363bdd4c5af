import { DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import {
  actionsSince,
  CLUSTER,
  describeService,
  ecsOf,
  runAction,
  seedServices,
  servicesOutput,
  uriOf,
  useSim,
} from '@ecs-delivery/testkit';

const sim = useSim();

describe('deploy-ecs migrations', () => {
  it('a migration that exits 3 fails the step, shows its log, and the service is not updated', async () => {
    await seedServices(sim(), [{ name: 'api', tags: ['v1', 'v2'] }]);
    await sim().scenario([
      {
        command: 'npm run migrate*',
        task: {
          exitCode: 3,
          afterSeconds: 4,
          logs: ['applying 041_users', 'migration 042 failed: column exists'],
        },
      },
    ]);
    const before = await describeService(sim(), 'api');
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: {
        cluster: CLUSTER,
        service: 'api',
        images: `api=${uriOf(sim(), 'shop/api')}:v2`,
        'migrate-command': 'npm run migrate -- --env prod',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('failed');
    expect(run.outputs['migration-exit-code']).toBe('3');
    expect(run.outputs['failure-reason']).toContain('Migrations failed: The command exited 3');
    expect(run.log).toContain('| migration 042 failed: column exists');
    expect(run.summary).toContain('migration 042 failed: column exists');
    const calls = await actionsSince(sim(), since);
    expect(calls).toContain('ecs:RunTask');
    expect(calls).not.toContain('ecs:UpdateService');
    expect((await describeService(sim(), 'api')).taskDefinition).toBe(before.taskDefinition);
    expect(servicesOutput(run)[0]).toMatchObject({ outcome: 'failed', migrationExitCode: 3 });
    expect(servicesOutput(run)[0]!['rollback']).toBeUndefined();
  });

  it('runs the migration on the new definition, in the service network, then deploys', async () => {
    await seedServices(sim(), [{ name: 'api', tags: ['v1', 'v2'] }]);
    await sim().scenario([
      {
        command: 'npx prisma migrate deploy',
        task: { exitCode: 0, afterSeconds: 2, logs: ['3 migrations applied'] },
      },
    ]);
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: {
        cluster: CLUSTER,
        service: 'api',
        images: `api=${uriOf(sim(), 'shop/api')}:v2`,
        'migrate-command': 'npx prisma migrate deploy',
        'migrate-container': 'api',
      },
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(run.outputs['migration-exit-code']).toBe('0');
    expect(run.log).toContain('| 3 migrations applied');
    // The one-off task ran on the new revision, with the command override, the service's subnets and launch type.
    const ecs = ecsOf(sim());
    const listed = await ecs.send(
      new ListTasksCommand({ cluster: CLUSTER, startedBy: 'ecs-delivery', desiredStatus: 'STOPPED' }),
    );
    expect(listed.taskArns).toHaveLength(1);
    const task = (await ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: listed.taskArns! })))
      .tasks![0]!;
    ecs.destroy();
    expect(task.taskDefinitionArn).toBe(run.outputs['task-definition-arn']);
    expect(task.overrides?.containerOverrides).toEqual([
      { name: 'api', command: ['npx', 'prisma', 'migrate', 'deploy'] },
    ]);
    expect(task.launchType).toBe('FARGATE');
    expect(task.attachments?.[0]?.details).toContainEqual({ name: 'subnetId', value: 'subnet-0a1b2c3d' });
    expect(task.containers?.[0]?.exitCode).toBe(0);
    expect((await sim().calls({ action: 'RunTask' })).filter((c) => c.status === 200)).toHaveLength(1);
    expect((await describeService(sim(), 'api')).taskDefinition).toBe(run.outputs['task-definition-arn']);
  });

  it('a migration past migrate-timeout is stopped and fails the step', async () => {
    await seedServices(sim(), [{ name: 'api', tags: ['v1', 'v2'] }]);
    await sim().scenario([
      { command: 'sleep*', task: { exitCode: 0, afterSeconds: 36000, logs: ['still going'] } },
    ]);
    const before = await describeService(sim(), 'api');
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: {
        cluster: CLUSTER,
        service: 'api',
        images: `api=${uriOf(sim(), 'shop/api')}:v2`,
        'migrate-command': 'sleep 36000',
        'migrate-timeout': '2s',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['failure-reason']).toContain('did not finish within 2s; the task was stopped');
    const calls = await actionsSince(sim(), since);
    expect(calls).toContain('ecs:StopTask');
    expect(calls).not.toContain('ecs:UpdateService');
    expect((await describeService(sim(), 'api')).taskDefinition).toBe(before.taskDefinition);
  });

  it('a migration task that fails to start fails the step with the reason ECS gives', async () => {
    await seedServices(sim(), [{ name: 'api', tags: ['v1', 'v2'] }]);
    await sim().scenario([
      {
        command: 'npm run migrate',
        task: { failToStart: 'ResourceInitializationError: unable to pull secrets' },
      },
    ]);
    const before = await describeService(sim(), 'api');
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs: {
        cluster: CLUSTER,
        service: 'api',
        images: `api=${uriOf(sim(), 'shop/api')}:v2`,
        'migrate-command': 'npm run migrate',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['failure-reason']).toContain(
      'The task failed to start: ResourceInitializationError: unable to pull secrets',
    );
    expect(run.outputs['migration-exit-code']).toBe('');
    expect((await describeService(sim(), 'api')).taskDefinition).toBe(before.taskDefinition);
  });
});
