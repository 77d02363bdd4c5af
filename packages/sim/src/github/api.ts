import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../core/server';
import { closeWithoutAnswer, drawFault } from '../core/faults';
import type { HttpRoute, Simulator } from '../core/simulator';
import {
  createIssueComment,
  deleteIssueComment,
  getIssueComment,
  listIssueComments,
  updateIssueComment,
} from './api-comments';
import {
  createDeployment,
  createDeploymentStatus,
  deleteDeployment,
  getDeployment,
  getDeploymentStatus,
  listDeployments,
  listDeploymentStatuses,
} from './api-deployments';
import { type RestHandler, RestError, type RestResponse } from './api-http';
import { recordRequest, tokenFingerprint } from './store';

export const GITHUB_API_PREFIX = '/_github/api';
const DOCS = 'https://docs.github.com/rest';
const MAX_BODY = 4 * 1024 * 1024;

interface Endpoint {
  method: string;
  pattern: RegExp;
  /** The name in `/_sim/calls` (service `github`) and in scenario rules (`api: "github:CreateDeployment"`). */
  operation: string;
  docs: string;
  handler: RestHandler;
}

const REPO = '/repos/([^/]+)/([^/]+)';
const endpoint = (
  method: string,
  path: string,
  operation: string,
  docs: string,
  handler: RestHandler,
): Endpoint => ({
  method,
  pattern: new RegExp(`^${REPO}${path}$`),
  operation,
  docs: `${DOCS}/${docs}`,
  handler,
});

const ENDPOINTS: Endpoint[] = [
  endpoint(
    'POST',
    '/deployments',
    'CreateDeployment',
    'deployments/deployments#create-a-deployment',
    createDeployment,
  ),
  endpoint(
    'GET',
    '/deployments',
    'ListDeployments',
    'deployments/deployments#list-deployments',
    listDeployments,
  ),
  endpoint(
    'GET',
    '/deployments/(\\d+)',
    'GetDeployment',
    'deployments/deployments#get-a-deployment',
    getDeployment,
  ),
  endpoint(
    'DELETE',
    '/deployments/(\\d+)',
    'DeleteDeployment',
    'deployments/deployments#delete-a-deployment',
    deleteDeployment,
  ),
  endpoint(
    'POST',
    '/deployments/(\\d+)/statuses',
    'CreateDeploymentStatus',
    'deployments/statuses#create-a-deployment-status',
    createDeploymentStatus,
  ),
  endpoint(
    'GET',
    '/deployments/(\\d+)/statuses',
    'ListDeploymentStatuses',
    'deployments/statuses#list-deployment-statuses',
    listDeploymentStatuses,
  ),
  endpoint(
    'GET',
    '/deployments/(\\d+)/statuses/(\\d+)',
    'GetDeploymentStatus',
    'deployments/statuses#get-a-deployment-status',
    getDeploymentStatus,
  ),
  endpoint(
    'POST',
    '/issues/(\\d+)/comments',
    'CreateIssueComment',
    'issues/comments#create-an-issue-comment',
    createIssueComment,
  ),
  endpoint(
    'GET',
    '/issues/(\\d+)/comments',
    'ListIssueComments',
    'issues/comments#list-issue-comments',
    listIssueComments,
  ),
  endpoint(
    'GET',
    '/issues/comments/(\\d+)',
    'GetIssueComment',
    'issues/comments#get-an-issue-comment',
    getIssueComment,
  ),
  endpoint(
    'PATCH',
    '/issues/comments/(\\d+)',
    'UpdateIssueComment',
    'issues/comments#update-an-issue-comment',
    updateIssueComment,
  ),
  endpoint(
    'DELETE',
    '/issues/comments/(\\d+)',
    'DeleteIssueComment',
    'issues/comments#delete-an-issue-comment',
    deleteIssueComment,
  ),
];

/** `Bearer <token>` or `token <token>`, as GitHub accepts them. */
function tokenOf(req: IncomingMessage): { token?: string; error?: string } {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || header.trim() === '') return { error: 'Requires authentication' };
  const m = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header);
  return m ? { token: m[1]! } : { error: 'Bad credentials' };
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req, MAX_BODY).catch(() => {
    throw new RestError(413, 'Payload Too Large');
  });
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new RestError(400, 'Problems parsing JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RestError(400, 'Problems parsing JSON');
  }
  return parsed as Record<string, unknown>;
}

