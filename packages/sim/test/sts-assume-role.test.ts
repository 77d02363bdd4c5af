import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  type AssumeRoleCommandInput,
  type STSClient,
} from '@aws-sdk/client-sts';
import {
  asCredentials,
  fetchIdToken,
  githubTrust,
  startSimulator,
  stsClient,
  type RunningSimulator,
} from './oidc-helpers';

const CI = '111111111111';
const PROD = '222222222222';
const ciRole = `arn:aws:iam::${CI}:role/ci`;
const prodRole = (name: string): string => `arn:aws:iam::${PROD}:role/${name}`;
const testCreds = { accessKeyId: 'test', secretAccessKey: 'test' };

const awsTrust = (principal: string | string[], extra: Record<string, unknown> = {}): unknown => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...extra }],
});

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      roles: [
        {
          arn: ciRole,
          maxSessionDuration: 14400,
          trustPolicy: githubTrust(CI, {
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' },
          }),
        },
        // A role in another account that trusts the CI role, with a path in its ARN.
        { arn: prodRole('deploy/deployer'), maxSessionDuration: 43200, trustPolicy: awsTrust(ciRole) },
        {
          arn: prodRole('admin'),
          maxSessionDuration: 43200,
          trustPolicy: awsTrust('arn:aws:iam::000000000000:root'),
        },
        { arn: prodRole('by-account-id'), trustPolicy: awsTrust('000000000000') },
        {
          arn: prodRole('vendor'),
          trustPolicy: awsTrust('*', { Condition: { StringEquals: { 'sts:ExternalId': 'vendor-42' } } }),
        },
        {
          arn: prodRole('taggable'),
          trustPolicy: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: '000000000000' },
                Action: ['sts:AssumeRole', 'sts:TagSession'],
              },
            ],
          },
        },
      ],
    },
  });
});
afterAll(() => sim.close());

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

const assumeRole = (client: STSClient, input: Partial<AssumeRoleCommandInput> & { RoleArn: string }) =>
  client.send(new AssumeRoleCommand({ RoleSessionName: 'deploy', ...input }));

async function ciSession(durationSeconds = 3600): Promise<STSClient> {
  const token = await fetchIdToken(sim, { repository: 'acme/shop', environment: 'prod' });
  const out = await stsClient(sim).send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: ciRole,
      RoleSessionName: 'gha',
      WebIdentityToken: token,
      DurationSeconds: durationSeconds,
    }),
  );
  return stsClient(sim, asCredentials(out.Credentials));
}

describe('AssumeRole', () => {
  test('GetCallerIdentity with the static test key is the default account root', async () => {
    expect(await stsClient(sim, testCreds).send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:root',
      UserId: '000000000000',
    });
  });

  test('role chaining from an OIDC session: cross-account, capped at one hour', async () => {
    const ci = await ciSession(7200);
    const chainedTooLong = await errorOf(
      assumeRole(ci, { RoleArn: prodRole('deploy/deployer'), DurationSeconds: 3601 }),
    );
    expect(chainedTooLong).toEqual({
      name: 'ValidationError',
      message:
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      status: 400,
    });

    const out = await assumeRole(ci, { RoleArn: prodRole('deploy/deployer'), DurationSeconds: 3600 });
    // The assumed-role ARN carries the role name without its path.
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/deployer/deploy`);
    const me = await stsClient(sim, asCredentials(out.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: PROD, Arn: `arn:aws:sts::${PROD}:assumed-role/deployer/deploy` });
    expect(me.UserId).toMatch(/^AROA[A-Z2-7]{17}:deploy$/);
  });

  test('a role that trusts only the CI role refuses other callers', async () => {
    const err = await errorOf(
      assumeRole(stsClient(sim, testCreds), { RoleArn: prodRole('deploy/deployer') }),
    );
    expect(err).toEqual({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::000000000000:root is not authorized to perform: sts:AssumeRole on resource: ${prodRole('deploy/deployer')}`,
      status: 403,
    });
  });

  test('long-term credentials may ask for up to the role maximum; account roots and ids are principals', async () => {
    const client = stsClient(sim, testCreds);
    const out = await assumeRole(client, { RoleArn: prodRole('admin'), DurationSeconds: 43200 });
    expect(out.Credentials!.Expiration!.getTime() - sim.sim.clock.now()).toBeGreaterThan(43190_000);
    await expect(assumeRole(client, { RoleArn: prodRole('by-account-id') })).resolves.toBeDefined();
    expect(
      (await errorOf(assumeRole(client, { RoleArn: prodRole('by-account-id'), DurationSeconds: 7200 })))
        .message,
    ).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  });

  test('an sts:ExternalId condition needs the right ExternalId', async () => {
    const client = stsClient(sim, testCreds);
    expect((await errorOf(assumeRole(client, { RoleArn: prodRole('vendor') }))).name).toBe('AccessDenied');
    expect(
      (await errorOf(assumeRole(client, { RoleArn: prodRole('vendor'), ExternalId: 'vendor-41' }))).name,
    ).toBe('AccessDenied');
    await expect(
      assumeRole(client, { RoleArn: prodRole('vendor'), ExternalId: 'vendor-42' }),
    ).resolves.toBeDefined();
  });

  test('session tags need sts:TagSession in the trust policy', async () => {
    const client = stsClient(sim, testCreds);
    const tags = { Tags: [{ Key: 'team', Value: 'shop' }], TransitiveTagKeys: ['team'] };
    const denied = await errorOf(assumeRole(client, { RoleArn: prodRole('by-account-id'), ...tags }));
    expect(denied).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('sts:TagSession'),
    });
    await expect(assumeRole(client, { RoleArn: prodRole('taggable'), ...tags })).resolves.toBeDefined();
  });

  test('credentials expire on the simulator clock, for STS and for the other services', async () => {
    const out = await assumeRole(stsClient(sim, testCreds), {
      RoleArn: prodRole('by-account-id'),
      DurationSeconds: 900,
    });
    const creds = asCredentials(out.Credentials);
    const sts = stsClient(sim, creds);
    const ecr = new ECRClient({ endpoint: sim.url, region: 'us-east-1', maxAttempts: 1, credentials: creds });
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: PROD });
    await expect(ecr.send(new DescribeRepositoriesCommand({}))).resolves.toBeDefined();

    sim.sim.clock.advance(900_000);
    expect(await errorOf(sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'ExpiredToken',
      status: 403,
    });
    expect(await errorOf(ecr.send(new DescribeRepositoriesCommand({})))).toEqual({
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
      status: 400,
    });
  });

  test('unknown temporary credentials are InvalidClientTokenId', async () => {
    const forged = stsClient(sim, {
      accessKeyId: 'ASIAFORGED0000000000',
      secretAccessKey: 'x',
      sessionToken: 'y',
    });
    expect(await errorOf(forged.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
    });
  });
});
