import { conditionHolds, parseConditions, type ConditionContext } from '../src/sts/conditions';
import { parseTrustPolicy, trustAllows, type Requester } from '../src/sts/policy';
import { startSimulator } from './oidc-helpers';

const SUB = 'token.actions.githubusercontent.com:sub';
const context: ConditionContext = new Map([
  [SUB, ['repo:acme/shop:environment:prod']],
  ['token.actions.githubusercontent.com:aud', ['sts.amazonaws.com']],
  ['aws:tagkeys', ['team', 'cost-center']],
]);

/** Evaluates one `{ operator: { key: values } }` condition against the context above. */
const holds = (operator: string, key: string, values: string | string[]): boolean =>
  parseConditions({ [operator]: { [key]: values } }, 'test').every((c) => conditionHolds(c, context));

describe('trust policy condition operators', () => {
  test.each([
    ['StringEquals', SUB, 'repo:acme/shop:environment:prod', true],
    ['StringEquals', SUB, 'repo:acme/shop:environment:PROD', false],
    ['StringEqualsIgnoreCase', SUB, 'REPO:ACME/SHOP:ENVIRONMENT:PROD', true],
    ['StringEquals', SUB, ['repo:acme/web:ref:refs/heads/main', 'repo:acme/shop:environment:prod'], true],
    ['StringLike', SUB, 'repo:acme/*:*', true],
    ['StringLike', SUB, 'repo:acme/sho?:environment:prod', true],
    ['StringLike', SUB, 'repo:other/*', false],
    ['StringNotEquals', SUB, 'repo:acme/shop:environment:prod', false],
    ['StringNotEquals', SUB, ['repo:a', 'repo:b'], true],
    ['StringNotLike', SUB, 'repo:acme/*', false],
    // Condition keys are case-insensitive.
    ['StringEquals', 'Token.Actions.GithubUserContent.com:SUB', 'repo:acme/shop:environment:prod', true],
    // Absent keys: positive operators fail, negated ones and IfExists hold.
    ['StringEquals', 'token.actions.githubusercontent.com:environment', 'prod', false],
    ['StringNotEquals', 'token.actions.githubusercontent.com:environment', 'prod', true],
    ['StringEqualsIfExists', 'token.actions.githubusercontent.com:environment', 'prod', true],
    ['Null', 'token.actions.githubusercontent.com:environment', 'true', true],
    ['Null', SUB, 'true', false],
    // Multi-valued keys.
    ['ForAllValues:StringEquals', 'aws:tagkeys', ['team', 'cost-center', 'owner'], true],
    ['ForAllValues:StringEquals', 'aws:tagkeys', ['team'], false],
    ['ForAnyValue:StringEquals', 'aws:tagkeys', ['team'], true],
    ['ForAnyValue:StringEquals', 'aws:requesttag/none', ['x'], false],
    ['ForAllValues:StringEquals', 'aws:requesttag/none', ['x'], true],
  ])('%s %s %j → %s', (operator, key, values, expected) => {
    expect(holds(operator, key, values)).toBe(expected);
  });

  test('Deny statements win over Allow, and NotAction excludes actions', () => {
    const requester: Requester = {
      kind: 'AWS',
      arn: 'arn:aws:iam::000000000000:root',
      account: '000000000000',
    };
    const policy = parseTrustPolicy(
      {
        Statement: [
          { Effect: 'Allow', Principal: { AWS: '*' }, NotAction: 'sts:TagSession' },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'sts:AssumeRole',
            Condition: { StringLike: { 'sts:RoleSessionName': 'blocked-*' } },
          },
        ],
      },
      'test',
    );
    const session = (name: string): ConditionContext => new Map([['sts:rolesessionname', [name]]]);
    expect(trustAllows(policy, requester, 'sts:AssumeRole', session('ok'))).toBe(true);
    expect(trustAllows(policy, requester, 'sts:AssumeRole', session('blocked-1'))).toBe(false);
    expect(trustAllows(policy, requester, 'sts:TagSession', session('ok'))).toBe(false);
  });
});

describe('seeding roles', () => {
  test.each([
    [
      {
        roles: [
          {
            name: 'r',
            trustPolicy: {
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 'sts:AssumeRole',
                  Condition: { StringMatches: { k: 'v' } },
                },
              ],
            },
          },
        ],
      },
      /condition operator StringMatches/,
    ],
    [{ roles: [{ name: 'r', trustPolicy: '{not json' }] }, /not in the valid JSON format/],
    [
      {
        roles: [
          { name: 'r', trustPolicy: { Statement: [{ Effect: 'Maybe', Principal: '*', Action: '*' }] } },
        ],
      },
      /Effect must be Allow or Deny/,
    ],
    [{ roles: [{ arn: 'arn:aws:iam::1:role/x', trustPolicy: { Statement: [] } }] }, /is not a role ARN/],
    [
      { roles: [{ name: 'r', maxSessionDuration: 60, trustPolicy: { Statement: [] } }] },
      /maxSessionDuration/,
    ],
  ])('a bad role is refused by POST /_sim/seed (%#)', async (seed, message) => {
    const sim = await startSimulator();
    try {
      const res = await fetch(`${sim.url}/_sim/seed`, { method: 'POST', body: JSON.stringify(seed) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    } finally {
      await sim.close();
    }
  });

  test('roles and providers appear in /_sim/state', async () => {
    const sim = await startSimulator({
      seed: {
        oidcProviders: [{}],
        roles: [{ name: 'deploy', path: '/ci/', trustPolicy: { Statement: [] } }],
      },
    });
    try {
      const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as Record<string, unknown>;
      expect(JSON.stringify(state['sts.iam'])).toContain('arn:aws:iam::000000000000:role/ci/deploy');
      expect(JSON.stringify(state['sts.iam'])).toContain(
        'arn:aws:iam::000000000000:oidc-provider/token.actions.githubusercontent.com',
      );
    } finally {
      await sim.close();
    }
  });
});
