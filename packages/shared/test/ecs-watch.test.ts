import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ECSServiceException,
  type Deployment,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { FakeClock } from '../src/poll/clock';
import { watchDeployments, type WatchTarget } from '../src/ecs/watch';
import { captureStdout, type Captured } from './helpers/capture';

const ecsMock = mockClient(ECSClient);
let ecs: ECSClient;
let out: Captured;
const TD1 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1';
const TD2 = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:2';

function target(service: string, withSd = true): WatchTarget {
  return {
    tracked: {
      cluster: 'shop',
      service,
      deploymentId: `ecs-svc/${service}-2`,
      serviceDeploymentArn: withSd
        ? `arn:aws:ecs:us-east-1:000000000000:service-deployment/shop/${service}/x`
        : undefined,
      taskDefinitionArn: TD2,
      createdAt: 0,
    },
  };
}

/**
 * A rollout on the fake clock: new tasks pending until 10 s, then running; the old ones drain until 5 s
 * before `completeAt`, when the deployment COMPLETES.
 */
function rollout(name: string, now: number, completeAt: number): Service {
  const ours: Deployment = {
    id: `ecs-svc/${name}-2`,
    status: 'PRIMARY',
    taskDefinition: TD2,
    desiredCount: 2,
    runningCount: now < 10_000 ? 0 : 2,
    pendingCount: now < 10_000 ? 2 : 0,
    failedTasks: 0,
    rolloutState: now < completeAt ? 'IN_PROGRESS' : 'COMPLETED',
  };
  const old: Deployment = {
    id: `ecs-svc/${name}-1`,
    status: 'ACTIVE',
    taskDefinition: TD1,
    desiredCount: 0,
    runningCount: now < completeAt - 5000 ? 2 : 0,
    rolloutState: 'COMPLETED',
  };
  return {
    serviceName: name,
    status: 'ACTIVE',
    deployments: now < completeAt ? [ours, old] : [ours],
    events: [],
  };
}

/** web's ServiceDeployment: IN_PROGRESS until `completeAt` on the fake clock, SUCCESSFUL from then. */
function serviceDeploymentSucceedsAt(clock: FakeClock, completeAt: number): void {
  ecsMock.on(DescribeServiceDeploymentsCommand).callsFake(() => ({
    serviceDeployments: [
      {
        serviceDeploymentArn: target('web').tracked.serviceDeploymentArn,
        status: clock.now() < completeAt ? 'IN_PROGRESS' : 'SUCCESSFUL',
      },
    ],
  }));
}

beforeEach(() => {
  ecsMock.reset();
  out = captureStdout();
  ecs = new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
});
afterEach(() => {
  out.restore();
  ecs.destroy();
});

