// The toolkit's entry: scripts/bundle.mjs bundles this file apart (dist/toolkit/run.js) and src/main.ts loads it
// only once every input is valid, so a refused run never reads the toolkit or the AWS SDK.
import * as core from '@actions/core';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  BaseCredentials,
  BootstrapEnvironments,
  CdkAppMultiContext,
  DiffMethod,
  StackParameters,
  StackSelectionStrategy,
  Toolkit,
  ToolkitError,
  type ICloudAssemblySource,
  type StackSelector,
} from '@aws-cdk/toolkit-lib';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { type ActionContext, ConfigurationError, messageOf } from '@ecs-delivery/shared';
import { authenticate } from '@ecs-delivery/shared/aws';
import { hasChanges, logLines, summarizeDiff } from './diff-report';
import type { Inputs } from './inputs';
import { ActionIoHost } from './io-host';
import { commentOnPullRequest } from './comment';
import {
  reportFailure,
  reportRefusal,
  setOutputs,
  writeReport,
  type RunReport,
  type StackOutputs,
} from './report';

/** Where the toolkit's AWS calls start from: the session's credentials, or none for synth. */
interface Environment {
  account: string | undefined;
  region: string | undefined;
  credentials: ReturnType<typeof BaseCredentials.none>;
  /** The stacks' statuses as CloudFormation tells them now (for a failure's report). */
  stackStatus?: (stack: string) => Promise<string | undefined>;
}

async function environmentOf(inputs: Inputs): Promise<Environment> {
  if (inputs.mode === 'synth') {
    return { account: undefined, region: inputs.awsRegion, credentials: BaseCredentials.none() };
  }
  const session = await core.group('Authenticate', () =>
    authenticate({
      region: inputs.awsRegion,
      roleToAssume: inputs.roleToAssume,
      audience: inputs.audience,
      roleDurationSeconds: inputs.roleDurationSeconds,
      maxAttempts: 8,
    }),
  );
  return {
    account: session.accountId,
    region: session.region,
    // The toolkit's clients call the session's provider, which renews itself; nothing is exported or printed.
    credentials: BaseCredentials.custom({ provider: session.credentials, region: session.region }),
    stackStatus: async (stack) => {
      const cfn = session.client(CloudFormationClient);
      try {
        const out = await cfn.send(new DescribeStacksCommand({ StackName: stack }));
        return out.Stacks?.[0]?.StackStatus;
      } catch (err) {
        core.debug(`DescribeStacks ${stack}: ${messageOf(err)}`);
        return undefined;
      } finally {
        cfn.destroy();
      }
    },
  };
}

/**
 * The app's environment: the runner's, less what it must not see (the action's inputs, among them the GitHub
 * token, and the job's OIDC request token), plus the default account and region of env-agnostic stacks.
 */
export function appEnvironment(
  env: Environment,
  processEnv: NodeJS.ProcessEnv = process.env,
): Record<string, string | undefined> {
  const hidden = Object.keys(processEnv).filter(
    (name) => name.startsWith('INPUT_') || name.startsWith('ACTIONS_ID_TOKEN_REQUEST_'),
  );
  return {
    ...Object.fromEntries(hidden.map((name) => [name, undefined])),
    ...(env.account === undefined ? {} : { CDK_DEFAULT_ACCOUNT: env.account }),
    ...(env.region === undefined ? {} : { CDK_DEFAULT_REGION: env.region }),
  };
}

function selector(inputs: Inputs): StackSelector {
  return inputs.stacks.length === 0
    ? { strategy: StackSelectionStrategy.ALL_STACKS }
    : { strategy: StackSelectionStrategy.PATTERN_MUST_MATCH, patterns: inputs.stacks };
}

async function sourceOf(toolkit: Toolkit, inputs: Inputs, env: Environment): Promise<ICloudAssemblySource> {
  if (inputs.app.kind === 'assembly') return toolkit.fromAssemblyDirectory(inputs.app.directory);
  return toolkit.fromCdkApp(inputs.app.command, {
    workingDirectory: inputs.workingDirectory,
    outdir: join(inputs.workingDirectory, 'cdk.out'),
    // In CI a lookup would make the same commit synthesize differently: context must be committed.
    lookups: !inputs.ci,
    contextStore: new CdkAppMultiContext(inputs.workingDirectory, inputs.context),
    resolveDefaultEnvironment: false,
    env: appEnvironment(env),
  });
}

