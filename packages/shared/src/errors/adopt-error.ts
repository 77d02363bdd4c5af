import { AWS_OPERATION_ERROR, AwsOperationError } from './aws-operation-error';
import { CONFIGURATION_ERROR, ConfigurationError } from './configuration-error';

/**
 * An action's work is a bundle of its own (dist/run.js, cdk-deploy's dist/toolkit/run.js), loaded once the inputs
 * are valid, and it carries its own copy of these error classes: so an error it throws is no instance of the
 * entry's. Known by the mark that every copy of the classes (and their subclasses) carries and rebuilt here, it
 * is reported as what it is (a configuration error naming its input, an AWS call that failed) rather than as an
 * unexpected one.
 */
export function adoptError(err: unknown): unknown {
  if (!(err instanceof Error) || err instanceof ConfigurationError || err instanceof AwsOperationError)
    return err;
  if (CONFIGURATION_ERROR in err) {
    const input = (err as { input?: unknown }).input;
    return new ConfigurationError(err.message, {
      ...(typeof input === 'string' ? { input } : {}),
      cause: err.cause,
    });
  }
  if (AWS_OPERATION_ERROR in err) {
    const e = err as unknown as AwsOperationError;
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
