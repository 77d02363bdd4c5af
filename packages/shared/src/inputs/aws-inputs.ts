import type { ResolvedEnvironment } from '../manifest/spec';
import { ConfigurationError } from '../errors/configuration-error';
import { resolveRegion } from '../aws/region';
import { getIntegerInput, getOptionalInput, getRequiredInput } from './get-input';

/** An AWS region's name (`eu-central-1`, `us-gov-west-1`, `cn-north-1`). */
const REGION_RE = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/** An IAM role's ARN, in any partition. */
const ROLE_ARN_RE = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/**
 * The region an action works in: `aws-region` (or the manifest's), else `AWS_REGION` / `AWS_DEFAULT_REGION`;
 * none, or one that is no region's name, is refused naming where it came from — before any AWS call.
 */
export function regionInput(given: string | undefined, source = 'aws-region'): string {
  const region = resolveRegion(given);
  if (!REGION_RE.test(region)) {
    const from = given !== undefined ? `Input "${source}"` : 'AWS_REGION (or AWS_DEFAULT_REGION)';
    throw new ConfigurationError(
      `${from} must be an AWS region like eu-central-1; got ${JSON.stringify(region.slice(0, 64))}.`,
      { input: source },
    );
  }
  return region;
}

/** A role to assume: an IAM role ARN (`arn:aws:iam::<12-digit account>:role/<name>`), else refused naming `input`. */
export function roleInput(value: string | undefined, input = 'role-to-assume'): string | undefined {
  if (value === undefined || ROLE_ARN_RE.test(value)) return value;
  throw ConfigurationError.invalidInput(
    input,
    'an IAM role ARN like arn:aws:iam::123456789012:role/deploy',
    value,
  );
}

/** Where an action acts and as whom: its AWS and GitHub environment inputs, a manifest environment's defaults applied. */
export interface TargetInputs {
  /** The manifest environment, when a manifest names the services. */
  environment: string | undefined;
  awsRegion: string | undefined;
  roleToAssume: string | undefined;
  audience: string;
  roleDurationSeconds: number | undefined;
  /** The manifest environment's `account-id`: the credentials must be of that account. */
  accountId: string | undefined;
  githubEnvironment: string | undefined;
}

/** What a resolved manifest environment says about where it is. */
export interface EnvironmentDefaults {
  name: string;
  region: string;
  roleToAssume?: string | undefined;
  accountId?: string | undefined;
  githubEnvironment: string;
}

/**
 * Reads `aws-region`, `role-to-assume`, `audience`, `role-duration-seconds` and `github-environment`; with a
 * manifest environment, its region, role and GitHub environment stand in for inputs not given.
 */
export function getTargetInputs(environment?: EnvironmentDefaults): TargetInputs {
  return {
    environment: environment?.name,
    awsRegion: regionInput(getOptionalInput('aws-region') ?? environment?.region),
    roleToAssume: roleInput(getOptionalInput('role-to-assume') ?? environment?.roleToAssume),
    audience: getRequiredInput('audience'),
    roleDurationSeconds: getIntegerInput('role-duration-seconds', { min: 900, max: 43_200 }),
    accountId: environment?.accountId,
    githubEnvironment: getOptionalInput('github-environment') ?? environment?.githubEnvironment,
  };
}

/** What a resolved manifest environment says about where it is. */
export function environmentDefaults(env: ResolvedEnvironment): EnvironmentDefaults {
  return {
    name: env.name,
    region: env.region,
    roleToAssume: env.roleToAssume,
    accountId: env.accountId,
    githubEnvironment: env.githubEnvironment,
  };
}