function parameterMap(inputs: Inputs, withStacks: boolean): Record<string, string> {
  return Object.fromEntries(
    inputs.parameters
      .filter((p) => withStacks || p.stack === undefined)
      .map((p) => [p.stack === undefined ? p.name : `${p.stack}:${p.name}`, p.value]),
  );
}

/** The bootstrap template the bundle carries beside it (dist/), else the toolkit's own (from source). */
function bootstrapSource(): { source: 'default' } | { source: 'custom'; templateFile: string } {
  const bundled = join(__dirname, '..', 'bootstrap-template.yaml');
  return existsSync(bundled) ? { source: 'custom', templateFile: bundled } : { source: 'default' };
}

/** What the step fails with when the toolkit throws: a gate refusal, a failed stack, or a plain error. */
async function failureMessage(err: unknown, host: ActionIoHost, env: Environment): Promise<Error> {
  const refused = host.decisions.filter((d) => !d.approve);
  if (refused.length > 0) {
    const message = await reportRefusal(refused.flatMap((d) => d.changes));
    // Refused is refused: a change set the toolkit then failed to delete was still never executed.
    return new Error(
      ToolkitError.isAbortError(err)
        ? message
        : `${message} (Deleting the refused change set failed: ${messageOf(err)} — it was not executed; delete it by hand.)`,
    );
  }
  if (ToolkitError.isContextLookupsDisabledError(err)) {
    const missing = /Missing context keys: '([^']*)'/.exec(messageOf(err))?.[1] ?? 'some';
    return new ConfigurationError(
      `The app needs context a lookup would fetch (${missing}), and lookups are off in CI so that a commit ` +
        'always synthesizes the same way. Run `cdk synth` once where AWS credentials are and commit ' +
        'cdk.context.json, or give the values in "context".',
      { input: 'context' },
    );
  }
  if (host.failures.length > 0 || ToolkitError.isDeploymentError(err)) {
    // The toolkit throws once the stack has settled; its event stream may end before the last event.
    const statuses = new Map(host.finalStatus);
    for (const stack of new Set(host.failures.map((f) => f.stack))) {
      const now = await env.stackStatus?.(stack);
      if (now !== undefined) statuses.set(stack, now);
    }
    return new Error(await reportFailure(host.failures, statuses, messageOf(err)));
  }
  return err instanceof Error ? err : new Error(messageOf(err));
}

/** Fails the step with one error annotation (the summary already explains). */
function fail(err: Error): void {
  if (err instanceof ConfigurationError) throw err;
  core.error(err.message, { title: 'cdk-deploy failed' });
  process.exitCode = core.ExitCode.Failure;
}

async function synth(toolkit: Toolkit, source: ICloudAssemblySource, inputs: Inputs): Promise<RunReport> {
  const assembly = await toolkit.synth(source, { stacks: selector(inputs) });
  try {
    const stacks = assembly.cloudAssembly.stacksRecursively.map((s) => s.hierarchicalId);
    core.info(
      `Synthesized ${stacks.join(', ')} into ${relative(process.cwd(), assembly.cloudAssembly.directory) || '.'}.`,
    );
  } finally {
    await assembly.dispose();
  }
  return { mode: 'synth', changes: [], drift: [], outputs: {}, hasChanges: false };
}

async function diff(toolkit: Toolkit, source: ICloudAssemblySource, inputs: Inputs): Promise<RunReport> {
  const diffs = await toolkit.diff(source, {
    stacks: selector(inputs),
    // A change set shows what CloudFormation would replace; the template alone where one cannot be made.
    method: DiffMethod.ChangeSet({ fallbackToTemplate: true, parameters: parameterMap(inputs, false) }),
  });
  const changes = Object.entries(diffs).map(([stack, d]) => summarizeDiff(stack, d));
  return { mode: 'diff', changes, drift: [], outputs: {}, hasChanges: changes.some(hasChanges) };
}

