import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  CreateStackCommand,
  GetTemplateCommand,
  ListChangeSetsCommand,
  UpdateStackCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import type { ResourceProvider } from '../src/cloudformation/resources';
import { useProviders } from '../src/cloudformation';
import {
  cfnClient,
  changeSetReady,
  errorOf,
  settled,
  startSimulator,
  template,
  type RunningSimulator,
} from './cloudformation-helpers';

let sim: RunningSimulator;
let cfn: CloudFormationClient;

/** A provider whose `Name` property is create-only, as many real types' names are. */
const named: ResourceProvider = {
  create: (ctx, props) => ({
    physicalId: `${String(props['Name'])}-${ctx.now}`,
    attributes: { Name: props['Name'] },
  }),
  needsReplacement: (before, after) => before['Name'] !== after['Name'],
  update: (_ctx, current, _before, after) => ({ ...current, attributes: { Name: after['Name'] } }),
  delete: () => undefined,
};

beforeAll(async () => {
  sim = await startSimulator({ timeScale: 100 });
  useProviders(sim.sim, (type) => (type === 'Test::Named::Thing' ? named : undefined));
  cfn = cfnClient(sim);
});
afterAll(() => sim.close());

const v1 = template({
  Thing: { Type: 'Test::Named::Thing', Properties: { Name: 'one', Size: 1 } },
  User: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { Ref: 'Thing' } } },
  Old: { Type: 'AWS::SNS::Topic' },
});

test('a CREATE change set makes a REVIEW_IN_PROGRESS stack, goes CREATE_PENDING to CREATE_COMPLETE and executes', async () => {
  const created = await cfn.send(
    new CreateChangeSetCommand({
      StackName: 'review',
      ChangeSetName: 'first',
      ChangeSetType: 'CREATE',
      TemplateBody: v1,
      Description: 'the first one',
    }),
  );
  expect(created.Id).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:changeSet\/first\//);
  const review = await cfn.send(new DescribeStacksCommand({ StackName: 'review' }));
  expect(review.Stacks![0]).toMatchObject({ StackStatus: 'REVIEW_IN_PROGRESS', StackId: created.StackId });
  // Until the change set runs the stack has no template: only the change set has one.
  expect((await cfn.send(new GetTemplateCommand({ StackName: 'review' }))).TemplateBody).toBe('{}');
  expect(
    (await cfn.send(new GetTemplateCommand({ StackName: 'review', ChangeSetName: 'first' }))).TemplateBody,
  ).toBe(v1);
  const cs = await changeSetReady(cfn, 'review', 'first');
  expect(cs).toMatchObject({
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    Description: 'the first one',
  });
  expect(
    cs.Changes!.map((c) => [
      c.ResourceChange!.Action,
      c.ResourceChange!.LogicalResourceId,
      c.ResourceChange!.ResourceType,
    ]),
  ).toEqual([
    ['Add', 'Thing', 'Test::Named::Thing'],
    ['Add', 'Old', 'AWS::SNS::Topic'],
    ['Add', 'User', 'AWS::SNS::Topic'],
  ]);
  const { Summaries } = await cfn.send(new ListChangeSetsCommand({ StackName: 'review' }));
  expect(Summaries!.map((s) => [s.ChangeSetName, s.Status])).toEqual([['first', 'CREATE_COMPLETE']]);
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id! }));
  expect((await settled(cfn, 'review')).StackStatus).toBe('CREATE_COMPLETE');
  const after = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id! }));
  expect(after.ExecutionStatus).toBe('EXECUTE_COMPLETE');
});

