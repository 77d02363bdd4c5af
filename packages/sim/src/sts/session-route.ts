import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../core/server';
import type { HttpRoute, Simulator } from '../core/simulator';
import { findRole } from './roles';
import { startRoleSession } from './session';

/**
 * `POST /_sim/sessions` with `{ "roleArn", "sessionName"?, "durationSeconds"? }`: a session of a seeded role,
 * issued as AssumeRole issues one but without an AWS call, so it is not in the call log and no trust policy is
 * asked. A test gives it to a step to run the step as that role (the testkit runs every action so, under its
 * documented policies). Answers `{ accessKeyId, secretAccessKey, sessionToken, expiration, arn }`.
 */
export function sessionRoute(sim: Simulator): HttpRoute {
  return {
    prefix: '/_sim/sessions',
    async handle(req: IncomingMessage, res: ServerResponse, url: URL) {
      const path = url.pathname.replace(/\/+$/, '');
      if (path !== '/_sim/sessions') return sendJson(res, 404, { error: `no control route ${path}` });
      if (req.method !== 'POST')
        return sendJson(res, 405, { error: `${req.method} is not allowed on ${path}` });
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8') || '{}');
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        return sendJson(res, 400, { error: 'the body is not a JSON object' });
      }
      const roleArn = body['roleArn'];
      const role = typeof roleArn === 'string' ? findRole(sim, roleArn) : undefined;
      if (!role) return sendJson(res, 400, { error: `no seeded role ${JSON.stringify(roleArn)}` });
      const sessionName = body['sessionName'] ?? 'sim';
      if (typeof sessionName !== 'string' || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
        return sendJson(res, 400, { error: 'sessionName must be 2 to 64 characters of [\\w+=,.@-]' });
      }
      const duration = body['durationSeconds'] ?? role.maxSessionDuration;
      if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 900) {
        return sendJson(res, 400, { error: 'durationSeconds must be an integer of at least 900' });
      }
      if (duration > role.maxSessionDuration) {
        return sendJson(res, 400, {
          error: `durationSeconds ${duration} exceeds the role's maxSessionDuration ${role.maxSessionDuration}`,
        });
      }
      const session = startRoleSession({ sim, now: sim.clock.now() }, role, sessionName, duration);
      const creds = session.Credentials;
      return sendJson(res, 200, {
        accessKeyId: creds['AccessKeyId'],
        secretAccessKey: creds['SecretAccessKey'],
        sessionToken: creds['SessionToken'],
        expiration: (creds['Expiration'] as Date).toISOString(),
        arn: session.AssumedRoleUser.Arn,
      });
    },
  };
}
