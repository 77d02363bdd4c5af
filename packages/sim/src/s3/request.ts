import type { IncomingMessage } from 'node:http';
import type { PermissionCheck } from '../core/authorization';
import type { Principal } from '../core/identity';
import type { Simulator } from '../core/simulator';
import { accessDenied, S3Error } from './errors';
import { type Bucket, requireBucket } from './store';

/** One S3 REST call as its handler sees it. */
export interface S3Call {
  sim: Simulator;
  req: IncomingMessage;
  url: URL;
  query: URLSearchParams;
  /** The action the method, path and sub-resource name (`PutObject`, `GetBucketPolicy`…). */
  action: string;
  bucketName: string | undefined;
  key: string | undefined;
  principal: Principal;
  /** Whether IAM lets the caller make this one check (always, for a caller whose policies are not evaluated). */
  allows(check: PermissionCheck): boolean;
  region: string;
  requestId: string;
  /** Simulator time, epoch ms. */
  now: number;
  /** The request body as sent (still `aws-chunked` if it was). */
  body(): Promise<Buffer>;
}

export interface S3Reply {
  status?: number;
  headers?: Record<string, string | number>;
  body?: Buffer | string;
}

export type S3Handler = (call: S3Call) => S3Reply | Promise<S3Reply>;

export const XML = { 'content-type': 'application/xml' };

/** The IAM action a bucket policy must allow for a call from another account, where it differs from `s3:<call>`. */
const IAM_ACTIONS: Record<string, string> = {
  ListObjectsV2: 'ListBucket',
  ListObjects: 'ListBucket',
  HeadBucket: 'ListBucket',
  HeadObject: 'GetObject',
  GetBucketEncryption: 'GetEncryptionConfiguration',
  PutBucketEncryption: 'PutEncryptionConfiguration',
  DeleteObjects: 'DeleteObject',
  CreateMultipartUpload: 'PutObject',
  UploadPart: 'PutObject',
  CompleteMultipartUpload: 'PutObject',
  CopyObject: 'PutObject',
  AbortMultipartUpload: 'AbortMultipartUpload',
};

function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(value);
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function principalMatches(principal: unknown, caller: Principal): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  return asList((principal as Record<string, unknown>)['AWS']).some(
    (v) =>
      v === '*' ||
      v === caller.account ||
      v === `arn:aws:iam::${caller.account}:root` ||
      v === caller.arn ||
      (caller.roleArn !== undefined && v === caller.roleArn),
  );
}

/** Whether a bucket policy has an Allow statement for this caller and action (conditions are not evaluated). */
function policyAllows(bucket: Bucket, caller: Principal, action: string): boolean {
  if (bucket.policy === undefined) return false;
  const doc = JSON.parse(bucket.policy) as Record<string, unknown>;
  const iamAction = `s3:${IAM_ACTIONS[action] ?? action}`;
  return asList(doc['Statement']).some((s) => {
    if (typeof s !== 'object' || s === null) return false;
    const st = s as Record<string, unknown>;
    return (
      st['Effect'] === 'Allow' &&
      principalMatches(st['Principal'], caller) &&
      asList(st['Action']).some((a) => typeof a === 'string' && globMatches(a, iamAction))
    );
  });
}

/**
 * The bucket a call names, if the caller may use it: its owner's account, or another account the bucket policy
 * allows; `x-amz-expected-bucket-owner` must name the owner. NoSuchBucket (404) or AccessDenied (403).
 */
export function bucketOf(call: S3Call): Bucket {
  if (call.bucketName === undefined) throw new S3Error('InvalidRequest', 'A bucket name is required.', 400);
  const bucket = requireBucket(call.sim, call.bucketName);
  const expected = call.req.headers['x-amz-expected-bucket-owner'];
  if (typeof expected === 'string' && expected !== bucket.account) throw accessDenied();
  if (bucket.account !== call.principal.account && !policyAllows(bucket, call.principal, call.action)) {
    throw accessDenied();
  }
  return bucket;
}

export function header(call: S3Call, name: string): string | undefined {
  const v = call.req.headers[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : undefined;
}

/** `x-amz-meta-*` request headers, by name without the prefix. */
export function metadataOf(call: S3Call): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.req.headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') out[name.slice(11)] = value;
  }
  return out;
}

/** The headers S3 stores with an object and answers back on GetObject. */
export const STORED_HEADERS = [
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
  'x-amz-website-redirect-location',
];

export function storedHeadersOf(call: S3Call): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    let v = header(call, name);
    if (name === 'content-encoding' && v !== undefined) {
      v = v
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== 'aws-chunked' && e !== '')
        .join(',');
    }
    if (v !== undefined && v !== '') out[name] = v;
  }
  return out;
}

/** `k1=v1&k2=v2` (the `x-amz-tagging` header) into tags. */
export function tagsFromQuery(text: string | undefined): Record<string, string> {
  if (text === undefined) return {};
  return Object.fromEntries(new URLSearchParams(text));
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const httpDate = (ms: number): string => new Date(ms).toUTCString();
