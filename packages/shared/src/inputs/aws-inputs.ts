import type { ResolvedEnvironment } from '../manifest/spec';
import { getIntegerInput, getOptionalInput, getRequiredInput } from './get-input';

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
    awsRegion: getOptionalInput('aws-region') ?? environment?.region,
    roleToAssume: getOptionalInput('role-to-assume') ?? environment?.roleToAssume,
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
