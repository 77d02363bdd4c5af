import type { Json } from '../../core/request';
import { checkRepositoryPolicy } from '../../ecr/api-policy';
import { createRepository, validateMutability } from '../../ecr/api-repositories';
import { findRepository, type Repository, repositoryArn } from '../../ecr/store';
import {
  alreadyExists,
  bool,
  callApi,
  changed,
  deleting,
  generatedName,
  guarded,
  handlerError,
  str,
  tagList,
} from './support';
import type { ProvisionedResource, ResourceContext, ResourceProvider } from './types';

const TYPE = 'AWS::ECR::Repository';

function exclusionsOf(props: Json): unknown {
  const list = props['ImageTagMutabilityExclusionFilters'];
  if (!Array.isArray(list)) return undefined;
  return list.map((f) => {
    const filter = (typeof f === 'object' && f !== null ? f : {}) as Json;
    return {
      filterType: filter['ImageTagMutabilityExclusionFilterType'],
      filter: filter['ImageTagMutabilityExclusionFilterValue'],
    };
  });
}

function scanOnPush(props: Json): boolean {
  const scanning = props['ImageScanningConfiguration'] as Json | undefined;
  return bool(scanning?.['ScanOnPush']) === true;
}

/** A lifecycle policy must at least be JSON with rules, as PutLifecyclePolicy checks (the simulator keeps none). */
function checkLifecyclePolicy(props: Json): void {
  const text = str((props['LifecyclePolicy'] as Json | undefined)?.['LifecyclePolicyText']);
  if (text === undefined) return;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as Json)['rules'])) {
    throw handlerError(
      "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure'",
      'InvalidRequest',
    );
  }
}

/** `RepositoryPolicyText` checked as SetRepositoryPolicy checks it; undefined when the repository has none. */
function policyOf(props: Json): string | undefined {
  const text = props['RepositoryPolicyText'];
  return text === undefined ? undefined : guarded(() => checkRepositoryPolicy(text));
}

function applyPolicy(repo: Repository, policy: string | undefined): void {
  if (policy === undefined) delete repo.policy;
  else repo.policy = policy;
}

function provisioned(ctx: ResourceContext, repo: Repository): ProvisionedResource {
  // The URI as ECR's API answers it: the simulator's registry host once it listens.
  const host = ctx.sim.url !== '' ? ctx.sim.host : `${repo.account}.dkr.ecr.${repo.region}.amazonaws.com`;
  const uri =
    ctx.sim.url !== '' ? `${host}/${repo.account}/${repo.region}/${repo.name}` : `${host}/${repo.name}`;
  return { physicalId: repo.name, attributes: { Arn: repositoryArn(repo), RepositoryUri: uri } };
}

function repositoryOf(ctx: ResourceContext, name: string): Repository {
  const repo = findRepository(ctx.sim, ctx.account, ctx.region, name);
  if (!repo) {
    throw handlerError(
      `The repository with name '${name}' does not exist in the registry with id '${ctx.account}'`,
      'NotFound',
    );
  }
  return repo;
}

/** AWS::ECR::Repository: Ref is the name; Arn and RepositoryUri. */
export const ecrRepositoryProvider: ResourceProvider = {
  create(ctx, props) {
    const name = str(props['RepositoryName']) ?? generatedName(ctx, 256, true);
    checkLifecyclePolicy(props);
    const policy = policyOf(props);
    if (findRepository(ctx.sim, ctx.account, ctx.region, name)) throw alreadyExists(TYPE, name);
    const repo = guarded(() => {
      const { mutability, exclusions } = validateMutability(props['ImageTagMutability'], exclusionsOf(props));
      return createRepository(ctx.sim, {
        account: ctx.account,
        region: ctx.region,
        name,
        mutability,
        exclusions,
        scanOnPush: scanOnPush(props),
        tags: (tagList(props['Tags'], 'Key', 'Value') ?? []) as { Key: string; Value: string }[],
      });
    });
    applyPolicy(repo, policy);
    return provisioned(ctx, repo);
  },

  needsReplacement: (before, after) => changed(before, after, ['RepositoryName', 'EncryptionConfiguration']),

  update(ctx, current, before, after) {
    const repo = repositoryOf(ctx, current.physicalId);
    checkLifecyclePolicy(after);
    const policy = policyOf(after);
    if (changed(before, after, ['ImageTagMutability', 'ImageTagMutabilityExclusionFilters'])) {
      const { mutability, exclusions } = guarded(() =>
        validateMutability(after['ImageTagMutability'], exclusionsOf(after)),
      );
      repo.mutability = mutability;
      repo.exclusions = exclusions;
    }
    repo.scanOnPush = scanOnPush(after);
    repo.resourceTags = (tagList(after['Tags'], 'Key', 'Value') ?? []) as { Key: string; Value: string }[];
    applyPolicy(repo, policy);
    return provisioned(ctx, repo);
  },

  delete(ctx, current, props) {
    deleting(() =>
      callApi(ctx, 'ecr', 'DeleteRepository', {
        repositoryName: current.physicalId,
        ...(bool(props['EmptyOnDelete']) === true ? { force: true } : {}),
      }),
    );
  },
};
