import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  GetTemplateSummaryCommand,
  ListExportsCommand,
  UpdateStackCommand,
  ValidateTemplateCommand,
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
  sim = await startSimulator({
    timeScale: 100,
    seed: {
      parameters: [
        { name: '/cdk-bootstrap/hnb659fds/version', value: '30' },
        { name: '/app/image', value: 'repo:v1' },
      ],
      buckets: [
        {
          name: 'templates',
          objects: { 'app/topic.yaml': 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n' },
        },
      ],
    },
  });
  cfn = cfnClient(sim);
});
afterAll(() => sim.close());

/** What a CDK app's template carries: the BootstrapVersion parameter and its CheckBootstrapVersion rule. */
const cdkLike = (required: string[], extra: Record<string, unknown> = {}): string =>
  template(
    { Topic: { Type: 'AWS::SNS::Topic', Metadata: { 'aws:cdk:path': 'App/Topic/Resource' } } },
    {
      Parameters: {
        BootstrapVersion: {
          Type: 'AWS::SSM::Parameter::Value<String>',
          Default: '/cdk-bootstrap/hnb659fds/version',
          Description:
            'Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store.',
        },
        ...extra,
      },
      Rules: {
        CheckBootstrapVersion: {
          Assertions: [
            {
              Assert: { 'Fn::Not': [{ 'Fn::Contains': [required, { Ref: 'BootstrapVersion' }] }] },
              AssertDescription:
                "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.",
            },
          ],
        },
      },
    },
  );

test('an SSM parameter type resolves from Parameter Store; DescribeStacks shows the name and the resolved value', async () => {
  await cfn.send(
    new CreateStackCommand({ StackName: 'cdk', TemplateBody: cdkLike(['1', '2', '3', '4', '5']) }),
  );
  const stack = await settled(cfn, 'cdk');
  expect(stack.StackStatus).toBe('CREATE_COMPLETE');
  expect(stack.Parameters).toEqual([
    {
      ParameterKey: 'BootstrapVersion',
      ParameterValue: '/cdk-bootstrap/hnb659fds/version',
      ResolvedValue: '30',
    },
  ]);
});

test('a failed Rules assertion is a ValidationError with its AssertDescription', async () => {
  expect(
    await errorOf(cfn.send(new CreateStackCommand({ StackName: 'old', TemplateBody: cdkLike(['30']) }))),
  ).toEqual({
    name: 'ValidationError',
    message:
      "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.",
    status: 400,
  });
});

test('parameters are checked as CloudFormation checks them', async () => {
  const body = template(
    { Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { Ref: 'Stage' } } } },
    {
      Parameters: {
        Stage: { Type: 'String', AllowedValues: ['dev', 'prod'] },
        Qualifier: {
          Type: 'String',
          Default: 'abc',
          AllowedPattern: '[a-z]{1,10}',
          ConstraintDescription: 'Qualifier must be lower case',
        },
        Count: { Type: 'Number', Default: 1 },
        Image: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/missing' },
      },
    },
  );
  const cases: [Record<string, string>[], string][] = [
    [[{ ParameterKey: 'Stage', ParameterValue: 'qa' }], "Parameter 'Stage' must be one of AllowedValues"],
    [
      [
        { ParameterKey: 'Stage', ParameterValue: 'dev' },
        { ParameterKey: 'Qualifier', ParameterValue: 'ABC' },
      ],
      'Parameter Qualifier failed to satisfy constraint: Qualifier must be lower case',
    ],
    [
      [
        { ParameterKey: 'Stage', ParameterValue: 'dev' },
        { ParameterKey: 'Count', ParameterValue: 'many' },
      ],
      "Parameter 'Count' must be a number.",
    ],
    [
      [{ ParameterKey: 'Stage', ParameterValue: 'dev' }],
      'Unable to fetch parameters [/app/missing] from parameter store for this account.',
    ],
    [[], 'Parameters: [Stage] must have values'],
    [
      [
        { ParameterKey: 'Stage', ParameterValue: 'dev' },
        { ParameterKey: 'Other', ParameterValue: 'x' },
      ],
      'Parameters: [Other] do not exist in the template',
    ],
  ];
  for (const [Parameters, message] of cases) {
    expect(
      await errorOf(
        cfn.send(new CreateStackCommand({ StackName: 'params', TemplateBody: body, Parameters })),
      ),
    ).toMatchObject({
      name: 'ValidationError',
      message,
    });
  }
});

