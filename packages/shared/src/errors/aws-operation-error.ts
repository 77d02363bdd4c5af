/** The parts of an AWS SDK v3 error (a `ServiceException`) this module reads. */
interface SdkErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { requestId?: unknown; httpStatusCode?: unknown };
}

/** An AWS call that failed, with what a person needs to look it up: the error code and the request id. */
export class AwsOperationError extends Error {
  /** The service, lower-case as in IAM actions: `ecs`, `ecr`, `sts`, `logs`. */
  readonly service: string;
  /** The API operation, e.g. `UpdateService`. */
  readonly operation: string;
  /** The AWS error code, e.g. `ServiceNotFoundException`, `AccessDenied`, `ThrottlingException`. */
  readonly code: string;
  readonly requestId: string | undefined;
  /** Whose fault AWS says it was. */
  readonly fault: 'client' | 'server' | undefined;
  readonly httpStatus: number | undefined;

  constructor(fields: {
    service: string;
    operation: string;
    code: string;
    message: string;
    requestId?: string | undefined;
    fault?: 'client' | 'server' | undefined;
    httpStatus?: number | undefined;
    cause?: unknown;
  }) {
    super(fields.message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'AwsOperationError';
    this.service = fields.service;
    this.operation = fields.operation;
    this.code = fields.code;
    this.requestId = fields.requestId;
    this.fault = fields.fault;
    this.httpStatus = fields.httpStatus;
  }

  /** The same failure with a message that explains it better (code, request id and cause kept). */
  withMessage(message: string): AwsOperationError {
    return new AwsOperationError({
      service: this.service,
      operation: this.operation,
      code: this.code,
      message,
      requestId: this.requestId,
      fault: this.fault,
      httpStatus: this.httpStatus,
      cause: this.cause,
    });
  }

  /** One line for logs and annotations: `ecs:UpdateService failed: ServiceNotFoundException: … (request id …)`. */
  describe(): string {
    const id = this.requestId === undefined ? '' : ` (request id ${this.requestId})`;
    return `${this.service}:${this.operation} failed: ${this.code}: ${this.message}${id}`;
  }
}

/** Marks every AwsOperationError, of any bundle's copy of this class (see `adoptError`). */
export const AWS_OPERATION_ERROR = Symbol.for('ecs-delivery.AwsOperationError');
Object.defineProperty(AwsOperationError.prototype, AWS_OPERATION_ERROR, { value: true });

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The AWS error code of an SDK error (its `name`), or `undefined` when `err` is not an AWS service error. */
export function awsErrorCode(err: unknown): string | undefined {
  if (err instanceof AwsOperationError) return err.code;
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as SdkErrorLike;
  if (e.$metadata === undefined && e.$fault === undefined) return undefined;
  return str(e.name) ?? str(e.code);
}

/**
 * Wraps an error thrown by an SDK v3 client call into an {@link AwsOperationError}.
 *
 * @param operation `service:Operation` as in IAM (`ecs:UpdateService`), or a bare operation name together
 *   with `service`.
 * @remarks Errors without AWS metadata (a refused connection, a bug) are wrapped too, with their `code` or
 *   `name` as the code, so the caller has one type to handle; an {@link AwsOperationError} is returned as is.
 */
export function fromAwsError(err: unknown, operation: string, service?: string): AwsOperationError {
  if (err instanceof AwsOperationError) return err;
  const colon = operation.indexOf(':');
  const svc = service ?? (colon > 0 ? operation.slice(0, colon) : 'aws');
  const op = colon > 0 ? operation.slice(colon + 1) : operation;
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkErrorLike;
  const status = e.$metadata?.httpStatusCode;
  const fault = e.$fault === 'client' || e.$fault === 'server' ? e.$fault : undefined;
  return new AwsOperationError({
    service: svc,
    operation: op,
    code: str(e.name) ?? str(e.code) ?? 'UnknownError',
    message: str(e.message) ?? String(err),
    requestId: str(e.$metadata?.requestId),
    fault,
    httpStatus: typeof status === 'number' ? status : undefined,
    cause: err,
  });
}

/**
 * Runs one AWS call and rethrows its failure as an {@link AwsOperationError}:
 * `await callAws('ecs:UpdateService', () => ecs.send(new UpdateServiceCommand(input)))`.
 */
export async function callAws<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw fromAwsError(err, operation);
  }
}

const TRANSIENT_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'ServerException',
  'InternalFailure',
  'InternalServerError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * True for a failure that trying again later can fix: throttling, a 5xx, a dropped or timed-out connection.
 * A poller that outlives the SDK's own retries (a long deploy through an API brown-out) waits and looks again.
 */
export function isTransientError(err: unknown): boolean {
  const e = (
    err instanceof AwsOperationError && err.cause !== undefined ? err.cause : err
  ) as SdkErrorLike & {
    $retryable?: unknown;
  };
  if (typeof e !== 'object' || e === null) return false;
  if (e.$retryable !== undefined) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  const code = str(e.name) ?? str(e.code);
  return code !== undefined && TRANSIENT_CODES.has(code);
}
