import {
  CreateStackCommand,
  DescribeStackResourcesCommand,
  RollbackStackCommand,
  UpdateStackCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { useProviders } from '../src/cloudformation';
import type { ResourceProvider } from '../src/cloudformation/resources';
import {
  cfnClient,
  eventsOf,
  settled,
  startSimulator,
  template,
  type RunningSimulator,
} from './cloudformation-helpers';

let sim: RunningSimulator;
let cfn: CloudFormationClient;

/** What the test provider holds: physical id → properties, as a model store would. */
const objects = new Map<string, Record<string, unknown>>();
let counter = 0;
const recording: ResourceProvider = {
  create: (_ctx, props) => {
    const id = `thing-${++counter}`;
    objects.set(id, props);
    return { physicalId: id, attributes: { Size: props['Size'] } };
  },
  needsReplacement: () => false,
  update: (_ctx, current, _before, after) => {
    objects.set(current.physicalId, after);
    return { ...current, attributes: { Size: after['Size'] } };
  },
  delete: (_ctx, current) => {
    objects.delete(current.physicalId);
  },
};

async function arm(rules: unknown[]): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/scenario`, { method: 'POST', body: JSON.stringify({ rules }) });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  sim = await startSimulator({ timeScale: 100 });
  useProviders(sim.sim, (type) => (type === 'Test::Thing' ? recording : undefined));
  cfn = cfnClient(sim);
});
afterEach(async () => {
  await fetch(`${sim.url}/_sim/scenario`, { method: 'DELETE' });
});
afterAll(() => sim.close());

const things = (size: number, broken = size): string =>
  template({
    Good: { Type: 'Test::Thing', Properties: { Size: size } },
    Broken: { Type: 'Test::Thing', Properties: { Size: broken }, DependsOn: 'Good' },
    After: { Type: 'Test::Thing', Properties: { Size: { 'Fn::GetAtt': ['Broken', 'Size'] } } },
  });

test('a resource a scenario rule fails rolls a new stack back to ROLLBACK_COMPLETE, deleting what was made', async () => {
  await arm([
    { resource: { logicalId: 'Brok*', stack: 'fresh', fail: 'Bucket name already taken', on: 'create' } },
  ]);
  await cfn.send(new CreateStackCommand({ StackName: 'fresh', TemplateBody: things(1) }));
  const stack = await settled(cfn, 'fresh');
  expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
  const events = await eventsOf(cfn, 'fresh');
  const lines = events
    .map(
      (e) =>
        `${e.LogicalResourceId} ${e.ResourceStatus}${e.ResourceStatusReason ? ` (${e.ResourceStatusReason})` : ''}`,
    )
    .reverse();
  expect(lines).toEqual([
    'fresh CREATE_IN_PROGRESS (User Initiated)',
    'Good CREATE_IN_PROGRESS',
    'Good CREATE_IN_PROGRESS (Resource creation Initiated)',
    'Good CREATE_COMPLETE',
    'Broken CREATE_IN_PROGRESS',
    'Broken CREATE_FAILED (Resource handler returned message: "Bucket name already taken")',
    'fresh ROLLBACK_IN_PROGRESS (The following resource(s) failed to create: [Broken]. Rollback requested by user.)',
    'Broken DELETE_COMPLETE',
    'Good DELETE_IN_PROGRESS',
    'Good DELETE_COMPLETE',
    'fresh ROLLBACK_COMPLETE',
  ]);
  expect([...objects.values()]).toEqual([]);
});

test('a failed update rolls back to UPDATE_ROLLBACK_COMPLETE with the previous properties put back', async () => {
  await cfn.send(new CreateStackCommand({ StackName: 'held', TemplateBody: things(1) }));
  expect((await settled(cfn, 'held')).StackStatus).toBe('CREATE_COMPLETE');
  const before = [...objects.values()];
  expect(before).toEqual([{ Size: 1 }, { Size: 1 }, { Size: 1 }]);

  await arm([
    {
      resource: {
        logicalId: 'Broken',
        on: 'update',
        fail: 'Resource handler returned message: "Size too large"',
      },
    },
  ]);
  await cfn.send(new UpdateStackCommand({ StackName: 'held', TemplateBody: things(2, 3) }));
  const stack = await settled(cfn, 'held');
  expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
  const events = (await eventsOf(cfn, 'held')).reverse();
  const update = events.slice(events.findIndex((e) => e.ResourceStatus === 'UPDATE_IN_PROGRESS'));
  expect(
    update.map(
      (e) =>
        `${e.LogicalResourceId} ${e.ResourceStatus}${e.ResourceStatusReason ? ` (${e.ResourceStatusReason})` : ''}`,
    ),
  ).toEqual([
    'held UPDATE_IN_PROGRESS (User Initiated)',
    'Good UPDATE_IN_PROGRESS',
    'Good UPDATE_COMPLETE',
    'Broken UPDATE_IN_PROGRESS',
    'Broken UPDATE_FAILED (Resource handler returned message: "Size too large")',
    'held UPDATE_ROLLBACK_IN_PROGRESS (The following resource(s) failed to update: [Broken]. )',
    'Broken UPDATE_IN_PROGRESS',
    'Broken UPDATE_COMPLETE',
    'Good UPDATE_IN_PROGRESS',
    'Good UPDATE_COMPLETE',
    'held UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
    'held UPDATE_ROLLBACK_COMPLETE',
  ]);
  // The model holds what it held before the update, and the stack reads as before.
  expect([...objects.values()]).toEqual(before);
  const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'held' }));
  expect(StackResources!.map((r) => [r.LogicalResourceId, r.ResourceStatus])).toEqual([
    ['Good', 'UPDATE_COMPLETE'],
    ['Broken', 'UPDATE_COMPLETE'],
    ['After', 'CREATE_COMPLETE'],
  ]);
  expect(stack.Parameters).toEqual([]);
});

test('with rollback disabled a failure stops at CREATE_FAILED / UPDATE_FAILED, and RollbackStack rolls it back', async () => {
  await arm([{ resource: { logicalId: 'Broken', stack: 'paused', fail: 'no capacity', on: 'create' } }]);
  await cfn.send(
    new CreateStackCommand({ StackName: 'paused', TemplateBody: things(1), DisableRollback: true }),
  );
  expect(await settled(cfn, 'paused')).toMatchObject({
    StackStatus: 'CREATE_FAILED',
    StackStatusReason: 'The following resource(s) failed to create: [Broken]. ',
  });
  await cfn.send(new RollbackStackCommand({ StackName: 'paused' }));
  expect((await settled(cfn, 'paused')).StackStatus).toBe('ROLLBACK_COMPLETE');

  await fetch(`${sim.url}/_sim/scenario`, { method: 'DELETE' });
  await cfn.send(new CreateStackCommand({ StackName: 'paused2', TemplateBody: things(1) }));
  await settled(cfn, 'paused2');
  await arm([{ resource: { logicalId: 'Broken', stack: 'paused2', fail: 'no capacity', on: 'update' } }]);
  await cfn.send(
    new UpdateStackCommand({ StackName: 'paused2', TemplateBody: things(4), DisableRollback: true }),
  );
  expect((await settled(cfn, 'paused2')).StackStatus).toBe('UPDATE_FAILED');
  await cfn.send(new RollbackStackCommand({ StackName: 'paused2' }));
  expect((await settled(cfn, 'paused2')).StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
});

test('a resource rule is validated like the other scenario rules', async () => {
  const res = await fetch(`${sim.url}/_sim/scenario`, {
    method: 'POST',
    body: JSON.stringify({ rules: [{ resource: { logicalId: 'X', on: 'sometimes', fail: 'no' } }] }),
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({
    error: 'ValidationException',
    message: 'rules[0].resource "on" must be create, update, delete or any',
  });
});
