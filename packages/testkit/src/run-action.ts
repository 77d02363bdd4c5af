import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { evaluatePostIf, readActionMetadata, type ActionMetadata } from './action-yml';
import { reachCancelPoint, type CancelPoint } from './cancel-point';
import { runNode, type ChildResult } from './child';
import { readKeyValueFile, readPathFile, readTextFile } from './file-commands';
import { callsAfter, markCalls, policyNamesFor, type CallMark } from './iam-check';
import { readDocumentedPolicies } from './iam-policy';
import {
  deniedCallsMessage,
  documentedPolicies,
  isAccessDenied,
  policySession,
  type PlaceholderValues,
  type PolicySession,
} from './iam-session';
import {
  baseEnvironment,
  DEFAULT_GITHUB,
  githubEnvironment,
  inputEnvironment,
  type GithubContext,
} from './runner-env';
import type { OidcRequest, SimHandle } from './sim';

/** The account of the simulator's static `test` keys. */
const DEFAULT_ACCOUNT = '000000000000';
import { parseWorkflowCommands, type Annotation } from './workflow-commands';

/**
 * The repository root: the nearest folder up from this file with an `actions/` folder beside a package.json
 * (packages/testkit/src → ../../.., and from wherever a bundle that includes the testkit lives).
 */
export const REPO_ROOT = findRepositoryRoot(__dirname);

function findRepositoryRoot(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'actions'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '..', '..', '..');
  }
}

export interface RunActionOptions {
  /** Inputs by their action.yml names; action.yml defaults fill in the rest. */
  inputs?: Record<string, string | number | boolean>;
  /** Extra environment for the step, applied last; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** `id-token: write`: a context registered with `sim.oidcContext()`, or one to register now. */
  oidc?: OidcRequest | Record<string, unknown>;
  /** The simulator (handle or URL) behind AWS_ENDPOINT_URL and GITHUB_API_URL. */
  sim?: SimHandle | string;
  region?: string;
  /**
   * Static `test`/`test` keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. Default: on unless the inputs name a
   * `role-to-assume`, so OIDC tests prove the action needs no ambient credentials.
   */
  staticCredentials?: boolean;
  /** Like the step's `timeout-minutes` (default 55 s): past it the step is cancelled and counts as failed. */
  timeoutMs?: number;
  /** 'auto' (default): run `runs.post` when it exists and `post-if` allows; false: never. */
  post?: 'auto' | false;
  /** Cancel the workflow run this many ms after main started (SIGINT, SIGTERM 7.5 s later, kill 2.5 s later). */
  signalAfterMs?: number;
  /**
   * Cancel the workflow run the same way at a point of main's: once the simulator has answered a call of the run
   * (`{ call: 'ecs:UpdateService' }`) or main's log shows a line (`{ log: 'Preflight' }`), `afterMs` later.
   */
  cancelAt?: CancelPoint;
  /** GITHUB_WORKSPACE and the working directory (default: a fresh temp directory). */
  cwd?: string;
  /** RUNNER_DEBUG=1, as when a run is re-run with debug logging. */
  debug?: boolean;
  github?: Partial<GithubContext>;
  /** The webhook payload at GITHUB_EVENT_PATH (default `{}`). */
  event?: unknown;
  /** Echo the action's output live to stderr. */
  echo?: boolean;
  /**
   * The docs/iam.md policies the run is made under. Default: the action's own (`deploy-ecs`; `build-push-build` or
   * `build-push-promote` by the `source-image` input, both for a manifest); none for an action given by `{dir}`.
   * With static credentials the step gets, instead of the keys, a session of a role whose permission policies are
   * these (placeholders filled from `iamValues`), so the simulator allows or refuses every call as IAM would; a
   * refused call fails the test, naming the permission and the resource. `false`: the keys, all-powerful.
   */
  iamPolicy?: false | string | readonly string[];
  /** Values of docs/iam.md's placeholders (`CLUSTER`, `APP`, …) for `iamPolicy`; one left out matches anything. */
  iamValues?: PlaceholderValues;
  /** The run is meant to be refused by IAM: refused calls do not fail the test (the test asserts them). */
  expectAccessDenied?: boolean;
}

