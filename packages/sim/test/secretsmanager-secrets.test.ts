import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  paginateListSecrets,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { errorOf } from './ecr-helpers';
import { type ClientFixture, startWithClients } from './ssm-secrets-helpers';

let fixture: ClientFixture<SecretsManagerClient> | undefined;

const secrets = (region?: string, accessKeyId?: string): SecretsManagerClient =>
  fixture!.client(region, accessKeyId);

async function start(seed?: unknown): Promise<SecretsManagerClient> {
  fixture = await startWithClients(SecretsManagerClient, seed);
  return secrets();
}

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const NOT_FOUND = {
  name: 'ResourceNotFoundException',
  message: "Secrets Manager can't find the specified secret.",
};

test('CreateSecret, then DescribeSecret by name, full ARN and partial ARN, and GetSecretValue', async () => {
  const client = await start();
  const created = await client.send(
    new CreateSecretCommand({
      Name: 'shop/prod/db',
      SecretString: '{"password":"pw-123"}',
      Description: 'db login',
    }),
  );
  expect(created.ARN).toMatch(
    /^arn:aws:secretsmanager:us-east-1:000000000000:secret:shop\/prod\/db-[A-Za-z0-9]{6}$/,
  );
  expect(created.Name).toBe('shop/prod/db');
  expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);

  const partial = created.ARN!.slice(0, -7);
  for (const id of ['shop/prod/db', created.ARN!, partial]) {
    const described = await client.send(new DescribeSecretCommand({ SecretId: id }));
    expect(described).toMatchObject({
      ARN: created.ARN,
      Name: 'shop/prod/db',
      Description: 'db login',
      RotationEnabled: false,
      VersionIdsToStages: { [created.VersionId!]: ['AWSCURRENT'] },
    });
    expect(described.CreatedDate).toBeInstanceOf(Date);
    expect(JSON.stringify(described)).not.toContain('pw-123');
  }
  for (const id of ['shop/prod/nope', `${partial}-zzzzzz`, created.ARN!.replace('us-east-1', 'eu-west-1')]) {
    expect(await errorOf(client.send(new DescribeSecretCommand({ SecretId: id })))).toEqual(NOT_FOUND);
  }

  const value = await client.send(new GetSecretValueCommand({ SecretId: partial }));
  expect(value).toMatchObject({
    ARN: created.ARN,
    Name: 'shop/prod/db',
    VersionId: created.VersionId,
    SecretString: '{"password":"pw-123"}',
    VersionStages: ['AWSCURRENT'],
  });
  expect(await errorOf(client.send(new GetSecretValueCommand({ SecretId: 'missing' })))).toEqual(NOT_FOUND);

  expect(
    await errorOf(client.send(new CreateSecretCommand({ Name: 'shop/prod/db', SecretString: 'x' }))),
  ).toEqual({
    name: 'ResourceExistsException',
    message: 'The operation failed because the secret shop/prod/db already exists.',
  });
  expect(
    (await errorOf(client.send(new CreateSecretCommand({ Name: 'bad name!', SecretString: 'x' })))).name,
  ).toBe('ValidationException');
  const both = await errorOf(
    client.send(new CreateSecretCommand({ Name: 'both', SecretString: 'x', SecretBinary: Buffer.from('y') })),
  );
  expect(both.name).toBe('InvalidParameterException');
});

test('a retried CreateSecret with the same token answers as the first; PutSecretValue moves AWSCURRENT', async () => {
  const client = await start();
  const token = 'a1b2c3d4-0000-4000-8000-000000000001';
  const first = await client.send(
    new CreateSecretCommand({ Name: 'api-key', SecretString: 'v1', ClientRequestToken: token }),
  );
  const retry = await client.send(
    new CreateSecretCommand({ Name: 'api-key', SecretString: 'v1', ClientRequestToken: token }),
  );
  expect(retry).toMatchObject({ ARN: first.ARN, VersionId: token });

  const put = await client.send(new PutSecretValueCommand({ SecretId: 'api-key', SecretString: 'v2' }));
  expect(put.VersionStages).toEqual(['AWSCURRENT']);
  expect((await client.send(new GetSecretValueCommand({ SecretId: 'api-key' }))).SecretString).toBe('v2');
  const previous = await client.send(
    new GetSecretValueCommand({ SecretId: 'api-key', VersionStage: 'AWSPREVIOUS' }),
  );
  expect(previous).toMatchObject({ SecretString: 'v1', VersionId: token, VersionStages: ['AWSPREVIOUS'] });
  const described = await client.send(new DescribeSecretCommand({ SecretId: 'api-key' }));
  expect(described.VersionIdsToStages).toEqual({
    [token]: ['AWSPREVIOUS'],
    [put.VersionId!]: ['AWSCURRENT'],
  });

  const binary = await client.send(
    new CreateSecretCommand({ Name: 'cert', SecretBinary: Buffer.from([1, 2, 3]) }),
  );
  const got = await client.send(new GetSecretValueCommand({ SecretId: binary.ARN }));
  expect(Buffer.from(got.SecretBinary!)).toEqual(Buffer.from([1, 2, 3]));
  expect(got.SecretString).toBeUndefined();

  await client.send(new CreateSecretCommand({ Name: 'empty' }));
  expect(await errorOf(client.send(new GetSecretValueCommand({ SecretId: 'empty' })))).toEqual({
    name: 'ResourceNotFoundException',
    message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
  });
});

