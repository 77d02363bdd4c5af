import { evaluate, NO_VALUE, parseTemplate, type Scope } from '../src/cloudformation';
import { checkReferences, type Template } from '../src/cloudformation/template';

const template: Template = {
  Parameters: { Env: { Type: 'String' }, Subnets: { Type: 'CommaDelimitedList' } },
  Mappings: { Sizes: { prod: { Cpu: '1024' }, dev: { Cpu: '256' } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    Either: { 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': ['a', 'a'] }] },
    Both: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'NotProd' }] },
  },
  Resources: { Bucket: { Type: 'AWS::S3::Bucket' } },
};

const scope: Scope = {
  template,
  account: '123456789012',
  region: 'eu-west-1',
  stackName: 'app',
  stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/app/1',
  parameters: new Map<string, string | string[]>([
    ['Env', 'dev'],
    ['Subnets', ['subnet-1', 'subnet-2']],
  ]),
  ref: (id) => (id === 'Bucket' ? 'app-bucket-1' : undefined),
  getAtt: (id, attr) => `${id}:${attr}`,
  importValue: (name) => `imported:${name}`,
};

const cases: [string, unknown, unknown][] = [
  ['Ref of a parameter', { Ref: 'Env' }, 'dev'],
  ['Ref of a list parameter', { Ref: 'Subnets' }, ['subnet-1', 'subnet-2']],
  ['Ref of a resource', { Ref: 'Bucket' }, 'app-bucket-1'],
  [
    'pseudo parameters',
    ['AWS::AccountId', 'AWS::Region', 'AWS::StackName', 'AWS::Partition', 'AWS::URLSuffix'].map((Ref) => ({
      Ref,
    })),
    ['123456789012', 'eu-west-1', 'app', 'aws', 'amazonaws.com'],
  ],
  ['AWS::NoValue drops the key', { A: 1, B: { Ref: 'AWS::NoValue' } }, { A: 1 }],
  ['Fn::GetAtt as a list', { 'Fn::GetAtt': ['Bucket', 'Arn'] }, 'Bucket:Arn'],
  ['Fn::GetAtt as A.B.C', { 'Fn::GetAtt': 'Bucket.Endpoint.Address' }, 'Bucket:Endpoint.Address'],
  [
    'Fn::Sub with pseudo, resource, attribute and literal',
    { 'Fn::Sub': '${AWS::Region}/${Bucket}/${Bucket.Arn}/${!Literal}' },
    'eu-west-1/app-bucket-1/Bucket:Arn/${Literal}',
  ],
  [
    'Fn::Sub with variables',
    { 'Fn::Sub': ['${Name}-${Env}', { Name: { Ref: 'Bucket' } }] },
    'app-bucket-1-dev',
  ],
  ['Fn::Join', { 'Fn::Join': [',', [{ Ref: 'Env' }, 'x']] }, 'dev,x'],
  ['Fn::Select', { 'Fn::Select': ['1', { Ref: 'Subnets' }] }, 'subnet-2'],
  ['Fn::Split', { 'Fn::Split': ['-', 'a-b-c'] }, ['a', 'b', 'c']],
  ['Fn::If false branch', { 'Fn::If': ['IsProd', 'big', 'small'] }, 'small'],
  ['Fn::If with NoValue', { X: { 'Fn::If': ['IsProd', 'big', { Ref: 'AWS::NoValue' }] } }, {}],
  [
    'conditions: Not, Or, And',
    ['NotProd', 'Either', 'Both'].map((c) => ({ 'Fn::If': [c, true, false] })),
    [true, true, false],
  ],
  ['Fn::FindInMap', { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Cpu'] }, '256'],
  ['Fn::Base64', { 'Fn::Base64': 'hello' }, 'aGVsbG8='],
  ['Fn::GetAZs of the region', { 'Fn::GetAZs': '' }, ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
  ['Fn::GetAZs of a named region', { 'Fn::GetAZs': 'us-east-1' }, ['us-east-1a', 'us-east-1b', 'us-east-1c']],
  ['Fn::ImportValue', { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-vpc' } }, 'imported:dev-vpc'],
  ['Fn::Contains (Rules)', { 'Fn::Not': [{ 'Fn::Contains': [['1', '2'], { Ref: 'Env' }] }] }, true],
  ['Fn::Equals compares numbers as text', { 'Fn::Equals': [1, '1'] }, true],
  ['Fn::Cidr', { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }, ['10.0.0.0/24', '10.0.1.0/24']],
];

test.each(cases)('%s', (_name, value, expected) => {
  expect(evaluate(scope, value)).toEqual(expected);
});

test('a top-level AWS::NoValue evaluates to the NoValue marker', () => {
  expect(evaluate(scope, { Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
});

test('YAML short forms expand into their Fn:: forms', () => {
  const t = parseTemplate(`
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Parameters:
  Env: { Type: String }
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-data'
      Tags:
        - Key: arn
          Value: !GetAtt Bucket.Arn
        - Key: joined
          Value: !Join ['-', [!Select [0, !GetAZs ''], !Base64 x]]
        - Key: maybe
          Value: !If [IsProd, !FindInMap [M, a, b], !ImportValue other]
        - Key: split
          Value: !Split [',', 'a,b']
        - Key: list
          Value: !GetAtt [Bucket, Arn]
`);
  expect(t.Conditions).toEqual({ IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } });
  expect(t.Resources['Bucket']!.Properties).toEqual({
    BucketName: { 'Fn::Sub': '${AWS::StackName}-data' },
    Tags: [
      { Key: 'arn', Value: { 'Fn::GetAtt': ['Bucket', 'Arn'] } },
      {
        Key: 'joined',
        Value: { 'Fn::Join': ['-', [{ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, { 'Fn::Base64': 'x' }]] },
      },
      {
        Key: 'maybe',
        Value: { 'Fn::If': ['IsProd', { 'Fn::FindInMap': ['M', 'a', 'b'] }, { 'Fn::ImportValue': 'other' }] },
      },
      { Key: 'split', Value: { 'Fn::Split': [',', 'a,b'] } },
      { Key: 'list', Value: { 'Fn::GetAtt': ['Bucket', 'Arn'] } },
    ],
  });
});

const refusals: [string, string, string][] = [
  [
    'an unknown Ref',
    JSON.stringify({ Resources: { A: { Type: 'X::Y::Z', Properties: { P: { Ref: 'Nope' } } } } }),
    'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template',
  ],
  [
    'an unknown Sub name',
    JSON.stringify({
      Resources: { A: { Type: 'X::Y::Z', Properties: { P: { 'Fn::Sub': '${Gone.Arn}' } } } },
    }),
    'Template format error: Unresolved resource dependencies [Gone] in the Resources block of the template',
  ],
  [
    'an unknown DependsOn',
    JSON.stringify({ Resources: { A: { Type: 'X::Y::Z', DependsOn: 'B' } } }),
    'Template format error: Unresolved resource dependencies [B] in the Resources block of the template',
  ],
  [
    'an unknown output Ref',
    JSON.stringify({ Resources: { A: { Type: 'X::Y::Z' } }, Outputs: { O: { Value: { Ref: 'Q' } } } }),
    'Template format error: Unresolved resource dependencies [Q] in the Outputs block of the template',
  ],
  [
    'a circle',
    JSON.stringify({
      Resources: {
        A: { Type: 'X::Y::Z', DependsOn: 'B' },
        B: { Type: 'X::Y::Z', Properties: { P: { Ref: 'A' } } },
      },
    }),
    'Template format error: Circular dependency between resources: [A, B]',
  ],
  [
    'no resources',
    JSON.stringify({ Resources: {} }),
    'Template format error: At least one Resources member must be defined.',
  ],
  [
    'a resource without Type',
    JSON.stringify({ Resources: { A: {} } }),
    'Template format error: [/Resources/A] Every Resources object must contain a Type member.',
  ],
  ['broken YAML', 'Resources: [', 'Template format error: YAML not well-formed.'],
];

test.each(refusals)('%s is a ValidationError as CloudFormation words it', (_name, body, message) => {
  let caught: Error | undefined;
  try {
    checkReferences(parseTemplate(body));
  } catch (err) {
    caught = err as Error;
  }
  expect(caught?.name).toBe('ValidationError');
  expect(caught?.message.startsWith(message)).toBe(true);
});
