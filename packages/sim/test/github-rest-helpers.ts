import { startSimulator, type RunningSimulator } from '../src';

/** Plain-fetch access to the simulator's GitHub REST API, as an action holding a GITHUB_TOKEN calls it. */
export interface GithubReply {
  status: number;
  body: unknown;
  headers: Headers;
}

export const TOKEN = 'ghs_simTestToken0123456789abcdefghijkl';

export interface GithubFixture {
  running: RunningSimulator;
  /** GITHUB_API_URL */
  api: string;
  call(method: string, path: string, body?: unknown, authorization?: string | null): Promise<GithubReply>;
}

export async function startGithub(): Promise<GithubFixture> {
  const running = await startSimulator();
  const api = `${running.url}/_github/api`;
  return {
    running,
    api,
    async call(method, path, body, authorization = `Bearer ${TOKEN}`) {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          ...(authorization !== null ? { authorization } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
        headers: res.headers,
      };
    },
  };
}

export type Json = Record<string, unknown>;

/** The reply's body as one object (a created deployment, a comment). */
export const obj = (reply: GithubReply): Json => reply.body as Json;

/** The reply's body as a list (ListDeployments, ListIssueComments). */
export const list = (reply: GithubReply): Json[] => reply.body as Json[];
