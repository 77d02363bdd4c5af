import type { Deployment, Service, ServiceEvent, Task } from '@aws-sdk/client-ecs';
import { assessDeployment, type WatchMemory } from '../src/ecs/assess';
import {
  defaultThreshold,
  nextDecisiveFailureAt,
  noteServiceDeployment,
  noteTasks,
  startedTaskIds,
  turnOffCrashGuard,
} from '../src/ecs/crash-loop';
import type { TrackedDeployment } from '../src/ecs/types';

const TD7 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/api:7';
const tracked: TrackedDeployment = {
  cluster: 'shop',
  service: 'api',
  deploymentId: 'ecs-svc/7',
  serviceDeploymentArn: 'arn:aws:ecs:us-east-1:000000000000:service-deployment/shop/api/abc',
  taskDefinitionArn: TD7,
  createdAt: 100_000,
};

const ours = (fields: Partial<Deployment> = {}): Deployment => ({
  id: 'ecs-svc/7',
  status: 'PRIMARY',
  taskDefinition: TD7,
  rolloutState: 'IN_PROGRESS',
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  failedTasks: 0,
  ...fields,
});

/** `started(t, 'a', 'b')`: the scheduler's event for tasks a and b, `t` ms after the deployment was created. */
const started = (t: number, ...ids: string[]): ServiceEvent => ({
  id: `e-${ids.join('-')}`,
  createdAt: new Date(tracked.createdAt! + t),
  message: `(service api) has started ${ids.length} tasks: ${ids.map((id) => `(task ${id})`).join(' ')}.`,
});

/** The service as DescribeServices shows it with these events (newest first, as ECS lists them). */
const service = (events: ServiceEvent[], breaker = true, deployment = ours()): Service => ({
  status: 'ACTIVE',
  serviceName: 'api',
  deploymentConfiguration: { deploymentCircuitBreaker: { enable: breaker, rollback: breaker } },
  deployments: [deployment],
  events: [...events].reverse(),
});

/** A task as DescribeTasks shows it. */
function task(id: string, fields: Partial<Task> = {}): Task {
  return {
    taskArn: `arn:aws:ecs:us-east-1:000000000000:task/shop/${id}`,
    startedBy: 'ecs-svc/7',
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    containers: [{ name: 'app' }],
    ...fields,
  };
}
const crashed = (id: string, exitCode = 1, fields: Partial<Task> = {}): Task =>
  task(id, {
    lastStatus: 'STOPPED',
    desiredStatus: 'STOPPED',
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    containers: [{ name: 'app', exitCode }],
    ...fields,
  });

const look = (m: WatchMemory, svc: Service): ReturnType<typeof assessDeployment> =>
  assessDeployment(tracked, m, svc, undefined, true, 0);

describe('startedTaskIds', () => {
  it.each<[string, string[]]>([
    ['(service api) has started 2 tasks: (task a1) (task b2).', ['a1', 'b2']],
    ['(service api) has started 1 tasks: (task 0f3c9e).', ['0f3c9e']],
    ['(service api) has started 1 task: (task 0f3c9e).', ['0f3c9e']],
    ['(service api) has stopped 2 running tasks: (task a1) (task b2).', []],
    ['(service api) has reached a steady state.', []],
    ['(service api) (task a1) failed container health checks.', []],
  ])('%s', (message, ids) => {
    expect(startedTaskIds(message)).toEqual(ids);
  });
});

describe('defaultThreshold: 50 % of the desired count, at least 3, at most 200', () => {
  it.each([
    [1, 3],
    [2, 3],
    [6, 3],
    [7, 4],
    [10, 5],
    [399, 200],
    [1000, 200],
  ])('desired %i → %i', (desired, threshold) => {
    expect(defaultThreshold(desired)).toBe(threshold);
  });
});

