import {
  DeleteParameterCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  paginateDescribeParameters,
  paginateGetParametersByPath,
  PutParameterCommand,
  SSMClient,
  type ParameterStringFilter,
} from '@aws-sdk/client-ssm';
import { errorOf } from './ecr-helpers';
import { type ClientFixture, startWithClients } from './ssm-secrets-helpers';

let fixture: ClientFixture<SSMClient> | undefined;

const ssm = (region?: string, accessKeyId?: string): SSMClient => fixture!.client(region, accessKeyId);

async function start(seed?: unknown): Promise<SSMClient> {
  fixture = await startWithClients(SSMClient, seed);
  return ssm();
}

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

test('PutParameter and GetParameter: types, versions, ARNs and SecureString decryption', async () => {
  const client = await start();
  const put = await client.send(
    new PutParameterCommand({ Name: '/shop/dev/db-password', Value: 's3cr3t-pw', Type: 'SecureString' }),
  );
  expect(put).toMatchObject({ Version: 1, Tier: 'Standard' });
  await client.send(new PutParameterCommand({ Name: 'plain', Value: 'a,b,c', Type: 'StringList' }));

  const sealed = await client.send(new GetParameterCommand({ Name: '/shop/dev/db-password' }));
  expect(sealed.Parameter).toMatchObject({
    Name: '/shop/dev/db-password',
    Type: 'SecureString',
    Version: 1,
    DataType: 'text',
    ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/shop/dev/db-password',
  });
  expect(sealed.Parameter!.Value).toMatch(/^AQICAH/);
  expect(sealed.Parameter!.Value).not.toContain('s3cr3t-pw');
  expect(sealed.Parameter!.LastModifiedDate).toBeInstanceOf(Date);

  const open = await client.send(
    new GetParameterCommand({ Name: '/shop/dev/db-password', WithDecryption: true }),
  );
  expect(open.Parameter!.Value).toBe('s3cr3t-pw');
  const list = await client.send(new GetParameterCommand({ Name: 'plain' }));
  expect(list.Parameter).toMatchObject({
    Type: 'StringList',
    Value: 'a,b,c',
    ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/plain',
  });

  // Without Overwrite an existing name is refused; with it a new version is added and the type kept.
  expect(
    await errorOf(client.send(new PutParameterCommand({ Name: 'plain', Value: 'x', Type: 'String' }))),
  ).toEqual({
    name: 'ParameterAlreadyExists',
    message:
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
  });
  expect(
    await client.send(new PutParameterCommand({ Name: 'plain', Value: 'x,y', Overwrite: true })),
  ).toMatchObject({
    Version: 2,
  });
  const v2 = await client.send(new GetParameterCommand({ Name: 'plain' }));
  expect(v2.Parameter).toMatchObject({ Value: 'x,y', Version: 2, Type: 'StringList' });
  const v1 = await client.send(new GetParameterCommand({ Name: 'plain:1' }));
  expect(v1.Parameter).toMatchObject({ Name: 'plain', Value: 'a,b,c', Version: 1, Selector: ':1' });
  const byArn = await client.send(
    new GetParameterCommand({ Name: 'arn:aws:ssm:us-east-1:000000000000:parameter/shop/dev/db-password' }),
  );
  expect(byArn.Parameter!.Name).toBe('/shop/dev/db-password');

  expect(await errorOf(client.send(new GetParameterCommand({ Name: '/shop/dev/nope' })))).toEqual({
    name: 'ParameterNotFound',
    message: 'Parameter /shop/dev/nope not found.',
  });
  expect((await errorOf(client.send(new GetParameterCommand({ Name: 'plain:9' })))).name).toBe(
    'ParameterVersionNotFound',
  );
});

test.each([
  [
    'a path without a leading slash',
    { Name: 'shop/dev/x', Type: 'String' },
    'ValidationException',
    'Parameter name must be a fully qualified name.',
  ],
  [
    'the reserved ssm prefix',
    { Name: '/SSM/x', Type: 'String' },
    'ValidationException',
    /can't be prefixed with "ssm"/,
  ],
  [
    'the reserved aws prefix',
    { Name: '/aws/x', Type: 'String' },
    'AccessDeniedException',
    'No access to reserved parameter name: /aws/x.',
  ],
  [
    'a new parameter without a type',
    { Name: '/x' },
    'ValidationException',
    'A parameter type is required when you create a parameter.',
  ],
  [
    'an unknown type',
    { Name: '/x', Type: 'Secret' },
    'ValidationException',
    /Member must satisfy enum value set/,
  ],
  [
    'tags with overwrite',
    { Name: '/x', Type: 'String', Overwrite: true, Tags: [{ Key: 'team', Value: 'a' }] },
    'ValidationException',
    /tags and overwrite can't be used together/,
  ],
  [
    'a standard value over 4 KB',
    { Name: '/x', Type: 'String', Value: 'v'.repeat(4097) },
    'ValidationException',
    /maximum parameter value of 4096/,
  ],
] as const)('PutParameter refuses %s', async (_what, input, name, message) => {
  const client = await start();
  const err = await errorOf(client.send(new PutParameterCommand({ Value: 'v', ...input } as never)));
  expect(err.name).toBe(name);
  expect(err.message).toMatch(message);
});

