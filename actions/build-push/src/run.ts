import * as core from '@actions/core';
import { ECRClient } from '@aws-sdk/client-ecr';
import {
  type ActionContext,
  awsErrorCode,
  type CallBudget,
  type Clock,
  ConfigurationError,
  type Sleep,
} from '@ecs-delivery/shared';
import {
  authenticate,
  type ExpectedAccount,
  manifestAccount,
  refuseOtherAccount,
} from '@ecs-delivery/shared/aws';
import {
  describeImage,
  describeTagSettings,
  findTags,
  getManifest,
  getRegistryAuth,
  planBuildTags,
  type PromoteEnd,
  promoteImage,
  refuseFrozenMovingTags,
  registryClientFor,
  type RepositoryInfo,
  resolveRepository,
  waitForImageScan,
} from '@ecs-delivery/shared/ecr';
import { type CommandRunner, runCommand } from '@ecs-delivery/shared/exec';
import { loginBuildAndPush } from './build';
import type { LoginState } from './state';
import type { Inputs } from './inputs';
import {
  evaluateGate,
  gatePassed,
  scanText,
  setOutputs,
  setReleaseOutputs,
  writeReleaseReport,
  writeReport,
  type Outcome,
  type ScanGate,
} from './report';

/** An authenticated ECR client. */
export interface Connection {
  ecr: ECRClient;
  region: string;
}

export interface ConnectOptions {
  roleToAssume: string | undefined;
  region: string | undefined;
  audience: string;
  /**
   * The account the credentials must belong to (the manifest environment's `account-id`): another fails right
   * after authentication, before any registry call.
   */
  expectedAccount?: ExpectedAccount | undefined;
  /** The run's budget: a cancel aborts every AWS call of the session at once. */
  budget?: CallBudget | undefined;
}

/** Everything run() reaches outside itself, injectable for tests. */
export interface RunDeps {
  connect: (options: ConnectOptions) => Promise<Connection>;
  exec: CommandRunner;
  now: () => Date;
  clock?: Clock;
  sleep?: Sleep;
}

export const defaultDeps: RunDeps = {
  connect: async (options) => {
    const session = await authenticate({
      region: options.region,
      roleToAssume: options.roleToAssume,
      audience: options.audience,
      budget: options.budget,
    });
    refuseOtherAccount(session.accountId, options.expectedAccount);
    return { ecr: session.client(ECRClient), region: session.region };
  },
  exec: runCommand,
  now: () => new Date(),
};

function end(conn: Connection, repo: RepositoryInfo): PromoteEnd {
  return {
    ecr: conn.ecr,
    repo,
    registry: async () => registryClientFor(await getRegistryAuth(conn.ecr, repo.registryId)),
  };
}

async function sizeOf(conn: Connection, repo: RepositoryInfo, digest: string): Promise<number | undefined> {
  return (await describeImage(conn.ecr, repo, digest))?.imageSizeInBytes;
}

async function targetRepository(inputs: Inputs, conn: Connection): Promise<RepositoryInfo> {
  const repo = await resolveRepository(conn.ecr, inputs.repository, {
    input: 'repository',
    create: inputs.createRepository,
  });
  core.info(
    `Repository ${repo.uri}: tags ${describeTagSettings(repo)}${repo.scanOnPush ? ', scan on push' : ''}.`,
  );
  refuseFrozenMovingTags(repo, inputs.tags, 'tags');
  return repo;
}

