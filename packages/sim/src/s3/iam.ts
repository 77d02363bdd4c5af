import type { PermissionCheck } from '../core/authorization';
import type { Principal } from '../core/identity';
import type { Simulator } from '../core/simulator';
import { findBucket } from './store';

/**
 * S3's IAM table, after the Service Authorization Reference ("Actions, resources, and condition keys for Amazon
 * S3"): the IAM action of each REST call and the resource it is authorized on, the bucket `arn:aws:s3:::BUCKET` or
 * the object `arn:aws:s3:::BUCKET/KEY`. A bucket of another account also needs its bucket policy to allow the
 * caller. Calls whose IAM action is not their own name:
 *
 * - ListBuckets: `s3:ListAllMyBuckets` on `*`; ListObjects(V2), HeadBucket: `s3:ListBucket` on the bucket;
 * - HeadObject: `s3:GetObject`; CreateMultipartUpload, UploadPart, CompleteMultipartUpload: `s3:PutObject`;
 *   CopyObject: `s3:PutObject`, and `s3:GetObject` on its source; DeleteObjects: `s3:DeleteObject` per key;
 * - the bucket configuration calls: `s3:GetEncryptionConfiguration` / `s3:PutEncryptionConfiguration`,
 *   `s3:GetLifecycleConfiguration` / `s3:PutLifecycleConfiguration`, `s3:GetBucketPublicAccessBlock` /
 *   `s3:PutBucketPublicAccessBlock` (their Delete calls need the Put action), DeleteBucketTagging
 *   `s3:PutBucketTagging`.
 */

const ACTIONS: Record<string, string> = {
  ListBuckets: 'ListAllMyBuckets',
  ListObjectsV2: 'ListBucket',
  ListObjects: 'ListBucket',
  HeadBucket: 'ListBucket',
  HeadObject: 'GetObject',
  GetBucketEncryption: 'GetEncryptionConfiguration',
  PutBucketEncryption: 'PutEncryptionConfiguration',
  DeleteBucketEncryption: 'PutEncryptionConfiguration',
  GetBucketLifecycleConfiguration: 'GetLifecycleConfiguration',
  PutBucketLifecycleConfiguration: 'PutLifecycleConfiguration',
  DeleteBucketLifecycle: 'PutLifecycleConfiguration',
  GetPublicAccessBlock: 'GetBucketPublicAccessBlock',
  PutPublicAccessBlock: 'PutBucketPublicAccessBlock',
  DeletePublicAccessBlock: 'PutBucketPublicAccessBlock',
  DeleteBucketTagging: 'PutBucketTagging',
  CreateMultipartUpload: 'PutObject',
  UploadPart: 'PutObject',
  CompleteMultipartUpload: 'PutObject',
  CopyObject: 'PutObject',
};

/** The IAM action of an S3 call. */
export const s3IamAction = (call: string): string => `s3:${ACTIONS[call] ?? call}`;

/** A permission on a bucket or one of its objects, with the bucket's owner and policy. */
export function onS3(
  sim: Simulator,
  principal: Principal,
  action: string,
  bucketName: string,
  key?: string,
): PermissionCheck {
  const bucket = findBucket(sim, bucketName);
  const owner = bucket?.account ?? principal.account;
  return {
    action,
    resource: `arn:aws:s3:::${bucketName}${key !== undefined ? `/${key}` : ''}`,
    resourceAccount: owner,
    ...(bucket?.policy !== undefined ? { resourcePolicy: bucket.policy } : {}),
    context: { 's3:ResourceAccount': owner },
  };
}

/** The permissions an S3 call needs (DeleteObjects checks each of its keys as it deletes them). */
export function s3Permissions(
  sim: Simulator,
  principal: Principal,
  call: string,
  bucket: string | undefined,
  key: string | undefined,
  query: URLSearchParams,
  copySource: string | undefined,
): PermissionCheck[] {
  if (call === 'DeleteObjects') return [];
  const action = s3IamAction(call);
  if (bucket === undefined) return [{ action, resource: '*' }];
  const check = onS3(sim, principal, action, bucket, key);
  if (action === 's3:ListBucket') {
    check.context = {
      ...check.context,
      's3:prefix': query.get('prefix') ?? undefined,
      's3:delimiter': query.get('delimiter') ?? undefined,
      's3:max-keys': query.get('max-keys') ?? undefined,
    };
  }
  const checks = [check];
  if (call === 'CopyObject' && copySource !== undefined) {
    const source = decodeURIComponent(copySource.split('?')[0]!).replace(/^\//, '');
    const slash = source.indexOf('/');
    if (slash > 0)
      checks.push(onS3(sim, principal, 's3:GetObject', source.slice(0, slash), source.slice(slash + 1)));
  }
  return checks;
}
