import { adoptError, AwsOperationError, ConfigurationError, describeError } from '@ecs-delivery/shared';

/**
 * Errors of a lazily loaded bundle's copy of shared are reported as what they are, not as unexpected: these
 * stand-ins carry the marks the other copy's classes put on their prototypes (Symbol.for is one registry per
 * process), and a subclass's name says nothing.
 */
class ForeignConfigurationError extends Error {
  readonly input = 'context';
  override name = 'TagConflictError';
}
Object.defineProperty(ForeignConfigurationError.prototype, Symbol.for('ecs-delivery.ConfigurationError'), {
  value: true,
});
class ForeignAwsOperationError extends Error {
  override name = 'AwsOperationError';
  readonly service = 'sts';
  readonly operation = 'AssumeRoleWithWebIdentity';
  readonly code = 'AccessDenied';
  readonly requestId = 'r-1';
  readonly fault = 'client';
  readonly httpStatus = 403;
}
Object.defineProperty(ForeignAwsOperationError.prototype, Symbol.for('ecs-delivery.AwsOperationError'), {
  value: true,
});

it('rebuilds a ConfigurationError (of any subclass) and an AwsOperationError of another bundle', () => {
  const config = adoptError(new ForeignConfigurationError('Commit cdk.context.json.'));
  expect(config).toBeInstanceOf(ConfigurationError);
  expect((config as ConfigurationError).input).toBe('context');
  expect(describeError(config)).toEqual({
    title: 'Configuration error',
    message: 'Configuration error: Commit cdk.context.json.',
  });

  const aws = adoptError(new ForeignAwsOperationError('Not authorized'));
  expect(aws).toBeInstanceOf(AwsOperationError);
  expect(describeError(aws).title).toBe('AWS sts:AssumeRoleWithWebIdentity failed');
});

it('leaves other errors as they are, whatever their name', () => {
  const plain = new Error('boom');
  expect(adoptError(plain)).toBe(plain);
  const named = new Error('not ours');
  named.name = 'ConfigurationError';
  expect(adoptError(named)).toBe(named);
  expect(adoptError('text')).toBe('text');
});
