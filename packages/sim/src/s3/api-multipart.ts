import { createHash, randomBytes } from 'node:crypto';
import { S3Error } from './errors';
import { readPayload } from './payload';
import { bucketOf, header, metadataOf, type S3Call, type S3Handler, XML } from './request';
import { type Bucket, md5Etag, type MultipartUpload, storeObject } from './store';
import { child, childrenNamed, parseXml, xmlDocument } from './xml';

/** Multipart uploads, which the SDK's `Upload` (lib-storage) uses for bodies over its 5 MiB part size. */

const MIN_PART_SIZE = 5 * 1024 * 1024;

function uploadOf(call: S3Call, bucket: Bucket): MultipartUpload {
  const id = call.query.get('uploadId') ?? '';
  const upload = bucket.uploads.get(id);
  if (!upload || upload.key !== call.key) {
    throw new S3Error(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
      { UploadId: id },
    );
  }
  return upload;
}

const CreateMultipartUpload: S3Handler = (call) => {
  const bucket = bucketOf(call);
  const id = randomBytes(32).toString('base64url');
  bucket.uploads.set(id, {
    id,
    key: call.key!,
    initiated: call.now,
    contentType: header(call, 'content-type') ?? 'binary/octet-stream',
    metadata: metadataOf(call),
    parts: new Map(),
  });
  return {
    headers: XML,
    body: xmlDocument('InitiateMultipartUploadResult', { Bucket: bucket.name, Key: call.key, UploadId: id }),
  };
};

const UploadPart: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  const upload = uploadOf(call, bucket);
  const number = Number(call.query.get('partNumber'));
  if (!Number.isInteger(number) || number < 1 || number > 10000) {
    throw new S3Error(
      'InvalidArgument',
      'Part number must be an integer between 1 and 10000, inclusive',
      400,
      {
        ArgumentName: 'partNumber',
        ArgumentValue: String(call.query.get('partNumber')),
      },
    );
  }
  const { body, checksum } = readPayload(call.req.headers, await call.body());
  const etag = md5Etag(body);
  upload.parts.set(number, { body, etag });
  return {
    headers: {
      etag,
      ...(checksum ? { [`x-amz-checksum-${checksum.algorithm}`]: checksum.value } : {}),
    },
  };
};

const invalidPart = (): S3Error =>
  new S3Error(
    'InvalidPart',
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
    400,
  );

const CompleteMultipartUpload: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  const upload = uploadOf(call, bucket);
  const doc = parseXml((await call.body()).toString('utf8'));
  const listed = childrenNamed(doc, 'Part').map((p) => ({
    number: Number(child(p, 'PartNumber')?.text.trim()),
    etag: child(p, 'ETag')?.text.trim() ?? '',
  }));
  if (listed.length === 0) {
    throw new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
  const parts = listed.map((p, i) => {
    if (i > 0 && p.number <= listed[i - 1]!.number) {
      throw new S3Error(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. Parts must be ordered by part number.',
        400,
      );
    }
    const part = upload.parts.get(p.number);
    const etag = p.etag.startsWith('"') ? p.etag : `"${p.etag}"`;
    if (!part || part.etag !== etag) throw invalidPart();
    return part;
  });
  parts.slice(0, -1).forEach((part) => {
    if (part.body.length < MIN_PART_SIZE) {
      throw new S3Error(
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed object size.',
        400,
      );
    }
  });
  const digests = Buffer.concat(parts.map((p) => Buffer.from(p.etag.slice(1, -1), 'hex')));
  const etag = `"${createHash('md5').update(digests).digest('hex')}-${parts.length}"`;
  storeObject(call.sim, bucket.name, upload.key, Buffer.concat(parts.map((p) => p.body)), {
    contentType: upload.contentType,
    metadata: upload.metadata,
    etag,
  });
  bucket.uploads.delete(upload.id);
  return {
    headers: XML,
    body: xmlDocument('CompleteMultipartUploadResult', {
      Location: `${call.sim.url}/${bucket.name}/${encodeURIComponent(upload.key).replace(/%2F/g, '/')}`,
      Bucket: bucket.name,
      Key: upload.key,
      ETag: etag,
    }),
  };
};

const AbortMultipartUpload: S3Handler = (call) => {
  const bucket = bucketOf(call);
  bucket.uploads.delete(uploadOf(call, bucket).id);
  return { status: 204 };
};

export const multipartActions: Record<string, S3Handler> = {
  CreateMultipartUpload,
  UploadPart,
  CompleteMultipartUpload,
  AbortMultipartUpload,
};
