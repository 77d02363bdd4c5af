/**
 * `GET /_sim/secrets`: every secret value the simulator handed out or holds, so a leak test can look for
 * values the action never masked. `/_sim/state` must show none of them but the OIDC request tokens.
 */
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import {
  asCredentials,
  fetchIdToken,
  githubTrust,
  startSimulator,
  stsClient,
  type RunningSimulator,
} from './oidc-helpers';

const ACCOUNT = '111111111111';
const CI_ROLE = `arn:aws:iam::${ACCOUNT}:role/ci`;
const DEPLOY_ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;
const testCreds = { accessKeyId: 'test', secretAccessKey: 'test' };

interface SecretRecord {
  kind: string;
  value: string;
}

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      roles: [
        {
          arn: CI_ROLE,
          trustPolicy: githubTrust(ACCOUNT, {
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' },
          }),
        },
        {
          arn: DEPLOY_ROLE,
          trustPolicy: {
            Statement: [{ Effect: 'Allow', Principal: { AWS: CI_ROLE }, Action: 'sts:AssumeRole' }],
          },
        },
      ],
      parameters: [
        { name: '/shop/prod/log-level', value: 'info-level-not-secret' },
        { name: '/shop/prod/db-password', value: 'seeded-db-password', type: 'SecureString' },
      ],
      secrets: [{ name: 'shop/prod/db', value: { username: 'app', password: 'seeded-sm-password' } }],
    },
  });
});

afterAll(async () => {
  await sim.close();
});

async function secrets(): Promise<SecretRecord[]> {
  const res = await fetch(`${sim.url}/_sim/secrets`);
  expect(res.status).toBe(200);
  return (await res.json()) as SecretRecord[];
}

it('lists every credential, token and password it issued and every secret it holds, and /_sim/state none', async () => {
  const jwt = await fetchIdToken(sim, { repository: 'acme/shop', ref: 'refs/heads/main' });
  const sts = stsClient(sim);
  const web = await sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: CI_ROLE,
      RoleSessionName: 'ci',
      WebIdentityToken: jwt,
    }),
  );
  const ciCreds = asCredentials(web.Credentials);
  const chained = stsClient(sim, ciCreds);
  const deploy = asCredentials(
    (await chained.send(new AssumeRoleCommand({ RoleArn: DEPLOY_ROLE, RoleSessionName: 'deploy' })))
      .Credentials,
  );

  const config = { endpoint: sim.url, region: 'us-east-1', credentials: testCreds, maxAttempts: 1 };
  const ecr = new ECRClient(config);
  const ssm = new SSMClient(config);
  const sm = new SecretsManagerClient(config);
  try {
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!
      .authorizationToken!;
    const password = Buffer.from(token, 'base64').toString('utf8').slice('AWS:'.length);
    await ssm.send(
      new PutParameterCommand({ Name: '/shop/prod/api-key', Value: 'put-api-key', Type: 'SecureString' }),
    );
    await ssm.send(
      new PutParameterCommand({ Name: '/shop/prod/region', Value: 'plain-region-value', Type: 'String' }),
    );
    await sm.send(new PutSecretValueCommand({ SecretId: 'shop/prod/db', SecretString: 'rotated-sm-value' }));

    const listed = await secrets();
    const requestTokens = listed.filter((s) => s.kind === 'github:oidc-request-token');
    expect(requestTokens).toHaveLength(1);
    expect(listed).toEqual(
      expect.arrayContaining([
        { kind: 'github:oidc-token', value: jwt },
        { kind: 'sts:SecretAccessKey', value: ciCreds.secretAccessKey },
        { kind: 'sts:SessionToken', value: ciCreds.sessionToken },
        { kind: 'sts:SecretAccessKey', value: deploy.secretAccessKey },
        { kind: 'sts:SessionToken', value: deploy.sessionToken },
        { kind: 'ecr:password', value: password },
        { kind: 'ecr:authorizationToken', value: token },
        { kind: 'ssm:SecureString', value: 'seeded-db-password' },
        { kind: 'ssm:SecureString', value: 'put-api-key' },
        {
          kind: 'secretsmanager:SecretString',
          value: JSON.stringify({ username: 'app', password: 'seeded-sm-password' }),
        },
        { kind: 'secretsmanager:SecretString', value: 'rotated-sm-value' },
      ]),
    );
    const values = listed.map((s) => s.value);
    expect(values).not.toContain('info-level-not-secret');
    expect(values).not.toContain('plain-region-value');
    expect(new Set(values).size).toBe(values.length);

    const state = await (await fetch(`${sim.url}/_sim/state`)).text();
    // Request tokens are the test's own handles on its runs (GET /_sim/oidc/contexts lists them); nothing else shows.
    for (const { kind, value } of listed) {
      if (kind !== 'github:oidc-request-token') expect(state).not.toContain(value);
    }
  } finally {
    for (const client of [sts, chained, ecr, ssm, sm]) client.destroy();
  }
});

it('forgets them on reset', async () => {
  expect((await secrets()).length).toBeGreaterThan(0);
  await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
  expect(await secrets()).toEqual([]);
});