async function buildMode(
  inputs: Inputs,
  conn: Connection,
  deps: RunDeps,
  logins: LoginState[] = [],
): Promise<Outcome> {
  const { repo, plan } = await core.group('Check the repository and the tags', async () => {
    const repo = await targetRepository(inputs, conn);
    const existing = await findTags(conn.ecr, repo, inputs.tags);
    for (const [tag, digest] of existing) core.info(`Tag ${tag} exists on ${digest}.`);
    return { repo, plan: planBuildTags(repo, inputs.tags, existing) };
  });
  const base = { repo, tags: inputs.tags, source: undefined, copied: undefined };

  if (plan.kind === 'reuse') {
    const reused = inputs.tags.filter((t) => !plan.retag.includes(t));
    core.info(
      plan.retag.length === 0
        ? `Every tag already names ${plan.digest}: skipping the build and the push.`
        : `${reused.join(', ')} already name ${plan.digest}: skipping the build and the push; moving ${plan.retag.join(', ')} onto it.`,
    );
    let added: string[] = [];
    if (plan.retag.length > 0) {
      const image = await getManifest(conn.ecr, repo, { digest: plan.digest });
      if (image === undefined) throw new Error(`${repo.name} lost ${plan.digest} while this run read it.`);
      added = (
        await promoteImage({ source: end(conn, repo), target: end(conn, repo), image, tags: inputs.tags })
      ).added;
    }
    return {
      ...base,
      result: 'skipped',
      digest: plan.digest,
      added,
      sizeBytes: await sizeOf(conn, repo, plan.digest),
    };
  }

  const auth = await getRegistryAuth(conn.ecr, repo.registryId);
  const built = await loginBuildAndPush(inputs, repo.uri, auth, deps, logins);
  return core.group('Confirm the push', async () => {
    const detail = await describeImage(conn.ecr, repo, built.digest).catch((err: unknown) => {
      if (awsErrorCode(err) !== 'ImageNotFoundException') throw err;
      return undefined;
    });
    const image = detail && (await getManifest(conn.ecr, repo, { digest: built.digest }));
    if (image === undefined) {
      throw new Error(
        `${inputs.containerCli} reported pushing ${built.digest}, but ${repo.name} has no such image.`,
      );
    }
    // docker pushed every tag; podman pushed the first: the others are added to that exact manifest.
    await promoteImage({ source: end(conn, repo), target: end(conn, repo), image, tags: inputs.tags });
    core.info(`Pushed ${repo.uri}@${built.digest} as ${inputs.tags.join(', ')}.`);
    return {
      ...base,
      result: 'built' as const,
      digest: built.digest,
      added: inputs.tags,
      sizeBytes: detail?.imageSizeInBytes,
    };
  });
}

async function promoteMode(
  inputs: Inputs,
  target: Connection,
  deps: RunDeps,
  budget?: CallBudget,
): Promise<Outcome> {
  const source = inputs.sourceImage!;
  const sourceRegion = source.repository.region;
  const needsOwn =
    inputs.sourceRoleToAssume !== undefined || (sourceRegion !== undefined && sourceRegion !== target.region);
  const from = needsOwn
    ? await core.group('Authenticate for the source', () =>
        deps.connect({
          roleToAssume: inputs.sourceRoleToAssume ?? inputs.roleToAssume,
          region: sourceRegion ?? inputs.awsRegion,
          audience: inputs.audience,
          budget,
        }),
      )
    : target;
  return core.group(`Promote ${source.repository.text}`, async () => {
    const sourceRepo = await resolveRepository(from.ecr, source.repository, { input: 'source-image' });
    const image = await getManifest(from.ecr, sourceRepo, { digest: source.digest, tag: source.tag });
    if (image === undefined) {
      const what = source.digest ?? `tag ${source.tag ?? ''}`;
      throw new ConfigurationError(`Input "source-image": ${sourceRepo.name} has no image ${what}.`, {
        input: 'source-image',
      });
    }
    core.info(`Source image ${sourceRepo.uri}@${image.digest} (${image.mediaType}).`);
    const repo = await targetRepository(inputs, target);
    const result = await promoteImage({
      source: end(from, sourceRepo),
      target: end(target, repo),
      image,
      tags: inputs.tags,
    });
    if (result.mounted + result.copied > 0) {
      core.info(`Layers: ${result.mounted} mounted, ${result.copied} copied (${result.copiedBytes} bytes).`);
    }
    if (result.added.length > 0)
      core.info(`Added ${result.added.join(', ')} to ${repo.uri}@${image.digest}.`);
    return {
      result: result.added.length > 0 ? 'promoted' : 'skipped',
      repo,
      digest: image.digest,
      tags: inputs.tags,
      added: result.added,
      sizeBytes: await sizeOf(target, repo, image.digest),
      source: `${sourceRepo.uri}@${image.digest}`,
      copied: { mounted: result.mounted, copied: result.copied, bytes: result.copiedBytes },
    };
  });
}

