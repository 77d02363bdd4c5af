import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyNamesFor } from '../src/iam-check';
import { actionMatches, grants, markedJsonBlocks, parsePolicies, validatePolicy } from '../src/iam-policy';
import { deniedCallsMessage, documentedPolicies, fillPolicy, isAccessDenied } from '../src/iam-session';

const SAMPLE = readFileSync(join(__dirname, 'fixtures', 'iam-sample.md'), 'utf8');

describe('parsePolicies', () => {
  it('reads every marked policy with its name and fence line, and only those', () => {
    const policies = parsePolicies(SAMPLE, 'sample.md');
    expect(policies.map((p) => p.name)).toEqual(['reader', 'writer']);
    expect(SAMPLE.split('\n')[policies[0]!.line - 1]).toBe('```json');
    expect(policies[0]!.policy.Statement[1]!.Action).toEqual(['ecr:BatchGet*', 'logs:Get?ogEvents']);
  });

  it('keeps trust and repository policies apart from permission policies', () => {
    expect(markedJsonBlocks(SAMPLE).map((b) => `${b.kind}:${b.name}`)).toEqual([
      'policy:reader',
      'policy:writer',
      'trust-policy:deploy',
    ]);
  });

  it('takes a fence right under its marker', () => {
    const doc =
      '<!-- policy: tight -->\n```json\n{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:ListTasks","Resource":"*"}]}\n```\n';
    expect(parsePolicies(doc)[0]!.name).toBe('tight');
  });

  it.each([
    [
      'a marker without a json block',
      '<!-- policy: lost -->\n\nSome text.\n',
      /sample\.md:1: the marker of policy "lost" is not followed/,
    ],
    [
      'a block that never ends',
      '<!-- policy: open -->\n```json\n{}\n',
      /sample\.md:2: the json block of policy "open" never ends/,
    ],
    [
      'JSON that does not parse',
      '<!-- policy: broken -->\n```json\n{ "Version": }\n```\n',
      /sample\.md:2: policy "broken" is not valid JSON/,
    ],
    [
      'a name used twice',
      '<!-- policy: twice -->\n```json\n{}\n```\n<!-- policy: twice -->\n```json\n{}\n```\n',
      /sample\.md:5: policy "twice" is documented twice/,
    ],
    [
      'a document that is not an IAM policy',
      '<!-- policy: bad -->\n```json\n{"Version":"2008-10-17","Statement":[]}\n```\n',
      /sample\.md:2: policy "bad" is not a valid IAM policy: Version is not "2012-10-17"; Statement is not a non-empty list/,
    ],
  ])('refuses %s, naming the line', (_what, doc, message) => {
    expect(() => parsePolicies(doc, 'sample.md')).toThrow(message);
  });
});

describe('validatePolicy', () => {
  const valid = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'ecs:ListTasks', Resource: '*' }],
  };

  it('accepts an identity policy with conditions', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PassTaskRoles',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: ['arn:aws:iam::ACCOUNT:role/TASK_ROLE'],
          Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        },
      ],
    };
    expect(validatePolicy(policy, 'p')).toBe(policy);
    expect(validatePolicy(valid, 'p')).toBe(valid);
  });

  it.each([
    ['no Effect', { Action: 'ecs:ListTasks', Resource: '*' }, /Statement\[0\] has no Effect Allow or Deny/],
    [
      'an action without a service',
      { Effect: 'Allow', Action: 'ListTasks', Resource: '*' },
      /"ListTasks" is not of the form service:Action/,
    ],
    [
      'no Resource',
      { Effect: 'Allow', Action: 'ecs:ListTasks' },
      /needs exactly one of Resource and NotResource/,
    ],
    [
      'both Action and NotAction',
      { Effect: 'Allow', Action: 'ecs:A', NotAction: 'ecs:B', Resource: '*' },
      /exactly one of Action and NotAction/,
    ],
    ['a Principal', { Effect: 'Allow', Principal: '*', Action: 'ecs:A', Resource: '*' }, /names a principal/],
    ['an unknown key', { Effect: 'Allow', Actions: 'ecs:A', Resource: '*' }, /unknown key Actions/],
    [
      'an empty action list',
      { Effect: 'Allow', Action: [], Resource: '*' },
      /Action is not a string or a list of strings/,
    ],
    [
      'a malformed Condition',
      { Effect: 'Allow', Action: 'ecs:A', Resource: '*', Condition: { StringEquals: 'x' } },
      /Condition is not/,
    ],
  ])('refuses a statement with %s', (_what, statement, message) => {
    expect(() => validatePolicy({ Version: '2012-10-17', Statement: [statement] }, 'p')).toThrow(message);
  });
});

