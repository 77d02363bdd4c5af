import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startSimulator, type RunningSimulator } from '../src/index';
import { getObject } from '../src/s3';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let sim: RunningSimulator;
let s3: S3Client;

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
  sim = await startSimulator({
    seed: { buckets: [{ name: 'seeded', objects: { 'a.txt': 'from the seed' } }] },
  });
  s3 = new S3Client({ endpoint: sim.url, region: 'us-east-1', credentials, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'assets' }));
});
afterAll(async () => {
  s3.destroy();
  await sim.close();
});

test('an object put is got back byte for byte, with its ETag, type, length, metadata and date', async () => {
  const put = await s3.send(
    new PutObjectCommand({
      Bucket: 'assets',
      Key: 'dir/hello world.json',
      Body: '{"hello":"world"}',
      ContentType: 'application/json',
      Metadata: { owner: 'team-a' },
    }),
  );
  expect(put.ETag).toBe('"fbc24bcc7a1794758fc1327fcfebdaf6"');
  expect(put.ServerSideEncryption).toBe('AES256');
  const got = await s3.send(new GetObjectCommand({ Bucket: 'assets', Key: 'dir/hello world.json' }));
  expect(await got.Body!.transformToString()).toBe('{"hello":"world"}');
  expect(got).toMatchObject({
    ETag: put.ETag,
    ContentType: 'application/json',
    ContentLength: 17,
    Metadata: { owner: 'team-a' },
  });
  expect(got.LastModified).toBeInstanceOf(Date);
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'assets', Key: 'dir/hello world.json' }));
  expect(head).toMatchObject({ ETag: put.ETag, ContentLength: 17 });
  expect(getObject(sim.sim, 'assets', 'dir/hello world.json')?.body.toString()).toBe('{"hello":"world"}');
});

test('a streamed body (aws-chunked with a trailing CRC32) is decoded and its checksum answered back', async () => {
  await s3.send(
    new PutObjectCommand({
      Bucket: 'assets',
      Key: 'streamed.bin',
      Body: Readable.from([Buffer.from('chunk one, '), Buffer.from('chunk two')]),
      ContentLength: 20,
    }),
  );
  const got = await s3.send(
    new GetObjectCommand({ Bucket: 'assets', Key: 'streamed.bin', ChecksumMode: 'ENABLED' }),
  );
  expect(await got.Body!.transformToString()).toBe('chunk one, chunk two');
  expect(got.ChecksumCRC32).toBeDefined();
});

test('a large body goes up in parts (lib-storage Upload) and comes back whole, with a multipart ETag', async () => {
  const body = Buffer.alloc(11 * 1024 * 1024, 7);
  body.write('the end', body.length - 7);
  const done = await new Upload({
    client: s3,
    params: { Bucket: 'assets', Key: 'big.bin', Body: body },
  }).done();
  expect(done.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
  const stored = getObject(sim.sim, 'assets', 'big.bin')!;
  expect(stored.body.equals(body)).toBe(true);
});

test('missing buckets and keys fail with S3 codes; HeadObject answers a bare 404', async () => {
  expect(await errorOf(s3.send(new GetObjectCommand({ Bucket: 'assets', Key: 'nope' })))).toEqual({
    name: 'NoSuchKey',
    status: 404,
  });
  expect(await errorOf(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'x' })))).toEqual({
    name: 'NoSuchBucket',
    status: 404,
  });
  expect(await errorOf(s3.send(new HeadObjectCommand({ Bucket: 'assets', Key: 'nope' })))).toEqual({
    name: 'NotFound',
    status: 404,
  });
});

