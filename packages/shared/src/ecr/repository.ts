import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  type ECRClient,
  type Repository,
} from '@aws-sdk/client-ecr';
import * as core from '@actions/core';
import { batcherPer, createBatcher } from '../aws/batch';
import { awsErrorCode, callAws } from '../errors/aws-operation-error';
import { ConfigurationError } from '../errors/configuration-error';
import type { RepositoryRef } from './reference';
import type { TagMutability, TagSettings } from './tag-policy';

/** A repository as ECR describes it, with what the tag rules and the registry client need. */
export interface RepositoryInfo extends TagSettings {
  registryId: string;
  /** The repositoryUri ECR returned: `<registry host>/<path>`; image references are built on it. */
  uri: string;
  arn: string;
  scanOnPush: boolean;
  /** Created by this run (`create-repository`). */
  created: boolean;
}

const MUTABILITIES: readonly TagMutability[] = [
  'MUTABLE',
  'IMMUTABLE',
  'IMMUTABLE_WITH_EXCLUSION',
  'MUTABLE_WITH_EXCLUSION',
];

function toInfo(repo: Repository, created: boolean): RepositoryInfo {
  const mutability = MUTABILITIES.find((m) => m === repo.imageTagMutability) ?? 'MUTABLE';
  return {
    name: repo.repositoryName ?? '',
    registryId: repo.registryId ?? '',
    uri: repo.repositoryUri ?? '',
    arn: repo.repositoryArn ?? '',
    mutability,
    exclusions: (repo.imageTagMutabilityExclusionFilters ?? []).flatMap((f) =>
      f.filter === undefined ? [] : [f.filter],
    ),
    scanOnPush: repo.imageScanningConfiguration?.scanOnPush === true,
    created,
  };
}

const notARepository = (err: unknown): boolean => {
  const code = awsErrorCode(err);
  // A candidate name that is not a repository, or one ECR finds malformed: try the next one.
  return code === 'RepositoryNotFoundException' || code === 'InvalidParameterException';
};

async function describeNames(
  ecr: ECRClient,
  names: string[],
  registryId: string | undefined,
): Promise<Map<string, Repository>> {
  const out = await callAws('ecr:DescribeRepositories', () =>
    ecr.send(
      new DescribeRepositoriesCommand({
        repositoryNames: names,
        ...(registryId !== undefined ? { registryId } : {}),
      }),
    ),
  );
  return new Map(
    (out.repositories ?? []).flatMap((r) => (r.repositoryName === undefined ? [] : [[r.repositoryName, r]])),
  );
}

/**
 * DescribeRepositories of many names at once (100 a call, its most). ECR fails the whole call when one name is
 * not a repository: that batch is then asked name by name.
 */
const repositories = batcherPer<ECRClient, Repository>((ecr, registry) => {
  const registryId = registry === '' ? undefined : registry;
  return createBatcher(async (names) => {
    try {
      return await describeNames(ecr, names, registryId);
    } catch (err) {
      if (!notARepository(err)) throw err;
      if (names.length === 1) return new Map();
    }
    const one = await Promise.all(
      names.map((name) =>
        describeNames(ecr, [name], registryId).catch((err: unknown) => {
          if (notARepository(err)) return new Map<string, Repository>();
          throw err;
        }),
      ),
    );
    return new Map(one.flatMap((m) => [...m]));
  }, 100);
});

function describe(
  ecr: ECRClient,
  name: string,
  registryId: string | undefined,
): Promise<Repository | undefined> {
  return repositories(ecr, registryId ?? '').get(name);
}

export interface ResolveRepositoryOptions {
  /** The input the reference came from, named in errors. */
  input: string;
  /**
   * Create a missing repository (IMMUTABLE, scan on push); only a repository given by name. `false` says
   * in the error how to ask for it; leave it out where creating makes no sense (a promotion's source).
   */
  create?: boolean | undefined;
}

/**
 * Finds the repository a user named (by name or repositoryUri) with DescribeRepositories. A URI must match
 * the repositoryUri ECR returns. A missing repository is created when `create` is set — IMMUTABLE, with scan
 * on push — and is otherwise a ConfigurationError naming the input.
 */
export async function resolveRepository(
  ecr: ECRClient,
  ref: RepositoryRef,
  options: ResolveRepositoryOptions,
): Promise<RepositoryInfo> {
  for (const name of ref.names) {
    const repo = await describe(ecr, name, ref.registryId);
    if (repo === undefined) continue;
    if (ref.uri === undefined || repo.repositoryUri === ref.uri) return toInfo(repo, false);
  }
  const name = ref.names[ref.names.length - 1] ?? ref.text;
  if (options.create === true && ref.uri === undefined) {
    const out = await callAws('ecr:CreateRepository', () =>
      ecr.send(
        new CreateRepositoryCommand({
          repositoryName: name,
          imageTagMutability: 'IMMUTABLE',
          imageScanningConfiguration: { scanOnPush: true },
        }),
      ),
    );
    if (out.repository === undefined) throw new Error(`CreateRepository returned no repository for ${name}.`);
    core.info(`Created repository ${name} (IMMUTABLE tags, scan on push).`);
    return toInfo(out.repository, true);
  }
  const where = ref.registryId === undefined ? '' : ` in registry ${ref.registryId}`;
  const hint =
    options.create === undefined || ref.uri !== undefined
      ? ''
      : options.create
        ? ' (create-repository only creates a repository given by name)'
        : ' (set create-repository: true to create it)';
  throw new ConfigurationError(
    `Input "${options.input}" names repository ${JSON.stringify(ref.text)}, which does not exist${where}${hint}.`,
    { input: options.input },
  );
}

/** A repository's settings in one line, for logs and summaries. */
export function describeTagSettings(repo: TagSettings): string {
  return repo.exclusions.length === 0
    ? repo.mutability
    : `${repo.mutability} (${repo.exclusions.join(', ')})`;
}