describe('the crash-loop guard', () => {
  it('a healthy rollout asks for no task: every started task is one the deployment wants', () => {
    const m: WatchMemory = {};
    expect(look(m, service([started(0, 'a', 'b')]))).toEqual({ kind: 'running', due: true, settling: true });
    expect(look(m, service([started(0, 'a'), started(2000, 'b')]))).toEqual({
      kind: 'running',
      due: true,
      settling: true,
    });
    expect(m.crashes?.started).toEqual(['a', 'b']);
  });

  it('events from before the deployment are not its tasks', () => {
    const m: WatchMemory = {};
    const before: ServiceEvent = { ...started(-5000, 'x', 'y'), id: 'old' };
    expect(look(m, service([before, started(0, 'a', 'b')]))).toEqual({
      kind: 'running',
      due: true,
      settling: true,
    });
    expect(m.crashes?.started).toEqual(['a', 'b']);
  });

  it('a replacement asks for the tasks not known stopped, once per replacement', () => {
    const m: WatchMemory = {};
    const svc = service([started(0, 'a', 'b'), started(9000, 'c', 'd')]);
    expect(look(m, svc)).toEqual({ kind: 'inspect', tasks: ['a', 'b', 'c', 'd'] });
    noteTasks(m, 'ecs-svc/7', ['a', 'b', 'c', 'd'], [crashed('a'), crashed('b'), task('c'), task('d')]);
    // Two crashed: below the threshold of 3, and nothing new started since the lookup.
    expect(look(m, svc)).toEqual({ kind: 'running', due: true, settling: true });
    const next = service([started(0, 'a', 'b'), started(9000, 'c', 'd'), started(18_000, 'e')]);
    expect(look(m, next)).toEqual({ kind: 'inspect', tasks: ['c', 'd', 'e'] });
  });

  it('fails the deployment once as many tasks crashed as the threshold, saying so in plain words', () => {
    const m: WatchMemory = {};
    const svc = service([started(0, 'a', 'b'), started(9000, 'c', 'd'), started(18_000, 'e')]);
    expect(look(m, svc)).toMatchObject({ kind: 'inspect' });
    noteTasks(m, 'ecs-svc/7', ['a', 'b', 'c', 'd', 'e'], [crashed('a'), crashed('b'), crashed('c')]);
    expect(look(m, svc)).toEqual({
      kind: 'done',
      outcome: 'failed',
      reason:
        '3 tasks of api:7 exited after they started (app exited 1); ECS keeps replacing them and its circuit breaker does not count exits after RUNNING.',
    });
  });

  it('without a circuit breaker, the same threshold applies and the reason says there is none', () => {
    const m: WatchMemory = {};
    const svc = service([started(0, 'a', 'b'), started(9000, 'c', 'd')], false);
    look(m, svc);
    noteTasks(m, 'ecs-svc/7', ['a', 'b', 'c', 'd'], [crashed('a', 2), crashed('b', 2), crashed('c', 137)]);
    expect(look(m, svc)).toEqual({
      kind: 'done',
      outcome: 'failed',
      reason:
        '3 tasks of api:7 exited after they started (app exited 2); ECS keeps replacing them and the service has no circuit breaker to stop them.',
    });
  });

  it('the ServiceDeployment’s threshold wins over the default', () => {
    const m: WatchMemory = {};
    noteServiceDeployment(m, {
      deploymentCircuitBreaker: { status: 'MONITORING', failureCount: 0, threshold: 1 },
    });
    const svc = service([started(0, 'a', 'b'), started(9000, 'c')]);
    look(m, svc);
    noteTasks(m, 'ecs-svc/7', ['a', 'b', 'c'], [crashed('a')]);
    expect(look(m, svc)).toMatchObject({
      kind: 'done',
      outcome: 'failed',
      reason: expect.stringMatching(/^1 task of api:7 exited after it started \(app exited 1\)/) as string,
    });
  });

  it.each<[string, Task]>([
    [
      'a task that never ran (the circuit breaker counts those)',
      crashed('a', 1, { stopCode: 'TaskFailedToStart' }),
    ],
    [
      'a task replaced for failed health checks (the circuit breaker counts those)',
      crashed('a', 0, {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Task failed container health checks',
      }),
    ],
    ['a task another deployment started', crashed('a', 1, { startedBy: 'ecs-svc/6' })],
    ['a task stopped by a person', crashed('a', 0, { stopCode: 'UserInitiated' })],
  ])('does not count %s', (_what, stopped) => {
    const m: WatchMemory = {};
    noteServiceDeployment(m, { deploymentCircuitBreaker: { threshold: 1 } });
    const svc = service([started(0, 'a', 'b'), started(9000, 'c')]);
    look(m, svc);
    noteTasks(m, 'ecs-svc/7', ['a', 'b', 'c'], [stopped, task('b'), task('c')]);
    expect(m.crashes?.crashed).toEqual([]);
    expect(m.crashes?.stopped).toEqual(['a']);
    expect(look(m, svc)).toEqual({ kind: 'running', due: true, settling: true });
  });

  it('a task ECS no longer knows is asked about no more', () => {
    const m: WatchMemory = {};
    look(m, service([started(0, 'a', 'b'), started(9000, 'c')]));
    noteTasks(m, 'ecs-svc/7', ['a', 'b', 'c'], [task('b'), task('c')]);
    expect(look(m, service([started(0, 'a', 'b'), started(9000, 'c'), started(20_000, 'd')]))).toEqual({
      kind: 'inspect',
      tasks: ['b', 'c', 'd'],
    });
  });

  it('is off when tasks cannot be read, and leaves the deployment to ECS and the timeout', () => {
    const m: WatchMemory = {};
    const svc = service([started(0, 'a', 'b'), started(9000, 'c', 'd')]);
    expect(look(m, svc)).toMatchObject({ kind: 'inspect' });
    turnOffCrashGuard(m);
    expect(look(m, service([...(svc.events ?? [])].reverse().concat(started(30_000, 'e'))))).toEqual({
      kind: 'running',
      due: true,
      settling: true,
    });
  });

  it('looks only at the tracked deployment while it is in progress', () => {
    const m: WatchMemory = {};
    const events = [started(0, 'a', 'b'), started(9000, 'c', 'd')];
    expect(look(m, service(events, true, ours({ rolloutState: 'COMPLETED' })))).toEqual({
      kind: 'confirm',
    });
    expect(m.crashes).toBeUndefined();
  });
});

