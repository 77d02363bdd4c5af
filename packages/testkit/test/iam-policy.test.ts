import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertCallsGranted,
  iamActionOf,
  policyNamesFor,
  ungrantedCalls,
  ungrantedCallsMessage,
} from '../src/iam-check';
import { actionMatches, grants, markedJsonBlocks, parsePolicies, validatePolicy } from '../src/iam-policy';

const SAMPLE = readFileSync(join(__dirname, 'fixtures', 'iam-sample.md'), 'utf8');

const call = (id: string): { service: string; action: string } => {
  const [service, action] = id.split(':') as [string, string];
  return { service, action };
};

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

describe('the check of a run', () => {
  const documented = parsePolicies(SAMPLE);

  it('maps the simulator services to IAM prefixes; GitHub REST calls are not IAM', () => {
    expect(iamActionOf(call('ecs:UpdateService'))).toBe('ecs:UpdateService');
    expect(iamActionOf(call('secretsmanager:DescribeSecret'))).toBe('secretsmanager:DescribeSecret');
    expect(iamActionOf(call('github:CreateDeployment'))).toBeUndefined();
  });

  it('reports the calls outside the policy, each once with its count, in the order first made', () => {
    const calls = [
      'sts:AssumeRoleWithWebIdentity',
      'sts:GetCallerIdentity',
      'ecs:DescribeServices',
      'ecs:UpdateService',
      'github:CreateDeploymentStatus',
      'ssm:GetParameter',
      'ecs:UpdateService',
    ].map(call);
    expect(ungrantedCalls(calls, documented, ['reader'])).toEqual([
      { action: 'ecs:UpdateService', count: 2 },
      { action: 'ssm:GetParameter', count: 1 },
    ]);
    expect(ungrantedCalls(calls, documented, ['reader', 'writer'])).toEqual([]);
  });

  it('fails naming the action, the call, the policy and docs/iam.md', () => {
    expect(() => assertCallsGranted('deploy-ecs', [call('ecs:Foo')], documented, ['reader'])).toThrow(
      'deploy-ecs called ecs:Foo, which docs/iam.md does not grant to deploy-ecs (policy "reader").',
    );
    expect(
      ungrantedCallsMessage(
        'build-push',
        ['a', 'b'],
        [
          { action: 'ecr:X', count: 1 },
          { action: 'ecr:Y', count: 3 },
          { action: 'ecr:Z', count: 1 },
        ],
      ),
    ).toMatch(
      /^build-push called ecr:X, ecr:Y \(3 times\) and ecr:Z, which docs\/iam\.md does not grant to build-push \(policies "a", "b"\)\./,
    );
    expect(() =>
      assertCallsGranted('x', [call('ecs:DescribeServices')], documented, ['reader']),
    ).not.toThrow();
  });

  it('refuses to check against a policy the document does not have', () => {
    expect(() => ungrantedCalls([], documented, ['cdk-deploy'])).toThrow(
      'docs/iam.md documents no policy "cdk-deploy" (it has: reader, writer).',
    );
  });

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
