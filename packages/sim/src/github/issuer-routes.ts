import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/errors';
import { readBody, sendJson } from '../core/server';
import type { HttpRoute, Simulator } from '../core/simulator';
import { buildClaims } from './claims';
import { issuerState, mintToken, registerOidcContext } from './issuer';
import { GITHUB_ISSUER, signingKey } from './jwt';

const CLAIMS_SUPPORTED = [
  'sub',
  'aud',
  'exp',
  'iat',
  'iss',
  'jti',
  'nbf',
  'ref',
  'sha',
  'repository',
  'repository_id',
  'repository_owner',
  'repository_owner_id',
  'enterprise',
  'enterprise_id',
  'run_id',
  'run_number',
  'run_attempt',
  'actor',
  'actor_id',
  'workflow',
  'workflow_ref',
  'workflow_sha',
  'head_ref',
  'base_ref',
  'event_name',
  'ref_type',
  'ref_protected',
  'environment',
  'environment_node_id',
  'job_workflow_ref',
  'job_workflow_sha',
  'repository_visibility',
  'runner_environment',
  'check_run_id',
];

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** GitHub's side: the runner's token endpoint and the issuer's discovery documents. */
function githubRoute(sim: Simulator): HttpRoute {
  return {
    prefix: '/_github/oidc',
    handle(req: IncomingMessage, res: ServerResponse, url: URL) {
      const path = url.pathname.replace(/\/+$/, '');
      if (req.method !== 'GET')
        return sendJson(res, 405, { message: `${req.method} is not allowed on ${path}` });
      switch (path) {
        case '/_github/oidc/token': {
          const requestToken = bearer(req);
          if (requestToken === undefined) {
            return sendJson(res, 401, {
              message: 'Unauthorized: the request carries no bearer token (ACTIONS_ID_TOKEN_REQUEST_TOKEN)',
            });
          }
          const context = issuerState(sim).contexts.get(requestToken);
          if (!context) {
            return sendJson(res, 403, {
              message:
                'Forbidden: the request token is not valid for any running job (does the job have "id-token: write"?)',
            });
          }
          const audience = url.searchParams.get('audience') || undefined;
          return sendJson(res, 200, {
            value: mintToken(sim, buildClaims(context, audience, sim.clock.now())),
          });
        }
        case '/_github/oidc/.well-known/openid-configuration':
          return sendJson(res, 200, {
            issuer: GITHUB_ISSUER,
            jwks_uri: `${sim.url}/_github/oidc/.well-known/jwks`,
            subject_types_supported: ['public', 'pairwise'],
            response_types_supported: ['id_token'],
            claims_supported: CLAIMS_SUPPORTED,
            id_token_signing_alg_values_supported: ['RS256'],
            scopes_supported: ['openid'],
          });
        case '/_github/oidc/.well-known/jwks':
          return sendJson(res, 200, { keys: [signingKey().jwk] });
        default:
          return sendJson(res, 404, { message: `nothing is served at GET ${path}` });
      }
    },
  };
}

/** The control side: tests register the run a request token stands for. */
function controlRoute(sim: Simulator): HttpRoute {
  return {
    prefix: '/_sim/oidc',
    async handle(req: IncomingMessage, res: ServerResponse, url: URL) {
      const path = url.pathname.replace(/\/+$/, '');
      if (path !== '/_sim/oidc/contexts') return sendJson(res, 404, { error: `no control route ${path}` });
      if (req.method === 'GET') {
        const contexts = [...issuerState(sim).contexts].map(([requestToken, context]) => ({
          requestToken,
          context,
        }));
        return sendJson(res, 200, { contexts });
      }
      if (req.method !== 'POST')
        return sendJson(res, 405, { error: `${req.method} is not allowed on ${path}` });
      const body = await readBody(req, 1024 * 1024);
      let parsed: unknown = {};
      if (body.length > 0) {
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          throw new AwsError('ValidationException', 'the body is not valid JSON');
        }
      }
      const { requestToken, context } = splitRequestToken(parsed);
      const registered = registerOidcContext(sim, context, requestToken);
      return sendJson(res, 200, registered);
    },
  };
}

/** A context document may name the request token to register it under (`requestToken`). */
export function splitRequestToken(doc: unknown): { requestToken?: string; context: unknown } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { context: doc };
  const { requestToken, ...context } = doc as Record<string, unknown>;
  if (requestToken === undefined) return { context };
  if (typeof requestToken !== 'string' || requestToken.length === 0 || /\s/.test(requestToken)) {
    throw new AwsError('ValidationException', 'requestToken must be a non-empty string without spaces');
  }
  return { requestToken, context };
}

export function githubRoutes(sim: Simulator): HttpRoute[] {
  return [githubRoute(sim), controlRoute(sim)];
}
