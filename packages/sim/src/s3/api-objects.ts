import { parseTagging, taggingXml } from './api-buckets';
import { noSuchKey, S3Error } from './errors';
import { onS3 } from './iam';
import { readPayload } from './payload';
import {
  bucketOf,
  header,
  httpDate,
  iso,
  metadataOf,
  type S3Call,
  type S3Handler,
  type S3Reply,
  storedHeadersOf,
  tagsFromQuery,
  XML,
} from './request';
import { type Bucket, type BucketEncryption, storeObject, type StoredObject } from './store';
import { child, childrenNamed, parseXml, xmlDocument } from './xml';

/** The object calls: put, get, head, delete, copy, tagging, and listing a bucket's keys. */

const preconditionFailed = (): S3Error =>
  new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
    Condition: 'If-Match',
  });

function objectOf(call: S3Call, bucket: Bucket): StoredObject {
  const object = bucket.objects.get(call.key!);
  if (!object) throw noSuchKey(call.key!);
  return object;
}

const etagMatches = (list: string, etag: string): boolean =>
  list.split(',').some((e) => e.trim() === '*' || e.trim() === etag || `"${e.trim()}"` === etag);

function encryptionHeaders(encryption: BucketEncryption | undefined | null): Record<string, string> {
  if (!encryption) return {};
  return {
    'x-amz-server-side-encryption': encryption.algorithm,
    ...(encryption.kmsKeyId !== undefined
      ? { 'x-amz-server-side-encryption-aws-kms-key-id': encryption.kmsKeyId }
      : {}),
  };
}

/** The encryption an upload asks for (`x-amz-server-side-encryption`), or undefined for the bucket's default. */
function requestedEncryption(call: S3Call): BucketEncryption | undefined {
  const algorithm = header(call, 'x-amz-server-side-encryption');
  if (algorithm === undefined) return undefined;
  if (algorithm !== 'AES256' && algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') {
    throw new S3Error('InvalidArgument', 'The encryption method specified is not supported', 400, {
      ArgumentName: 'x-amz-server-side-encryption',
      ArgumentValue: algorithm,
    });
  }
  const kmsKeyId = header(call, 'x-amz-server-side-encryption-aws-kms-key-id');
  return { algorithm, ...(kmsKeyId !== undefined && algorithm !== 'AES256' ? { kmsKeyId } : {}) };
}

/** S3's limit on a key: 1,024 bytes of UTF-8. */
function checkKey(key: string): void {
  if (Buffer.byteLength(key) > 1024) {
    throw new S3Error('KeyTooLongError', 'Your key is too long', 400, {
      Size: String(Buffer.byteLength(key)),
    });
  }
}

function objectHeaders(bucket: Bucket, object: StoredObject): Record<string, string | number> {
  const meta = Object.fromEntries(Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]));
  const tagCount = Object.keys(object.tags).length;
  return {
    'content-type': object.contentType,
    etag: object.etag,
    'last-modified': httpDate(object.lastModified),
    'accept-ranges': 'bytes',
    ...object.headers,
    ...meta,
    ...encryptionHeaders(object.encryption),
    ...(tagCount > 0 ? { 'x-amz-tagging-count': tagCount } : {}),
  };
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → the inclusive range, or InvalidRange (416). */
function rangeOf(spec: string, size: number): [number, number] | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(spec.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: spec,
      ActualObjectSize: String(size),
    });
  }
  return [start, end];
}