test('NoEcho values are masked, UsePreviousValue keeps a value across an update, List<Number> and CommaDelimitedList are lists', async () => {
  const body = (display: string): string =>
    template(
      {
        Topic: {
          Type: 'AWS::SNS::Topic',
          Properties: {
            DisplayName: {
              'Fn::Join': [
                '+',
                [display, { 'Fn::Select': [1, { Ref: 'Ports' }] }, { 'Fn::Join': ['/', { Ref: 'Names' }] }],
              ],
            },
            KmsMasterKeyId: { Ref: 'Secret' },
          },
        },
      },
      {
        Parameters: {
          Secret: { Type: 'String', NoEcho: true },
          Ports: { Type: 'List<Number>' },
          Names: { Type: 'CommaDelimitedList' },
        },
        Outputs: {
          Display: { Value: { 'Fn::GetAtt': ['Topic', 'TopicName'] } },
          Shown: { Value: { 'Fn::Join': ['/', { Ref: 'Names' }] } },
        },
      },
    );
  await cfn.send(
    new CreateStackCommand({
      StackName: 'echo',
      TemplateBody: body('a'),
      Parameters: [
        { ParameterKey: 'Secret', ParameterValue: 'hunter2' },
        { ParameterKey: 'Ports', ParameterValue: '80,443' },
        { ParameterKey: 'Names', ParameterValue: 'x,y' },
      ],
    }),
  );
  const created = await settled(cfn, 'echo');
  expect(created.Parameters).toEqual([
    { ParameterKey: 'Secret', ParameterValue: '****' },
    { ParameterKey: 'Ports', ParameterValue: '80,443' },
    { ParameterKey: 'Names', ParameterValue: 'x,y' },
  ]);
  expect(created.Outputs!.find((o) => o.OutputKey === 'Shown')!.OutputValue).toBe('x/y');
  await cfn.send(
    new UpdateStackCommand({
      StackName: 'echo',
      TemplateBody: body('b'),
      Parameters: [
        { ParameterKey: 'Secret', UsePreviousValue: true },
        { ParameterKey: 'Ports', UsePreviousValue: true },
        { ParameterKey: 'Names', ParameterValue: 'z' },
      ],
    }),
  );
  const updated = await settled(cfn, 'echo');
  expect(updated.StackStatus).toBe('UPDATE_COMPLETE');
  expect(updated.Parameters!.map((p) => p.ParameterValue)).toEqual(['****', '80,443', 'z']);
  // The NoEcho value reaches the resource, but no answer shows it; /_sim/secrets lists it.
  const events = await eventsOf(cfn, 'echo');
  expect(JSON.stringify(events)).not.toContain('hunter2');
  expect(
    events.find((e) => e.LogicalResourceId === 'Topic' && e.ResourceProperties)!.ResourceProperties,
  ).toContain('"KmsMasterKeyId":"****"');
  // The stack's parameters in /_sim/state hold it sealed (the resource's own properties hold what it was given).
  const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as {
    cloudformation: { stacks: Record<string, { name: string; parameters: unknown[] }> };
  };
  const echo = Object.values(state.cloudformation.stacks).find((st) => st.name === 'echo')!;
  expect(JSON.stringify(echo.parameters)).not.toContain('hunter2');
  expect(echo.parameters[0]).toEqual({
    key: 'Secret',
    value: expect.stringMatching(/^<sealed 7 chars /),
    noEcho: true,
  });
  expect(await (await fetch(`${sim.url}/_sim/secrets`)).json()).toContainEqual({
    kind: 'cloudformation:NoEcho',
    value: 'hunter2',
  });
});

test('IAM resources need CAPABILITY_IAM, named ones CAPABILITY_NAMED_IAM', async () => {
  const role = (props: Record<string, unknown>): string =>
    template({
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'ecs-tasks.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          ...props,
        },
      },
    });
  expect(
    await errorOf(cfn.send(new CreateStackCommand({ StackName: 'iam', TemplateBody: role({}) }))),
  ).toMatchObject({
    name: 'InsufficientCapabilitiesException',
    message: 'Requires capabilities : [CAPABILITY_IAM]',
  });
  expect(
    await errorOf(
      cfn.send(
        new CreateStackCommand({
          StackName: 'iam',
          TemplateBody: role({ RoleName: 'named' }),
          Capabilities: ['CAPABILITY_IAM'],
        }),
      ),
    ),
  ).toMatchObject({
    name: 'InsufficientCapabilitiesException',
    message: 'Requires capabilities : [CAPABILITY_NAMED_IAM]',
  });
  await cfn.send(
    new CreateStackCommand({
      StackName: 'iam',
      TemplateBody: role({ RoleName: 'named' }),
      Capabilities: ['CAPABILITY_NAMED_IAM'],
    }),
  );
  const stack = await settled(cfn, 'iam');
  expect(stack).toMatchObject({ StackStatus: 'CREATE_COMPLETE', Capabilities: ['CAPABILITY_NAMED_IAM'] });
  const summary = await cfn.send(new GetTemplateSummaryCommand({ TemplateBody: role({}) }));
  expect(summary).toMatchObject({
    Capabilities: ['CAPABILITY_IAM'],
    CapabilitiesReason: 'The following resource(s) require capabilities: [AWS::IAM::Role]',
    ResourceTypes: ['AWS::IAM::Role'],
  });
});

