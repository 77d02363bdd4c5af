import { ConfigurationError } from '../errors/configuration-error';

/**
 * The region to use: the given one (from the `aws-region` input), else `AWS_REGION`, else
 * `AWS_DEFAULT_REGION`. A `ConfigurationError` naming `aws-region` when there is none.
 */
export function resolveRegion(region?: string): string {
  const found = [region, process.env['AWS_REGION'], process.env['AWS_DEFAULT_REGION']]
    .map((r) => r?.trim())
    .find((r) => r !== undefined && r !== '');
  if (found === undefined) {
    throw new ConfigurationError(
      'Input "aws-region" is required: no region was given and neither AWS_REGION nor AWS_DEFAULT_REGION is set.',
      { input: 'aws-region' },
    );
  }
  return found;
}
