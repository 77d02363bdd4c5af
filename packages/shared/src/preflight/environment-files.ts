import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { AwsOperationError, callAws } from '../errors/aws-operation-error';
import type { EnvironmentFileUse } from '../taskdef/references';

/** Why an environment file would stop the task from starting. */
export type EnvironmentFileProblem = 'missing' | 'access-denied' | 'bad-arn';

/** An environment file the task could not load at start. */
export interface UnreadableEnvironmentFile {
  container: string;
  /** The `value` as written (the object's ARN). */
  arn: string;
  problem: EnvironmentFileProblem;
  message: string;
}

/** The bucket and key of an S3 object ARN. */
export interface S3ObjectArn {
  bucket: string;
  key: string;
}

/** S3 object ARNs have no region or account: `arn:aws:s3:::bucket/key` (other partitions alike). */
const OBJECT_ARN_RE = /^arn:aws[\w-]*:s3:::([^/]+)\/(.+)$/;
/** General purpose bucket names: 3 to 63 lower-case letters, digits, dots and hyphens, alphanumeric at both ends. */
const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Reads an environment file's `value`, or says what is wrong with it: ECS loads only S3 objects, named by their
 * ARN, whose key ends in `.env`.
 */
export function parseEnvironmentFileArn(value: string): S3ObjectArn | string {
  const match = OBJECT_ARN_RE.exec(value);
  if (match === null) return 'it is not an S3 object ARN like arn:aws:s3:::bucket/path/file.env';
  const [, bucket, key] = match as unknown as [string, string, string];
  if (!BUCKET_RE.test(bucket)) return `"${bucket}" is not a valid S3 bucket name`;
  if (!key.endsWith('.env')) return 'ECS loads only environment files whose name ends in .env';
  return { bucket, key };
}

function problemOf(err: AwsOperationError): EnvironmentFileProblem | undefined {
  // HeadObject has no body, so the SDK names the error after the HTTP status.
  if (err.httpStatus === 404 || ['NotFound', 'NoSuchKey', 'NoSuchBucket'].includes(err.code))
    return 'missing';
  if (err.httpStatus === 403 || ['Forbidden', 'AccessDenied'].includes(err.code)) return 'access-denied';
  return undefined;
}

function describe(file: EnvironmentFileUse, problem: EnvironmentFileProblem, detail: string): string {
  const where = `Container "${file.container}" loads the environment file ${file.value}`;
  switch (problem) {
    case 'bad-arn':
      return `${where}, which ECS cannot load: ${detail}.`;
    case 'missing':
      return `${where}, which does not exist (no such object${detail}).`;
    case 'access-denied':
      return `${where}, which the deploy role may not read (s3:GetObject was refused${detail}): grant it s3:GetObject on the object, as the task execution role needs too.`;
  }
}

/**
 * Preflight of a task definition's `environmentFiles`: each is an S3 object ARN ECS can load, and the object
 * exists (HeadObject, authorized as `s3:GetObject`: the content is never read). On AWS the task execution role
 * reads the files when a task starts; a missing one stops every task of the new definition, so it is found here,
 * before anything changes. Returns what would fail; throttling and server errors are thrown.
 */
export async function findUnreadableEnvironmentFiles(
  s3: () => S3Client,
  files: readonly EnvironmentFileUse[],
): Promise<UnreadableEnvironmentFile[]> {
  const out: UnreadableEnvironmentFile[] = [];
  const checked = new Map<string, { problem: EnvironmentFileProblem; detail: string } | undefined>();
  for (const file of files) {
    const fail = (problem: EnvironmentFileProblem, detail: string): void => {
      out.push({
        container: file.container,
        arn: file.value,
        problem,
        message: describe(file, problem, detail),
      });
    };
    if (file.type !== 's3') {
      fail('bad-arn', `its type is "${file.type}", and ECS supports only "s3"`);
      continue;
    }
    const parsed = parseEnvironmentFileArn(file.value);
    if (typeof parsed === 'string') {
      fail('bad-arn', parsed);
      continue;
    }
    if (!checked.has(file.value)) {
      try {
        await callAws('s3:HeadObject', () =>
          s3().send(new HeadObjectCommand({ Bucket: parsed.bucket, Key: parsed.key })),
        );
        checked.set(file.value, undefined);
      } catch (err) {
        const problem = err instanceof AwsOperationError ? problemOf(err) : undefined;
        if (problem === undefined || !(err instanceof AwsOperationError)) throw err;
        const id = err.requestId === undefined ? '' : `, request id ${err.requestId}`;
        checked.set(file.value, { problem, detail: id });
      }
    }
    const found = checked.get(file.value);
    if (found !== undefined) fail(found.problem, found.detail);
  }
  return out;
}