test('ListObjectsV2 pages with prefix, max-keys and continuation tokens; a delimiter groups prefixes', async () => {
  for (const key of ['list/a', 'list/b', 'list/c', 'list/sub/d', 'list/sub/e', 'other/f']) {
    await s3.send(new PutObjectCommand({ Bucket: 'assets', Key: key, Body: key }));
  }
  const first = await s3.send(new ListObjectsV2Command({ Bucket: 'assets', Prefix: 'list/', MaxKeys: 2 }));
  expect(first.Contents?.map((c) => c.Key)).toEqual(['list/a', 'list/b']);
  expect(first).toMatchObject({ IsTruncated: true, KeyCount: 2 });
  expect(first.Contents?.[0]).toMatchObject({ Size: 6, StorageClass: 'STANDARD' });
  const rest = await s3.send(
    new ListObjectsV2Command({
      Bucket: 'assets',
      Prefix: 'list/',
      ContinuationToken: first.NextContinuationToken!,
    }),
  );
  expect(rest.Contents?.map((c) => c.Key)).toEqual(['list/c', 'list/sub/d', 'list/sub/e']);
  expect(rest.IsTruncated).toBe(false);
  const grouped = await s3.send(
    new ListObjectsV2Command({ Bucket: 'assets', Prefix: 'list/', Delimiter: '/' }),
  );
  expect(grouped.Contents?.map((c) => c.Key)).toEqual(['list/a', 'list/b', 'list/c']);
  expect(grouped.CommonPrefixes).toEqual([{ Prefix: 'list/sub/' }]);
  const none = await s3.send(new ListObjectsV2Command({ Bucket: 'assets', Prefix: 'nothing/' }));
  expect(none).toMatchObject({ KeyCount: 0, IsTruncated: false });
  expect(none.Contents).toBeUndefined();
});

test('DeleteObject and DeleteObjects remove keys; tags sent with a put are read back', async () => {
  await s3.send(
    new PutObjectCommand({ Bucket: 'assets', Key: 'tagged', Body: 'x', Tagging: 'stage=dev&keep=yes' }),
  );
  const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: 'assets', Key: 'tagged' }));
  expect(tags.TagSet).toEqual([
    { Key: 'stage', Value: 'dev' },
    { Key: 'keep', Value: 'yes' },
  ]);
  await s3.send(new DeleteObjectCommand({ Bucket: 'assets', Key: 'tagged' }));
  await s3.send(
    new DeleteObjectsCommand({
      Bucket: 'assets',
      Delete: { Objects: [{ Key: 'other/f' }, { Key: 'list/a' }] },
    }),
  );
  expect(getObject(sim.sim, 'assets', 'tagged')).toBeUndefined();
  expect(getObject(sim.sim, 'assets', 'other/f')).toBeUndefined();
  expect(getObject(sim.sim, 'assets', 'list/a')).toBeUndefined();
});

test('seeded objects are served, and the other APIs on the same port still answer', async () => {
  const got = await s3.send(new GetObjectCommand({ Bucket: 'seeded', Key: 'a.txt' }));
  expect(await got.Body!.transformToString()).toBe('from the seed');
  const sts = new STSClient({ endpoint: sim.url, region: 'us-east-1', credentials });
  expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
  sts.destroy();
  const calls = (await (
    await fetch(`${sim.url}/_sim/calls?service=s3&action=GetObject`)
  ).json()) as unknown[];
  expect(calls.length).toBeGreaterThan(0);
  expect(calls[0]).toMatchObject({ service: 's3', action: 'GetObject', account: '000000000000' });
});

test('scenario faults apply to S3 calls: throttling answers SlowDown (503), a 5xx InternalError', async () => {
  const once = new S3Client({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials,
    forcePathStyle: true,
    maxAttempts: 1,
  });
  sim.sim.scenario.add([{ api: 's3:PutObject', fault: { throttle: 1 } }]);
  expect(await errorOf(once.send(new PutObjectCommand({ Bucket: 'assets', Key: 'k', Body: 'x' })))).toEqual({
    name: 'SlowDown',
    status: 503,
  });
  sim.sim.scenario.clear();
  sim.sim.scenario.add([{ api: 's3:GetObject', fault: { error5xx: 1 } }]);
  expect(await errorOf(once.send(new GetObjectCommand({ Bucket: 'seeded', Key: 'a.txt' })))).toEqual({
    name: 'InternalError',
    status: 500,
  });
  sim.sim.scenario.clear();
  once.destroy();
});

test('an upload may ask for its own encryption; a key over 1,024 bytes is refused', async () => {
  const put = await s3.send(
    new PutObjectCommand({
      Bucket: 'assets',
      Key: 'kms.json',
      Body: '{}',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'alias/assets',
    }),
  );
  expect(put).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/assets' });
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'assets', Key: 'kms.json' }));
  expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/assets' });
  expect(
    await errorOf(s3.send(new PutObjectCommand({ Bucket: 'assets', Key: 'k'.repeat(1025), Body: 'x' }))),
  ).toEqual({ name: 'KeyTooLongError', status: 400 });
});