test('GetParameters lists the names it cannot find; GetParametersByPath pages one level or all', async () => {
  const client = await start({
    parameters: [
      { name: '/shop/dev/api/url', value: 'https://api.dev' },
      { name: '/shop/dev/api/token', value: 'tok-123', type: 'SecureString' },
      { name: '/shop/dev/region', value: 'us-east-1' },
      { name: '/shop/prod/region', value: 'eu-west-1' },
      ...Array.from({ length: 11 }, (_, i) => ({
        name: `/bulk/p${String(i).padStart(2, '0')}`,
        value: `${i}`,
      })),
    ],
  });
  const some = await client.send(
    new GetParametersCommand({
      Names: ['/shop/dev/region', '/shop/dev/missing', '/shop/dev/api/token'],
      WithDecryption: true,
    }),
  );
  expect(some.Parameters!.map((p) => [p.Name, p.Value])).toEqual([
    ['/shop/dev/region', 'us-east-1'],
    ['/shop/dev/api/token', 'tok-123'],
  ]);
  expect(some.InvalidParameters).toEqual(['/shop/dev/missing']);
  expect(
    (
      await errorOf(
        client.send(new GetParametersCommand({ Names: Array.from({ length: 11 }, (_, i) => `/p${i}`) })),
      )
    ).message,
  ).toMatch(/at 'names' failed to satisfy constraint: Member must have length less than or equal to 10/);

  const oneLevel = await client.send(new GetParametersByPathCommand({ Path: '/shop/dev' }));
  expect(oneLevel.Parameters!.map((p) => p.Name)).toEqual(['/shop/dev/region']);
  const recursive = await client.send(
    new GetParametersByPathCommand({ Path: '/shop/dev/', Recursive: true }),
  );
  expect(recursive.Parameters!.map((p) => p.Name)).toEqual([
    '/shop/dev/api/token',
    '/shop/dev/api/url',
    '/shop/dev/region',
  ]);
  expect(recursive.Parameters![0]!.Value).not.toBe('tok-123');

  const names: string[] = [];
  let pages = 0;
  for await (const page of paginateGetParametersByPath({ client, pageSize: 4 }, { Path: '/bulk' })) {
    pages++;
    names.push(...page.Parameters!.map((p) => p.Name!));
  }
  expect(pages).toBe(3);
  expect(names).toHaveLength(11);
  expect(new Set(names).size).toBe(11);
  expect((await errorOf(client.send(new GetParametersByPathCommand({ Path: 'shop' })))).name).toBe(
    'ValidationException',
  );
});