describe('watchDeployments', () => {
  it('looks slowly while tasks start, fast once a transition is due, and has the verdict within a second', async () => {
    const clock = new FakeClock(0);
    const completeAt = 95_300;
    ecsMock
      .on(DescribeServicesCommand)
      .callsFake(() => ({ services: [rollout('web', clock.now(), completeAt)] }));
    serviceDeploymentSucceedsAt(clock, completeAt);
    const [result] = await watchDeployments(ecs, [target('web')], {
      deadline: 600_000,
      clock,
      sleep: clock.sleep,
      print: () => undefined,
    });
    expect(result!.outcome).toBe('succeeded');
    const verdictAt = clock.now();
    expect(verdictAt).toBeGreaterThanOrEqual(completeAt);
    expect(verdictAt - completeAt).toBeLessThanOrEqual(1000);
    // While tasks start and the old ones drain, looks are 2–3 s apart; once only the new tasks run, 1 s.
    const looks = ecsMock.commandCalls(DescribeServicesCommand).length;
    expect(looks).toBeLessThanOrEqual(Math.ceil((completeAt - 5000) / 2000) + 5 + 1);
    expect(looks).toBeGreaterThanOrEqual(Math.floor((completeAt - 5000) / 3000));
    expect(ecsMock.commandCalls(DescribeServiceDeploymentsCommand)).toHaveLength(1);
  });

  it("with the service's history, looks a few times on the way and fast only around the expected finish", async () => {
    const clock = new FakeClock(0);
    // The deployment this one replaces took 60 s; this one completes 0.3 s later than that.
    const completeAt = 60_300;
    const withHistory = (now: number): Service => {
      const svc = rollout('web', now, completeAt);
      for (const d of svc.deployments ?? []) {
        d.createdAt = new Date(d.id === 'ecs-svc/web-1' ? -100_000 : 0);
      }
      svc.events = [
        {
          id: 'e1',
          createdAt: new Date(-40_000),
          message: '(service web) (deployment ecs-svc/web-1) deployment completed.',
        },
      ];
      return svc;
    };
    ecsMock.on(DescribeServicesCommand).callsFake(() => ({ services: [withHistory(clock.now())] }));
    serviceDeploymentSucceedsAt(clock, completeAt);
    const [result] = await watchDeployments(ecs, [target('web')], {
      deadline: 600_000,
      clock,
      sleep: clock.sleep,
      print: () => undefined,
    });
    expect(result!.outcome).toBe('succeeded');
    expect(clock.now() - completeAt).toBeGreaterThanOrEqual(0);
    expect(clock.now() - completeAt).toBeLessThanOrEqual(500);
    // A fixed 15-second poll looks 5 times in 60 s; this watch about as often, with a verdict 0.5 s after ECS's.
    const looks = ecsMock.commandCalls(DescribeServicesCommand).length;
    expect(looks).toBeLessThanOrEqual(9);
    expect(ecsMock.commandCalls(DescribeServiceDeploymentsCommand)).toHaveLength(1);
  });

  it('with the history known before the update, the first look waits too: as few looks as a 15-second poll', async () => {
    const clock = new FakeClock(0);
    const completeAt = 60_300;
    ecsMock
      .on(DescribeServicesCommand)
      .callsFake(() => ({ services: [rollout('web', clock.now(), completeAt)] }));
    serviceDeploymentSucceedsAt(clock, completeAt);
    const [result] = await watchDeployments(ecs, [{ ...target('web'), expectedMs: 60_000 }], {
      deadline: 600_000,
      clock,
      sleep: clock.sleep,
      print: () => undefined,
    });
    expect(result!.outcome).toBe('succeeded');
    expect(clock.now() - completeAt).toBeGreaterThanOrEqual(0);
    expect(clock.now() - completeAt).toBeLessThanOrEqual(500);
    const looks = ecsMock.commandCalls(DescribeServicesCommand).length;
    // A fixed 15-second poll looks at 0, 15, 30, 45 and 60 s.
    expect(looks).toBeLessThanOrEqual(5);
    expect(ecsMock.commandCalls(DescribeServiceDeploymentsCommand)).toHaveLength(1);
  });

  it("does not time its looks by the history when ECS's clock runs ahead of this machine's", async () => {
    // A simulator running 60 times faster than real time, or a skewed runner clock: the events are in the future.
    const clock = new FakeClock(0);
    const ahead = 600_000;
    const completeAt = 60_300;
    ecsMock.on(DescribeServicesCommand).callsFake(() => {
      const svc = rollout('web', clock.now(), completeAt);
      for (const d of svc.deployments ?? []) {
        d.createdAt = new Date(ahead + (d.id === 'ecs-svc/web-1' ? -100_000 : 0));
        d.updatedAt = new Date(ahead + clock.now());
      }
      svc.events = [
        {
          id: 'e1',
          createdAt: new Date(ahead - 40_000),
          message: '(service web) (deployment ecs-svc/web-1) deployment completed.',
        },
      ];
      return { services: [svc] };
    });
    serviceDeploymentSucceedsAt(clock, completeAt);
    const [result] = await watchDeployments(ecs, [target('web')], {
      deadline: 600_000,
      clock,
      sleep: clock.sleep,
      print: () => undefined,
    });
    expect(result!.outcome).toBe('succeeded');
    expect(clock.now() - completeAt).toBeLessThanOrEqual(1000);
    // Every 2–3 s, as without a history: the expected finish would have been ten minutes away on this clock.
    expect(ecsMock.commandCalls(DescribeServicesCommand).length).toBeGreaterThanOrEqual(20);
  });

  it('batches services of one cluster into one DescribeServices per look', async () => {
    const clock = new FakeClock(0);
    ecsMock.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
      services: input.services.map((name) => rollout(name, clock.now(), name === 'web' ? 20_000 : 30_000)),
    }));
    ecsMock.on(DescribeServiceDeploymentsCommand).rejects(
      new ECSServiceException({
        name: 'AccessDeniedException',
        message: 'no',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const results = await watchDeployments(ecs, [target('web'), target('api')], {
      deadline: 600_000,
      clock,
      sleep: clock.sleep,
      print: () => undefined,
    });
    expect(results.map((r) => r.outcome)).toEqual(['succeeded', 'succeeded']);
    const calls = ecsMock.commandCalls(DescribeServicesCommand);
    expect(calls[0]!.args[0].input.services).toEqual(['web', 'api']);
    expect(calls.every((c) => (c.args[0].input.services ?? []).length >= 1)).toBe(true);
    expect(out.text()).toContain('judging by DescribeServices alone');
  });

  it('outlasts a throttled look and times out at the deadline with the reason', async () => {
    const clock = new FakeClock(0);
    let n = 0;
    ecsMock.on(DescribeServicesCommand).callsFake(() => {
      n++;
      if (n === 2)
        throw new ECSServiceException({
          name: 'ThrottlingException',
          message: 'Rate exceeded',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        });
      return { services: [rollout('web', 0, Infinity)] };
    });
    const [result] = await watchDeployments(ecs, [target('web')], {
      deadline: 60_000,
      clock,
      sleep: clock.sleep,
      print: () => undefined,
    });
    expect(result!.outcome).toBe('timed_out');
    expect(result!.reason).toBe('The deployment did not finish within 1m.');
    expect(clock.now()).toBe(60_000);
    expect(out.text()).toContain('ECS did not answer (Rate exceeded); looking again shortly.');
  });

  it('stops at once when cancelled, marking the unfinished cancelled', async () => {
    const clock = new FakeClock(0);
    const controller = new AbortController();
    ecsMock.on(DescribeServicesCommand).callsFake(() => {
      if (clock.now() > 5000) controller.abort();
      return { services: [rollout('web', clock.now(), Infinity)] };
    });
    const [result] = await watchDeployments(ecs, [target('web')], {
      deadline: 600_000,
      clock,
      sleep: clock.sleep,
      signal: controller.signal,
      print: () => undefined,
    });
    expect(result!.outcome).toBe('cancelled');
    expect(clock.now()).toBeLessThan(15_000);
  });

  it('prints each new service event once, and a progress line per change', async () => {
    const clock = new FakeClock(0);
    const lines: string[] = [];
    ecsMock.on(DescribeServicesCommand).callsFake(() => {
      const svc = rollout('web', clock.now(), 12_000);
      svc.events = [
        {
          id: 'e1',
          createdAt: new Date(1000),
          message: '(service web) has started 2 tasks: (task a) (task b).',
        },
      ];
      return { services: [svc] };
    });
    await watchDeployments(ecs, [target('web', false)], {
      deadline: 600_000,
      clock,
      sleep: clock.sleep,
      print: (l) => lines.push(l),
    });
    expect(lines.filter((l) => l.includes('has started 2 tasks'))).toHaveLength(1);
    expect(lines).toContain('web: 0/2 running, 2 pending · 2 other tasks running (IN_PROGRESS)');
    expect(lines).toContain('web: 2/2 running (COMPLETED)');
  });

  it('a deployment that completes just before its deadline succeeds: the last look is assessed first', async () => {
    const clock = new FakeClock(0);
    const completeAt = 29_500;
    ecsMock
      .on(DescribeServicesCommand)
      .callsFake(() => ({ services: [rollout('web', clock.now(), completeAt)] }));
    serviceDeploymentSucceedsAt(clock, completeAt);
    const web = { ...target('web'), deadline: 30_000 };
    // The looks fall on whole seconds here; the one at the deadline sees the deployment COMPLETED.
    const [result] = await watchDeployments(ecs, [web], {
      deadline: 30_000,
      clock,
      sleep: async (ms) => clock.advance(Math.max(1000, Math.round(ms / 1000) * 1000)),
      print: () => undefined,
    });
    expect(result!.outcome).toBe('succeeded');
  });

  it('a ServiceDeployment ECS cannot find yet (MISSING) is asked for again, not given up on', async () => {
    const clock = new FakeClock(0);
    let asked = 0;
    ecsMock.on(DescribeServicesCommand).callsFake(() => ({ services: [rollout('web', 20_000, 10_000)] }));
    ecsMock.on(DescribeServiceDeploymentsCommand).callsFake(() => {
      asked++;
      return asked < 3
        ? {
            serviceDeployments: [],
            failures: [{ arn: target('web').tracked.serviceDeploymentArn, reason: 'MISSING' }],
          }
        : {
            serviceDeployments: [
              { serviceDeploymentArn: target('web').tracked.serviceDeploymentArn, status: 'SUCCESSFUL' },
            ],
          };
    });
    const [result] = await watchDeployments(ecs, [target('web')], {
      deadline: 600_000,
      clock,
      sleep: clock.sleep,
      print: () => undefined,
    });
    expect(result!.outcome).toBe('succeeded');
    expect(asked).toBe(3);
    expect(result!.serviceDeployment?.status).toBe('SUCCESSFUL');
  });

  describe('a crash loop ECS does not stop', () => {
    /**
     * Two tasks start every 10 s and crash before the next two start (an essential container exiting after
     * RUNNING): the deployment stays IN_PROGRESS, as ECS leaves it.
     */
    function crashLoop(clock: FakeClock): void {
      const round = (): number => Math.floor(clock.now() / 10_000);
      const ids = (k: number): string[] => [`t${k}a`, `t${k}b`];
      ecsMock.on(DescribeServicesCommand).callsFake(() => {
        const svc = rollout('web', 0, Infinity);
        svc.deployments = [svc.deployments![0]!];
        svc.events = Array.from({ length: round() + 1 }, (_, k) => ({
          id: `e${k}`,
          createdAt: new Date(k * 10_000 + 500),
          message: `(service web) has started 2 tasks: ${ids(k)
            .map((id) => `(task ${id})`)
            .join(' ')}.`,
        })).reverse();
        return { services: [svc] };
      });
      ecsMock.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
        tasks: input.tasks.map((id): Task => {
          const gone = Number(id.slice(1, -1)) < round();
          return {
            taskArn: `arn:aws:ecs:us-east-1:000000000000:task/shop/${id}`,
            startedBy: 'ecs-svc/web-2',
            lastStatus: gone ? 'STOPPED' : 'RUNNING',
            ...(gone
              ? {
                  stopCode: 'EssentialContainerExited',
                  stoppedReason: 'Essential container in task exited',
                  containers: [{ name: 'web', exitCode: 1 }],
                }
              : { containers: [{ name: 'web' }] }),
          };
        }),
      }));
    }

    it('fails it at the circuit breaker’s threshold, with a few DescribeTasks and one ServiceDeployment read', async () => {
      const clock = new FakeClock(0);
      crashLoop(clock);
      ecsMock.on(DescribeServiceDeploymentsCommand).resolves({
        serviceDeployments: [
          {
            serviceDeploymentArn: target('web').tracked.serviceDeploymentArn,
            status: 'IN_PROGRESS',
            createdAt: new Date(0),
            deploymentCircuitBreaker: { status: 'MONITORING', failureCount: 0, threshold: 3 },
          },
        ],
      });
      const [result] = await watchDeployments(ecs, [target('web')], {
        deadline: 600_000,
        clock,
        sleep: clock.sleep,
        print: () => undefined,
      });
      expect(result!.outcome).toBe('failed');
      expect(result!.reason).toBe(
        '4 tasks of web:2 exited after they started (web exited 1); ECS keeps replacing them and the service has no circuit breaker to stop them.',
      );
      // The second replacement shows four crashed tasks: the verdict comes within a second of it.
      expect(clock.now()).toBeGreaterThanOrEqual(20_500);
      expect(clock.now()).toBeLessThan(24_000);
      const described = ecsMock.commandCalls(DescribeTasksCommand);
      expect(described).toHaveLength(2);
      expect(described[1]!.args[0].input.tasks).toEqual(['t1a', 't1b', 't2a', 't2b']);
      expect(ecsMock.commandCalls(DescribeServiceDeploymentsCommand)).toHaveLength(1);
    });

    it('a healthy rollout makes no DescribeTasks call', async () => {
      const clock = new FakeClock(0);
      ecsMock.on(DescribeServicesCommand).callsFake(() => {
        const svc = rollout('web', clock.now(), 40_000);
        svc.events = [
          {
            id: 'e1',
            createdAt: new Date(500),
            message: '(service web) has started 2 tasks: (task a) (task b).',
          },
        ];
        return { services: [svc] };
      });
      const [result] = await watchDeployments(ecs, [target('web', false)], {
        deadline: 600_000,
        clock,
        sleep: clock.sleep,
        print: () => undefined,
      });
      expect(result!.outcome).toBe('succeeded');
      expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(0);
    });

    it('without ecs:DescribeTasks, warns once and leaves the deployment to the timeout', async () => {
      const clock = new FakeClock(0);
      crashLoop(clock);
      ecsMock.on(DescribeTasksCommand).rejects(
        new ECSServiceException({
          name: 'AccessDeniedException',
          message: 'no',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        }),
      );
      const [result] = await watchDeployments(ecs, [target('web', false)], {
        deadline: 60_000,
        clock,
        sleep: clock.sleep,
        print: () => undefined,
      });
      expect(result!.outcome).toBe('timed_out');
      expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(1);
      expect(out.text()).toContain('Cannot read ECS tasks (AccessDeniedException)');
    });
  });
});
