import { bucketOf, iso, type S3Call, type S3Handler, XML } from './request';
import { S3Error } from './errors';
import {
  type BucketEncryption,
  createBucket,
  deleteBucket,
  s3State,
  setBucketPolicy,
  validateBucketName,
} from './store';
import { child, childrenNamed, parseXml, textOf, xmlDocument, type XmlNode } from './xml';

/** The bucket-level calls: create, delete, head, list, and the configurations the CDK toolkit reads. */

const DEFAULT_REGION = 'us-east-1';

async function xmlBody(call: S3Call): Promise<ReturnType<typeof parseXml> | undefined> {
  const body = await call.body();
  const text = body.toString('utf8').trim();
  return text === '' ? undefined : parseXml(text);
}

async function requiredXml(call: S3Call): Promise<ReturnType<typeof parseXml>> {
  const doc = await xmlBody(call);
  if (!doc) {
    throw new S3Error('MissingRequestBodyError', 'Request Body is empty', 400);
  }
  return doc;
}

const ListBuckets: S3Handler = (call) => {
  const mine = [...s3State(call.sim).buckets.values()]
    .filter((b) => b.account === call.principal.account)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    headers: XML,
    body: xmlDocument('ListAllMyBucketsResult', {
      Owner: { ID: call.principal.account, DisplayName: call.principal.account },
      Buckets: {
        Bucket: mine.map((b) => ({ Name: b.name, CreationDate: iso(b.createdAt), BucketRegion: b.region })),
      },
    }),
  };
};

const CreateBucket: S3Handler = async (call) => {
  const name = call.bucketName!;
  validateBucketName(name);
  const config = await xmlBody(call);
  const constraint = textOf(config, 'LocationConstraint') || undefined;
  // A request to a regional endpoint must name that region; us-east-1 takes none (and refuses its own name).
  if (call.region === DEFAULT_REGION && constraint === DEFAULT_REGION) {
    throw new S3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      LocationConstraint: constraint,
    });
  }
  if (call.region !== DEFAULT_REGION && constraint !== call.region) {
    throw new S3Error(
      'IllegalLocationConstraintException',
      `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400,
    );
  }
  const existing = s3State(call.sim).buckets.get(name);
  // S3 keeps answering 200 in us-east-1 when the caller already owns the bucket (legacy behaviour).
  if (existing && existing.account === call.principal.account && existing.region === DEFAULT_REGION) {
    return { headers: { location: `/${name}` } };
  }
  createBucket(call.sim, {
    name,
    account: call.principal.account,
    region: constraint ?? DEFAULT_REGION,
  });
  return { headers: { location: `/${name}` } };
};

const DeleteBucket: S3Handler = (call) => {
  bucketOf(call);
  deleteBucket(call.sim, call.bucketName!);
  return { status: 204 };
};

const HeadBucket: S3Handler = (call) => {
  const bucket = bucketOf(call);
  return { headers: { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' } };
};

const GetBucketLocation: S3Handler = (call) => {
  const bucket = bucketOf(call);
  // us-east-1 answers an empty LocationConstraint, as S3 does.
  const region = bucket.region === DEFAULT_REGION ? '' : bucket.region;
  return {
    headers: XML,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${region}</LocationConstraint>`,
  };
};

function encryptionXml(e: BucketEncryption): XmlNode {
  return {
    Rule: {
      ApplyServerSideEncryptionByDefault: {
        SSEAlgorithm: e.algorithm,
        ...(e.kmsKeyId !== undefined ? { KMSMasterKeyID: e.kmsKeyId } : {}),
      },
      BucketKeyEnabled: e.bucketKeyEnabled ?? false,
    },
  };
}

const GetBucketEncryption: S3Handler = (call) => {
  const bucket = bucketOf(call);
  if (!bucket.encryption) {
    throw new S3Error(
      'ServerSideEncryptionConfigurationNotFoundError',
      'The server side encryption configuration was not found',
      404,
      { BucketName: bucket.name },
    );
  }
  return {
    headers: XML,
    body: xmlDocument('ServerSideEncryptionConfiguration', encryptionXml(bucket.encryption)),
  };
};

/** Reads `ServerSideEncryptionConfiguration` as PutBucketEncryption takes it. */
export function parseEncryption(doc: ReturnType<typeof parseXml>): BucketEncryption {
  const rule = child(doc, 'Rule');
  const byDefault = child(rule, 'ApplyServerSideEncryptionByDefault');
  const algorithm = textOf(byDefault, 'SSEAlgorithm');
  if (algorithm !== 'AES256' && algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') {
    throw new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  const kmsKeyId = textOf(byDefault, 'KMSMasterKeyID');
  return {
    algorithm,
    ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
    bucketKeyEnabled: textOf(rule, 'BucketKeyEnabled') === 'true',
  };
}

const PutBucketEncryption: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  bucket.encryption = parseEncryption(await requiredXml(call));
  return {};
};

