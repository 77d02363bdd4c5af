import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetManifest, AssetPublishing, DefaultAwsClient } from '@aws-cdk/cdk-assets-lib';
import type { CallRecord } from '../src/index';
import { startSimulator, type RunningSimulator } from '../src/index';
import { createBucket, getObject } from '../src/s3';
import { addRole } from '../src/sts';

/** The CDK's own asset publisher (cdk-assets-lib, as toolkit-lib runs it) uploading a file asset to the simulator. */

const BUCKET = 'cdk-hnb659fds-assets-000000000000-us-east-1';
const ROLE = 'arn:aws:iam::000000000000:role/cdk-hnb659fds-file-publishing-role-000000000000-us-east-1';
// Over 22 bytes: the publisher takes a smaller object for an empty zip and uploads it again.
const TEMPLATE = JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } });
const ENV = ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'] as const;

let sim: RunningSimulator;
let dir: string;
const saved: Partial<Record<string, string>> = {};

beforeAll(async () => {
  sim = await startSimulator();
  for (const key of ENV) saved[key] = process.env[key];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  });
  createBucket(sim.sim, { name: BUCKET, account: '000000000000', region: 'us-east-1' });
  addRole(sim.sim, {
    arn: ROLE,
    trustPolicy: {
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' },
      ],
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'assets-'));
  writeFileSync(join(dir, 'template.json'), TEMPLATE);
  writeFileSync(
    join(dir, 'app.assets.json'),
    JSON.stringify({
      version: '48.0.0',
      files: {
        abc123: {
          source: { path: 'template.json', packaging: 'file' },
          destinations: {
            current: {
              bucketName: BUCKET,
              objectKey: 'abc123.json',
              region: 'us-east-1',
              assumeRoleArn: ROLE,
            },
          },
        },
      },
    }),
  );
});
afterAll(async () => {
  for (const key of ENV) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  rmSync(dir, { recursive: true, force: true });
  await sim.close();
});

async function publish(): Promise<CallRecord[]> {
  const since = Date.now();
  const manifest = AssetManifest.fromFile(join(dir, 'app.assets.json'));
  const publishing = new AssetPublishing(manifest, { aws: new DefaultAwsClient(), throwOnError: true });
  await publishing.publish();
  return sim.sim.calls.list({ service: 's3', since });
}

test('a file asset is uploaded once under the file-publishing role, then found by ListObjectsV2', async () => {
  const first = await publish();
  expect(first.map((c) => c.action)).toEqual(
    expect.arrayContaining(['ListObjectsV2', 'GetBucketLocation', 'GetBucketEncryption', 'PutObject']),
  );
  expect(first.every((c) => c.status < 300)).toBe(true);
  expect(getObject(sim.sim, BUCKET, 'abc123.json')?.body.toString()).toBe(TEMPLATE);
  const again = await publish();
  expect(again.map((c) => c.action)).not.toContain('PutObject');
});
