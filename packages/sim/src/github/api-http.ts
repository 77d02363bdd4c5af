import type { Simulator } from '../core/simulator';

/** What one REST handler is given and answers; the route in api.ts does the HTTP. */
export interface RestRequest {
  sim: Simulator;
  /** `${sim.url}/_github/api`: what GITHUB_API_URL points at, and the base of every `url` in a reply. */
  apiUrl: string;
  /** Path captures: owner, repo, then ids. */
  params: string[];
  query: URLSearchParams;
  /** The JSON body, parsed (an object; anything else was refused as GitHub does). */
  body: Record<string, unknown>;
  now: number;
}

export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RestHandler = (req: RestRequest) => RestResponse;

/** A GitHub error reply: `{message, documentation_url, status}` and, for 422s, `errors`. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, unknown>[],
  ) {
    super(message);
  }
}

export const notFound = (): RestError => new RestError(404, 'Not Found');

/** The JSON-schema check GitHub runs on a body before the handler: `Invalid request.\n\n…`. */
export const invalidRequest = (detail: string): RestError =>
  new RestError(422, `Invalid request.\n\n${detail}`);

/** A model validation failure: `Validation Failed` with one `errors` entry. */
export const validationFailed = (resource: string, field: string, message: string): RestError =>
  new RestError(422, 'Validation Failed', [{ resource, code: 'custom', field, message }]);

const shown = (value: unknown): string => JSON.stringify(value);

export function requiredString(body: Record<string, unknown>, field: string): string {
  if (body[field] === undefined) throw invalidRequest(`"${field}" wasn't supplied.`);
  return optionalString(body, field) ?? '';
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidRequest(`For 'properties/${field}', ${shown(value)} is not a string.`);
  return value;
}

/** A string that may also be null (GitHub's `description: string | null`). */
export function nullableString(body: Record<string, unknown>, field: string): string | null | undefined {
  if (body[field] === null) return null;
  return optionalString(body, field);
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean')
    throw invalidRequest(`For 'properties/${field}', ${shown(value)} is not a boolean.`);
  return value;
}

export function optionalStringList(body: Record<string, unknown>, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value))
    throw invalidRequest(`For 'properties/${field}', ${shown(value)} is not an array.`);
  value.forEach((item, i) => {
    if (typeof item !== 'string') throw invalidRequest(`For 'items/${i}', ${shown(item)} is not a string.`);
  });
  return value as string[];
}

export function oneOf<T extends string>(
  body: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
): T {
  const value = requiredString(body, field);
  if (!allowed.includes(value as T)) {
    throw invalidRequest(`For 'properties/${field}', ${shown(value)} is not one of ${shown(allowed)}.`);
  }
  return value as T;
}

/** GitHub's page/per_page pagination (per_page ≤ 100, default 30) with its `Link` header. */
export function paginate<T>(
  req: RestRequest,
  path: string,
  items: T[],
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(req.query.get('per_page') ?? 30) || 30, 1), 100);
  const pageNo = Math.max(Number(req.query.get('page') ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const page = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  const link = (n: number, rel: string): string => {
    const q = new URLSearchParams(req.query);
    q.set('per_page', String(perPage));
    q.set('page', String(n));
    return `<${req.apiUrl}${path}?${q.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (pageNo > 1) links.push(link(pageNo - 1, 'prev'));
  if (pageNo < last) links.push(link(pageNo + 1, 'next'), link(last, 'last'));
  if (pageNo > 1) links.push(link(1, 'first'));
  return { page, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}
