import { AwsError } from '../core/errors';

/** An S3 REST error: its code, HTTP status and the extra elements S3 puts in the `<Error>` document. */
export class S3Error extends AwsError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly extra: Record<string, string> = {},
  ) {
    super(code, message, status);
  }
}

export const noSuchBucket = (name: string): S3Error =>
  new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });

export const noSuchKey = (key: string): S3Error =>
  new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });

export const accessDenied = (): S3Error => new S3Error('AccessDenied', 'Access Denied', 403);
