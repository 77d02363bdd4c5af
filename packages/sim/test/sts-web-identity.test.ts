import { generateKeyPairSync, sign } from 'node:crypto';
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  type AssumeRoleWithWebIdentityCommandInput,
} from '@aws-sdk/client-sts';
import {
  asCredentials,
  fetchIdToken,
  githubTrust,
  providerArn,
  startSimulator,
  stsClient,
  type RunningSimulator,
} from './oidc-helpers';

const ACCOUNT = '111111111111';
const role = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      roles: [
        {
          arn: role('deploy-prod'),
          trustPolicy: githubTrust(ACCOUNT, {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': 'repo:acme/shop:environment:prod',
            },
          }),
        },
        {
          name: 'deploy-any',
          account: ACCOUNT,
          maxSessionDuration: 7200,
          // As a JSON string, the way IAM documents are often stored.
          trustPolicy: JSON.stringify(
            githubTrust(ACCOUNT, {
              StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
              StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*:*' },
            }),
          ),
        },
        {
          arn: role('reusable-only'),
          trustPolicy: githubTrust(ACCOUNT, {
            StringLike: {
              'token.actions.githubusercontent.com:job_workflow_ref':
                'acme/platform/.github/workflows/deploy.yml@refs/tags/v*',
            },
          }),
        },
        {
          arn: role('pr-checks'),
          trustPolicy: githubTrust(ACCOUNT, {
            StringEquals: {
              'token.actions.githubusercontent.com:sub': [
                'repo:acme/shop:pull_request',
                'repo:acme/web:pull_request',
              ],
            },
          }),
        },
        {
          arn: role('not-main'),
          trustPolicy: githubTrust(ACCOUNT, {
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:*' },
            StringNotEquals: { 'token.actions.githubusercontent.com:ref': 'refs/heads/main' },
          }),
        },
      ],
    },
  });
});
afterAll(() => sim.close());

async function assume(input: Partial<AssumeRoleWithWebIdentityCommandInput> & { WebIdentityToken: string }) {
  return stsClient(sim).send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: role('deploy-prod'),
      RoleSessionName: 'gha-run-1',
      ...input,
    }),
  );
}

async function errorOf(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return {
      name: e.name,
      message: e.message,
      ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}),
    };
  }
  throw new Error('expected the call to fail');
}

