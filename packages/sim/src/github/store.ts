import { createHash } from 'node:crypto';
import type { Simulator } from '../core/simulator';
import { fingerprint } from '../core/sealed';

/** GitHub's side of the REST endpoints the deploy actions use: deployments, their statuses, issue comments. */

export const DEPLOYMENT_STATES = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  createdAt: number;
}

export interface DeploymentRecord {
  id: number;
  /** `owner/repo` as first addressed; lookups are case-insensitive, as on GitHub. */
  repository: string;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  originalEnvironment: string;
  environment: string;
  description: string | null;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  autoMerge: boolean;
  requiredContexts: string[] | null;
  createdAt: number;
  updatedAt: number;
  /** Oldest first. */
  statuses: DeploymentStatusRecord[];
}

export interface IssueCommentRecord {
  id: number;
  repository: string;
  issueNumber: number;
  body: string;
  createdAt: number;
  updatedAt: number;
}

/** One REST request: which token (by fingerprint only, never the token), what it did, how it ended. */
export interface GithubRequestRecord {
  time: string;
  method: string;
  path: string;
  operation: string;
  status: number;
  token?: string;
}

export interface GithubRestState {
  deployments: Map<number, DeploymentRecord>;
  comments: Map<number, IssueCommentRecord>;
  requests: GithubRequestRecord[];
  nextId: number;
}

const MAX_REQUEST_RECORDS = 1000;

/** Under `github` in `GET /_sim/state`. */
export function githubState(sim: Simulator): GithubRestState {
  return sim.store<GithubRestState>('github', () => ({
    deployments: new Map(),
    comments: new Map(),
    requests: [],
    nextId: 1,
  }));
}

export function nextId(sim: Simulator): number {
  return githubState(sim).nextId++;
}

export function recordRequest(sim: Simulator, record: GithubRequestRecord): void {
  const requests = githubState(sim).requests;
  requests.push(record);
  if (requests.length > MAX_REQUEST_RECORDS) requests.splice(0, requests.length - MAX_REQUEST_RECORDS);
}

/** How `/_sim/state` names a token: `sha256:` and 12 hex digits. Tests compare with the same function. */
export function tokenFingerprint(token: string): string {
  return fingerprint(token);
}

export const sameRepository = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The commit a ref names. The simulator holds no git data: a 40-hex ref is its own sha, any other ref gets a
 * stable sha derived from `owner/repo@refs/heads/<ref>`, the same one the OIDC issuer puts in a token's `sha`
 * claim for that branch by default.
 */
export function shaOf(repository: string, ref: string): string {
  if (/^[0-9a-f]{40}$/i.test(ref)) return ref.toLowerCase();
  const full = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
  return createHash('sha1').update(`${repository}@${full}`).digest('hex');
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const nodeId = (prefix: string, id: number): string =>
  `${prefix}_${Buffer.from(`sim:${prefix}:${id}`).toString('base64url')}`;

/** The GITHUB_TOKEN's identity: every write through the simulator is made by the Actions bot. */
export function actionsBot(apiUrl: string): Record<string, unknown> {
  return {
    login: 'github-actions[bot]',
    id: 41898282,
    node_id: 'MDM6Qm90NDE4OTgyODI=',
    avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
    gravatar_id: '',
    url: `${apiUrl}/users/github-actions%5Bbot%5D`,
    html_url: 'https://github.com/apps/github-actions',
    type: 'Bot',
    site_admin: false,
  };
}

export function deploymentView(apiUrl: string, d: DeploymentRecord): Record<string, unknown> {
  const url = `${apiUrl}/repos/${d.repository}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: nodeId('DE', d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    creator: actionsBot(apiUrl),
    created_at: isoSeconds(d.createdAt),
    updated_at: isoSeconds(d.updatedAt),
    statuses_url: `${url}/statuses`,
    repository_url: `${apiUrl}/repos/${d.repository}`,
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
    performed_via_github_app: null,
  };
}

export function statusView(
  apiUrl: string,
  d: DeploymentRecord,
  s: DeploymentStatusRecord,
): Record<string, unknown> {
  const deploymentUrl = `${apiUrl}/repos/${d.repository}/deployments/${d.id}`;
  return {
    url: `${deploymentUrl}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DES', s.id),
    state: s.state,
    creator: actionsBot(apiUrl),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    created_at: isoSeconds(s.createdAt),
    updated_at: isoSeconds(s.createdAt),
    deployment_url: deploymentUrl,
    repository_url: `${apiUrl}/repos/${d.repository}`,
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
    performed_via_github_app: null,
  };
}

export function commentView(apiUrl: string, c: IssueCommentRecord): Record<string, unknown> {
  return {
    id: c.id,
    node_id: nodeId('IC', c.id),
    url: `${apiUrl}/repos/${c.repository}/issues/comments/${c.id}`,
    html_url: `https://github.com/${c.repository}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    body: c.body,
    user: actionsBot(apiUrl),
    created_at: isoSeconds(c.createdAt),
    updated_at: isoSeconds(c.updatedAt),
    issue_url: `${apiUrl}/repos/${c.repository}/issues/${c.issueNumber}`,
    author_association: 'NONE',
    performed_via_github_app: null,
  };
}