test('DescribeParameters filters by Name and Path and pages with MaxResults/NextToken, never showing values', async () => {
  const client = await start({
    parameters: [
      { name: '/shop/dev/api/url', value: 'https://api.dev', description: 'the API base URL' },
      { name: '/shop/dev/api/token', value: 'tok-123', type: 'SecureString' },
      { name: '/shop/dev/region', value: 'us-east-1' },
      { name: '/shop/prod/region', value: 'eu-west-1' },
      { name: 'flat', value: 'x' },
    ],
  });
  const describe = async (filters: ParameterStringFilter[]): Promise<string[]> =>
    ((await client.send(new DescribeParametersCommand({ ParameterFilters: filters }))).Parameters ?? []).map(
      (p) => p.Name!,
    );

  expect(await describe([{ Key: 'Name', Values: ['/shop/dev/api/token', '/shop/dev/missing'] }])).toEqual([
    '/shop/dev/api/token',
  ]);
  // SSM compares names with one leading slash: `flat` is found as `/flat` and the other way round.
  expect(await describe([{ Key: 'Name', Option: 'Equals', Values: ['/flat'] }])).toEqual(['flat']);
  expect(await describe([{ Key: 'Name', Option: 'BeginsWith', Values: ['/shop/dev/api'] }])).toEqual([
    '/shop/dev/api/token',
    '/shop/dev/api/url',
  ]);
  expect(await describe([{ Key: 'Name', Option: 'Contains', Values: ['region'] }])).toEqual([
    '/shop/dev/region',
    '/shop/prod/region',
  ]);
  expect(await describe([{ Key: 'Path', Values: ['/shop/dev'] }])).toEqual(['/shop/dev/region']);
  expect(await describe([{ Key: 'Path', Option: 'Recursive', Values: ['/shop'] }])).toHaveLength(4);
  expect(
    await describe([
      { Key: 'Path', Option: 'Recursive', Values: ['/shop'] },
      { Key: 'Type', Values: ['SecureString'] },
    ]),
  ).toEqual(['/shop/dev/api/token']);

  const [token] = (
    await client.send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/shop/dev/api/token'] }] }),
    )
  ).Parameters!;
  expect(token).toMatchObject({
    Name: '/shop/dev/api/token',
    ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/shop/dev/api/token',
    Type: 'SecureString',
    KeyId: 'alias/aws/ssm',
    Version: 1,
    Tier: 'Standard',
    DataType: 'text',
  });
  expect(JSON.stringify(token)).not.toContain('tok-123');

  const pages: number[] = [];
  for await (const page of paginateDescribeParameters({ client, pageSize: 2 }, {}))
    pages.push(page.Parameters!.length);
  expect(pages).toEqual([2, 2, 1]);

  const badOption = await errorOf(
    client.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Path', Option: 'Equals', Values: ['/shop'] }],
      }),
    ),
  );
  expect(badOption).toEqual({
    name: 'InvalidFilterOption',
    message:
      'The following filter option is not valid: Equals. Valid options include: [Recursive, OneLevel].',
  });
  const badPath = await errorOf(
    client.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Values: ['shop'] }] })),
  );
  expect(badPath.name).toBe('InvalidFilterValue');
  const badToken = await errorOf(client.send(new DescribeParametersCommand({ NextToken: 'garbage' })));
  expect(badToken.name).toBe('InvalidNextToken');
});

test('parameters live per account and region; DeleteParameter removes them', async () => {
  const client = await start({ parameters: [{ name: '/app/eu', value: 'x', region: 'eu-west-1' }] });
  await client.send(new PutParameterCommand({ Name: '/app/key', Value: 'us', Type: 'String' }));
  const eu = ssm('eu-west-1');
  const other = ssm('us-east-1', '111111111111');
  expect((await errorOf(eu.send(new GetParameterCommand({ Name: '/app/key' })))).name).toBe(
    'ParameterNotFound',
  );
  expect((await errorOf(other.send(new GetParameterCommand({ Name: '/app/key' })))).name).toBe(
    'ParameterNotFound',
  );
  expect((await eu.send(new GetParameterCommand({ Name: '/app/eu' }))).Parameter!.ARN).toBe(
    'arn:aws:ssm:eu-west-1:000000000000:parameter/app/eu',
  );
  await other.send(new PutParameterCommand({ Name: '/app/key', Value: 'other', Type: 'String' }));
  expect((await other.send(new GetParameterCommand({ Name: '/app/key' }))).Parameter!.ARN).toBe(
    'arn:aws:ssm:us-east-1:111111111111:parameter/app/key',
  );

  await client.send(new DeleteParameterCommand({ Name: '/app/key' }));
  expect((await errorOf(client.send(new GetParameterCommand({ Name: '/app/key' })))).name).toBe(
    'ParameterNotFound',
  );
  expect((await errorOf(client.send(new DeleteParameterCommand({ Name: '/app/key' })))).name).toBe(
    'ParameterNotFound',
  );
  expect((await other.send(new GetParameterCommand({ Name: '/app/key' }))).Parameter!.Value).toBe('other');
});

test('seeded SecureString values never show in /_sim/state; the calls are logged under ssm', async () => {
  const client = await start({
    parameters: [
      { name: '/shop/prod/db-password', value: 'hunter2-prod', type: 'SecureString' },
      { name: '/shop/prod/log-level', value: 'info' },
    ],
  });
  const got = await client.send(
    new GetParameterCommand({ Name: '/shop/prod/db-password', WithDecryption: true }),
  );
  expect(got.Parameter!.Value).toBe('hunter2-prod');
  const state = await (await fetch(`${fixture!.running.url}/_sim/state`)).text();
  expect(state).toContain('/shop/prod/db-password');
  expect(state).toContain('"info"');
  expect(state).not.toContain('hunter2-prod');
  const calls = (await (await fetch(`${fixture!.running.url}/_sim/calls?service=ssm`)).json()) as {
    action: string;
  }[];
  expect(calls.map((c) => c.action)).toEqual(['GetParameter']);
  const refused = await fetch(`${fixture!.running.url}/_sim/seed`, {
    method: 'POST',
    body: JSON.stringify({ parameters: [{ name: '/x' }] }),
  });
  expect(refused.status).toBe(400);
});