describe('actionMatches', () => {
  it.each([
    ['ecr:BatchGet*', 'ecr:BatchGetImage', true],
    ['ecr:BatchGet*', 'ecr:BatchCheckLayerAvailability', false],
    ['ecs:*', 'ecs:UpdateService', true],
    ['ecs:*', 'ecr:PutImage', false],
    ['*', 'logs:GetLogEvents', true],
    ['logs:Get?ogEvents', 'logs:GetLogEvents', true],
    ['logs:Get?ogEvents', 'logs:GetLLogEvents', false],
    ['ECS:describeservices', 'ecs:DescribeServices', true],
    ['ecs:Describe.Services', 'ecs:DescribeXServices', false],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});

describe('grants', () => {
  const byName = new Map(parsePolicies(SAMPLE).map((p) => [p.name, p.policy]));

  it.each([
    ['reader', 'ecs:DescribeServices', true],
    ['reader', 'ecr:BatchGetImage', true],
    ['reader', 'ecs:UpdateService', false],
    ['writer', 'ecs:UpdateService', true],
    ['writer', 'ecs:DeleteService', false],
    ['writer', 'ecs:StopTask', false],
    ['reader+writer', 'ecs:StopTask', false],
    ['reader+writer', 'logs:GetLogEvents', true],
  ])('%s grants %s: %s (an explicit Deny wins)', (names, action, expected) => {
    const policies = names.split('+').map((n) => byName.get(n)!);
    expect(grants(policies, action)).toBe(expected);
  });
});

describe('the policies a run is made under', () => {
  it.each([
    ['deploy-ecs', {}, ['deploy-ecs']],
    ['build-push', { repository: 'shop/api' }, ['build-push-build']],
    ['build-push', { 'source-image': '' }, ['build-push-build']],
    ['build-push', { 'source-image': 'shop/api@sha256:abc' }, ['build-push-promote']],
    ['build-push', { manifest: 'deploy/ecs.yml' }, ['build-push-build', 'build-push-promote']],
  ])('checks %s with %j against %j', (action, inputs, names) => {
    expect(policyNamesFor(action, inputs)).toEqual(names);
  });
});

describe('fillPolicy', () => {
  const policy = {
    Version: '2012-10-17' as const,
    Statement: [
      {
        Effect: 'Allow' as const,
        Action: 'ecs:UpdateService',
        Resource: [
          'arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/*',
          'arn:aws:ecs:REGION:ACCOUNT:task-definition/APP-*:*',
          'arn:aws:ecr:REGION:SOURCE_ACCOUNT:repository/APP/*',
          'arn:aws:logs:REGION:ACCOUNT:log-group:/ecs/APP*:log-stream:*',
          'arn:aws:iam::ACCOUNT:role/cdk-hnb659fds-deploy-role-ACCOUNT-REGION',
        ],
        Condition: { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:REGION:ACCOUNT:cluster/CLUSTER' } },
      },
    ],
  };

  it('fills the placeholders given, whole words only, SOURCE_ACCOUNT apart from ACCOUNT', () => {
    const filled = fillPolicy(policy, {
      ACCOUNT: '111111111111',
      SOURCE_ACCOUNT: '222222222222',
      REGION: 'eu-west-1',
      CLUSTER: 'prod',
      APP: 'shop',
    });
    expect(filled.Statement[0]!.Resource).toEqual([
      'arn:aws:ecs:eu-west-1:111111111111:service/prod/*',
      'arn:aws:ecs:eu-west-1:111111111111:task-definition/shop-*:*',
      'arn:aws:ecr:eu-west-1:222222222222:repository/shop/*',
      'arn:aws:logs:eu-west-1:111111111111:log-group:/ecs/shop*:log-stream:*',
      'arn:aws:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1',
    ]);
    expect(filled.Statement[0]!.Condition).toEqual({
      ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:111111111111:cluster/prod' },
    });
    expect(policy.Statement[0]!.Resource[0]).toBe('arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/*');
  });

  it('makes a placeholder without a value a wildcard that takes its own wildcard suffix with it', () => {
    const filled = fillPolicy(policy, { ACCOUNT: '111111111111', REGION: 'us-east-1' });
    expect(filled.Statement[0]!.Resource).toEqual([
      'arn:aws:ecs:us-east-1:111111111111:service/*',
      'arn:aws:ecs:us-east-1:111111111111:task-definition/*:*',
      'arn:aws:ecr:us-east-1:*:repository/*',
      'arn:aws:logs:us-east-1:111111111111:log-group:/ecs/*:log-stream:*',
      'arn:aws:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-us-east-1',
    ]);
  });

  it('refuses a policy the document does not have, naming those it has', () => {
    expect(() => documentedPolicies(parsePolicies(SAMPLE), ['cdk-deploy'], {})).toThrow(
      'docs/iam.md documents no policy "cdk-deploy" (it has: reader, writer).',
    );
    expect(documentedPolicies(parsePolicies(SAMPLE), ['writer'], {})).toHaveLength(1);
  });
});

describe('the refusals of a run', () => {
  it('are the AccessDenied answers of every protocol', () => {
    expect(
      ['AccessDenied', 'AccessDeniedException', 'ThrottlingException'].map((errorCode) =>
        isAccessDenied({ errorCode }),
      ),
    ).toEqual([true, true, false]);
  });

  it('are named each once, as IAM worded them, with the policies and docs/iam.md', () => {
    const refusal = {
      service: 'ecs',
      action: 'DeleteService',
      errorMessage: 'User: R is not authorized to perform: ecs:DeleteService on resource: S',
    };
    expect(deniedCallsMessage('deploy-ecs', ['a', 'b'], [refusal, refusal])).toBe(
      'deploy-ecs ran under the policies "a", "b" of docs/iam.md, and the simulator refused:\n' +
        '- ecs:DeleteService: User: R is not authorized to perform: ecs:DeleteService on resource: S\n' +
        'Grant it there, with the reason the action needs it, or stop the action from calling it.',
    );
  });
});