export interface ActionRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The run was cancelled (signalAfterMs, cancelAt), so `cancelled()` was true for the post step. */
  cancelled: boolean;
  timedOut: boolean;
  /** When main got its SIGINT, in ms after it started (none: it was never cancelled). */
  cancelledAfterMs: number | undefined;
  /** How long main ran. */
  mainMs: number;
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  summary: string;
  /** Annotations of main and post, in order. */
  annotations: Annotation[];
  /** Values registered with `::add-mask::` (core.setSecret) by main and post, each once, in order. */
  masks: string[];
  /** Everything main printed, stdout and stderr interleaved, unmasked. */
  log: string;
  postRan: boolean;
  postLog: string;
  postExitCode: number | null | undefined;
  postOutputs: Record<string, string>;
  postSummary: string;
  durationMs: number;
}

function resolveActionDir(action: string | { dir: string }): string {
  if (typeof action !== 'string') return isAbsolute(action.dir) ? action.dir : resolve(REPO_ROOT, action.dir);
  return join(REPO_ROOT, 'actions', action);
}

/**
 * Actions that run with the static keys rather than under their documented policy: cdk-deploy makes most of its
 * calls under the CDK bootstrap roles it assumes (docs/iam.md says so).
 */
const UNCHECKED_ACTIONS = new Set<string>([]);

/** Which documented policies the run is checked against, or `undefined` for none. */
function iamPolicyNames(
  action: string | { dir: string },
  option: RunActionOptions['iamPolicy'],
  inputs: Record<string, string | number | boolean>,
): string[] | undefined {
  if (option === false) return undefined;
  if (option !== undefined) return typeof option === 'string' ? [option] : [...option];
  return typeof action === 'string' && !UNCHECKED_ACTIONS.has(action)
    ? policyNamesFor(action, inputs)
    : undefined;
}

/** The test gives the step credentials of its own (to test them): the run is not made under a documented policy. */
function ownCredentials(env: RunActionOptions['env']): boolean {
  return (
    env !== undefined &&
    ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'].some((name) => name in env)
  );
}

/** A session of the default account's role with the documented policies of `names` (read now: docs may change). */
async function sessionFor(
  simUrl: string,
  names: string[],
  region: string,
  values: PlaceholderValues,
): Promise<PolicySession> {
  const account = DEFAULT_ACCOUNT;
  const policies = documentedPolicies(readDocumentedPolicies(REPO_ROOT), names, {
    ACCOUNT: account,
    REGION: region,
    ...values,
  });
  return policySession(simUrl, { account, names, policies });
}

/** `account/name` of a role ARN (`arn:aws:iam::A:role/path/NAME`), or of the role of a session's ARN. */
function roleOfPrincipal(arn: string | undefined): string | undefined {
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn ?? '');
  if (session) return `${session[1]!}/${session[2]!}`;
  const role = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn ?? '');
  return role ? `${role[1]!}/${role[2]!}` : undefined;
}

function watchedRoles(
  session: PolicySession | undefined,
  inputs: Record<string, string | number | boolean>,
): string[] {
  const roles = [session?.roleArn, inputs['role-to-assume']].map((r) =>
    typeof r === 'string' ? roleOfPrincipal(r) : undefined,
  );
  return roles.filter((r): r is string => r !== undefined);
}

interface StepFiles {
  dir: string;
  output: string;
  state: string;
  env: string;
  path: string;
  summary: string;
}

function stepFiles(root: string, step: string): StepFiles {
  const dir = join(root, step);
  mkdirSync(dir, { recursive: true });
  const files = {
    dir,
    output: join(dir, 'output'),
    state: join(dir, 'state'),
    env: join(dir, 'env'),
    path: join(dir, 'path'),
    summary: join(dir, 'step_summary'),
  };
  for (const f of [files.output, files.state, files.env, files.path, files.summary]) writeFileSync(f, '');
  return files;
}

function fileEnv(files: StepFiles): Record<string, string> {
  return {
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STEP_SUMMARY: files.summary,
  };
}