describe('AssumeRoleWithWebIdentity with GitHub tokens', () => {
  test('a feature-branch token is denied for a role that trusts the prod environment; the prod token is accepted', async () => {
    const feature = await fetchIdToken(sim, { repository: 'acme/shop', ref: 'refs/heads/feature-x' });
    expect(await errorOf(assume({ WebIdentityToken: feature }))).toEqual({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      status: 403,
    });

    const prod = await fetchIdToken(sim, { repository: 'acme/shop', environment: 'prod' });
    const out = await assume({ WebIdentityToken: prod, DurationSeconds: 900 });
    expect(out.SubjectFromWebIdentityToken).toBe('repo:acme/shop:environment:prod');
    expect(out.Audience).toBe('sts.amazonaws.com');
    expect(out.Provider).toBe(providerArn(ACCOUNT));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy-prod/gha-run-1`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:gha-run-1$/);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const expiresIn = out.Credentials!.Expiration!.getTime() - sim.sim.clock.now();
    expect(expiresIn).toBeGreaterThan(890_000);
    expect(expiresIn).toBeLessThanOrEqual(900_000);

    const sts = stsClient(sim, asCredentials(out.Credentials));
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy-prod/gha-run-1`,
      UserId: out.AssumedRoleUser?.AssumedRoleId,
    });

    // Past the session's end the same credentials are refused.
    sim.sim.clock.advance(901_000);
    expect(await errorOf(sts.send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'ExpiredToken',
      message: 'The security token included in the request is expired',
      status: 403,
    });
  });

  test('StringLike wildcards admit every repository of the organisation, and only those', async () => {
    for (const context of [
      { repository: 'acme/shop', ref: 'refs/heads/feature-x' },
      { repository: 'acme/web', environment: 'staging' },
      { repository: 'acme/api', event_name: 'pull_request' },
    ]) {
      const token = await fetchIdToken(sim, context);
      const out = await assume({ RoleArn: role('deploy-any'), WebIdentityToken: token });
      expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy-any/gha-run-1`);
    }
    const outsider = await fetchIdToken(sim, { repository: 'evil/shop' });
    expect((await errorOf(assume({ RoleArn: role('deploy-any'), WebIdentityToken: outsider }))).name).toBe(
      'AccessDenied',
    );
  });

  // IAM: "the audience … must match one of the client IDs of the identity provider"; the GitHub issuer's provider
  // exists in every account by default, with client id sts.amazonaws.com (the audience the actions ask for).
  test('a token for another audience is refused: InvalidIdentityToken, Incorrect token audience', async () => {
    const token = await fetchIdToken(
      sim,
      { repository: 'acme/shop', environment: 'prod' },
      'https://github.com/acme',
    );
    expect(await errorOf(assume({ WebIdentityToken: token }))).toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Incorrect token audience',
    });
  });

  test('job_workflow_ref conditions admit only the named reusable workflow', async () => {
    const viaPlatform = await fetchIdToken(sim, {
      repository: 'acme/shop',
      environment: 'prod',
      job_workflow_ref: 'acme/platform/.github/workflows/deploy.yml@refs/tags/v3.1.0',
    });
    await expect(
      assume({ RoleArn: role('reusable-only'), WebIdentityToken: viaPlatform }),
    ).resolves.toBeDefined();
    const ownWorkflow = await fetchIdToken(sim, { repository: 'acme/shop', environment: 'prod' });
    expect(
      (await errorOf(assume({ RoleArn: role('reusable-only'), WebIdentityToken: ownWorkflow }))).name,
    ).toBe('AccessDenied');
  });

  test('pull-request tokens match a pull_request subject; a list of values is an OR', async () => {
    for (const repository of ['acme/shop', 'acme/web']) {
      const token = await fetchIdToken(sim, { repository, event_name: 'pull_request' });
      await expect(assume({ RoleArn: role('pr-checks'), WebIdentityToken: token })).resolves.toBeDefined();
    }
    const push = await fetchIdToken(sim, { repository: 'acme/shop' });
    expect((await errorOf(assume({ RoleArn: role('pr-checks'), WebIdentityToken: push }))).name).toBe(
      'AccessDenied',
    );
  });

  test('StringNotEquals excludes a branch', async () => {
    const main = await fetchIdToken(sim, { repository: 'acme/shop', ref: 'refs/heads/main' });
    expect((await errorOf(assume({ RoleArn: role('not-main'), WebIdentityToken: main }))).name).toBe(
      'AccessDenied',
    );
    const feature = await fetchIdToken(sim, { repository: 'acme/shop', ref: 'refs/heads/feature-x' });
    await expect(assume({ RoleArn: role('not-main'), WebIdentityToken: feature })).resolves.toBeDefined();
  });

  test('an unknown role is denied like a trust mismatch', async () => {
    const token = await fetchIdToken(sim, { repository: 'acme/shop', environment: 'prod' });
    expect(await errorOf(assume({ RoleArn: role('no-such-role'), WebIdentityToken: token }))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
  });

  // The wire code is InvalidIdentityToken; the SDK raises it as its modeled InvalidIdentityTokenException.
  test('garbled and forged tokens are InvalidIdentityToken', async () => {
    expect(await errorOf(assume({ WebIdentityToken: 'garbage-that-is-no-jwt' }))).toMatchObject({
      name: 'InvalidIdentityTokenException',
      status: 400,
    });
    const token = await fetchIdToken(sim, { repository: 'acme/shop', environment: 'prod' });
    const [h, p] = token.split('.') as [string, string];
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), otherKey).toString('base64url')}`;
    expect(await errorOf(assume({ WebIdentityToken: forged }))).toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: expect.stringMatching(/could not be validated/),
    });
  });

  test('an expired token is ExpiredTokenException with the times in the message', async () => {
    const token = await fetchIdToken(sim, { repository: 'acme/shop', environment: 'prod' });
    sim.sim.clock.advance(6 * 60_000);
    const err = await errorOf(assume({ WebIdentityToken: token }));
    expect(err.name).toBe('ExpiredTokenException');
    expect(err.message).toMatch(
      /^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/,
    );
  });

  test('DurationSeconds outside 900..MaxSessionDuration and bad session names are ValidationErrors', async () => {
    const token = await fetchIdToken(sim, { repository: 'acme/shop', environment: 'prod' });
    const cases: [Omit<Partial<AssumeRoleWithWebIdentityCommandInput>, 'WebIdentityToken'>, RegExp][] = [
      [
        { DurationSeconds: 899 },
        /Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900/,
      ],
      [{ DurationSeconds: 43201 }, /Member must have value less than or equal to 43200/],
      [
        { DurationSeconds: 3601 },
        /^The requested DurationSeconds exceeds the MaxSessionDuration set for this role\.$/,
      ],
      [
        { RoleSessionName: 'x' },
        /Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2/,
      ],
      [{ RoleSessionName: 'has space' }, /Member must satisfy regular expression pattern/],
      [{ RoleSessionName: ' ', DurationSeconds: 1 }, /^3 validation errors detected: /],
    ];
    for (const [input, message] of cases) {
      const err = await errorOf(assume({ WebIdentityToken: token, ...input }));
      expect(err).toMatchObject({ name: 'ValidationError', status: 400 });
      expect(err.message).toMatch(message);
    }
    // The role's own maximum is honoured.
    const anyToken = await fetchIdToken(sim, { repository: 'acme/shop' });
    await expect(
      assume({ RoleArn: role('deploy-any'), WebIdentityToken: anyToken, DurationSeconds: 7200 }),
    ).resolves.toBeDefined();
  });

  test('every call is logged as an sts call', async () => {
    const calls = (await (await fetch(`${sim.url}/_sim/calls?service=sts`)).json()) as {
      action: string;
      status: number;
      errorCode?: string;
    }[];
    expect(calls.some((c) => c.action === 'AssumeRoleWithWebIdentity' && c.status === 200)).toBe(true);
    expect(calls.some((c) => c.action === 'AssumeRoleWithWebIdentity' && c.status === 403)).toBe(true);
    expect(calls.some((c) => c.errorCode === 'InvalidIdentityToken')).toBe(true);
  });
});