test('an UPDATE change set shows Add, Modify with Replacement and Remove; executing it replaces and cleans up', async () => {
  await settled(cfn, 'review');
  const v2 = template({
    Thing: { Type: 'Test::Named::Thing', Properties: { Name: 'two', Size: 1 } },
    User: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { Ref: 'Thing' } } },
    New: { Type: 'AWS::SNS::Topic' },
  });
  await cfn.send(
    new CreateChangeSetCommand({ StackName: 'review', ChangeSetName: 'second', TemplateBody: v2 }),
  );
  const cs = await changeSetReady(cfn, 'review', 'second');
  const changes = cs.Changes!.map((c) => c.ResourceChange!);
  expect(changes.map((c) => [c.Action, c.LogicalResourceId, c.Replacement])).toEqual([
    ['Modify', 'Thing', 'True'],
    ['Add', 'New', undefined],
    ['Modify', 'User', 'False'],
    ['Remove', 'Old', undefined],
  ]);
  expect(changes[0]!.Details).toEqual([
    {
      Target: { Attribute: 'Properties', Name: 'Name', RequiresRecreation: 'Always' },
      Evaluation: 'Static',
      ChangeSource: 'DirectModification',
    },
  ]);
  expect(changes[2]!.Details![0]!.ChangeSource).toBe('ResourceReference');
  const { TemplateBody } = await cfn.send(
    new GetTemplateCommand({ StackName: 'review', ChangeSetName: 'second' }),
  );
  expect(TemplateBody).toBe(v2);

  const before = (await cfn.send(new DescribeStacksCommand({ StackName: 'review' }))).Stacks![0]!;
  await cfn.send(new ExecuteChangeSetCommand({ StackName: 'review', ChangeSetName: 'second' }));
  const stack = await settled(cfn, 'review');
  expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
  expect(stack.StackId).toBe(before.StackId);
  const events = (await sim.sim.snapshot()) as {
    cloudformation: {
      stacks: Record<string, { events: { logicalId: string; status: string; reason?: string }[] }>;
    };
  };
  const lines = events.cloudformation.stacks[stack.StackId!]!.events.map(
    (e) => `${e.logicalId} ${e.status}${e.reason ? ` (${e.reason})` : ''}`,
  );
  const update = lines.slice(lines.lastIndexOf('review UPDATE_IN_PROGRESS (User Initiated)'));
  expect(update).toEqual([
    'review UPDATE_IN_PROGRESS (User Initiated)',
    'Thing UPDATE_IN_PROGRESS (Requested update requires the creation of a new physical resource; hence creating one.)',
    'New CREATE_IN_PROGRESS',
    'New CREATE_IN_PROGRESS (Resource creation Initiated)',
    'Thing UPDATE_COMPLETE',
    'New CREATE_COMPLETE',
    'User UPDATE_IN_PROGRESS',
    'User UPDATE_COMPLETE',
    'review UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
    'Old DELETE_IN_PROGRESS',
    'Thing DELETE_IN_PROGRESS',
    'Old DELETE_COMPLETE',
    'Thing DELETE_COMPLETE',
    'review UPDATE_COMPLETE',
  ]);
});

test("a change set that changes nothing FAILS with CloudFormation's reason, and can be deleted", async () => {
  await cfn.send(createPlain('same'));
  await settled(cfn, 'same');
  await cfn.send(
    new CreateChangeSetCommand({ StackName: 'same', ChangeSetName: 'noop', TemplateBody: plain }),
  );
  const cs = await changeSetReady(cfn, 'same', 'noop');
  expect(cs).toMatchObject({
    Status: 'FAILED',
    ExecutionStatus: 'UNAVAILABLE',
    StatusReason:
      "The submitted information didn't contain changes. Submit different information to create a change set.",
    Changes: [],
  });
  expect(
    await errorOf(cfn.send(new ExecuteChangeSetCommand({ StackName: 'same', ChangeSetName: 'noop' }))),
  ).toMatchObject({ name: 'InvalidChangeSetStatusException' });
  await cfn.send(new DeleteChangeSetCommand({ StackName: 'same', ChangeSetName: 'noop' }));
  // Deleting it again succeeds while the stack exists; describing it is ChangeSetNotFound (404).
  await cfn.send(new DeleteChangeSetCommand({ StackName: 'same', ChangeSetName: 'noop' }));
  expect(
    await errorOf(cfn.send(new DescribeChangeSetCommand({ StackName: 'same', ChangeSetName: 'noop' }))),
  ).toEqual({
    name: 'ChangeSetNotFoundException',
    message: 'ChangeSet [noop] does not exist',
    status: 404,
  });
});

