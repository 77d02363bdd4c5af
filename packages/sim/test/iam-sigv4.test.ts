import { createHash, createHmac } from 'node:crypto';
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { startSimulator, type RunningSimulator } from '../src';

/**
 * SigV4 signatures of the credentials STS issued are recomputed with the secret the simulator handed out, as AWS
 * recomputes them; the static keys (`test`, an account id) are never checked.
 */

const ACCOUNT = '000000000000';
const roleArn = `arn:aws:iam::${ACCOUNT}:role/signer`;
const region = 'us-east-1';

interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

let sim: RunningSimulator;
let session: Session;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      roles: [
        {
          arn: roleArn,
          trustPolicy: {
            Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }],
          },
        },
      ],
      buckets: [{ name: 'signed', objects: { 'a b/c.txt': 'hello' } }],
    },
  });
  const sts = new STSClient({
    endpoint: sim.url,
    region,
    maxAttempts: 1,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'sig' }));
  session = {
    accessKeyId: out.Credentials!.AccessKeyId!,
    secretAccessKey: out.Credentials!.SecretAccessKey!,
    sessionToken: out.Credentials!.SessionToken!,
  };
});
afterAll(() => sim.close());

/** The session's key id and token with another secret: the request is signed, but not with the issued secret. */
const wrongSecret = (): Session => ({ ...session, secretAccessKey: 'not-the-secret-sts-issued' });

const config = (credentials: Session | { accessKeyId: string; secretAccessKey: string }) => ({
  endpoint: sim.url,
  region,
  maxAttempts: 1,
  credentials,
});

async function errorOf(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return {
      name: e.name,
      message: e.message,
      ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}),
    };
  }
  throw new Error('expected the call to fail');
}

// "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access
// Key and signing method. Consult the service documentation for details." (AWS, every SigV4 service but S3)
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