async function oidcEnv(
  options: RunActionOptions,
  sim: SimHandle | string | undefined,
  github: GithubContext,
): Promise<Record<string, string>> {
  if (!options.oidc) return {};
  let request = options.oidc as Partial<OidcRequest>;
  if (typeof request.requestToken !== 'string' || typeof request.requestUrl !== 'string') {
    if (!sim || typeof sim === 'string')
      throw new Error('runAction: an OIDC context to register needs a sim handle');
    // The token describes the same run as the GITHUB_* variables unless the test says otherwise.
    request = await sim.oidcContext({
      repository: github.repository,
      ref: github.ref,
      sha: github.sha,
      run_id: github.runId,
      run_attempt: github.runAttempt,
      actor: github.actor,
      event_name: github.eventName,
      workflow: github.workflow,
      workflow_ref: github.workflowRef,
      ...(options.oidc as Record<string, unknown>),
    });
  }
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: request.requestUrl!,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: request.requestToken!,
  };
}

function applyOverrides(
  env: Record<string, string>,
  overrides: Record<string, string | undefined> = {},
): void {
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
}

/**
 * Runs a built action (`actions/<name>/dist/…`, or the action in `{dir}`) as a child process on Node 24 exactly
 * as the GitHub runner does, then its post step when action.yml has one and `post-if` allows. Then every AWS call
 * the simulator recorded during the run must be granted by the action's policy in docs/iam.md (`iamPolicy`), or
 * it throws naming the call.
 */