const ERROR_CODES: Record<number, string> = {
  0: 'ConnectionDropped',
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  413: 'PayloadTooLarge',
  422: 'ValidationFailed',
  502: 'ServerError',
};

interface Outcome {
  operation: string;
  token: string | undefined;
  /** Status 0: the connection was dropped by a scenario fault. */
  reply: RestResponse;
  /** A `loseResponse` fault: the reply is recorded, then the connection closed instead of sending it. */
  lost?: boolean;
}

function errorReply(err: RestError, operation: string): RestResponse {
  return {
    status: err.status,
    body: {
      message: err.message,
      ...(err.errors ? { errors: err.errors } : {}),
      documentation_url: ENDPOINTS.find((x) => x.operation === operation)?.docs ?? DOCS,
      status: String(err.status),
    },
    headers: err.status === 403 ? { 'retry-after': '1' } : {},
  };
}

/** Route, authenticate, apply scenario faults, run the handler; GitHub errors become their replies. */
async function dispatch(
  sim: Simulator,
  req: IncomingMessage,
  url: URL,
  path: string,
  now: number,
): Promise<Outcome> {
  const method = req.method ?? 'GET';
  let operation = 'unknown';
  let token: string | undefined;
  let lost = false;
  try {
    const match = ENDPOINTS.map((e) => ({ e, m: e.method === method ? e.pattern.exec(path) : null })).find(
      (x) => x.m !== null,
    );
    if (!match?.m) throw new RestError(404, 'Not Found');
    const { e, m } = match;
    operation = e.operation;
    const auth = tokenOf(req);
    if (auth.error !== undefined) throw new RestError(401, auth.error);
    token = auth.token;
    const fault = await drawFault(sim, 'github', operation);
    if (fault === 'drop') {
      closeWithoutAnswer(req);
      return { operation, token, reply: { status: 0 } };
    }
    if (fault === 'throttle') {
      throw new RestError(
        403,
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      );
    }
    if (fault === 'error5xx') throw new RestError(502, 'Server Error');
    lost = fault === 'loseResponse';
    const body = method === 'POST' || method === 'PATCH' ? await jsonBody(req) : {};
    const reply = e.handler({
      sim,
      apiUrl: `${sim.url}${GITHUB_API_PREFIX}`,
      params: m.slice(1).map((p) => decodeURIComponent(p)),
      query: url.searchParams,
      body,
      now,
    });
    return { operation, token, reply, lost };
  } catch (err) {
    if (!(err instanceof RestError)) throw err;
    return { operation, token, reply: errorReply(err, operation), lost };
  }
}

/**
 * GitHub's REST API as the deploy actions use it, under GITHUB_API_URL (`<sim>/_github/api`): deployments,
 * deployment statuses and issue comments, with GitHub's shapes and status codes. Every request needs a token;
 * its use is recorded (by fingerprint) in `/_sim/state` under `github.requests` and in `/_sim/calls`.
 */
export function githubRestRoute(sim: Simulator): HttpRoute {
  return {
    prefix: GITHUB_API_PREFIX,
    async handle(req: IncomingMessage, res: ServerResponse, url: URL) {
      const method = req.method ?? 'GET';
      const path = url.pathname.slice(GITHUB_API_PREFIX.length).replace(/\/+$/, '');
      const requestId = randomUUID().toUpperCase();
      const now = sim.clock.now();
      const { operation, token, reply, lost } = await dispatch(sim, req, url, path, now);
      const time = new Date(now).toISOString();
      const { status } = reply;
      recordRequest(sim, {
        time,
        method,
        path,
        operation,
        status,
        ...(token !== undefined ? { token: tokenFingerprint(token) } : {}),
      });
      sim.calls.add({
        time,
        realTime: Date.now(),
        service: 'github',
        action: operation,
        status,
        ...(status >= 400 || status === 0 ? { errorCode: ERROR_CODES[status] ?? `HTTP${status}` } : {}),
        requestId,
        ...(lost === true ? { lost: true as const } : {}),
      });
      if (status === 0) return;
      if (lost === true) {
        closeWithoutAnswer(req);
        return;
      }
      const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(status, {
        ...(reply.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        'content-length': Buffer.byteLength(text),
        'x-github-request-id': requestId,
        'x-github-api-version-selected': '2022-11-28',
        date: new Date().toUTCString(),
        ...(reply.headers ?? {}),
      });
      res.end(text);
    },
  };
}
