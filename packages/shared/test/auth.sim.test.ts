/**
 * End to end against the simulator: the real `core.getIDToken` fetches a token from the simulator's GitHub
 * OIDC issuer, the real STS client assumes a role whose trust policy the simulator enforces.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startSimulator, type RunningSimulator } from '@ecs-delivery/sim';
import { AwsOperationError } from '../src';
import { authenticate } from '../src/aws';
import { captureStdout, setEnv, type Captured } from './helpers/capture';

const ACCOUNT = '111111111111';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy-prod`;

let sim: RunningSimulator;
let out: Captured;
let restoreEnv: () => void = () => undefined;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      roles: [
        {
          arn: ROLE,
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: {
                  Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
                },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: {
                  StringEquals: {
                    'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                    'token.actions.githubusercontent.com:sub': 'repo:acme/shop:environment:prod',
                  },
                },
              },
            ],
          },
        },
      ],
    },
  });
});
afterAll(() => sim.close());

beforeEach(() => {
  out = captureStdout();
});
afterEach(() => {
  out.restore();
  restoreEnv();
});

/** Registers a run with the simulator's GitHub and points the runner's OIDC variables at it. */
async function runAs(context: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/oidc/contexts`, { method: 'POST', body: JSON.stringify(context) });
  const { requestToken, requestUrl } = (await res.json()) as { requestToken: string; requestUrl: string };
  restoreEnv = setEnv({
    ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
  });
}

it('a prod-environment run assumes the prod role; no secret is printed unmasked', async () => {
  await runAs({ repository: 'acme/shop', environment: 'prod' });
  const session = await authenticate({
    region: 'us-east-1',
    roleToAssume: ROLE,
    allowedAccountIds: [ACCOUNT],
  });
  expect(session.accountId).toBe(ACCOUNT);
  expect(session.arn).toMatch(/^arn:aws:sts::111111111111:assumed-role\/deploy-prod\//);

  const identity = await session.client(STSClient).send(new GetCallerIdentityCommand({}));
  expect(identity.Account).toBe(ACCOUNT);

  const creds = await session.credentials();
  const lines = out.lines();
  const firstPlain = lines.findIndex((l) => !l.startsWith('::'));
  for (const secret of [creds.accessKeyId, creds.secretAccessKey, creds.sessionToken!]) {
    const mask = lines.indexOf(`::add-mask::${secret}`);
    expect(mask).toBeGreaterThanOrEqual(0);
    expect(mask).toBeLessThan(firstPlain);
    expect(lines.filter((l) => l.includes(secret))).toEqual([`::add-mask::${secret}`]);
  }
});

it('a feature-branch run is refused, naming the role and the sub it presented', async () => {
  await runAs({ repository: 'acme/shop', ref: 'refs/heads/feature-x' });
  const err = await authenticate({ region: 'us-east-1', roleToAssume: ROLE }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AwsOperationError);
  expect((err as AwsOperationError).code).toBe('AccessDenied');
  expect((err as AwsOperationError).message).toContain(
    `Not authorized to assume role ${ROLE} with the GitHub OIDC token for sub "repo:acme/shop:ref:refs/heads/feature-x"`,
  );
});

it('when the simulator clock outruns the session, a call is retried on a re-assumed session', async () => {
  await runAs({ repository: 'acme/shop', environment: 'prod' });
  const session = await authenticate({ region: 'us-east-1', roleToAssume: ROLE, roleDurationSeconds: 900 });
  const first = (await session.credentials()).accessKeyId;
  sim.sim.clock.advance(3_600_000); // an hour passes on the server, none here

  const identity = await session.client(STSClient).send(new GetCallerIdentityCommand({}));
  expect(identity.Account).toBe(ACCOUNT);
  expect((await session.credentials()).accessKeyId).not.toBe(first);
  const calls = (await (await fetch(`${sim.url}/_sim/calls`)).json()) as {
    action: string;
    errorCode?: string;
  }[];
  expect(calls.map((c) => `${c.action}${c.errorCode ? `:${c.errorCode}` : ''}`).slice(-3)).toEqual([
    expect.stringMatching(/^GetCallerIdentity:Expired/),
    'AssumeRoleWithWebIdentity',
    'GetCallerIdentity',
  ]);
});