test('change sets are refused as CloudFormation refuses them', async () => {
  await settled(cfn, 'same');
  const cases: [Record<string, unknown>, string, string][] = [
    [
      { StackName: 'same', ChangeSetType: 'CREATE' },
      'AlreadyExistsException',
      'Stack [same] already exists and cannot be created again with the changeSet [x].',
    ],
    [{ StackName: 'absent' }, 'ValidationError', 'Stack with id absent does not exist'],
    [
      { StackName: 'same', ChangeSetType: 'IMPORT' },
      'ValidationError',
      'ChangeSetType IMPORT is not supported: the simulator cannot import existing resources.',
    ],
    [
      { StackName: 'same', TemplateBody: undefined },
      'ValidationError',
      'Either Template URL or Template Body must be specified.',
    ],
  ];
  for (const [extra, name, message] of cases) {
    const input = { ChangeSetName: 'x', TemplateBody: plain, ...extra } as ConstructorParameters<
      typeof CreateChangeSetCommand
    >[0];
    expect(await errorOf(cfn.send(new CreateChangeSetCommand(input)))).toMatchObject({ name, message });
  }
});

test('deleting a REVIEW_IN_PROGRESS stack (a diff of a new stack) removes it at once', async () => {
  await cfn.send(
    new CreateChangeSetCommand({
      StackName: 'diffonly',
      ChangeSetName: 'diff',
      ChangeSetType: 'CREATE',
      TemplateBody: plain,
    }),
  );
  await changeSetReady(cfn, 'diffonly', 'diff');
  await cfn.send(new DeleteStackCommand({ StackName: 'diffonly' }));
  expect((await errorOf(cfn.send(new DescribeStacksCommand({ StackName: 'diffonly' })))).message).toBe(
    'Stack with id diffonly does not exist',
  );
});

const plain = template({ Topic: { Type: 'AWS::SNS::Topic' } });

/** CreateStack of the plain template. */
function createPlain(name: string): CreateStackCommand {
  return new CreateStackCommand({ StackName: name, TemplateBody: plain });
}

test("executing a change set deletes the stack's others; an UpdateStack makes them OBSOLETE", async () => {
  await cfn.send(createPlain('many-sets'));
  await settled(cfn, 'many-sets');
  const next = (n: number): string =>
    template({ Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: `v${n}` } } });
  for (const [name, n] of [
    ['a', 1],
    ['b', 2],
  ] as const) {
    await cfn.send(
      new CreateChangeSetCommand({ StackName: 'many-sets', ChangeSetName: name, TemplateBody: next(n) }),
    );
    await changeSetReady(cfn, 'many-sets', name);
  }
  await cfn.send(new ExecuteChangeSetCommand({ StackName: 'many-sets', ChangeSetName: 'a' }));
  await settled(cfn, 'many-sets');
  expect(
    (await errorOf(cfn.send(new DescribeChangeSetCommand({ StackName: 'many-sets', ChangeSetName: 'b' }))))
      .name,
  ).toBe('ChangeSetNotFoundException');

  await cfn.send(
    new CreateChangeSetCommand({ StackName: 'many-sets', ChangeSetName: 'c', TemplateBody: next(3) }),
  );
  await changeSetReady(cfn, 'many-sets', 'c');
  await cfn.send(new UpdateStackCommand({ StackName: 'many-sets', TemplateBody: next(4) }));
  await settled(cfn, 'many-sets');
  const c = await cfn.send(new DescribeChangeSetCommand({ StackName: 'many-sets', ChangeSetName: 'c' }));
  expect(c).toMatchObject({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'OBSOLETE' });
  expect(
    await errorOf(cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: c.ChangeSetId! }))),
  ).toMatchObject({
    name: 'InvalidChangeSetStatusException',
    message: `ChangeSet [${c.ChangeSetId!}] cannot be executed in its current execution status of [OBSOLETE]`,
  });
});
