import { sleep as realSleep, type Sleep } from '../poll/clock';

/** The states of a GitHub deployment status this project sets. */
export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive' | 'queued';

export interface GithubDeploymentsOptions {
  token: string;
  /** `owner/repo` (default `GITHUB_REPOSITORY`). */
  repository?: string | undefined;
  /** Default `GITHUB_API_URL`, else the public API. */
  apiUrl?: string | undefined;
  fetch?: typeof fetch;
  sleep?: Sleep;
}

/** A GitHub REST failure: the status and GitHub's message. */
export class GithubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GithubApiError';
  }
}

/** GitHub allows 140 characters in a status description. */
const DESCRIPTION_MAX = 140;

function clip(text: string): string {
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;
}

/**
 * The deployments API of one repository (deployments and their statuses), over plain `fetch` with the job's
 * token. Retries once on a 5xx or a secondary rate limit.
 */
export class GithubDeployments {
  private readonly api: string;
  private readonly repository: string;
  private readonly fetch: typeof fetch;
  private readonly sleep: Sleep;

  constructor(private readonly options: GithubDeploymentsOptions) {
    this.api = (options.apiUrl ?? process.env['GITHUB_API_URL'] ?? 'https://api.github.com').replace(
      /\/+$/,
      '',
    );
    this.repository = options.repository ?? process.env['GITHUB_REPOSITORY'] ?? '';
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? realSleep;
    if (!/^[^/\s]+\/[^/\s]+$/.test(this.repository)) {
      throw new Error('GITHUB_REPOSITORY is not set: GitHub deployments need the owner/repo.');
    }
  }

  private async request<T>(method: string, path: string, body: unknown): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.fetch(`${this.api}/repos/${this.repository}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          accept: 'application/vnd.github+json',
          'content-type': 'application/json',
          'x-github-api-version': '2022-11-28',
          'user-agent': 'ecs-delivery',
        },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.ok) return (text === '' ? {} : JSON.parse(text)) as T;
      const retry =
        res.status >= 500 || res.status === 429 || (res.status === 403 && res.headers.has('retry-after'));
      if (retry && attempt < 2) {
        const after = Number(res.headers.get('retry-after') ?? '1');
        await this.sleep(Math.min(10, Number.isFinite(after) ? after : 1) * 1000);
        continue;
      }
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new GithubApiError(res.status, `GitHub ${method} ${path} answered ${res.status}: ${message}`);
    }
  }

  /** Creates a deployment of `ref` to `environment`; returns its id. */
  async create(input: {
    ref: string;
    environment: string;
    description: string;
    payload?: Record<string, unknown>;
    productionEnvironment?: boolean;
    /** GitHub's `task` (default `deploy`). */
    task?: string;
  }): Promise<number> {
    const out = await this.request<{ id?: number }>('POST', '/deployments', {
      ref: input.ref,
      environment: input.environment,
      description: clip(input.description),
      auto_merge: false,
      required_contexts: [],
      task: input.task ?? 'deploy',
      ...(input.payload !== undefined ? { payload: input.payload } : {}),
      ...(input.productionEnvironment !== undefined
        ? { production_environment: input.productionEnvironment }
        : {}),
    });
    if (typeof out.id !== 'number') throw new GithubApiError(0, 'GitHub created a deployment without an id.');
    return out.id;
  }

  /** Adds a status to a deployment (`log_url` links the run). */
  async setStatus(
    id: number,
    state: DeploymentState,
    input: { description: string; logUrl?: string | undefined; environment?: string },
  ): Promise<void> {
    await this.request('POST', `/deployments/${id}/statuses`, {
      state,
      description: clip(input.description),
      ...(input.logUrl !== undefined ? { log_url: input.logUrl } : {}),
      ...(input.environment !== undefined ? { environment: input.environment } : {}),
    });
  }
}

/** The URL of the current workflow run, from the runner's environment. */
export function runUrl(): string | undefined {
  const server = process.env['GITHUB_SERVER_URL'];
  const repo = process.env['GITHUB_REPOSITORY'];
  const run = process.env['GITHUB_RUN_ID'];
  if (server === undefined || repo === undefined || run === undefined) return undefined;
  const attempt = process.env['GITHUB_RUN_ATTEMPT'];
  return `${server}/${repo}/actions/runs/${run}${attempt !== undefined ? `/attempts/${attempt}` : ''}`;
}