function readObject(call: S3Call, withBody: boolean): S3Reply {
  const bucket = bucketOf(call);
  const object = objectOf(call, bucket);
  const ifMatch = header(call, 'if-match');
  if (ifMatch !== undefined && !etagMatches(ifMatch, object.etag)) throw preconditionFailed();
  const ifNoneMatch = header(call, 'if-none-match');
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, object.etag)) {
    return { status: 304, headers: { etag: object.etag, 'last-modified': httpDate(object.lastModified) } };
  }
  const headers = objectHeaders(bucket, object);
  const rangeSpec = header(call, 'range');
  const range = rangeSpec !== undefined ? rangeOf(rangeSpec, object.body.length) : undefined;
  if (range) {
    const [start, end] = range;
    return {
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${start}-${end}/${object.body.length}` },
      body: object.body.subarray(start, end + 1),
    };
  }
  if (object.checksum && header(call, 'x-amz-checksum-mode') === 'ENABLED') {
    headers[`x-amz-checksum-${object.checksum.algorithm}`] = object.checksum.value;
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  // A HEAD answers the length of the body a GET would carry.
  return withBody
    ? { headers, body: object.body }
    : { headers: { ...headers, 'content-length': object.body.length } };
}

const GetObject: S3Handler = (call) => readObject(call, true);
const HeadObject: S3Handler = (call) => readObject(call, false);

function checkWritePreconditions(call: S3Call, bucket: Bucket): void {
  const existing = bucket.objects.get(call.key!);
  const ifNoneMatch = header(call, 'if-none-match');
  if (ifNoneMatch === '*' && existing) throw preconditionFailed();
  const ifMatch = header(call, 'if-match');
  if (ifMatch !== undefined) {
    if (!existing) throw noSuchKey(call.key!);
    if (!etagMatches(ifMatch, existing.etag)) throw preconditionFailed();
  }
}

const PutObject: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  checkKey(call.key!);
  const encryption = requestedEncryption(call);
  const { body, checksum } = readPayload(call.req.headers, await call.body());
  checkWritePreconditions(call, bucket);
  const contentType = header(call, 'content-type');
  const object = storeObject(call.sim, bucket.name, call.key!, body, {
    ...(contentType !== undefined ? { contentType } : {}),
    metadata: metadataOf(call),
    tags: tagsFromQuery(header(call, 'x-amz-tagging')),
    headers: storedHeadersOf(call),
    ...(checksum ? { checksum } : {}),
    ...(encryption ? { encryption } : {}),
  });
  return {
    headers: {
      etag: object.etag,
      ...encryptionHeaders(object.encryption),
      ...(checksum
        ? { [`x-amz-checksum-${checksum.algorithm}`]: checksum.value, 'x-amz-checksum-type': 'FULL_OBJECT' }
        : {}),
    },
  };
};

const DeleteObject: S3Handler = (call) => {
  bucketOf(call).objects.delete(call.key!);
  return { status: 204 };
};

const DeleteObjects: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  const raw = await call.body();
  if (
    header(call, 'content-md5') === undefined &&
    !Object.keys(call.req.headers).some((h) => h.startsWith('x-amz-checksum-'))
  ) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: Content-MD5', 400);
  }
  const { body } = readPayload(call.req.headers, raw);
  const doc = parseXml(body.toString('utf8'));
  const keys = childrenNamed(doc, 'Object').map((o) => child(o, 'Key')?.text ?? '');
  if (keys.length > 1000) {
    throw new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  const quiet = child(doc, 'Quiet')?.text.trim() === 'true';
  // Each key needs s3:DeleteObject; a refused one is an error of the result, not of the request.
  const refused = keys.filter(
    (key) => !call.allows(onS3(call.sim, call.principal, 's3:DeleteObject', bucket.name, key)),
  );
  const deleted = keys.filter((key) => !refused.includes(key));
  for (const key of deleted) bucket.objects.delete(key);
  const errors = refused.map((Key) => ({ Key, Code: 'AccessDenied', Message: 'Access Denied' }));
  return {
    headers: XML,
    body: xmlDocument('DeleteResult', {
      ...(quiet ? {} : { Deleted: deleted.map((Key) => ({ Key })) }),
      ...(errors.length > 0 ? { Error: errors } : {}),
    }),
  };
};

const CopyObject: S3Handler = (call) => {
  const bucket = bucketOf(call);
  const source = decodeURIComponent(header(call, 'x-amz-copy-source')!.split('?')[0]!).replace(/^\//, '');
  const slash = source.indexOf('/');
  const from = bucketOf({ ...call, action: 'GetObject', bucketName: source.slice(0, slash) });
  const original = from.objects.get(source.slice(slash + 1));
  if (!original) throw noSuchKey(source.slice(slash + 1));
  const replace = header(call, 'x-amz-metadata-directive') === 'REPLACE';
  const contentType = header(call, 'content-type');
  const object = storeObject(call.sim, bucket.name, call.key!, original.body, {
    contentType: replace ? (contentType ?? 'binary/octet-stream') : original.contentType,
    metadata: replace ? metadataOf(call) : original.metadata,
    tags:
      header(call, 'x-amz-tagging-directive') === 'REPLACE'
        ? tagsFromQuery(header(call, 'x-amz-tagging'))
        : original.tags,
    headers: replace ? storedHeadersOf(call) : original.headers,
    etag: original.etag,
    ...(original.checksum ? { checksum: original.checksum } : {}),
  });
  return {
    headers: { ...XML, ...encryptionHeaders(object.encryption) },
    body: xmlDocument('CopyObjectResult', { LastModified: iso(object.lastModified), ETag: object.etag }),
  };
};

const GetObjectTagging: S3Handler = (call) => {
  const object = objectOf(call, bucketOf(call));
  return { headers: XML, body: taggingXml(object.tags) };
};

const PutObjectTagging: S3Handler = async (call) => {
  const object = objectOf(call, bucketOf(call));
  const { body } = readPayload(call.req.headers, await call.body());
  object.tags = parseTagging(parseXml(body.toString('utf8')));
  return {};
};

const DeleteObjectTagging: S3Handler = (call) => {
  objectOf(call, bucketOf(call)).tags = {};
  return { status: 204 };
};

function invalidArgument(message: string, name: string, value: string): S3Error {
  return new S3Error('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value });
}

/** ListObjectsV2 and ListObjects: keys in UTF-8 order, a prefix, a delimiter's common prefixes, and paging. */
function listObjects(call: S3Call, v2: boolean): S3Reply {
  const bucket = bucketOf(call);
  const q = call.query;
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') || undefined;
  const maxKeysText = q.get('max-keys') ?? '1000';
  // S3 answers at most 1,000 keys a page, whatever max-keys asks for.
  const maxKeys = Math.min(Number(maxKeysText), 1000);
  if (!/^\d+$/.test(maxKeysText)) {
    throw invalidArgument(
      'Provided max-keys not an integer or within integer range',
      'max-keys',
      maxKeysText,
    );
  }
  const encode = q.get('encoding-type') === 'url';
  const enc = (s: string): string => (encode ? encodeURIComponent(s).replace(/%2F/g, '/') : s);
  const token = v2 ? q.get('continuation-token') : null;
  let after: string;
  if (token !== null) {
    after = Buffer.from(token, 'base64url').toString('utf8');
    if (token === '' || !after.startsWith('k:')) {
      throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
    }
    after = after.slice(2);
  } else {
    after = (v2 ? q.get('start-after') : q.get('marker')) ?? '';
  }
  const keys = [...bucket.objects.keys()]
    .filter(
      (k) =>
        k.startsWith(prefix) && k > after && !(delimiter && after.endsWith(delimiter) && k.startsWith(after)),
    )
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const contents: StoredObject[] = [];
  const prefixes: string[] = [];
  let last = '';
  let truncated = false;
  for (const key of keys) {
    let common: string | undefined;
    if (delimiter) {
      const at = key.indexOf(delimiter, prefix.length);
      if (at >= 0) common = key.slice(0, at + delimiter.length);
    }
    if (common !== undefined && prefixes[prefixes.length - 1] === common) continue;
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common !== undefined) prefixes.push(common);
    else contents.push(bucket.objects.get(key)!);
    last = common ?? key;
  }
  const entries = contents.map((o) => ({
    Key: enc(o.key),
    LastModified: iso(o.lastModified),
    ETag: o.etag,
    ...(o.checksum
      ? { ChecksumAlgorithm: o.checksum.algorithm.toUpperCase(), ChecksumType: 'FULL_OBJECT' }
      : {}),
    Size: o.body.length,
    StorageClass: 'STANDARD',
  }));
  const common = prefixes.map((p) => ({ Prefix: enc(p) }));
  const paging = v2
    ? {
        ...(token !== null ? { ContinuationToken: token } : {}),
        ...(truncated ? { NextContinuationToken: Buffer.from(`k:${last}`).toString('base64url') } : {}),
        KeyCount: contents.length + prefixes.length,
        ...(q.has('start-after') ? { StartAfter: enc(q.get('start-after')!) } : {}),
      }
    : { ...(truncated && delimiter ? { NextMarker: enc(last) } : {}) };
  return {
    headers: XML,
    body: xmlDocument('ListBucketResult', {
      Name: bucket.name,
      Prefix: enc(prefix),
      ...(v2 ? {} : { Marker: enc(q.get('marker') ?? '') }),
      MaxKeys: maxKeys,
      ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
      IsTruncated: truncated,
      ...(encode ? { EncodingType: 'url' } : {}),
      ...paging,
      Contents: entries,
      CommonPrefixes: common,
    }),
  };
}

export const objectActions: Record<string, S3Handler> = {
  ListObjectsV2: (call) => listObjects(call, true),
  ListObjects: (call) => listObjects(call, false),
  PutObject,
  GetObject,
  HeadObject,
  DeleteObject,
  DeleteObjects,
  CopyObject,
  GetObjectTagging,
  PutObjectTagging,
  DeleteObjectTagging,
};
