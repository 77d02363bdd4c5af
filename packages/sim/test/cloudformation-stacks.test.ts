import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  ListStacksCommand,
  UpdateStackCommand,
  UpdateTerminationProtectionCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import {
  cfnClient,
  errorOf,
  eventsOf,
  settled,
  startSimulator,
  template,
  type RunningSimulator,
} from './cloudformation-helpers';

let sim: RunningSimulator;
let cfn: CloudFormationClient;

beforeAll(async () => {
  sim = await startSimulator({ timeScale: 100 });
  cfn = cfnClient(sim);
});
afterAll(() => sim.close());

const twoTopics = template(
  {
    First: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'first' } },
    Second: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::Sub': '${First}-second' } } },
  },
  {
    Outputs: {
      SecondArn: { Value: { Ref: 'Second' }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-second' } } },
    },
  },
);

test('CreateStack runs CREATE_IN_PROGRESS to CREATE_COMPLETE, resources in dependency order, events newest first', async () => {
  const { StackId } = await cfn.send(new CreateStackCommand({ StackName: 'plain', TemplateBody: twoTopics }));
  expect(StackId).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:stack\/plain\/[0-9a-f-]{36}$/);
  const stack = await settled(cfn, 'plain');
  expect(stack.StackStatus).toBe('CREATE_COMPLETE');
  expect(stack.Outputs).toEqual([
    {
      OutputKey: 'SecondArn',
      OutputValue: expect.stringMatching(/^plain-Second-/),
      ExportName: 'plain-second',
    },
  ]);
  const events = await eventsOf(cfn, 'plain');
  const lines = events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`).reverse();
  expect(lines).toEqual([
    'plain CREATE_IN_PROGRESS',
    'First CREATE_IN_PROGRESS',
    'First CREATE_IN_PROGRESS',
    'First CREATE_COMPLETE',
    'Second CREATE_IN_PROGRESS',
    'Second CREATE_IN_PROGRESS',
    'Second CREATE_COMPLETE',
    'plain CREATE_COMPLETE',
  ]);
  expect(events[0]!.ResourceType).toBe('AWS::CloudFormation::Stack');
  // Second waits for First: two resources of a second each, one after the other, on the simulator clock.
  expect(events[0]!.Timestamp!.getTime() - events.at(-1)!.Timestamp!.getTime()).toBe(2000);
  expect(events.at(-1)!.ResourceStatusReason).toBe('User Initiated');
  expect(events.at(-3)!.ResourceStatusReason).toBe('Resource creation Initiated');
  const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'plain' }));
  expect(StackResources!.map((r) => [r.LogicalResourceId, r.ResourceStatus])).toEqual([
    ['First', 'CREATE_COMPLETE'],
    ['Second', 'CREATE_COMPLETE'],
  ]);
});

test('a missing stack is a ValidationError naming it; an existing name is AlreadyExistsException', async () => {
  expect(await errorOf(cfn.send(new DescribeStacksCommand({ StackName: 'nope' })))).toEqual({
    name: 'ValidationError',
    message: 'Stack with id nope does not exist',
    status: 400,
  });
  await settled(cfn, 'plain');
  expect(
    await errorOf(cfn.send(new CreateStackCommand({ StackName: 'plain', TemplateBody: twoTopics }))),
  ).toMatchObject({
    name: 'AlreadyExistsException',
    message: 'Stack [plain] already exists',
  });
});

test('UpdateStack with nothing to change is refused; a change runs through clean-up to UPDATE_COMPLETE', async () => {
  await cfn.send(new CreateStackCommand({ StackName: 'upd', TemplateBody: twoTopics }));
  await settled(cfn, 'upd');
  expect(
    await errorOf(cfn.send(new UpdateStackCommand({ StackName: 'upd', TemplateBody: twoTopics }))),
  ).toMatchObject({
    name: 'ValidationError',
    message: 'No updates are to be performed.',
  });
  const changed = template({
    First: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'first', DisplayName: 'x' } },
  });
  await cfn.send(new UpdateStackCommand({ StackName: 'upd', TemplateBody: changed }));
  const stack = await settled(cfn, 'upd');
  expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
  const statuses = (await eventsOf(cfn, 'upd'))
    .filter((e) => e.LogicalResourceId === 'upd')
    .map((e) => e.ResourceStatus);
  expect(statuses.slice(0, 3)).toEqual([
    'UPDATE_COMPLETE',
    'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
    'UPDATE_IN_PROGRESS',
  ]);
  const { StackResourceSummaries } = await cfn.send(new ListStackResourcesCommand({ StackName: 'upd' }));
  expect(StackResourceSummaries!.map((r) => r.LogicalResourceId)).toEqual(['First']);
  const { TemplateBody } = await cfn.send(new GetTemplateCommand({ StackName: 'upd' }));
  expect(TemplateBody).toBe(changed);
});

test('DeleteStack runs to DELETE_COMPLETE; the stack is then only describable by its id', async () => {
  const { StackId } = await cfn.send(
    new CreateStackCommand({
      StackName: 'gone',
      TemplateBody: template({
        Kept: { Type: 'AWS::SNS::Topic', DeletionPolicy: 'Retain' },
        Dropped: { Type: 'AWS::SNS::Topic' },
      }),
    }),
  );
  await settled(cfn, 'gone');
  await cfn.send(new DeleteStackCommand({ StackName: 'gone' }));
  const stack = await settled(cfn, StackId!);
  expect(stack.StackStatus).toBe('DELETE_COMPLETE');
  const resources = (await eventsOf(cfn, StackId!)).map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`);
  expect(resources).toContain('Kept DELETE_SKIPPED');
  expect(resources).toContain('Dropped DELETE_COMPLETE');
  expect((await errorOf(cfn.send(new DescribeStacksCommand({ StackName: 'gone' })))).message).toBe(
    'Stack with id gone does not exist',
  );
  const { StackSummaries } = await cfn.send(
    new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }),
  );
  expect(StackSummaries!.map((s) => s.StackName)).toContain('gone');
});

