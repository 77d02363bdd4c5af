import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsOperationError, ConfigurationError } from '../src';
import { authenticate, defaultRoleSessionName } from '../src/aws';
import { captureStdout, setEnv, type Captured } from './helpers/capture';
import { fakeJwt } from './helpers/jwt';

const ROLE = 'arn:aws:iam::111111111111:role/deploy-prod';
const TARGET = 'arn:aws:iam::222222222222:role/ecs-updater';
const SUB = 'repo:acme/shop:ref:refs/heads/feature-x';
const TOKEN = fakeJwt({
  sub: SUB,
  aud: 'sts.amazonaws.com',
  iss: 'https://token.actions.githubusercontent.com',
});

const sts = mockClient(STSClient);
let out: Captured;
let restoreEnv: () => void;
let envFile: string;

function creds(
  prefix: string,
  expiresInMs = 3_600_000,
): {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: Date;
} {
  return {
    AccessKeyId: `ASIA${prefix}KEY`,
    SecretAccessKey: `${prefix}-secret/abc+def`,
    SessionToken: `${prefix}-session-token`,
    Expiration: new Date(Date.now() + expiresInMs),
  };
}

function stsError(name: string, message: string): STSServiceException {
  return new STSServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { requestId: 'req-42', httpStatusCode: 403 },
  });
}

beforeEach(() => {
  sts.reset();
  envFile = join(mkdtempSync(join(tmpdir(), 'auth-')), 'env');
  writeFileSync(envFile, '');
  restoreEnv = setEnv({
    ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token?x=1',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    GITHUB_ENV: envFile,
    GITHUB_RUN_ID: '1234',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_JOB: 'deploy prod',
  });
  out = captureStdout();
});

afterEach(() => {
  out.restore();
  restoreEnv();
});

const idTokenSource = async (): Promise<string> => TOKEN;

