import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { startSimulator, type RunningSimulator } from '../src/index';
import { createBucket } from '../src/s3';

let sim: RunningSimulator;
const clients: S3Client[] = [];

function s3(region = 'us-east-1', accessKeyId = 'test'): S3Client {
  const client = new S3Client({
    endpoint: sim.url,
    region,
    credentials: { accessKeyId, secretAccessKey: 'test' },
    forcePathStyle: true,
  });
  clients.push(client);
  return client;
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}) };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await sim.close();
});

test('buckets are created in the region their location constraint names, listed per account, and headed', async () => {
  const east = s3();
  await east.send(new CreateBucketCommand({ Bucket: 'east-bucket' }));
  const west = s3('eu-west-1');
  await west.send(
    new CreateBucketCommand({
      Bucket: 'west-bucket',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    }),
  );
  expect(
    (await east.send(new GetBucketLocationCommand({ Bucket: 'east-bucket' }))).LocationConstraint,
  ).toBeUndefined();
  expect((await east.send(new GetBucketLocationCommand({ Bucket: 'west-bucket' }))).LocationConstraint).toBe(
    'eu-west-1',
  );
  expect((await west.send(new HeadBucketCommand({ Bucket: 'west-bucket' }))).BucketRegion).toBe('eu-west-1');
  const names = (await east.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name);
  expect(names).toEqual(['east-bucket', 'west-bucket']);
  expect((await s3('us-east-1', '111111111111').send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
});

test('CreateBucket refuses bad names, taken names and a region the endpoint does not serve', async () => {
  const east = s3();
  expect(await errorOf(east.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })))).toMatchObject({
    name: 'InvalidBucketName',
    status: 400,
  });
  expect(
    await errorOf(s3('us-east-1', '111111111111').send(new CreateBucketCommand({ Bucket: 'east-bucket' }))),
  ).toMatchObject({ name: 'BucketAlreadyExists', status: 409 });
  expect(
    await errorOf(
      s3('eu-west-1').send(
        new CreateBucketCommand({
          Bucket: 'elsewhere',
          CreateBucketConfiguration: { LocationConstraint: 'eu-central-1' },
        }),
      ),
    ),
  ).toMatchObject({
    name: 'IllegalLocationConstraintException',
  });
});

test('a bucket has S3-managed encryption by default; one made without it answers the not-found error', async () => {
  const east = s3();
  const enc = await east.send(new GetBucketEncryptionCommand({ Bucket: 'east-bucket' }));
  expect(
    enc.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
  ).toBe('AES256');
  createBucket(sim.sim, {
    name: 'plain-bucket',
    account: '000000000000',
    region: 'us-east-1',
    encryption: null,
  });
  expect(await errorOf(east.send(new GetBucketEncryptionCommand({ Bucket: 'plain-bucket' })))).toMatchObject({
    name: 'ServerSideEncryptionConfigurationNotFoundError',
    status: 404,
  });
});

test('a bucket policy is stored and read back; without one, NoSuchBucketPolicy', async () => {
  const east = s3();
  expect(await errorOf(east.send(new GetBucketPolicyCommand({ Bucket: 'east-bucket' })))).toMatchObject({
    name: 'NoSuchBucketPolicy',
  });
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: ['s3:ListBucket'], Resource: '*' },
    ],
  });
  await east.send(new PutBucketPolicyCommand({ Bucket: 'east-bucket', Policy: policy }));
  expect((await east.send(new GetBucketPolicyCommand({ Bucket: 'east-bucket' }))).Policy).toBe(policy);
  expect(
    await errorOf(east.send(new PutBucketPolicyCommand({ Bucket: 'east-bucket', Policy: 'not json' }))),
  ).toMatchObject({ name: 'MalformedPolicy' });
});

test('another account is denied unless the bucket policy allows it; the expected owner must match', async () => {
  const other = s3('us-east-1', '111111111111');
  expect((await other.send(new ListObjectsV2Command({ Bucket: 'east-bucket' }))).KeyCount).toBe(0);
  expect(
    await errorOf(other.send(new PutObjectCommand({ Bucket: 'east-bucket', Key: 'k', Body: 'x' }))),
  ).toMatchObject({ name: 'AccessDenied', status: 403 });
  expect(
    await errorOf(
      s3().send(new GetBucketLocationCommand({ Bucket: 'east-bucket', ExpectedBucketOwner: '111111111111' })),
    ),
  ).toMatchObject({ name: 'AccessDenied', status: 403 });
  expect(await errorOf(s3('us-east-1', 'ASIANOTISSUED').send(new ListBucketsCommand({})))).toMatchObject({
    name: 'InvalidAccessKeyId',
    status: 403,
  });
});

test('DeleteBucket refuses a bucket with objects (BucketNotEmpty) and deletes an empty one', async () => {
  const east = s3();
  await east.send(new PutObjectCommand({ Bucket: 'east-bucket', Key: 'k', Body: 'x' }));
  expect(await errorOf(east.send(new DeleteBucketCommand({ Bucket: 'east-bucket' })))).toMatchObject({
    name: 'BucketNotEmpty',
    status: 409,
  });
  await east.send(new DeleteBucketCommand({ Bucket: 'plain-bucket' }));
  expect(await errorOf(east.send(new HeadBucketCommand({ Bucket: 'plain-bucket' })))).toMatchObject({
    name: 'NotFound',
    status: 404,
  });
});

test('a presigned-style GET (credentials in the query) is served as S3', async () => {
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const q = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `test/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
    'X-Amz-Date': date,
    'X-Amz-Expires': '300',
    'X-Amz-SignedHeaders': 'host',
    'X-Amz-Signature': '0'.repeat(64),
  });
  const res = await fetch(`${sim.url}/east-bucket/k?${q.toString()}`);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('x');
  expect(res.headers.get('etag')).toBe('"9dd4e461268c8034f5c8564e155c67a6"');
  // Signed an hour ago for a minute: expired, as S3 says it.
  const old = new Date(Date.now() - 3600_000).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  q.set('X-Amz-Date', old);
  q.set('X-Amz-Credential', `test/${old.slice(0, 8)}/us-east-1/s3/aws4_request`);
  q.set('X-Amz-Expires', '60');
  const expired = await fetch(`${sim.url}/east-bucket/k?${q.toString()}`);
  expect(expired.status).toBe(403);
  expect(await expired.text()).toMatch(/<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
});

test('a sub-resource the simulator does not serve is NotImplemented, not a listing', async () => {
  const res = await fetch(`${sim.url}/east-bucket?acl`, {
    headers: {
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00',
    },
  });
  expect(res.status).toBe(501);
  expect(await res.text()).toContain('<Code>NotImplemented</Code>');
  const calls = sim.sim.calls.list({ service: 's3', action: 'unknown' });
  expect(calls[calls.length - 1]).toMatchObject({ status: 501, errorCode: 'NotImplemented' });
});