async function deploy(
  toolkit: Toolkit,
  source: ICloudAssemblySource,
  inputs: Inputs,
  host: ActionIoHost,
  env: Environment,
): Promise<RunReport> {
  if (inputs.bootstrap) {
    host.openGroup('Bootstrap');
    const result = await toolkit.bootstrap(BootstrapEnvironments.fromCloudAssemblySource(source), {
      source: bootstrapSource(),
    });
    for (const e of result.environments) {
      // Env-agnostic stacks bootstrap the session's account and region, which the result leaves unnamed.
      const account = e.environment.account === 'unknown-account' ? env.account : e.environment.account;
      const region = e.environment.region === 'unknown-region' ? env.region : e.environment.region;
      const status = e.status === 'no-op' ? 'already bootstrapped' : 'bootstrapped';
      core.info(`aws://${account ?? '?'}/${region ?? '?'}: ${status}.`);
    }
  }
  host.openGroup('Synthesize');
  const result = await toolkit.deploy(source, {
    stacks: selector(inputs),
    // Change sets only, never hotswap: what is applied is what was gated.
    deploymentMethod: { method: 'change-set' },
    parameters: StackParameters.withExisting(parameterMap(inputs, true)),
    tags: Object.entries(inputs.tags).map(([Key, Value]) => ({ Key, Value })),
    rollback: true,
  });
  const outputs: StackOutputs = {};
  for (const s of result.stacks) outputs[s.stackName] = { ...s.outputs };
  const changes = host.decisions.flatMap((d) => d.changes);
  const executed = [...host.deployed.values()].some((d) => !d.noOp);
  return { mode: 'deploy', changes, drift: [], outputs, hasChanges: executed };
}

async function drift(
  toolkit: Toolkit,
  source: ICloudAssemblySource,
  inputs: Inputs,
  host: ActionIoHost,
): Promise<RunReport> {
  await toolkit.drift(source, { stacks: selector(inputs) });
  return {
    mode: 'drift',
    changes: [],
    drift: host.drift,
    outputs: {},
    hasChanges: host.drift.some((d) => d.drifted > 0),
  };
}

/**
 * The action: authenticate (not for synth), then synthesize, diff, deploy or check drift through the CDK
 * toolkit library with our IoHost, and report: outputs, the job summary, the pull-request comment.
 */
export async function run(inputs: Inputs, _context: ActionContext): Promise<void> {
  const env = await environmentOf(inputs);
  const host = new ActionIoHost({ approveBroadening: inputs.approveBroadening });
  const toolkit = new Toolkit({
    ioHost: host,
    color: false,
    emojis: false,
    sdkConfig: { baseCredentials: env.credentials },
  });
  let report: RunReport;
  try {
    const source = await sourceOf(toolkit, inputs, env);
    host.openGroup(inputs.mode === 'synth' ? 'Synthesize' : `Synthesize and ${inputs.mode}`);
    if (inputs.mode === 'synth') report = await synth(toolkit, source, inputs);
    else if (inputs.mode === 'diff') report = await diff(toolkit, source, inputs);
    else if (inputs.mode === 'drift') report = await drift(toolkit, source, inputs, host);
    else report = await deploy(toolkit, source, inputs, host, env);
  } catch (err) {
    host.dispose();
    const changes = host.decisions.flatMap((d) => d.changes);
    await setOutputs({ mode: inputs.mode, changes, drift: [], outputs: {}, hasChanges: false }, undefined);
    fail(await failureMessage(err, host, env));
    return;
  } finally {
    host.dispose();
  }
  if (report.changes.length > 0) {
    await core.group('Changes', async () => {
      for (const s of report.changes) for (const line of logLines(s)) core.info(line);
    });
  }
  await setOutputs(report, inputs.outputsFile);
  await writeReport(report, `cdk-deploy ${inputs.mode}`);
  if (inputs.commentOnPr && inputs.githubToken !== undefined && report.mode !== 'synth')
    await commentOnPullRequest(report, inputs, inputs.githubToken);
}