describe('nextDecisiveFailureAt', () => {
  const T0 = tracked.createdAt!;
  const timed = (id: string, launched: number, ranMs: number): Task =>
    crashed(id, 1, {
      createdAt: new Date(T0 + launched),
      executionStoppedAt: new Date(T0 + launched + ranMs),
    });

  it('is unknown until one crash short of the threshold, then the soonest a live task may crash', () => {
    const m: WatchMemory = {};
    const svc = service([started(0, 'a', 'b'), started(20_000, 'c')]);
    look(m, svc);
    // One crash (a ran 20 s from its launch): two more are needed, so no crash decides the verdict yet.
    noteTasks(m, 'ecs-svc/7', ['a', 'b', 'c'], [timed('a', 0, 20_000), task('b'), task('c')]);
    expect(nextDecisiveFailureAt(m, { desiredCount: 2 }, 0)).toBeUndefined();
    // Two crashes (b ran 22 s): the next one is decisive; c started at 20 s, so it may crash at 40 s.
    const later = service([started(0, 'a', 'b'), started(20_000, 'c'), started(22_000, 'd')]);
    look(m, later);
    noteTasks(m, 'ecs-svc/7', ['b', 'c', 'd'], [timed('b', 0, 22_000), task('c'), task('d')]);
    expect(m.crashes?.cycleMs).toBe(20_000);
    expect(nextDecisiveFailureAt(m, { desiredCount: 2 }, 0)).toBe(T0 + 40_000);
    // Long past that moment, d's (started at 22 s) is the one to wait for.
    expect(nextDecisiveFailureAt(m, { desiredCount: 2 }, T0 + 41_000)).toBe(T0 + 42_000);
  });

  it('one failed start short of the threshold, the soonest a live task may fail to start', () => {
    const m: WatchMemory = {};
    look(m, service([started(0, 'a', 'b'), started(15_000, 'c')]));
    const failed = (id: string): Task =>
      task(id, {
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        stopCode: 'TaskFailedToStart',
        createdAt: new Date(T0),
        executionStoppedAt: new Date(T0 + 13_000),
      });
    noteTasks(m, 'ecs-svc/7', ['a', 'b', 'c'], [failed('a'), failed('b'), task('c')]);
    expect(m.crashes?.failedStartMs).toBe(13_000);
    expect(nextDecisiveFailureAt(m, { desiredCount: 2, failedTasks: 1 }, 0)).toBeUndefined();
    expect(nextDecisiveFailureAt(m, { desiredCount: 2, failedTasks: 2 }, 0)).toBe(T0 + 28_000);
  });

  it('is unknown when the guard is off', () => {
    const m: WatchMemory = {};
    look(m, service([started(0, 'a', 'b')]));
    turnOffCrashGuard(m);
    expect(nextDecisiveFailureAt(m, { desiredCount: 2 }, 0)).toBeUndefined();
  });
});
