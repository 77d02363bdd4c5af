import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { denialMessage, type PermissionCheck } from '../core/authorization';
import { AwsError } from '../core/errors';
import { closeWithoutAnswer, injectFault } from '../core/faults';
import { DEFAULT_REGION, type Principal } from '../core/identity';
import { readBody } from '../core/server';
import {
  checkSignature,
  S3_SIGNATURE_MISMATCH,
  sha256Hex,
  type SigV4Authorization,
  sigV4Of,
} from '../core/sigv4';
import type { HttpRoute, Simulator } from '../core/simulator';
import { bucketActions } from './api-buckets';
import { multipartActions } from './api-multipart';
import { objectActions } from './api-objects';
import { accessDenied, S3Error } from './errors';
import { s3Permissions } from './iam';
import type { S3Call, S3Handler, S3Reply } from './request';
import { errorDocument } from './xml';

const handlers: Record<string, S3Handler> = { ...bucketActions, ...objectActions, ...multipartActions };

/** S3's limit on a single PUT. */
const MAX_PUT_BYTES = 5 * 1024 ** 3;

/** The SigV4 authorization of a request: its `Authorization` header, or a presigned URL's query. */
function signatureOf(req: IncomingMessage, url: URL): SigV4Authorization | undefined {
  return sigV4Of(req, url.searchParams);
}

/** Sub-resources S3 has that the simulator does not serve: answered NotImplemented, never as a listing or a read. */
const UNSERVED = [
  'acl',
  'cors',
  'website',
  'logging',
  'notification',
  'replication',
  'requestPayment',
  'accelerate',
  'analytics',
  'inventory',
  'metrics',
  'intelligent-tiering',
  'ownershipControls',
  'object-lock',
  'policyStatus',
  'versions',
  'attributes',
  'legal-hold',
  'retention',
  'torrent',
  'restore',
  'select',
];

/** The action a method, a path (`/`, `/bucket`, `/bucket/key`) and its sub-resource query name. */
function actionOf(
  method: string,
  bucket: string | undefined,
  key: string | undefined,
  q: URLSearchParams,
  req: IncomingMessage,
): string | undefined {
  if (bucket === undefined) return method === 'GET' ? 'ListBuckets' : undefined;
  if (UNSERVED.some((name) => q.has(name))) return undefined;
  if (key === undefined) {
    const sub = [
      'location',
      'encryption',
      'policy',
      'versioning',
      'lifecycle',
      'tagging',
      'publicAccessBlock',
      'delete',
      'uploads',
    ].find((s) => q.has(s));
    const names: Record<string, Record<string, string>> = {
      GET: {
        location: 'GetBucketLocation',
        encryption: 'GetBucketEncryption',
        policy: 'GetBucketPolicy',
        versioning: 'GetBucketVersioning',
        lifecycle: 'GetBucketLifecycleConfiguration',
        tagging: 'GetBucketTagging',
        publicAccessBlock: 'GetPublicAccessBlock',
        '': q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects',
      },
      PUT: {
        encryption: 'PutBucketEncryption',
        policy: 'PutBucketPolicy',
        versioning: 'PutBucketVersioning',
        lifecycle: 'PutBucketLifecycleConfiguration',
        tagging: 'PutBucketTagging',
        publicAccessBlock: 'PutPublicAccessBlock',
        '': 'CreateBucket',
      },
      DELETE: {
        encryption: 'DeleteBucketEncryption',
        policy: 'DeleteBucketPolicy',
        lifecycle: 'DeleteBucketLifecycle',
        tagging: 'DeleteBucketTagging',
        publicAccessBlock: 'DeletePublicAccessBlock',
        '': 'DeleteBucket',
      },
      HEAD: { '': 'HeadBucket' },
      POST: { delete: 'DeleteObjects' },
    };
    return names[method]?.[sub ?? ''];
  }
  const upload = q.has('uploadId');
  switch (method) {
    case 'GET':
      return q.has('tagging') ? 'GetObjectTagging' : upload ? undefined : 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'PUT':
      if (q.has('tagging')) return 'PutObjectTagging';
      if (upload && q.has('partNumber')) return 'UploadPart';
      return req.headers['x-amz-copy-source'] !== undefined ? 'CopyObject' : 'PutObject';
    case 'DELETE':
      return q.has('tagging') ? 'DeleteObjectTagging' : upload ? 'AbortMultipartUpload' : 'DeleteObject';
    case 'POST':
      return q.has('uploads') ? 'CreateMultipartUpload' : upload ? 'CompleteMultipartUpload' : undefined;
    default:
      return undefined;
  }
}

