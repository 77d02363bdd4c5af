/**
 * "Rules add up; where two set the same field, the later wins" for task rules and fault rules: first the
 * merged behaviour itself, then what a client of the ECS API sees.
 */
import {
  DescribeClustersCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { Scenario, type ScenarioRule } from '../src/core/scenario';
import { credentials, register, startHarness, stopHarness, subnets, type Harness } from './ecs-helpers';

function scenario(rules: ScenarioRule[]): Scenario {
  const s = new Scenario();
  s.add(rules);
  return s;
}

describe('task rules', () => {
  const API = ['registry.example/shop/api:v2', 'registry.example/shop/api@sha256:' + 'a'.repeat(64)];

  it('add up across the image and the command, and the later rule wins a field both set', () => {
    const s = scenario([
      { image: '*/shop/api:*', task: { exitCode: 1, afterSeconds: 5, logs: ['first'] } },
      { command: 'npm run migrate*', task: { startSeconds: 30 } },
      { image: '*/shop/api@sha256:*', task: { exitCode: 2, logs: ['second'] } },
      { image: '*/shop/web:*', task: { failToStart: 'not this image' } },
      { api: 'ecs:*', fault: { throttle: 1 } },
    ]);
    expect(s.taskBehaviour(API, 'npm run migrate -- --up')).toEqual({
      exitCode: 2,
      afterSeconds: 5,
      logs: ['second'],
      startSeconds: 30,
    });
    // Without the command, the command rule does not apply; the image rules still add up.
    expect(s.taskBehaviour(API, 'node server.js')).toEqual({
      exitCode: 2,
      afterSeconds: 5,
      logs: ['second'],
    });
  });

  it('in the other order, the other rule wins', () => {
    const s = scenario([
      { image: '*/shop/api@sha256:*', task: { exitCode: 2, logs: ['second'] } },
      { image: '*/shop/api:*', task: { exitCode: 1, afterSeconds: 5, logs: ['first'] } },
    ]);
    expect(s.taskBehaviour(API, undefined)).toEqual({ exitCode: 1, afterSeconds: 5, logs: ['first'] });
  });

  it('an image and command rule needs both to match', () => {
    const s = scenario([{ image: '*/shop/api:*', command: 'migrate*', task: { exitCode: 3 } }]);
    expect(s.taskBehaviour(API, 'migrate up')).toEqual({ exitCode: 3 });
    expect(s.taskBehaviour(API, 'serve')).toEqual({});
    expect(s.taskBehaviour(['registry.example/shop/web:v2'], 'migrate up')).toEqual({});
  });
});

describe('fault rules', () => {
  it('add up across matching globs, and the later rule wins a field both set', () => {
    const s = scenario([
      { api: 'ecs:*', fault: { throttle: 0.3, latencyMs: 200 } },
      { api: 'ecs:UpdateService', fault: { throttle: 0, error5xx: 0.1 } },
      { api: '*:UpdateService', fault: { drop: 0.05 } },
      { image: '*', task: { exitCode: 1 } },
    ]);
    expect(s.fault('ecs', 'UpdateService')).toEqual({
      throttle: 0,
      latencyMs: 200,
      error5xx: 0.1,
      drop: 0.05,
    });
    expect(s.fault('ecs', 'DescribeServices')).toEqual({ throttle: 0.3, latencyMs: 200 });
    expect(s.fault('ecr', 'PutImage')).toEqual({});
  });
});

describe('through the ECS API', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await stopHarness(h);
    h = undefined;
  });

  it('a later fault rule lifts an earlier one for one action only', async () => {
    h = await startHarness(1, {
      clusters: ['dev'],
      rules: [
        { api: 'ecs:*', fault: { throttle: 1 } },
        { api: 'ecs:ListClusters', fault: { throttle: 0 } },
      ],
    });
    const ecs = new ECSClient({ endpoint: h.sim.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      expect((await ecs.send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
      await expect(ecs.send(new DescribeClustersCommand({ clusters: ['dev'] }))).rejects.toMatchObject({
        name: 'ThrottlingException',
      });
    } finally {
      ecs.destroy();
    }
  });

  it('a task matched by an image rule and a later command rule exits with the later rule’s code', async () => {
    h = await startHarness(1, { clusters: ['jobs'] });
    h.sim.sim.scenario.add([
      { image: 'public.ecr.aws/acme/api:*', task: { exitCode: 1, afterSeconds: 5 } },
      { command: 'migrate*', task: { exitCode: 7 } },
    ]);
    const td = await register(h.ecs, 'migrate', 'public.ecr.aws/acme/api:1.0');
    const run = await h.ecs.send(
      new RunTaskCommand({
        cluster: 'jobs',
        taskDefinition: td,
        launchType: 'FARGATE',
        networkConfiguration: subnets,
        overrides: { containerOverrides: [{ name: 'app', command: ['migrate', 'up'] }] },
      }),
    );
    await fetch(`${h.sim.url}/_sim/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 120 }) });
    const task = (
      await h.ecs.send(new DescribeTasksCommand({ cluster: 'jobs', tasks: [run.tasks![0]!.taskArn!] }))
    ).tasks![0]!;
    expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
    expect(task.containers![0]!.exitCode).toBe(7);
  });
});
