import { ConfigurationError } from '../../errors/configuration-error';

const MAX_LENGTH = 64;
const VALID = /^[\w+=,.@-]{2,64}$/;

/** Replaces what STS does not accept in a session name with `-` and cuts it to 64 characters. */
export function sanitizeSessionName(name: string): string {
  const clean = name.replace(/[^\w+=,.@-]/g, '-').slice(0, MAX_LENGTH);
  return clean.length >= 2 ? clean : 'ecs-delivery';
}

/**
 * The session name CloudTrail shows for this job: `ecs-delivery-<run id>-<attempt>-<job>`, sanitized to
 * STS's `[\w+=,.@-]{2,64}`, so an AWS-side audit leads back to the run.
 */
export function defaultRoleSessionName(env: NodeJS.ProcessEnv = process.env): string {
  const parts = ['ecs-delivery', env['GITHUB_RUN_ID'], env['GITHUB_RUN_ATTEMPT'], env['GITHUB_JOB']].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  return sanitizeSessionName(parts.join('-'));
}

/** Checks a session name given as an input; a `ConfigurationError` naming `role-session-name` when invalid. */
export function checkRoleSessionName(name: string): string {
  if (!VALID.test(name)) {
    throw ConfigurationError.invalidInput(
      'role-session-name',
      '2 to 64 characters of letters, digits and +=,.@_-',
      name,
    );
  }
  return name;
}