/** `/bucket/a/b%20c` → `bucket`, `a/b c`; `/` → neither. */
function pathOf(url: URL): { bucket?: string; key?: string } {
  const path = url.pathname.replace(/^\//, '');
  if (path === '') return {};
  const slash = path.indexOf('/');
  if (slash < 0 || slash === path.length - 1) return { bucket: decodeURIComponent(path.replace(/\/$/, '')) };
  return { bucket: decodeURIComponent(path.slice(0, slash)), key: decodeURIComponent(path.slice(slash + 1)) };
}

/** The credential store's errors, worded as S3 words them. */
function resolvePrincipal(
  sim: Simulator,
  accessKeyId: string,
  token: string | undefined,
  now: number,
): Principal {
  try {
    return sim.credentials.resolve(accessKeyId, token, now, 's3');
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    if (err.code === 'ExpiredTokenException') {
      throw new S3Error('ExpiredToken', 'The provided token has expired.', 400);
    }
    if (err.code === 'IncompleteSignature') {
      throw new S3Error('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400);
    }
    throw new S3Error(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      403,
      {
        AWSAccessKeyId: accessKeyId,
      },
    );
  }
}

/**
 * Checks the signature of a request made with credentials STS issued. S3 signs the payload hash its client
 * declares in `x-amz-content-sha256` (`UNSIGNED-PAYLOAD` for a presigned URL); a mismatch is S3's
 * `SignatureDoesNotMatch`, with the string to sign and the canonical request it expected.
 */
function verifySignature(sim: Simulator, req: IncomingMessage, url: URL, sig: SigV4Authorization): void {
  const signingKey = sim.credentials.signingKey(sig.accessKeyId, sig.date, sig.region, sig.service);
  if (!signingKey) return;
  const declared = sig.presigned
    ? (url.searchParams.get('X-Amz-Content-Sha256') ??
      url.searchParams.get('x-amz-content-sha256') ??
      'UNSIGNED-PAYLOAD')
    : req.headers['x-amz-content-sha256'];
  const payloadHash = typeof declared === 'string' ? declared : 'UNSIGNED-PAYLOAD';
  const check = checkSignature(req, sig, signingKey, payloadHash, true);
  if (check.valid) return;
  const bytes = (text: string): string =>
    [...Buffer.from(text)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new S3Error('SignatureDoesNotMatch', S3_SIGNATURE_MISMATCH, 403, {
    AWSAccessKeyId: sig.accessKeyId,
    StringToSign: check.stringToSign,
    SignatureProvided: sig.signature,
    StringToSignBytes: bytes(check.stringToSign),
    CanonicalRequest: check.canonicalRequest,
    CanonicalRequestBytes: bytes(check.canonicalRequest),
  });
}

/**
 * The body of a request signed with issued credentials must hash to the `x-amz-content-sha256` it declared and
 * signed (a hex digest; `UNSIGNED-PAYLOAD` and the streaming modes declare none): S3's
 * `XAmzContentSHA256Mismatch` otherwise.
 */
function checkedPayload(
  sim: Simulator,
  sig: SigV4Authorization,
  req: IncomingMessage,
  bytes: Buffer,
): Buffer {
  const declared = req.headers['x-amz-content-sha256'];
  if (sig.presigned || typeof declared !== 'string' || !/^[0-9a-f]{64}$/.test(declared)) return bytes;
  if (!sim.credentials.signingKey(sig.accessKeyId, sig.date, sig.region, sig.service)) return bytes;
  const computed = sha256Hex(bytes);
  if (computed !== declared) {
    throw new S3Error(
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      400,
      { ClientComputedContentSHA256: declared, S3ComputedContentSHA256: computed },
    );
  }
  return bytes;
}

function checkPresignedExpiry(url: URL): void {
  const date = url.searchParams.get('X-Amz-Date');
  const expires = Number(url.searchParams.get('X-Amz-Expires') ?? '604800');
  const m = date ? /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(date) : null;
  if (!m) return;
  const signedAt = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  // Signed on the real clock, as the SDK signs, so checked against it.
  if (Date.now() > signedAt + expires * 1000) {
    throw new S3Error('AccessDenied', 'Request has expired', 403, {
      Expires: new Date(signedAt + expires * 1000).toISOString(),
      ServerTime: new Date().toISOString(),
    });
  }
}

function send(res: ServerResponse, method: string, requestId: string, reply: S3Reply): void {
  const body =
    reply.body === undefined ? undefined : Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body);
  res.writeHead(reply.status ?? 200, {
    'x-amz-request-id': requestId,
    'x-amz-id-2': Buffer.from(requestId).toString('base64'),
    date: new Date().toUTCString(),
    server: 'AmazonS3',
    'content-length': body?.length ?? 0,
    ...reply.headers,
  });
  if (body !== undefined && method !== 'HEAD') res.end(body);
  else res.end();
}

async function handleS3(sim: Simulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  const method = req.method ?? 'GET';
  const now = sim.clock.now();
  const sig = signatureOf(req, url)!;
  const { bucket, key } = pathOf(url);
  const action = actionOf(method, bucket, key, url.searchParams, req) ?? 'unknown';
  let status = 200;
  let errorCode: string | undefined;
  let errorMessage: string | undefined;
  let principal: Principal | undefined;
  /** A `loseResponse` fault: the call is handled, and its answer, success or error, never sent. */
  let lost = false;
  const answer = (reply: S3Reply): void => {
    if (lost) closeWithoutAnswer(req);
    else send(res, method, requestId, reply);
  };
  try {
    const fault = await injectFault(sim, 's3', action, req, {
      throttled: () => new S3Error('SlowDown', 'Please reduce your request rate.', 503),
      unavailable: () =>
        new S3Error('InternalError', 'We encountered an internal error. Please try again.', 500),
    });
    if (fault === 'drop') {
      status = 0;
      errorCode = 'ConnectionDropped';
      return;
    }
    lost = fault === 'loseResponse';
    if (sig.presigned) checkPresignedExpiry(url);
    principal = resolvePrincipal(sim, sig.accessKeyId, sig.token, now);
    verifySignature(sim, req, url, sig);
    const caller = principal;
    const enforced = sim.authorizer.enforces(caller);
    const allows = (checks: PermissionCheck[]): boolean =>
      !enforced || sim.authorizer.evaluate(caller, checks, sig.region) === undefined;
    if (enforced && handlers[action]) {
      const copySource = req.headers['x-amz-copy-source'];
      const denial = sim.authorizer.evaluate(
        caller,
        s3Permissions(
          sim,
          caller,
          action,
          bucket,
          key,
          url.searchParams,
          typeof copySource === 'string' ? copySource : undefined,
        ),
        sig.region,
      );
      // S3 explains a refusal within the account (the resource in quotes); another account's gets "Access Denied".
      if (denial) {
        throw denial.policyType === 'resource-based'
          ? accessDenied()
          : new S3Error('AccessDenied', denialMessage(denial, { quoteResource: true }), 403);
      }
    }
    const handler = handlers[action];
    if (!handler) {
      throw new S3Error(
        'NotImplemented',
        'A header you provided implies functionality that is not implemented',
        501,
      );
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > MAX_PUT_BYTES) {
      throw new S3Error(
        'EntityTooLarge',
        'Your proposed upload exceeds the maximum allowed object size.',
        400,
      );
    }
    let body: Promise<Buffer> | undefined;
    const call: S3Call = {
      sim,
      req,
      url,
      query: url.searchParams,
      action,
      bucketName: bucket,
      key,
      principal,
      allows: (check) => allows([check]),
      region: sig.region,
      requestId,
      now,
      body: () =>
        (body ??= readBody(req, MAX_PUT_BYTES).then((bytes) => checkedPayload(sim, sig, req, bytes))),
    };
    const reply = await handler(call);
    status = reply.status ?? 200;
    sim.advance();
    answer(reply);
  } catch (err) {
    const e =
      err instanceof AwsError
        ? err
        : new S3Error('InternalError', `simulator error: ${(err as Error).message}`, 500);
    if (!(err instanceof AwsError)) console.error(err);
    status = e.status;
    errorCode = e.code;
    errorMessage = e.message;
    const extra = e instanceof S3Error ? e.extra : {};
    answer({
      status: e.status,
      headers: { 'content-type': 'application/xml' },
      body: errorDocument(e.code, e.message, extra, requestId),
    });
  } finally {
    sim.calls.add({
      time: new Date(now).toISOString(),
      realTime: Date.now(),
      service: 's3',
      action,
      status,
      ...(errorCode !== undefined ? { errorCode } : {}),
      ...(errorMessage !== undefined ? { errorMessage } : {}),
      ...(principal ? { account: principal.account, principal: principal.arn } : {}),
      region: sig.region || DEFAULT_REGION,
      requestId,
      ...(lost ? { lost: true as const } : {}),
    });
  }
}

/** Serves every request signed for S3 (header or presigned query), path-style: `/<bucket>/<key>`. */
export function s3Route(sim: Simulator): HttpRoute {
  return {
    prefix: '',
    claims: (req, url) => signatureOf(req, url)?.service === 's3',
    handle: (req, res, url) => handleS3(sim, req, res, url),
  };
}
