import { AwsOperationError, ConfigurationError, describeError } from '@ecs-delivery/shared';
import { adoptError } from '../src/adopt-error';

/** Errors of the toolkit bundle's copy of shared are reported as what they are, not as unexpected. */
class ForeignConfigurationError extends Error {
  readonly input = 'context';
  override name = 'ConfigurationError';
}
class ForeignAwsOperationError extends Error {
  override name = 'AwsOperationError';
  readonly service = 'sts';
  readonly operation = 'AssumeRoleWithWebIdentity';
  readonly code = 'AccessDenied';
  readonly requestId = 'r-1';
  readonly fault = 'client';
  readonly httpStatus = 403;
}

it('rebuilds a ConfigurationError and an AwsOperationError of another bundle by name', () => {
  const config = adoptError(new ForeignConfigurationError('Commit cdk.context.json.'));
  expect(config).toBeInstanceOf(ConfigurationError);
  expect((config as ConfigurationError).input).toBe('context');
  expect(describeError(config).title).toBe('Configuration error');

  const aws = adoptError(new ForeignAwsOperationError('Not authorized'));
  expect(aws).toBeInstanceOf(AwsOperationError);
  expect(describeError(aws).title).toBe('AWS sts:AssumeRoleWithWebIdentity failed');
});

it('leaves other errors as they are', () => {
  const plain = new Error('boom');
  expect(adoptError(plain)).toBe(plain);
  expect(adoptError('text')).toBe('text');
});
