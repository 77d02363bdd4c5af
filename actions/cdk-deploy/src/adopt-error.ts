import { AwsOperationError, ConfigurationError } from '@ecs-delivery/shared';

/**
 * The toolkit bundle (dist/toolkit/run.js) carries its own copy of shared's error classes, so an error it throws
 * is no instance of this bundle's: rebuilt here by name, it is reported as what it is (a configuration error
 * naming its input, an AWS call that failed) rather than as an unexpected one.
 */
export function adoptError(err: unknown): unknown {
  if (!(err instanceof Error) || err instanceof ConfigurationError || err instanceof AwsOperationError)
    return err;
  if (err.name === 'ConfigurationError') {
    const input = (err as { input?: unknown }).input;
    return new ConfigurationError(err.message, {
      ...(typeof input === 'string' ? { input } : {}),
      cause: err.cause,
    });
  }
  if (err.name === 'AwsOperationError') {
    const e = err as AwsOperationError;
    return new AwsOperationError({
      service: e.service,
      operation: e.operation,
      code: e.code,
      message: e.message,
      requestId: e.requestId,
      fault: e.fault,
      httpStatus: e.httpStatus,
      cause: e.cause,
    });
  }
  return err;
}
