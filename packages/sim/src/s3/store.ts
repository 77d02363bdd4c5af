import { createHash } from 'node:crypto';
import type { Simulator } from '../core/simulator';
import { noSuchBucket, S3Error } from './errors';
import { xmlDocument } from './xml';

/** A bucket's default encryption, as GetBucketEncryption answers it. */
export interface BucketEncryption {
  algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse';
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

/** An object's checksum as its uploader sent it (`x-amz-checksum-crc32` …), answered back on request. */
export interface ObjectChecksum {
  algorithm: string;
  value: string;
}

export interface StoredObject {
  key: string;
  body: Buffer;
  /** MD5 hex in double quotes, as S3 sends it; `"<md5 of the part md5s>-N"` after a multipart upload. */
  etag: string;
  contentType: string;
  /** `x-amz-meta-*` headers, by lower-cased name without the prefix. */
  metadata: Record<string, string>;
  tags: Record<string, string>;
  lastModified: number;
  checksum?: ObjectChecksum;
  /** How the object is encrypted at rest: what its upload asked for, else the bucket's default. */
  encryption?: BucketEncryption;
  /** Headers S3 stores and answers back: cache-control, content-disposition, content-encoding… */
  headers: Record<string, string>;
}

export interface MultipartUpload {
  id: string;
  key: string;
  initiated: number;
  contentType: string;
  metadata: Record<string, string>;
  parts: Map<number, { body: Buffer; etag: string }>;
}

export interface Bucket {
  name: string;
  account: string;
  region: string;
  createdAt: number;
  /** Null: a bucket without default encryption (S3 gives every new bucket SSE-S3 since 2023). */
  encryption: BucketEncryption | null;
  /** The bucket policy's JSON text, as PutBucketPolicy took it. */
  policy?: string;
  versioning?: 'Enabled' | 'Suspended';
  /** Configurations kept as the XML the caller sent (lifecycle), answered back as they came. */
  lifecycle?: string;
  publicAccessBlock?: string;
  tags: Record<string, string>;
  objects: Map<string, StoredObject>;
  uploads: Map<string, MultipartUpload>;
}

interface S3State {
  /** Bucket names are global, as in S3: one map for every account and region. */
  buckets: Map<string, Bucket>;
}

export function s3State(sim: Simulator): S3State {
  return sim.store<S3State>('s3', () => ({ buckets: new Map() }));
}

export const md5Etag = (body: Buffer): string => `"${createHash('md5').update(body).digest('hex')}"`;

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** S3's naming rules for general purpose buckets; InvalidBucketName otherwise. */
export function validateBucketName(name: string): void {
  const ok =
    BUCKET_NAME.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !/^(xn--|sthree-|amzn-s3-demo-)/.test(name) &&
    !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name);
  if (!ok) {
    throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  }
}

export interface NewBucket {
  name: string;
  account: string;
  region: string;
  /** Undefined: S3's default (SSE-S3, AES256); null: none, as on a bucket from before 2023. */
  encryption?: BucketEncryption | null;
  /** The bucket policy, as JSON text or a document. */
  policy?: string | Record<string, unknown>;
}

/** CreateBucket: BucketAlreadyOwnedByYou / BucketAlreadyExists (409) when the name is taken. */
export function createBucket(sim: Simulator, spec: NewBucket): Bucket {
  validateBucketName(spec.name);
  const state = s3State(sim);
  const existing = state.buckets.get(spec.name);
  if (existing) {
    throw existing.account === spec.account
      ? new S3Error(
          'BucketAlreadyOwnedByYou',
          'Your previous request to create the named bucket succeeded and you already own it.',
          409,
          { BucketName: spec.name },
        )
      : new S3Error(
          'BucketAlreadyExists',
          'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
          409,
          { BucketName: spec.name },
        );
  }
  const bucket: Bucket = {
    name: spec.name,
    account: spec.account,
    region: spec.region,
    createdAt: sim.clock.now(),
    encryption: spec.encryption === undefined ? { algorithm: 'AES256' } : spec.encryption,
    // New buckets block public access, as S3's have since 2023.
    publicAccessBlock: xmlDocument('PublicAccessBlockConfiguration', {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    }),
    tags: {},
    objects: new Map(),
    uploads: new Map(),
  };
  if (spec.policy !== undefined) setBucketPolicy(bucket, spec.policy);
  state.buckets.set(spec.name, bucket);
  return bucket;
}

export function findBucket(sim: Simulator, name: string): Bucket | undefined {
  return s3State(sim).buckets.get(name);
}

export function requireBucket(sim: Simulator, name: string): Bucket {
  const bucket = findBucket(sim, name);
  if (!bucket) throw noSuchBucket(name);
  return bucket;
}

/** DeleteBucket: NoSuchBucket, or BucketNotEmpty (409) while it holds objects. */
export function deleteBucket(sim: Simulator, name: string): void {
  const bucket = requireBucket(sim, name);
  if (bucket.objects.size > 0) {
    throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
      BucketName: name,
    });
  }
  s3State(sim).buckets.delete(name);
}

/** PutBucketPolicy's checks: JSON, an object, with a Statement; MalformedPolicy otherwise. */
export function setBucketPolicy(bucket: Bucket, policy: string | Record<string, unknown>): void {
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !text.trimStart().startsWith('{')) {
    throw new S3Error('MalformedPolicy', "Policies must be valid JSON and the first byte must be '{'", 400);
  }
  if ((doc as Record<string, unknown>)['Statement'] === undefined) {
    throw new S3Error('MalformedPolicy', 'Missing required field Statement', 400);
  }
  bucket.policy = text;
}

export interface PutObjectOptions {
  contentType?: string;
  metadata?: Record<string, string>;
  tags?: Record<string, string>;
  checksum?: ObjectChecksum;
  encryption?: BucketEncryption;
  headers?: Record<string, string>;
  etag?: string;
}

/** Stores an object, replacing any under the same key; NoSuchBucket when the bucket is missing. */
export function storeObject(
  sim: Simulator,
  bucketName: string,
  key: string,
  body: Buffer,
  options: PutObjectOptions = {},
): StoredObject {
  const bucket = requireBucket(sim, bucketName);
  const object: StoredObject = {
    key,
    body,
    etag: options.etag ?? md5Etag(body),
    contentType: options.contentType ?? 'binary/octet-stream',
    metadata: options.metadata ?? {},
    tags: options.tags ?? {},
    lastModified: sim.clock.now(),
    headers: options.headers ?? {},
    ...(options.checksum ? { checksum: options.checksum } : {}),
  };
  const encryption = options.encryption ?? bucket.encryption;
  if (encryption) object.encryption = encryption;
  bucket.objects.set(key, object);
  return object;
}