async function expectRejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('GitHub OIDC → AssumeRoleWithWebIdentity', () => {
  it('assumes the role, learns the account, and masks every secret before printing anything', async () => {
    const c = creds('WI');
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: c });
    sts.on(GetCallerIdentityCommand).resolves({
      Account: '111111111111',
      Arn: 'arn:aws:sts::111111111111:assumed-role/deploy-prod/ecs-delivery-1234-2-deploy-prod',
    });
    const session = await authenticate({ region: 'eu-west-1', roleToAssume: ROLE, idTokenSource });

    expect(session.region).toBe('eu-west-1');
    expect(session.accountId).toBe('111111111111');
    expect(await session.credentials()).toMatchObject({
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    });
    const call = sts.commandCalls(AssumeRoleWithWebIdentityCommand)[0]!;
    expect(call.args[0].input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'ecs-delivery-1234-2-deploy-prod',
      WebIdentityToken: TOKEN,
      DurationSeconds: 3600,
    });

    const lines = out.lines();
    const firstOther = lines.findIndex((l) => !l.startsWith('::add-mask::'));
    const masks = lines.slice(0, firstOther);
    for (const secret of [TOKEN, c.AccessKeyId, c.SecretAccessKey, c.SessionToken]) {
      expect(masks).toContain(`::add-mask::${secret}`);
    }
    expect(lines[firstOther]).toMatch(/^Authenticated to AWS account 111111111111 as arn:aws:sts::/);
    // Credentials stay in memory unless asked for.
    expect(readFileSync(envFile, 'utf8')).toBe('');
  });

  it('masks the account id too when asked, before anything is printed', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: creds('WI') });
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '111111111111', Arn: 'arn:aws:sts::111111111111:x' });
    await authenticate({ region: 'eu-west-1', roleToAssume: ROLE, idTokenSource, maskAccountId: true });
    const lines = out.lines();
    expect(lines[0]).toBe('::add-mask::111111111111');
  });

  it('names the role and the token sub when the trust policy refuses it', async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'));
    const err = await expectRejection(
      authenticate({ region: 'eu-west-1', roleToAssume: ROLE, idTokenSource }),
    );
    expect(err).toBeInstanceOf(AwsOperationError);
    expect(err).toMatchObject({
      code: 'AccessDenied',
      requestId: 'req-42',
      operation: 'AssumeRoleWithWebIdentity',
    });
    expect(err.message).toContain(`Not authorized to assume role ${ROLE}`);
    expect(err.message).toContain(`sub "${SUB}"`);
    expect(err.message).toContain("the role's trust policy did not match");
  });

  it('explains a rejected token', async () => {
    sts
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(stsError('InvalidIdentityToken', 'No OpenIDConnect provider found.'));
    const err = await expectRejection(
      authenticate({ region: 'eu-west-1', roleToAssume: ROLE, idTokenSource }),
    );
    expect(err.message).toMatch(/STS rejected the GitHub OIDC token .*IAM OIDC identity provider/);
  });

  it('says plainly when the job lacks permissions: id-token: write', async () => {
    delete process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
    delete process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
    const err = await expectRejection(authenticate({ region: 'eu-west-1', roleToAssume: ROLE }));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toContain('"permissions: id-token: write"');
    expect(err.message).toContain(
      'ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set',
    );
    expect(sts.calls()).toHaveLength(0);
  });

  it('says which role the ID token was for when GitHub does not give one', async () => {
    const failing = async (): Promise<string> => {
      throw new Error('Error message: Failed to get ID Token. \n Error Code : 500');
    };
    const err = await expectRejection(
      authenticate({ region: 'eu-west-1', roleToAssume: ROLE, idTokenSource: failing }),
    );
    expect(err.message).toBe(
      `Could not get a GitHub OIDC token (audience "sts.amazonaws.com") for role ${ROLE}: Failed to get ID Token. Error Code : 500`,
    );
  });

  it('refuses an account that is not allowed, naming both', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: creds('WI') });
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '111111111111', Arn: 'arn:aws:sts::111111111111:x' });
    const err = await expectRejection(
      authenticate({
        region: 'eu-west-1',
        roleToAssume: ROLE,
        idTokenSource,
        allowedAccountIds: ['333333333333', '444444444444'],
      }),
    );
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toBe(
      'The AWS credentials belong to account 111111111111, which is not in allowed-account-ids (333333333333, 444444444444).',
    );
  });

  it('chains into further roles with the previous credentials, at most one hour each', async () => {
    const first = creds('FIRST');
    const second = creds('SECOND');
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: first });
    sts.on(AssumeRoleCommand).resolves({ Credentials: second });
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '222222222222', Arn: 'arn:aws:sts::222222222222:x' });
    const session = await authenticate({
      region: 'eu-west-1',
      roleToAssume: ROLE,
      roleChain: [TARGET],
      roleDurationSeconds: 7200,
      idTokenSource,
      allowedAccountIds: ['222222222222'],
    });
    const assume = sts.commandCalls(AssumeRoleCommand)[0]!;
    expect(assume.args[0].input).toMatchObject({ RoleArn: TARGET, DurationSeconds: 3600 });
    const client = assume.thisValue as STSClient;
    expect(await client.config.credentials()).toMatchObject({ accessKeyId: first.AccessKeyId });
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)[0]!.args[0].input.DurationSeconds).toBe(7200);
    expect(session.accountId).toBe('222222222222');
    expect(await session.credentials()).toMatchObject({ accessKeyId: second.AccessKeyId });
    expect(out.lines()).toContain(`::add-mask::${second.SecretAccessKey}`);
  });

  it('explains a refused chained role', async () => {
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: creds('FIRST') });
    sts.on(AssumeRoleCommand).rejects(stsError('AccessDenied', 'not authorized to perform: sts:AssumeRole'));
    const err = await expectRejection(
      authenticate({ region: 'eu-west-1', roleToAssume: ROLE, roleChain: [TARGET], idTokenSource }),
    );
    expect(err.message).toContain(`${ROLE} is not allowed to assume role ${TARGET}`);
  });

  it('exports the credentials to GITHUB_ENV only when asked', async () => {
    const c = creds('EXP');
    sts.on(AssumeRoleWithWebIdentityCommand).resolves({ Credentials: c });
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '111111111111', Arn: 'arn:aws:sts::111111111111:x' });
    await authenticate({ region: 'eu-west-1', roleToAssume: ROLE, idTokenSource, exportCredentials: true });
    const env = readFileSync(envFile, 'utf8');
    for (const value of [c.AccessKeyId, c.SecretAccessKey, c.SessionToken, 'eu-west-1'])
      expect(env).toContain(value);
    expect(env).toMatch(/AWS_SESSION_TOKEN<</);
  });

  it.each([
    [
      { roleDurationSeconds: 60 },
      'Input "role-duration-seconds" must be a whole number from 900 to 43200; got "60".',
    ],
    [{ roleSessionName: 'has spaces' }, /Input "role-session-name" must be 2 to 64 characters/],
  ])('checks its options: %p', async (options, message) => {
    const err = await expectRejection(
      authenticate({ region: 'eu-west-1', roleToAssume: ROLE, idTokenSource, ...options }),
    );
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toMatch(message);
  });
});

