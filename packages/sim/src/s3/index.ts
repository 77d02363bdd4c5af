import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/identity';
import { seedEntries } from '../core/seed-entries';
import type { SimModule, Simulator } from '../core/simulator';
import { s3Route } from './route';
import {
  type Bucket,
  createBucket as create,
  deleteBucket as remove,
  findBucket as find,
  type NewBucket,
  setBucketPolicy,
  storeObject,
  type StoredObject,
} from './store';

export type { Bucket, BucketEncryption, NewBucket, StoredObject } from './store';
export { S3Error } from './errors';

/** Creates a bucket as CreateBucket does (S3's name rules; BucketAlreadyExists / BucketAlreadyOwnedByYou). */
export function createBucket(sim: Simulator, spec: NewBucket): Bucket {
  return create(sim, spec);
}

/** Deletes a bucket as DeleteBucket does: NoSuchBucket, or BucketNotEmpty while it holds objects. */
export function deleteBucket(sim: Simulator, name: string): void {
  remove(sim, name);
}

export function findBucket(sim: Simulator, name: string): Bucket | undefined {
  return find(sim, name);
}

/** Sets a bucket's policy (JSON text or a document); MalformedPolicy when it is not one. */
export function putBucketPolicy(
  sim: Simulator,
  name: string,
  policy: string | Record<string, unknown>,
): void {
  const bucket = find(sim, name);
  if (!bucket) throw new Error(`no bucket ${name}`);
  setBucketPolicy(bucket, policy);
}

/** An object's bytes, content type and ETag (MD5 hex in quotes), or undefined when the bucket or key is missing. */
export function getObject(
  sim: Simulator,
  bucket: string,
  key: string,
): { body: Buffer; contentType?: string; etag: string } | undefined {
  const object = find(sim, bucket)?.objects.get(key);
  if (!object) return undefined;
  return { body: object.body, contentType: object.contentType, etag: object.etag };
}

/** Stores an object as PutObject does; NoSuchBucket when the bucket is missing. */
export function putObject(
  sim: Simulator,
  bucket: string,
  key: string,
  body: Buffer | string,
  contentType?: string,
): StoredObject {
  return storeObject(
    sim,
    bucket,
    key,
    typeof body === 'string' ? Buffer.from(body) : body,
    contentType !== undefined ? { contentType } : {},
  );
}

/** One entry of the seed document's `buckets` list. */
export interface BucketSeed {
  name: string;
  account?: string;
  region?: string;
  /** Key → body (text). */
  objects?: Record<string, string>;
}

function seedBuckets(data: unknown, sim: Simulator): void {
  seedEntries('buckets', data, (entry) => {
    if (typeof entry !== 'object' || entry === null) throw new Error('a bucket must be an object');
    const seed = entry as Partial<Record<keyof BucketSeed, unknown>>;
    if (typeof seed.name !== 'string') throw new Error('a bucket needs a "name"');
    if (seed.account !== undefined && (typeof seed.account !== 'string' || !/^\d{12}$/.test(seed.account))) {
      throw new Error('"account" must be a 12-digit account id');
    }
    if (seed.region !== undefined && typeof seed.region !== 'string')
      throw new Error('"region" must be a string');
    const objects = seed.objects ?? {};
    if (typeof objects !== 'object' || objects === null || Array.isArray(objects)) {
      throw new Error('"objects" must map keys to bodies');
    }
    const bucket = create(sim, {
      name: seed.name,
      account: seed.account ?? DEFAULT_ACCOUNT,
      region: seed.region ?? DEFAULT_REGION,
    });
    for (const [key, body] of Object.entries(objects as Record<string, unknown>)) {
      if (typeof body !== 'string') throw new Error(`objects["${key}"] must be a string`);
      storeObject(sim, bucket.name, key, Buffer.from(body));
    }
  });
}

/**
 * S3, path-style REST on the simulator's own port: every request signed for service `s3` (the CDK toolkit and the
 * SDK with `forcePathStyle`). Seed key: `buckets` (see BucketSeed).
 */
/** Why ECS cannot download an environment file `arn:aws:s3:::bucket/key`, in S3's words, or undefined. */
function environmentFileProblem(sim: Simulator, arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:s3:::([^/]+)\/(.+)$/.exec(arn);
  if (!m) return 'InvalidArgument: the environment file is not an S3 object ARN';
  const bucket = find(sim, m[1]!);
  if (!bucket) return 'NoSuchBucket: The specified bucket does not exist';
  return bucket.objects.has(m[2]!) ? undefined : 'NoSuchKey: The specified key does not exist.';
}

export const s3Module: SimModule = {
  name: 's3',
  install(sim) {
    sim.executionSecrets = {
      ...sim.executionSecrets,
      environmentFileProblem: (arn) => environmentFileProblem(sim, arn),
    };
    sim.addRoute(s3Route(sim));
    sim.onSeed('buckets', seedBuckets);
  },
};
