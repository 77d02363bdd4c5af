import { createStateWriter, servicesToRollBack, type DeployState, type ServiceState } from '../src/state';

const tracked = {
  cluster: 'shop',
  service: 'x',
  deploymentId: 'ecs-svc/2',
  serviceDeploymentArn: undefined,
  taskDefinitionArn: 'td:2',
  createdAt: 0,
};

function entry(label: string, fields: Partial<ServiceState>): ServiceState {
  return {
    label,
    cluster: 'shop',
    service: label,
    tracked,
    outcome: undefined,
    knownGood: 'td:1',
    stopLandsOnKnownGood: true,
    ecsRollbackDeploymentId: undefined,
    rolledBack: false,
    replacedBy: undefined,
    ...fields,
  };
}

function state(services: ServiceState[], fields: Partial<DeployState> = {}): DeployState {
  return {
    region: 'us-east-1',
    roleToAssume: undefined,
    audience: 'sts.amazonaws.com',
    roleDurationSeconds: undefined,
    rollbackTimeoutMs: 60_000,
    rollbackOnFailure: true,
    rollbackScope: 'release',
    completed: false,
    githubDeploymentId: undefined,
    githubEnvironment: undefined,
    services,
    ...fields,
  };
}

const services = [
  entry('in-flight', {}),
  entry('cancelled', { outcome: 'cancelled' }),
  entry('done-earlier-wave', { outcome: 'succeeded' }),
  entry('ecs-rolled-back', { outcome: 'rolled_back', rolledBack: true }),
  entry('ecs-rollback-failed', { outcome: 'rolled_back', rolledBack: false }),
  entry('replaced', { outcome: 'failed', replacedBy: 'ecs-svc/9' }),
  entry('untouched', { tracked: undefined, outcome: 'succeeded' }),
  entry('requested', {
    outcome: 'timed_out',
    rollback: { method: 'update-service', to: 'td:1', watch: { tracked } },
  }),
];

describe('what the post step rolls back', () => {
  it('release scope: everything this run changed that is not back, not replaced by someone else', () => {
    expect(servicesToRollBack(state(services)).map((s) => s.label)).toEqual([
      'in-flight',
      'cancelled',
      'done-earlier-wave',
      'ecs-rollback-failed',
      'requested',
    ]);
  });

  it('service scope: the succeeded ones stay', () => {
    expect(
      servicesToRollBack(state(services, { rollbackScope: 'service' })).map((s) => s.label),
    ).not.toContain('done-earlier-wave');
  });

  it('nothing once main completed, or with rollback-on-failure false', () => {
    expect(servicesToRollBack(state(services, { completed: true }))).toEqual([]);
    expect(servicesToRollBack(state(services, { rollbackOnFailure: false }))).toEqual([]);
  });
});

describe('createStateWriter', () => {
  const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('writes the changes of one turn once, at its end', async () => {
    let writes = 0;
    const writer = createStateWriter(() => writes++);
    for (let i = 0; i < 200; i++) writer.note('changed');
    expect(writes).toBe(0);
    await turn();
    expect(writes).toBe(1);
    await turn();
    expect(writes).toBe(1);
  });

  it('writes before a call goes out: before any awaited work of the same turn resumes', async () => {
    const order: string[] = [];
    const writer = createStateWriter(() => order.push('write'));
    const send = async (name: string): Promise<void> => {
      writer.note('before-call');
      await Promise.resolve();
      order.push(`send ${name}`);
    };
    await Promise.all([send('a'), send('b'), send('c')]);
    expect(order).toEqual(['write', 'send a', 'send b', 'send c']);
  });

  it('a discarded change is not written (the caller wrote the state itself)', async () => {
    let writes = 0;
    const writer = createStateWriter(() => writes++);
    writer.note('changed');
    writer.note('before-call');
    writer.discard();
    await turn();
    expect(writes).toBe(0);
  });
});