describe('without a role', () => {
  it('uses the ambient credentials and masks them', async () => {
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIAAMBIENTKEY';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'ambient-secret';
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
    const session = await authenticate({ region: 'us-east-1' });
    expect(session.accountId).toBe('000000000000');
    expect(await session.credentials()).toMatchObject({ accessKeyId: 'AKIAAMBIENTKEY' });
    expect(out.lines().slice(0, 2)).toEqual(['::add-mask::AKIAAMBIENTKEY', '::add-mask::ambient-secret']);
    expect(sts.commandCalls(AssumeRoleWithWebIdentityCommand)).toHaveLength(0);
    const ecs = session.client(ECSClient);
    expect(await ecs.config.region()).toBe('us-east-1');
    expect(await ecs.config.credentials()).toMatchObject({ accessKeyId: 'AKIAAMBIENTKEY' });
  });

  it('chains from the ambient credentials into a role', async () => {
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIAAMBIENTKEY';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'ambient-secret';
    const target = creds('TARGET');
    sts.on(AssumeRoleCommand).resolves({ Credentials: target });
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '222222222222', Arn: 'arn:aws:sts::222222222222:x' });
    const session = await authenticate({ region: 'us-east-1', roleChain: [TARGET] });
    const assume = sts.commandCalls(AssumeRoleCommand)[0]!;
    expect(await (assume.thisValue as STSClient).config.credentials()).toMatchObject({
      accessKeyId: 'AKIAAMBIENTKEY',
    });
    expect(await session.credentials()).toMatchObject({ accessKeyId: target.AccessKeyId });
  });

  it('says how to provide credentials when there are none', async () => {
    const err = await expectRejection(authenticate({ region: 'us-east-1' }));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toMatch(/^No AWS credentials: give "role-to-assume" to use GitHub OIDC/);
  });
});

describe('defaultRoleSessionName', () => {
  it.each([
    [{ GITHUB_RUN_ID: '99', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'build' }, 'ecs-delivery-99-1-build'],
    [{ GITHUB_RUN_ID: '99', GITHUB_JOB: 'déploiement (prod)/eu' }, 'ecs-delivery-99-d-ploiement--prod--eu'],
    [{}, 'ecs-delivery'],
    [{ GITHUB_RUN_ID: '1', GITHUB_JOB: 'x'.repeat(100) }, `ecs-delivery-1-${'x'.repeat(49)}`],
  ])('%p → %p', (env, expected) => {
    expect(defaultRoleSessionName(env)).toBe(expected);
  });
});
