import type { Json } from '../../core/request';
import {
  createBucket,
  deleteBucket,
  findBucket,
  putBucketPolicy,
  type Bucket,
  type BucketEncryption,
} from '../../s3';
import { xmlDocument } from '../../s3/xml';
import { alreadyExists, bool, changed, deleting, generatedName, guarded, handlerError, str } from './support';
import type { ProvisionedResource, ResourceProvider } from './types';

/** AWS::S3::Bucket and AWS::S3::BucketPolicy, in the simulator's S3. */

const TYPE = 'AWS::S3::Bucket';

/** `BucketEncryption.ServerSideEncryptionConfiguration[0]` as the bucket's default encryption. */
function encryptionOf(props: Json): BucketEncryption | undefined {
  const config = (props['BucketEncryption'] as Json | undefined)?.['ServerSideEncryptionConfiguration'];
  const rule = (Array.isArray(config) ? config[0] : undefined) as Json | undefined;
  if (!rule) return undefined;
  const byDefault = (rule['ServerSideEncryptionByDefault'] ?? {}) as Json;
  const algorithm = str(byDefault['SSEAlgorithm']);
  if (algorithm !== 'AES256' && algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') {
    throw handlerError(
      'The XML you provided was not well-formed or did not validate against our published schema',
      'InvalidRequest',
    );
  }
  const kmsKeyId = str(byDefault['KMSMasterKeyID']);
  return {
    algorithm,
    ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
    bucketKeyEnabled: bool(rule['BucketKeyEnabled']) === true,
  };
}

function configure(bucket: Bucket, props: Json): void {
  bucket.encryption = encryptionOf(props) ?? { algorithm: 'AES256' };
  const versioning = str((props['VersioningConfiguration'] as Json | undefined)?.['Status']);
  if (versioning === 'Enabled' || versioning === 'Suspended') bucket.versioning = versioning;
  else if (bucket.versioning === 'Enabled') bucket.versioning = 'Suspended';
  const block = props['PublicAccessBlockConfiguration'] as Json | undefined;
  if (block) {
    bucket.publicAccessBlock = xmlDocument('PublicAccessBlockConfiguration', {
      BlockPublicAcls: bool(block['BlockPublicAcls']) === true,
      IgnorePublicAcls: bool(block['IgnorePublicAcls']) === true,
      BlockPublicPolicy: bool(block['BlockPublicPolicy']) === true,
      RestrictPublicBuckets: bool(block['RestrictPublicBuckets']) === true,
    });
  }
  const tags = props['Tags'];
  bucket.tags = Array.isArray(tags)
    ? Object.fromEntries(
        tags.map((t: unknown) => {
          const tag = (typeof t === 'object' && t !== null ? t : {}) as Json;
          return [str(tag['Key']) ?? '', str(tag['Value']) ?? ''];
        }),
      )
    : {};
}

function provisioned(bucket: Bucket): ProvisionedResource {
  const { name, region } = bucket;
  return {
    physicalId: name,
    attributes: {
      Arn: `arn:aws:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-${region}.amazonaws.com`,
    },
  };
}

/** AWS::S3::Bucket: Ref is the name; Arn, DomainName, RegionalDomainName, WebsiteURL. A bucket with objects is not deleted. */
export const s3BucketProvider: ResourceProvider = {
  create(ctx, props) {
    const name = str(props['BucketName']) ?? generatedName(ctx, 63, true).replace(/[^a-z0-9.-]/g, '-');
    const existing = findBucket(ctx.sim, name);
    if (existing) {
      throw existing.account === ctx.account
        ? alreadyExists(TYPE, name)
        : handlerError(`${name} already exists`, 'AlreadyExists');
    }
    encryptionOf(props);
    const bucket = guarded(() => createBucket(ctx.sim, { name, account: ctx.account, region: ctx.region }));
    configure(bucket, props);
    return provisioned(bucket);
  },

  needsReplacement: (before, after) => changed(before, after, ['BucketName', 'ObjectLockEnabled']),

  update(ctx, current, _before, after) {
    const bucket = findBucket(ctx.sim, current.physicalId);
    if (!bucket) throw handlerError('The specified bucket does not exist', 'NotFound');
    configure(bucket, after);
    return provisioned(bucket);
  },

  delete(ctx, current) {
    deleting(() => deleteBucket(ctx.sim, current.physicalId));
  },
};

/** AWS::S3::BucketPolicy: sets the bucket's policy; Ref is the bucket's name. */
export const s3BucketPolicyProvider: ResourceProvider = {
  create(ctx, props) {
    const name = str(props['Bucket']) ?? '';
    if (!findBucket(ctx.sim, name)) throw handlerError('The specified bucket does not exist', 'NotFound');
    const doc = props['PolicyDocument'];
    guarded(() => putBucketPolicy(ctx.sim, name, typeof doc === 'string' ? doc : ((doc ?? {}) as Json)));
    return { physicalId: name, attributes: {} };
  },
  needsReplacement: (before, after) => changed(before, after, ['Bucket']),
  update(ctx, _current, _before, after) {
    return s3BucketPolicyProvider.create(ctx, after);
  },
  delete(ctx, current) {
    const bucket = findBucket(ctx.sim, current.physicalId);
    if (bucket) delete bucket.policy;
  },
};
