/**
 * The preflight of a task definition's environment files against the simulator's S3, under a role whose policy
 * grants s3:GetObject on one bucket only: a file that is there passes, a missing one, one the role may not read
 * and a value ECS cannot load are each reported with the container, the ARN and why, without reading any file.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { startSimulator, type RunningSimulator } from '@ecs-delivery/sim';
import { findUnreadableEnvironmentFiles, parseEnvironmentFileArn } from '../src/preflight';
import { referencedEnvironmentFiles } from '../src/taskdef';

const ACCOUNT = '111111111111';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;

let sim: RunningSimulator;
let s3: S3Client;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      buckets: [
        { name: 'oky-config', account: ACCOUNT, objects: { 'prod/api.env': 'LOG_LEVEL=info\n' } },
        { name: 'payroll-config', account: ACCOUNT, objects: { 'prod/api.env': 'LOG_LEVEL=info\n' } },
      ],
      roles: [
        {
          arn: ROLE,
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }],
          },
          policies: [
            {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::oky-config/*' }],
            },
          ],
        },
      ],
    },
  });
  const session = (await (
    await fetch(`${sim.url}/_sim/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roleArn: ROLE }),
    })
  ).json()) as { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  s3 = new S3Client({
    endpoint: sim.url,
    region: 'eu-west-2',
    credentials: {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
    },
    forcePathStyle: true,
  });
});
afterAll(async () => {
  s3.destroy();
  await sim.close();
});

/** A task definition as a file may hold it: the SDK types `type` as 's3' only, a file may say anything. */
type Definition = Parameters<typeof referencedEnvironmentFiles>[0];
const asDefinition = (doc: unknown): Definition => doc as Definition;

const definition = (files: { type: string; value: string }[]): Definition =>
  asDefinition({
    family: 'oky-api',
    containerDefinitions: [
      { name: 'sidecar', image: 'envoy' },
      { name: 'api', image: 'oky/api_en', environmentFiles: files },
    ],
  });

test('an environment file that exists and may be read passes, and only its metadata is read', async () => {
  const since = sim.sim.calls.list().length;
  const files = referencedEnvironmentFiles(
    definition([{ type: 's3', value: 'arn:aws:s3:::oky-config/prod/api.env' }]),
  );
  expect(files).toEqual([{ container: 'api', type: 's3', value: 'arn:aws:s3:::oky-config/prod/api.env' }]);
  expect(await findUnreadableEnvironmentFiles(() => s3, files)).toEqual([]);
  const calls = sim.sim.calls
    .list()
    .slice(since)
    .map((c) => `${c.service}:${c.action}`);
  expect(calls).toEqual(['s3:HeadObject']);
});

test.each([
  [
    'a missing object',
    'arn:aws:s3:::oky-config/prod/cms.env',
    'missing',
    /Container "api" loads the environment file arn:aws:s3:::oky-config\/prod\/cms\.env, which does not exist/,
  ],
  [
    'a missing bucket',
    'arn:aws:s3:::oky-config-typo/prod/api.env',
    // The role may read oky-config only: S3 refuses before it would say the bucket does not exist.
    'access-denied',
    /which the deploy role may not read \(s3:GetObject was refused.*grant it s3:GetObject on the object/,
  ],
  [
    'an object the role may not read',
    'arn:aws:s3:::payroll-config/prod/api.env',
    'access-denied',
    /arn:aws:s3:::payroll-config\/prod\/api\.env, which the deploy role may not read/,
  ],
  [
    'a bucket name instead of an ARN',
    'oky-config/prod/api.env',
    'bad-arn',
    /which ECS cannot load: it is not an S3 object ARN like arn:aws:s3:::bucket\/path\/file\.env\./,
  ],
  [
    'a file without the .env extension',
    'arn:aws:s3:::oky-config/prod/api.txt',
    'bad-arn',
    /ECS loads only environment files whose name ends in \.env/,
  ],
])('%s is reported with the container, the ARN and why', async (_, value, problem, message) => {
  const found = await findUnreadableEnvironmentFiles(
    () => s3,
    referencedEnvironmentFiles(definition([{ type: 's3', value }])),
  );
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ container: 'api', arn: value, problem });
  expect(found[0]!.message).toMatch(message);
});

test('a type other than s3 is refused without a call, and each ARN is looked up once', async () => {
  const since = sim.sim.calls.list().length;
  const found = await findUnreadableEnvironmentFiles(
    () => s3,
    referencedEnvironmentFiles(
      asDefinition({
        containerDefinitions: [
          { name: 'api', environmentFiles: [{ type: 'http', value: 'https://example.com/a.env' }] },
          { name: 'cms', environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::oky-config/gone.env' }] },
          { name: 'jobs', environmentFiles: [{ type: 's3', value: 'arn:aws:s3:::oky-config/gone.env' }] },
        ],
      }),
    ),
  );
  expect(found.map((f) => [f.container, f.problem])).toEqual([
    ['api', 'bad-arn'],
    ['cms', 'missing'],
    ['jobs', 'missing'],
  ]);
  expect(found[0]!.message).toMatch(/its type is "http", and ECS supports only "s3"/);
  expect(sim.sim.calls.list().slice(since)).toHaveLength(1);
});

test.each([
  ['arn:aws:s3:::bkt/k.env', undefined],
  ['arn:aws-cn:s3:::oky.config/a/b/c.env', undefined],
  ['arn:aws:s3:::Oky/k.env', /not a valid S3 bucket name/],
  ['arn:aws:s3:::oky-config', /not an S3 object ARN/],
  ['arn:aws:s3:eu-west-2::oky-config/k.env', /not an S3 object ARN/],
])('parseEnvironmentFileArn(%s)', (value, problem) => {
  const parsed = parseEnvironmentFileArn(value);
  if (problem === undefined) expect(typeof parsed).toBe('object');
  else expect(parsed).toMatch(problem);
});