export async function runAction(
  action: string | { dir: string },
  options: RunActionOptions = {},
): Promise<ActionRun> {
  const started = Date.now();
  const actionDir = resolveActionDir(action);
  const meta: ActionMetadata = readActionMetadata(actionDir);
  const github: GithubContext = { ...DEFAULT_GITHUB, ...options.github };
  const simUrl =
    (typeof options.sim === 'string' ? options.sim : options.sim?.url) ?? process.env.ECS_DELIVERY_SIM_URL;
  if (!simUrl) {
    // Without a simulator the SDK would go to real AWS with whatever it finds: never from a test.
    throw new Error('runAction needs a simulator: pass `sim` (from startSim) or set ECS_DELIVERY_SIM_URL');
  }
  const inputs = options.inputs ?? {};
  const useStatic = options.staticCredentials ?? !inputs['role-to-assume'];
  const region = options.region ?? 'us-east-1';
  const policyNames = useStatic ? iamPolicyNames(action, options.iamPolicy, inputs) : undefined;
  const session: PolicySession | undefined =
    policyNames === undefined || ownCredentials(options.env)
      ? undefined
      : await sessionFor(simUrl, policyNames, region, options.iamValues ?? {});
  // Marked before the child starts, after the session's own calls.
  // The roles whose refused calls fail the run: the session's, and a role the step assumes with OIDC.
  const watched = options.iamPolicy === false ? [] : watchedRoles(session, inputs);
  const mark: CallMark | undefined =
    watched.length === 0 && options.cancelAt === undefined ? undefined : await markCalls(simUrl);

  const temp = mkdtempSync(join(tmpdir(), 'ecs-delivery-step-'));
  try {
    const runnerTemp = join(temp, 'runner-temp');
    const workspace = options.cwd ?? join(temp, 'workspace');
    mkdirSync(runnerTemp, { recursive: true });
    mkdirSync(workspace, { recursive: true });
    const eventPath = join(temp, 'event.json');
    writeFileSync(eventPath, JSON.stringify(options.event ?? {}));

    const env: Record<string, string> = {
      ...baseEnvironment(),
      ...githubEnvironment(github, `${simUrl}/_github/api`, workspace),
      GITHUB_EVENT_PATH: eventPath,
      RUNNER_TEMP: runnerTemp,
      RUNNER_TOOL_CACHE: join(temp, 'tool-cache'),
      ...(options.debug ? { RUNNER_DEBUG: '1' } : {}),
      AWS_ENDPOINT_URL: simUrl,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      // Never read the developer's ~/.aws: a step sees only what the test gives it.
      AWS_CONFIG_FILE: join(temp, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(temp, 'aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...(session !== undefined
        ? {
            AWS_ACCESS_KEY_ID: session.accessKeyId,
            AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
            AWS_SESSION_TOKEN: session.sessionToken,
          }
        : useStatic
          ? { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }
          : {}),
      ...(await oidcEnv(options, options.sim, github)),
      ...inputEnvironment(meta, inputs, github),
    };
    applyOverrides(env, options.env);

    const timeoutMs = options.timeoutMs ?? 55_000;
    const cancelAt = options.cancelAt;
    const mainFiles = stepFiles(temp, 'main');
    const main: ChildResult = await runNode({
      script: join(actionDir, meta.runs.main),
      cwd: workspace,
      env: { ...env, ...fileEnv(mainFiles) },
      timeoutMs,
      ...(options.signalAfterMs !== undefined ? { signalAfterMs: options.signalAfterMs } : {}),
      ...(cancelAt !== undefined && mark !== undefined
        ? {
            cancelWhen: ({ log, stop }: { log: () => string; stop: AbortSignal }) =>
              reachCancelPoint(cancelAt, { simUrl, mark, log, stop }),
          }
        : {}),
      ...(options.echo ? { echo: true } : {}),
    });
    const mainCommands = parseWorkflowCommands(main.log, 'main');
    const state = readKeyValueFile(mainFiles.state, 'GITHUB_STATE');
    const exported = readKeyValueFile(mainFiles.env, 'GITHUB_ENV');
    const path = readPathFile(mainFiles.path);
    const result: ActionRun = {
      exitCode: main.exitCode,
      signal: main.signal,
      cancelled: main.cancelled && !main.timedOut,
      timedOut: main.timedOut,
      cancelledAfterMs: main.cancelledAfterMs,
      mainMs: main.durationMs,
      outputs: readKeyValueFile(mainFiles.output, 'GITHUB_OUTPUT'),
      state,
      env: exported,
      path,
      summary: readTextFile(mainFiles.summary),
      annotations: mainCommands.annotations,
      masks: mainCommands.masks,
      log: main.log,
      postRan: false,
      postLog: '',
      postExitCode: undefined,
      postOutputs: {},
      postSummary: '',
      durationMs: 0,
    };

    const failed = main.exitCode !== 0;
    const runPost =
      options.post !== false &&
      meta.runs.post !== undefined &&
      evaluatePostIf(meta.runs.postIf, { failed, cancelled: result.cancelled });
    if (runPost) {
      const postFiles = stepFiles(temp, 'post');
      const postEnv: Record<string, string> = { ...env, ...exported, ...fileEnv(postFiles) };
      if (path.length > 0) postEnv.PATH = [...[...path].reverse(), postEnv.PATH ?? ''].join(delimiter);
      for (const [name, value] of Object.entries(state)) postEnv[`STATE_${name}`] = value;
      const post = await runNode({
        script: join(actionDir, meta.runs.post!),
        cwd: workspace,
        env: postEnv,
        timeoutMs,
        ...(options.echo ? { echo: true } : {}),
      });
      const postCommands = parseWorkflowCommands(post.log, 'post');
      result.postRan = true;
      result.postLog = post.log;
      result.postExitCode = post.exitCode;
      result.postOutputs = readKeyValueFile(postFiles.output, 'GITHUB_OUTPUT');
      result.postSummary = readTextFile(postFiles.summary);
      result.annotations.push(...postCommands.annotations);
      result.masks.push(...postCommands.masks);
    }
    result.masks = [...new Set(result.masks)];
    if (watched.length > 0 && mark !== undefined && !options.expectAccessDenied) {
      const denied = (await callsAfter(simUrl, mark)).filter(
        (c) => isAccessDenied(c) && watched.includes(roleOfPrincipal(c.principal) ?? ''),
      );
      if (denied.length > 0) {
        const label = typeof action === 'string' ? action : basename(actionDir);
        throw new Error(deniedCallsMessage(label, session ? policyNames! : [], denied));
      }
    }
    result.durationMs = Date.now() - started;
    return result;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