async function scanGate(
  inputs: Inputs,
  conn: Connection,
  outcome: Outcome,
  deps: RunDeps,
  signal: AbortSignal,
): Promise<ScanGate | undefined> {
  const threshold = inputs.failOnSeverity;
  if (threshold === undefined) return undefined;
  return core.group(`Scan gate (${threshold})`, async () => {
    const result = await waitForImageScan(conn.ecr, outcome.repo, outcome.digest, {
      timeoutMs: inputs.scanTimeoutMs,
      signal,
      clock: deps.clock,
      sleep: deps.sleep,
    });
    const gate = evaluateGate(threshold, result);
    core.info(`Scan: ${scanText(gate)}.`);
    return gate;
  });
}

/** One image of a manifest run: its name, what happened and its scan gate. */
export interface ImageResult {
  name: string;
  outcome: Outcome;
  gate: ScanGate | undefined;
}

/** Manifest mode: every image, one after another, into the environment's registry; the release is the result. */
async function manifestRun(
  inputs: Inputs,
  target: Connection,
  deps: RunDeps,
  context: ActionContext,
): Promise<ImageResult[]> {
  const { signal, budget } = context;
  const { manifest: plan, ...rest } = inputs;
  const results: ImageResult[] = [];
  const logins: LoginState[] = [];
  for (const item of plan!.items) {
    signal.throwIfAborted();
    core.info(`Image ${item.name}: ${item.repository.text}.`);
    const one: Inputs = {
      ...rest,
      repository: item.repository,
      build: item.build,
      sourceImage: item.sourceImage,
    };
    const outcome =
      one.sourceImage === undefined
        ? await buildMode(one, target, deps, logins)
        : await promoteMode(one, target, deps, budget);
    signal.throwIfAborted();
    results.push({ name: item.name, outcome, gate: await scanGate(one, target, outcome, deps, signal) });
  }
  return results;
}

/**
 * The action: authenticate, then build or promote, then the scan gate, outputs and the job summary. A cancel
 * aborts every AWS call at once (through `context.budget`) and each phase checks it: a cancelled run fails and
 * sets no outputs (a build already running is left to the runner, which ends it with the step).
 */
export async function run(
  inputs: Inputs,
  context: ActionContext,
  deps: RunDeps = defaultDeps,
): Promise<void> {
  const { signal, budget } = context;
  signal.throwIfAborted();
  const target = await core.group('Authenticate', () =>
    deps.connect({
      roleToAssume: inputs.roleToAssume,
      region: inputs.awsRegion,
      audience: inputs.audience,
      expectedAccount: manifestAccount(inputs.manifest?.environment, inputs.manifest?.accountId),
      budget,
    }),
  );
  signal.throwIfAborted();
  let results: ImageResult[];
  if (inputs.manifest !== undefined) {
    results = await manifestRun(inputs, target, deps, context);
    signal.throwIfAborted();
    setReleaseOutputs(results);
    await writeReleaseReport(inputs.manifest.environment, results);
  } else {
    const outcome =
      inputs.sourceImage === undefined
        ? await buildMode(inputs, target, deps)
        : await promoteMode(inputs, target, deps, budget);
    signal.throwIfAborted();
    const gate = await scanGate(inputs, target, outcome, deps, signal);
    signal.throwIfAborted();
    results = [{ name: inputs.repository.text, outcome, gate }];
    setOutputs(outcome);
    await writeReport(outcome, gate);
  }
  for (const { outcome } of results)
    core.info(`Image: ${outcome.repo.uri}@${outcome.digest} (${outcome.result}).`);
  const blocked = results.filter(({ gate }) => gate !== undefined && !gatePassed(gate));
  for (const { name, gate } of blocked) {
    for (const f of gate!.blocking)
      core.info(`  ${f.severity} ${f.name}${f.package === undefined ? '' : ` (${f.package})`}`);
    const which = inputs.manifest === undefined ? '' : ` of ${name}`;
    core.error(`The image scan${which} ${scanText(gate)}.`, { title: 'Image scan gate' });
  }
  if (blocked.length > 0) process.exitCode = core.ExitCode.Failure;
}