test('DeleteSecret schedules deletion: described but unreadable, restorable, gone when the window passes', async () => {
  const client = await start({
    secrets: [
      { name: 'old', value: 'x' },
      { name: 'now', value: 'y' },
    ],
  });
  const deleted = await client.send(new DeleteSecretCommand({ SecretId: 'old', RecoveryWindowInDays: 7 }));
  expect(deleted.Name).toBe('old');
  const described = await client.send(new DescribeSecretCommand({ SecretId: 'old' }));
  expect(described.DeletedDate).toEqual(deleted.DeletionDate);
  const marked = {
    name: 'InvalidRequestException',
    message: "You can't perform this operation on the secret because it was marked for deletion.",
  };
  expect(await errorOf(client.send(new GetSecretValueCommand({ SecretId: 'old' })))).toEqual(marked);
  expect(await errorOf(client.send(new DeleteSecretCommand({ SecretId: 'old' })))).toEqual(marked);
  expect((await client.send(new ListSecretsCommand({}))).SecretList!.map((s) => s.Name)).toEqual(['now']);
  expect(
    (await client.send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList!.map(
      (s) => s.Name,
    ),
  ).toEqual(['old', 'now']);

  await client.send(new RestoreSecretCommand({ SecretId: 'old' }));
  expect((await client.send(new GetSecretValueCommand({ SecretId: 'old' }))).SecretString).toBe('x');

  await client.send(new DeleteSecretCommand({ SecretId: 'old', RecoveryWindowInDays: 7 }));
  await fetch(`${fixture!.running.url}/_sim/clock`, {
    method: 'POST',
    body: JSON.stringify({ advanceSeconds: 7 * 86400 + 1 }),
  });
  expect(await errorOf(client.send(new DescribeSecretCommand({ SecretId: 'old' })))).toEqual(NOT_FOUND);

  expect(
    await errorOf(client.send(new DeleteSecretCommand({ SecretId: 'now', RecoveryWindowInDays: 3 }))),
  ).toEqual({
    name: 'InvalidParameterException',
    message: 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
  });
  const forced = await client.send(
    new DeleteSecretCommand({ SecretId: 'now', ForceDeleteWithoutRecovery: true }),
  );
  expect(forced.Name).toBe('now');
  expect(await errorOf(client.send(new DescribeSecretCommand({ SecretId: 'now' })))).toEqual(NOT_FOUND);
  // A re-created secret gets a new ARN suffix, as on AWS.
  const again = await client.send(new CreateSecretCommand({ Name: 'now', SecretString: 'z' }));
  expect(again.ARN).not.toBe(forced.ARN);
});

test('ListSecrets filters by name prefix and pages; secrets live per account and region', async () => {
  const client = await start({
    secrets: [
      { name: 'shop/dev/db', value: { username: 'app', password: 'dev-pw' } },
      { name: 'shop/prod/db', value: 'prod-pw' },
      { name: 'other/api', value: 'k' },
      { name: 'shop/eu/db', value: 'eu-pw', region: 'eu-west-1' },
    ],
  });
  const byPrefix = await client.send(
    new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['shop/'] }] }),
  );
  expect(byPrefix.SecretList!.map((s) => s.Name)).toEqual(['shop/dev/db', 'shop/prod/db']);
  expect(byPrefix.SecretList![0]!.SecretVersionsToStages).toBeDefined();
  const negated = await client.send(
    new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['!shop/'] }] }),
  );
  expect(negated.SecretList!.map((s) => s.Name)).toEqual(['other/api']);

  const pages: number[] = [];
  for await (const page of paginateListSecrets({ client, pageSize: 2 }, {}))
    pages.push(page.SecretList!.length);
  expect(pages).toEqual([2, 1]);

  const dev = await client.send(new GetSecretValueCommand({ SecretId: 'shop/dev/db' }));
  expect(JSON.parse(dev.SecretString!)).toEqual({ username: 'app', password: 'dev-pw' });

  const eu = secrets('eu-west-1');
  expect((await eu.send(new DescribeSecretCommand({ SecretId: 'shop/eu/db' }))).ARN).toMatch(
    /^arn:aws:secretsmanager:eu-west-1:000000000000:secret:shop\/eu\/db-/,
  );
  expect(await errorOf(eu.send(new DescribeSecretCommand({ SecretId: 'shop/prod/db' })))).toEqual(NOT_FOUND);
  const other = secrets('us-east-1', '111111111111');
  expect(await errorOf(other.send(new DescribeSecretCommand({ SecretId: 'shop/prod/db' })))).toEqual(
    NOT_FOUND,
  );
  // An ARN names its account: a secret shared across accounts is found by it.
  const arn = (await client.send(new DescribeSecretCommand({ SecretId: 'shop/prod/db' }))).ARN!;
  expect((await other.send(new DescribeSecretCommand({ SecretId: arn }))).Name).toBe('shop/prod/db');
});

test('secret values never show in /_sim/state; calls are logged under secretsmanager', async () => {
  const client = await start({ secrets: [{ name: 'prod/token', value: 'tok-very-secret' }] });
  await client.send(new CreateSecretCommand({ Name: 'prod/other', SecretString: 'other-very-secret' }));
  await client.send(new GetSecretValueCommand({ SecretId: 'prod/token' }));
  const state = await (await fetch(`${fixture!.running.url}/_sim/state`)).text();
  expect(state).toContain('prod/token');
  expect(state).not.toContain('tok-very-secret');
  expect(state).not.toContain('other-very-secret');
  const calls = (await (await fetch(`${fixture!.running.url}/_sim/calls?service=secretsmanager`)).json()) as {
    action: string;
  }[];
  expect(calls.map((c) => c.action)).toEqual(['CreateSecret', 'GetSecretValue']);
});