test("a TemplateURL is read from the simulator's S3, path-style or virtual-hosted", async () => {
  const urls = [
    `${sim.url}/templates/app/topic.yaml`,
    'https://s3.us-east-1.amazonaws.com/templates/app/topic.yaml',
    'https://templates.s3.us-east-1.amazonaws.com/app/topic.yaml',
  ];
  for (const [i, TemplateURL] of urls.entries()) {
    await cfn.send(new CreateStackCommand({ StackName: `from-s3-${i}`, TemplateURL }));
    expect((await settled(cfn, `from-s3-${i}`)).StackStatus).toBe('CREATE_COMPLETE');
  }
  expect(
    await errorOf(
      cfn.send(
        new CreateStackCommand({ StackName: 'nowhere', TemplateURL: `${sim.url}/templates/missing.yaml` }),
      ),
    ),
  ).toMatchObject({
    name: 'ValidationError',
    message: 'TemplateURL must reference a valid S3 object to which you have access.',
  });
  const validated = await cfn.send(new ValidateTemplateCommand({ TemplateURL: urls[0] }));
  expect(validated).toMatchObject({ Parameters: [], Capabilities: [] });
});

test('outputs with Export names are importable by other stacks, and an imported export keeps its stack', async () => {
  await cfn.send(
    new CreateStackCommand({
      StackName: 'network',
      TemplateBody: template(
        { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } },
        {
          Outputs: {
            VpcId: { Value: { Ref: 'Vpc' }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-vpc' } } },
          },
        },
      ),
    }),
  );
  const network = await settled(cfn, 'network');
  const vpcId = network.Outputs![0]!.OutputValue!;
  expect(network.Outputs).toEqual([{ OutputKey: 'VpcId', OutputValue: vpcId, ExportName: 'network-vpc' }]);
  const { Exports } = await cfn.send(new ListExportsCommand({}));
  expect(Exports).toEqual([{ ExportingStackId: network.StackId, Name: 'network-vpc', Value: vpcId }]);

  await cfn.send(
    new CreateStackCommand({
      StackName: 'app',
      TemplateBody: template(
        {
          Sg: {
            Type: 'AWS::EC2::SecurityGroup',
            Properties: { VpcId: { 'Fn::ImportValue': 'network-vpc' }, GroupDescription: 'app' },
          },
        },
        { Outputs: { Vpc: { Value: { 'Fn::ImportValue': 'network-vpc' } } } },
      ),
    }),
  );
  expect((await settled(cfn, 'app')).Outputs).toEqual([{ OutputKey: 'Vpc', OutputValue: vpcId }]);
  expect(
    await errorOf(
      cfn.send(
        new CreateStackCommand({
          StackName: 'lost',
          TemplateBody: template({
            T: { Type: 'AWS::SNS::Topic', Properties: { X: { 'Fn::ImportValue': 'nope' } } },
          }),
        }),
      ),
    ),
  ).toMatchObject({
    name: 'ValidationError',
    message: 'No export named nope found.',
  });
  expect(await errorOf(cfn.send(new DeleteStackCommand({ StackName: 'network' })))).toMatchObject({
    name: 'ValidationError',
    message: 'Export network-vpc cannot be deleted as it is in use by app',
  });
  expect((await cfn.send(new DescribeStacksCommand({ StackName: 'network' }))).Stacks![0]!.StackStatus).toBe(
    'CREATE_COMPLETE',
  );

  await cfn.send(
    new CreateStackCommand({
      StackName: 'copycat',
      TemplateBody: template(
        { T: { Type: 'AWS::SNS::Topic' } },
        { Outputs: { Again: { Value: 'x', Export: { Name: 'network-vpc' } } } },
      ),
    }),
  );
  expect(await settled(cfn, 'copycat')).toMatchObject({
    StackStatus: 'ROLLBACK_COMPLETE',
    StackStatusReason:
      'Export with name network-vpc is already exported by stack network. Rollback requested by user.',
  });
});