test('a session signs every protocol with the secret STS issued, and the calls are served', async () => {
  const ecs = new ECSClient(config(session));
  const logs = new CloudWatchLogsClient(config(session));
  const sts = new STSClient(config(session));
  const cfn = new CloudFormationClient(config(session));
  const s3 = new S3Client({ ...config(session), forcePathStyle: true });
  await expect(ecs.send(new ListClustersCommand({}))).resolves.toMatchObject({ clusterArns: [] });
  await expect(logs.send(new DescribeLogGroupsCommand({}))).resolves.toMatchObject({ logGroups: [] });
  await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
    Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/signer/sig`,
  });
  await expect(cfn.send(new ListStacksCommand({}))).resolves.toBeDefined();
  // A key with a space and a slash: S3 signs the path as sent, the other services normalize and encode it twice.
  await s3.send(new PutObjectCommand({ Bucket: 'signed', Key: 'dir/x y+z.txt', Body: 'payload' }));
  const got = await s3.send(new GetObjectCommand({ Bucket: 'signed', Key: 'dir/x y+z.txt' }));
  expect(await got.Body!.transformToString()).toBe('payload');
});

// awsJson services answer `InvalidSignatureException` (403); awsQuery services (STS, CloudFormation)
// `SignatureDoesNotMatch` (403), both with the message above.
test('a request signed with another secret is refused in the wording of each protocol', async () => {
  const bad = wrongSecret();
  expect(await errorOf(new ECSClient(config(bad)).send(new ListClustersCommand({})))).toEqual({
    name: 'InvalidSignatureException',
    message: MISMATCH,
    status: 403,
  });
  expect(await errorOf(new CloudWatchLogsClient(config(bad)).send(new DescribeLogGroupsCommand({})))).toEqual(
    {
      name: 'InvalidSignatureException',
      message: MISMATCH,
      status: 403,
    },
  );
  expect(await errorOf(new STSClient(config(bad)).send(new GetCallerIdentityCommand({})))).toEqual({
    name: 'SignatureDoesNotMatch',
    message: MISMATCH,
    status: 403,
  });
  expect(await errorOf(new CloudFormationClient(config(bad)).send(new ListStacksCommand({})))).toEqual({
    name: 'SignatureDoesNotMatch',
    message: MISMATCH,
    status: 403,
  });
  const calls = sim.sim.calls.list({ service: 'ecs', action: 'ListClusters' });
  expect(calls[calls.length - 1]).toMatchObject({ status: 403, errorCode: 'InvalidSignatureException' });
});

// S3: "SignatureDoesNotMatch … The request signature we calculated does not match the signature you provided.
// Check your key and signing method." (403), with the StringToSign and CanonicalRequest S3 expected.
test('S3 refuses a request signed with another secret with its own wording and what it expected', async () => {
  const s3 = new S3Client({ ...config(wrongSecret()), forcePathStyle: true });
  expect(await errorOf(s3.send(new GetObjectCommand({ Bucket: 'signed', Key: 'a b/c.txt' })))).toEqual({
    name: 'SignatureDoesNotMatch',
    message:
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    status: 403,
  });
  const res = await fetch(`${sim.url}/signed/a%20b/c.txt`, {
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=${session.accessKeyId}/20260101/${region}/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      'x-amz-date': '20260101T000000Z',
      'x-amz-security-token': session.sessionToken,
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    },
  });
  expect(res.status).toBe(403);
  const body = await res.text();
  expect(body).toContain('<Code>SignatureDoesNotMatch</Code>');
  expect(body).toContain(`<AWSAccessKeyId>${session.accessKeyId}</AWSAccessKeyId>`);
  const text = body.replace(/&#10;/g, '\n');
  expect(text).toContain('<CanonicalRequest>GET\n/signed/a%20b/c.txt\n\nhost:');
  expect(text).toContain(
    '<StringToSign>AWS4-HMAC-SHA256\n20260101T000000Z\n20260101/us-east-1/s3/aws4_request\n',
  );
});

interface WireRequest {
  body?: unknown;
  headers: Record<string, string>;
}

/** A middleware that changes the request after the SDK signed it, as a man in the middle would. */
function tamper(change: (request: WireRequest) => void) {
  return ((next: (args: { request: unknown }) => Promise<unknown>) => async (args: { request: unknown }) => {
    change(args.request as WireRequest);
    return next(args);
  }) as never;
}

test('a request changed after it was signed is refused: the signature covers the body and the headers', async () => {
  const ecs = new ECSClient(config(session));
  ecs.middlewareStack.addRelativeTo(
    tamper((request) => {
      // The same length, so only the signature can tell.
      request.body = Buffer.from(request.body as Uint8Array)
        .toString()
        .replace('10', '99');
    }),
    { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamperBody' },
  );
  expect(await errorOf(ecs.send(new ListClustersCommand({ maxResults: 10 })))).toMatchObject({
    name: 'InvalidSignatureException',
    status: 403,
  });
  const sts = new STSClient(config(session));
  sts.middlewareStack.addRelativeTo(
    tamper((request) => {
      request.headers['x-amz-date'] = '20200101T000000Z';
    }),
    { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamperDate' },
  );
  expect(await errorOf(sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
    name: 'SignatureDoesNotMatch',
    status: 403,
  });
});

/** The SDK's own SigV4 signer, as presigners use it. */
function presigner(credentials: Session): SignatureV4 {
  const bytes = (data: unknown): Uint8Array | string =>
    typeof data === 'string' || data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
  class Sha256 {
    private readonly hash;
    constructor(secret?: unknown) {
      this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
    }
    update(data: unknown): void {
      this.hash.update(bytes(data));
    }
    digest(): Promise<Uint8Array> {
      return Promise.resolve(this.hash.digest());
    }
  }
  return new SignatureV4({ credentials, region, service: 's3', sha256: Sha256, uriEscapePath: false });
}

// S3 presigned URLs carry the signature in the query ("X-Amz-Signature") and sign an UNSIGNED-PAYLOAD, as
// @aws-sdk/s3-request-presigner presigns them; S3 checks them like any other signature.
test('a presigned S3 URL of a session is served; one whose path or expiry was changed is refused', async () => {
  const { host, protocol } = new URL(sim.url);
  const presign = async (path: string): Promise<URL> => {
    const signed = await presigner(session).presign(
      {
        method: 'GET',
        protocol,
        hostname: host.split(':')[0]!,
        port: Number(host.split(':')[1]),
        path,
        headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        query: {},
      },
      { expiresIn: 300 },
    );
    const url = new URL(`${sim.url}${signed.path}`);
    for (const [k, v] of Object.entries(signed.query ?? {})) url.searchParams.set(k, String(v));
    return url;
  };
  const url = await presign('/signed/a%20b/c.txt');
  expect(url.searchParams.get('X-Amz-Security-Token')).toBe(session.sessionToken);
  const ok = await fetch(url);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toBe('hello');

  const otherKey = new URL(url);
  otherKey.pathname = '/signed/other.txt';
  const refused = await fetch(otherKey);
  expect(refused.status).toBe(403);
  expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');

  const longer = new URL(url);
  longer.searchParams.set('X-Amz-Expires', '604800');
  expect((await fetch(longer)).status).toBe(403);
});

// "x-amz-content-sha256 … provides a hash of the request payload" and S3 checks it: a body that does not hash to
// the signed value is "XAmzContentSHA256Mismatch: The provided 'x-amz-content-sha256' header does not match what
// was computed."
test('S3 refuses a body that is not the one whose hash was signed', async () => {
  const { host, protocol } = new URL(sim.url);
  const put = async (signedBody: string, sentBody: string): Promise<Response> => {
    const hash = createHash('sha256').update(signedBody).digest('hex');
    const signed = await presigner(session).sign({
      method: 'PUT',
      protocol,
      hostname: host.split(':')[0]!,
      port: Number(host.split(':')[1]),
      path: '/signed/put.txt',
      headers: { host, 'x-amz-content-sha256': hash, 'content-length': String(sentBody.length) },
      body: signedBody,
    });
    return fetch(`${sim.url}/signed/put.txt`, {
      method: 'PUT',
      headers: signed.headers,
      body: sentBody,
    });
  };
  expect((await put('original', 'original')).status).toBe(200);
  const swapped = await put('original', 'tampered');
  expect(swapped.status).toBe(400);
  const body = (await swapped.text()).replace(/&apos;/g, "'");
  expect(body).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
  expect(body).toContain(
    "<Message>The provided 'x-amz-content-sha256' header does not match what was computed.</Message>",
  );
});

// The static keys are the simulator's own convention: "AWS_ACCESS_KEY_ID=test with any secret … always accepted".
test('the static keys are never checked: any secret and any signature pass', async () => {
  const ecs = new ECSClient(config({ accessKeyId: 'test', secretAccessKey: 'anything' }));
  await expect(ecs.send(new ListClustersCommand({}))).resolves.toBeDefined();
  const byAccount = new STSClient(config({ accessKeyId: '111111111111', secretAccessKey: 'whatever' }));
  await expect(byAccount.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
    Account: '111111111111',
  });
  const res = await fetch(`${sim.url}/signed/a%20b/c.txt`, {
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/s3/aws4_request, SignedHeaders=host, Signature=00`,
    },
  });
  expect(res.status).toBe(200);
});