describe('seeded OIDC providers', () => {
  let seeded: RunningSimulator;
  beforeAll(async () => {
    seeded = await startSimulator({
      seed: {
        oidcProviders: [
          { account: '222222222222', clientIdList: ['sts.amazonaws.com'] },
          { account: '333333333333', url: 'https://accounts.google.com' },
        ],
        roles: [
          { arn: 'arn:aws:iam::222222222222:role/deploy', trustPolicy: githubTrust('222222222222', {}) },
          { arn: 'arn:aws:iam::333333333333:role/deploy', trustPolicy: githubTrust('333333333333', {}) },
        ],
      },
    });
  });
  afterAll(() => seeded.close());

  test('an account whose providers do not include GitHub refuses GitHub tokens', async () => {
    const token = await fetchIdToken(seeded, { repository: 'acme/shop' });
    const err = await errorOf(
      stsClient(seeded).send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: 'arn:aws:iam::333333333333:role/deploy',
          RoleSessionName: 'run',
          WebIdentityToken: token,
        }),
      ),
    );
    expect(err).toMatchObject({
      name: 'InvalidIdentityTokenException',
      message:
        'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
    });
  });

  test('the token audience must be in the provider client id list', async () => {
    const send = (token: string) =>
      stsClient(seeded).send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: 'arn:aws:iam::222222222222:role/deploy',
          RoleSessionName: 'run',
          WebIdentityToken: token,
        }),
      );
    await expect(send(await fetchIdToken(seeded, { repository: 'acme/shop' }))).resolves.toBeDefined();
    const wrongAud = await fetchIdToken(seeded, { repository: 'acme/shop' }, 'api://something-else');
    expect(await errorOf(send(wrongAud))).toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Incorrect token audience',
    });
  });
});