test('events page by NextToken newest first; a resource keeps its Metadata; the stack shows in /_sim/state', async () => {
  const many = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [
      `Topic${i}`,
      { Type: 'AWS::SNS::Topic', Metadata: { 'aws:cdk:path': `App/Topic${i}/Resource` } },
    ]),
  );
  await cfn.send(new CreateStackCommand({ StackName: 'many', TemplateBody: template(many) }));
  await settled(cfn, 'many');
  const first = await cfn.send(new DescribeStackEventsCommand({ StackName: 'many' }));
  expect(first.StackEvents).toHaveLength(100);
  expect(first.NextToken).toBeDefined();
  const all = await eventsOf(cfn, 'many');
  expect(all).toHaveLength(2 + 40 * 3);
  const times = all.map((e) => e.Timestamp!.getTime());
  expect(times).toEqual([...times].sort((a, b) => b - a));

  const { StackResourceDetail } = await cfn.send(
    new DescribeStackResourceCommand({ StackName: 'many', LogicalResourceId: 'Topic7' }),
  );
  expect(JSON.parse(StackResourceDetail!.Metadata!)).toEqual({ 'aws:cdk:path': 'App/Topic7/Resource' });

  const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as {
    cloudformation: { stacks: Record<string, { name: string; status: string }> };
  };
  expect(Object.values(state.cloudformation.stacks)).toContainEqual(
    expect.objectContaining({ name: 'many', status: 'CREATE_COMPLETE' }),
  );
});

test('a YAML template with short forms deploys; GetTemplate answers it as submitted, or processed as JSON', async () => {
  const yaml = [
    'Parameters:',
    '  Stage: { Type: String, Default: dev }',
    'Conditions:',
    '  IsProd: !Equals [!Ref Stage, prod]',
    'Resources:',
    '  Topic:',
    '    Type: AWS::SNS::Topic',
    '    Properties:',
    "      TopicName: !Sub '${AWS::StackName}-${Stage}'",
    '  ProdOnly:',
    '    Type: AWS::SNS::Topic',
    '    Condition: IsProd',
    'Outputs:',
    '  Name:',
    '    Value: !GetAtt Topic.TopicName',
    '  Zone:',
    "    Value: !Select [0, !GetAZs '']",
    '',
  ].join('\n');
  await cfn.send(new CreateStackCommand({ StackName: 'yaml', TemplateBody: yaml }));
  const stack = await settled(cfn, 'yaml');
  expect(stack.StackStatus).toBe('CREATE_COMPLETE');
  expect(stack.Outputs!.find((o) => o.OutputKey === 'Zone')!.OutputValue).toBe('us-east-1a');
  const { StackResourceSummaries } = await cfn.send(new ListStackResourcesCommand({ StackName: 'yaml' }));
  expect(StackResourceSummaries!.map((r) => r.LogicalResourceId)).toEqual(['Topic']);
  expect((await cfn.send(new GetTemplateCommand({ StackName: 'yaml' }))).TemplateBody).toBe(yaml);
  const processed = await cfn.send(new GetTemplateCommand({ StackName: 'yaml', TemplateStage: 'Processed' }));
  expect(JSON.parse(processed.TemplateBody!).Conditions).toEqual({
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
  });
});

test('every event has its own id, even two of one resource in one millisecond', async () => {
  const events = await eventsOf(cfn, 'plain');
  expect(new Set(events.map((e) => e.EventId)).size).toBe(events.length);
});

test('termination protection refuses DeleteStack until it is turned off', async () => {
  await cfn.send(
    new CreateStackCommand({
      StackName: 'guarded',
      TemplateBody: twoTopics.replace(/second"/g, 'guarded"'),
      EnableTerminationProtection: true,
    }),
  );
  const stack = await settled(cfn, 'guarded');
  expect(stack.EnableTerminationProtection).toBe(true);
  expect(await errorOf(cfn.send(new DeleteStackCommand({ StackName: 'guarded' })))).toMatchObject({
    name: 'ValidationError',
    message: 'Stack [guarded] cannot be deleted while TerminationProtection is enabled',
  });
  await cfn.send(
    new UpdateTerminationProtectionCommand({ StackName: 'guarded', EnableTerminationProtection: false }),
  );
  await cfn.send(new DeleteStackCommand({ StackName: 'guarded' }));
  expect((await settled(cfn, stack.StackId!)).StackStatus).toBe('DELETE_COMPLETE');
});
