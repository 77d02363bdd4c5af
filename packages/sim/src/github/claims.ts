import { createHash, randomUUID } from 'node:crypto';
import { AwsError } from '../core/errors';
import { GITHUB_ISSUER } from './jwt';

/**
 * The workflow run a token describes, as a test sets it. Everything but `repository` has a default; the
 * defaults describe a push to `main` of a private repository on a GitHub-hosted runner.
 */
export interface OidcContext {
  /** `OWNER/REPO`. */
  repository: string;
  ref: string;
  sha: string;
  environment?: string;
  event_name: string;
  workflow: string;
  workflow_ref: string;
  workflow_sha: string;
  job_workflow_ref: string;
  job_workflow_sha: string;
  run_id: string;
  run_number: string;
  run_attempt: string;
  actor: string;
  actor_id: string;
  repository_id: string;
  repository_owner_id: string;
  repository_visibility: string;
  head_ref: string;
  base_ref: string;
  runner_environment: string;
  /** Emit the immutable subject `repo:OWNER@OWNER_ID/REPO@REPO_ID:…` (repositories created since 2026-07-15). */
  immutable_subject: boolean;
  /** A customised subject template (GitHub's `include_claim_keys`), e.g. `["repo", "context", "job_workflow_ref"]`. */
  sub_claim_keys?: string[];
}

/** Deterministic numeric ids, so the same repository has the same id in every run of a test. */
function numericId(seed: string): string {
  return String(100_000_000 + (createHash('sha256').update(seed).digest().readUInt32BE(0) % 800_000_000));
}

function str(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new AwsError('ValidationException', `oidc context: "${key}" must be a string`);
}

/** Fills the defaults of a context a test gave (snake_case as in the token; camelCase is accepted too). */
export function normaliseContext(raw: unknown): OidcContext {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AwsError('ValidationException', 'an oidc context must be a JSON object');
  }
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) input[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;

  const repository = str(input, 'repository') ?? 'acme/shop';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    throw new AwsError(
      'ValidationException',
      `oidc context: repository must be OWNER/REPO, got "${repository}"`,
    );
  }
  const owner = repository.split('/')[0]!;
  const eventName = str(input, 'event_name') ?? 'push';
  const pullRequest = eventName === 'pull_request' || eventName === 'pull_request_target';
  const ref = str(input, 'ref') ?? (eventName === 'pull_request' ? 'refs/pull/1/merge' : 'refs/heads/main');
  const sha = str(input, 'sha') ?? createHash('sha1').update(`${repository}@${ref}`).digest('hex');
  const workflowRef = str(input, 'workflow_ref') ?? `${repository}/.github/workflows/deploy.yml@${ref}`;
  const environment = str(input, 'environment');
  const subClaimKeys = input['sub_claim_keys'];
  if (
    subClaimKeys !== undefined &&
    !(Array.isArray(subClaimKeys) && subClaimKeys.every((k) => typeof k === 'string'))
  ) {
    throw new AwsError('ValidationException', 'oidc context: sub_claim_keys must be a list of claim names');
  }
  const ctx: OidcContext = {
    repository,
    ref,
    sha,
    event_name: eventName,
    workflow: str(input, 'workflow') ?? 'deploy',
    workflow_ref: workflowRef,
    workflow_sha: str(input, 'workflow_sha') ?? sha,
    job_workflow_ref: str(input, 'job_workflow_ref') ?? workflowRef,
    job_workflow_sha: str(input, 'job_workflow_sha') ?? sha,
    run_id: str(input, 'run_id') ?? numericId(`run:${repository}:${ref}`),
    run_number: str(input, 'run_number') ?? '1',
    run_attempt: str(input, 'run_attempt') ?? '1',
    actor: str(input, 'actor') ?? 'octocat',
    actor_id: str(input, 'actor_id') ?? numericId(`actor:${str(input, 'actor') ?? 'octocat'}`),
    repository_id: str(input, 'repository_id') ?? numericId(`repo:${repository}`),
    repository_owner_id: str(input, 'repository_owner_id') ?? numericId(`owner:${owner}`),
    repository_visibility: str(input, 'repository_visibility') ?? 'private',
    head_ref: str(input, 'head_ref') ?? (pullRequest ? 'feature' : ''),
    base_ref: str(input, 'base_ref') ?? (pullRequest ? 'main' : ''),
    runner_environment: str(input, 'runner_environment') ?? 'github-hosted',
    immutable_subject: input['immutable_subject'] === true || input['immutable_subject'] === 'true',
  };
  if (environment !== undefined && environment !== '') ctx.environment = environment;
  if (subClaimKeys !== undefined) ctx.sub_claim_keys = subClaimKeys as string[];
  return ctx;
}

/** `environment:NAME`, else `pull_request`, else `ref:REF`: the part of `sub` after the repository. */
function subjectContext(ctx: OidcContext): string {
  if (ctx.environment !== undefined) return `environment:${ctx.environment}`;
  if (ctx.event_name === 'pull_request') return 'pull_request';
  return `ref:${ctx.ref}`;
}

export function subjectOf(ctx: OidcContext, claims: Record<string, unknown>): string {
  const [owner, repo] = ctx.repository.split('/') as [string, string];
  const repoPart = ctx.immutable_subject
    ? `${owner}@${ctx.repository_owner_id}/${repo}@${ctx.repository_id}`
    : ctx.repository;
  if (!ctx.sub_claim_keys) return `repo:${repoPart}:${subjectContext(ctx)}`;
  return ctx.sub_claim_keys
    .map((key) => {
      if (key === 'repo') return `repo:${repoPart}`;
      if (key === 'context') return subjectContext(ctx);
      return `${key}:${String(claims[key] ?? '')}`;
    })
    .join(':');
}

export const TOKEN_LIFETIME_SECONDS = 300;

/** The claims of one token, as GitHub mints them (see GitHub's "About security hardening with OpenID Connect"). */
export function buildClaims(
  ctx: OidcContext,
  audience: string | undefined,
  nowMs: number,
): Record<string, unknown> {
  const iat = Math.floor(nowMs / 1000);
  const owner = ctx.repository.split('/')[0]!;
  const claims: Record<string, unknown> = {
    jti: randomUUID(),
    sub: '',
    aud: audience ?? `https://github.com/${owner}`,
    ref: ctx.ref,
    sha: ctx.sha,
    repository: ctx.repository,
    repository_owner: owner,
    repository_owner_id: ctx.repository_owner_id,
    run_id: ctx.run_id,
    run_number: ctx.run_number,
    run_attempt: ctx.run_attempt,
    repository_visibility: ctx.repository_visibility,
    repository_id: ctx.repository_id,
    actor_id: ctx.actor_id,
    actor: ctx.actor,
    workflow: ctx.workflow,
    head_ref: ctx.head_ref,
    base_ref: ctx.base_ref,
    event_name: ctx.event_name,
    ref_protected: 'false',
    ref_type: ctx.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    workflow_ref: ctx.workflow_ref,
    workflow_sha: ctx.workflow_sha,
    job_workflow_ref: ctx.job_workflow_ref,
    job_workflow_sha: ctx.job_workflow_sha,
    runner_environment: ctx.runner_environment,
    iss: GITHUB_ISSUER,
    nbf: iat - 600,
    exp: iat + TOKEN_LIFETIME_SECONDS,
    iat,
  };
  if (ctx.environment !== undefined) {
    claims['environment'] = ctx.environment;
    claims['environment_node_id'] =
      `EN_${Buffer.from(`${ctx.repository}:${ctx.environment}`).toString('base64url')}`;
  }
  claims['sub'] = subjectOf(ctx, claims);
  return claims;
}