const DeleteBucketEncryption: S3Handler = (call) => {
  // S3 falls back to its default, SSE-S3, rather than to no encryption.
  bucketOf(call).encryption = { algorithm: 'AES256' };
  return { status: 204 };
};

const GetBucketPolicy: S3Handler = (call) => {
  const bucket = bucketOf(call);
  if (bucket.policy === undefined) {
    throw new S3Error('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, {
      BucketName: bucket.name,
    });
  }
  return { headers: { 'content-type': 'application/json' }, body: bucket.policy };
};

const PutBucketPolicy: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  setBucketPolicy(bucket, (await call.body()).toString('utf8'));
  return { status: 204 };
};

const DeleteBucketPolicy: S3Handler = (call) => {
  delete bucketOf(call).policy;
  return { status: 204 };
};

const GetBucketVersioning: S3Handler = (call) => {
  const bucket = bucketOf(call);
  return {
    headers: XML,
    body: xmlDocument('VersioningConfiguration', bucket.versioning ? { Status: bucket.versioning } : {}),
  };
};

const PutBucketVersioning: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  const status = textOf(await requiredXml(call), 'Status');
  if (status !== 'Enabled' && status !== 'Suspended') {
    throw new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  bucket.versioning = status;
  return {};
};

/** A configuration the simulator keeps as the document it was given (lifecycle, public access block). */
function storedConfiguration(
  field: 'lifecycle' | 'publicAccessBlock',
  missing: { code: string; message: string },
): { get: S3Handler; put: S3Handler; remove: S3Handler } {
  return {
    get(call) {
      const bucket = bucketOf(call);
      const doc = bucket[field];
      if (doc === undefined)
        throw new S3Error(missing.code, missing.message, 404, { BucketName: bucket.name });
      return { headers: XML, body: doc };
    },
    async put(call) {
      const bucket = bucketOf(call);
      await requiredXml(call);
      bucket[field] = (await call.body()).toString('utf8');
      return {};
    },
    remove(call) {
      delete bucketOf(call)[field];
      return { status: 204 };
    },
  };
}

const lifecycle = storedConfiguration('lifecycle', {
  code: 'NoSuchLifecycleConfiguration',
  message: 'The lifecycle configuration does not exist',
});
const publicAccessBlock = storedConfiguration('publicAccessBlock', {
  code: 'NoSuchPublicAccessBlockConfiguration',
  message: 'The public access block configuration was not found',
});

/** `<Tagging><TagSet><Tag><Key/><Value/></Tag>…` as bucket and object tagging take it. */
export function parseTagging(doc: ReturnType<typeof parseXml>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of childrenNamed(child(doc, 'TagSet'), 'Tag')) {
    const key = child(tag, 'Key')?.text;
    if (key === undefined) {
      throw new S3Error('InvalidTag', 'The TagKey you have provided is invalid', 400);
    }
    tags[key] = child(tag, 'Value')?.text ?? '';
  }
  return tags;
}

export function taggingXml(tags: Record<string, string>): string {
  return xmlDocument('Tagging', {
    TagSet: { Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
  });
}

const GetBucketTagging: S3Handler = (call) => {
  const bucket = bucketOf(call);
  if (Object.keys(bucket.tags).length === 0) {
    throw new S3Error('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: bucket.name });
  }
  return { headers: XML, body: taggingXml(bucket.tags) };
};

const PutBucketTagging: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  bucket.tags = parseTagging(await requiredXml(call));
  return { status: 204 };
};

const DeleteBucketTagging: S3Handler = (call) => {
  bucketOf(call).tags = {};
  return { status: 204 };
};

export const bucketActions: Record<string, S3Handler> = {
  ListBuckets,
  CreateBucket,
  DeleteBucket,
  HeadBucket,
  GetBucketLocation,
  GetBucketEncryption,
  PutBucketEncryption,
  DeleteBucketEncryption,
  GetBucketPolicy,
  PutBucketPolicy,
  DeleteBucketPolicy,
  GetBucketVersioning,
  PutBucketVersioning,
  GetBucketLifecycleConfiguration: lifecycle.get,
  PutBucketLifecycleConfiguration: lifecycle.put,
  DeleteBucketLifecycle: lifecycle.remove,
  GetPublicAccessBlock: publicAccessBlock.get,
  PutPublicAccessBlock: publicAccessBlock.put,
  DeletePublicAccessBlock: publicAccessBlock.remove,
  GetBucketTagging,
  PutBucketTagging,
  DeleteBucketTagging,
};
