import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Simulator } from '../core/simulator';
import { findRepository, type Repository } from './store';

/** An error of the OCI distribution API, answered as `{"errors":[{"code","message"}]}`. */
export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** What every registry handler gets: the request, the repository its path names, and the path's remainder. */
export interface RegistryRequest {
  sim: Simulator;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** `account/region/repositoryName`, as it appears in the path. */
  name: string;
  repo: Repository;
}

export const API_VERSION_HEADER = { 'docker-distribution-api-version': 'registry/2.0' };

export function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
  body?: Buffer | string,
): void {
  const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...API_VERSION_HEADER, 'content-length': bytes?.length ?? 0, ...headers });
  if (bytes !== undefined && res.req.method !== 'HEAD') res.end(bytes);
  else res.end();
}

export function sendRegistryError(res: ServerResponse, err: RegistryError): void {
  const body = JSON.stringify({ errors: [{ code: err.code, message: err.message, detail: {} }] });
  send(res, err.status, { 'content-type': 'application/json; charset=utf-8', ...err.headers }, body);
}

/** `123456789012/us-east-1/shop/api` → its repository, or NAME_UNKNOWN (ECR does not create repositories on push). */
export function repositoryFromName(sim: Simulator, name: string): Repository {
  const m = /^(\d{12})\/([a-z0-9-]+)\/(.+)$/.exec(name);
  if (!m) {
    throw new RegistryError(
      404,
      'NAME_UNKNOWN',
      `The repository name '${name}' is not of the form <account>/<region>/<repository> this registry serves`,
    );
  }
  const repo = findRepository(sim, m[1]!, m[2]!, m[3]!);
  if (!repo) {
    throw new RegistryError(
      404,
      'NAME_UNKNOWN',
      `The repository with name '${m[3]}' does not exist in the registry with id '${m[1]}'`,
    );
  }
  return repo;
}

export const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
