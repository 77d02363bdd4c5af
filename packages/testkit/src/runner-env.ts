import type { ActionMetadata } from './action-yml';

/** The `github` context a step sees; every field can be overridden per run. */
export interface GithubContext {
  repository: string;
  repositoryOwner: string;
  sha: string;
  ref: string;
  refName: string;
  runId: string;
  runNumber: string;
  runAttempt: string;
  job: string;
  workflow: string;
  workflowRef: string;
  actor: string;
  eventName: string;
  serverUrl: string;
  token: string;
}

export const DEFAULT_GITHUB: GithubContext = {
  repository: 'acme/shop',
  repositoryOwner: 'acme',
  sha: '0123456789abcdef0123456789abcdef01234567',
  ref: 'refs/heads/main',
  refName: 'main',
  runId: '1000001',
  runNumber: '7',
  runAttempt: '1',
  job: 'deploy',
  workflow: 'deploy',
  workflowRef: 'acme/shop/.github/workflows/deploy.yml@refs/heads/main',
  actor: 'octocat',
  eventName: 'push',
  serverUrl: 'https://github.com',
  token: 'ghs_testkitTokenNotASecret000000000000',
};

/** Prefixes of variables a step must not inherit from the machine running the tests. */
const ISOLATED_PREFIXES = ['AWS_', 'GITHUB_', 'ACTIONS_', 'INPUT_', 'STATE_', 'RUNNER_', 'NODE_OPTIONS'];

export function baseEnvironment(parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value === undefined || ISOLATED_PREFIXES.some((p) => key.startsWith(p))) continue;
    env[key] = value;
  }
  return env;
}

/** The runner's variable name for an input: upper-cased, spaces to `_`, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** `${{ github.x }}` in an input default, as the runner would expand it. */
function expandDefault(value: string, input: string, github: GithubContext): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    const fields: Record<string, string> = {
      'github.token': github.token,
      'github.repository': github.repository,
      'github.repository_owner': github.repositoryOwner,
      'github.sha': github.sha,
      'github.ref': github.ref,
      'github.ref_name': github.refName,
      'github.run_id': github.runId,
      'github.run_attempt': github.runAttempt,
      'github.actor': github.actor,
      'github.event_name': github.eventName,
      'github.job': github.job,
    };
    const v = fields[expr];
    if (v === undefined)
      throw new Error(`input ${input}: the testkit cannot expand \${{ ${expr} }} in its default`);
    return v;
  });
}

/** `INPUT_*` for the given inputs plus the action.yml defaults of the ones not given. */
export function inputEnvironment(
  meta: ActionMetadata,
  inputs: Record<string, string | number | boolean>,
  github: GithubContext,
): Record<string, string> {
  const env: Record<string, string> = {};
  const known = Object.keys(meta.inputs);
  for (const name of Object.keys(inputs)) {
    if (!(name in meta.inputs)) {
      // The runner only warns; a test that passes an undeclared input is wrong, so fail loudly.
      throw new Error(
        `${meta.name}: unexpected input "${name}"; valid inputs are ${known.join(', ') || '(none)'}`,
      );
    }
  }
  for (const [name, spec] of Object.entries(meta.inputs)) {
    const given = inputs[name];
    if (given !== undefined) env[inputVariable(name)] = String(given);
    else if (spec.default !== undefined) env[inputVariable(name)] = expandDefault(spec.default, name, github);
  }
  return env;
}

export function githubEnvironment(
  github: GithubContext,
  apiUrl: string,
  workspace: string,
): Record<string, string> {
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: github.repository,
    GITHUB_REPOSITORY_OWNER: github.repositoryOwner,
    GITHUB_SHA: github.sha,
    GITHUB_REF: github.ref,
    GITHUB_REF_NAME: github.refName,
    GITHUB_REF_TYPE: github.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_RUN_ID: github.runId,
    GITHUB_RUN_NUMBER: github.runNumber,
    GITHUB_RUN_ATTEMPT: github.runAttempt,
    GITHUB_JOB: github.job,
    GITHUB_WORKFLOW: github.workflow,
    GITHUB_WORKFLOW_REF: github.workflowRef,
    GITHUB_ACTOR: github.actor,
    GITHUB_EVENT_NAME: github.eventName,
    GITHUB_SERVER_URL: github.serverUrl,
    GITHUB_API_URL: apiUrl,
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    GITHUB_WORKSPACE: workspace,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'ecs-delivery-testkit',
    RUNNER_ENVIRONMENT: 'github-hosted',
  };
}
