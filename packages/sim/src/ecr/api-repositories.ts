import { randomBytes } from 'node:crypto';
import { AwsError } from '../core/errors';
import type { ActionHandler, Simulator } from '../core/simulator';
import { Input, validationError, validationErrors } from '../core/request';
import { paginate, registryOf, repositoryOf } from './request';
import {
  collectGarbage,
  ecrState,
  type ExclusionFilter,
  findRepository,
  repoKey,
  type Repository,
  repositoryArn,
  repositoryNotFound,
  repositoryUri,
  requireRepository,
  sha256,
  TAG_MUTABILITIES,
  type TagMutability,
} from './store';

const NAME_PATTERN = '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*';
const NAME_RE = new RegExp(`^${NAME_PATTERN}$`);
const FILTER_RE = /^[0-9a-zA-Z._*-]{1,128}$/;
/** GetAuthorizationToken's tokens are valid for 12 hours. */
const TOKEN_TTL_MS = 12 * 3600 * 1000;

export function validateRepositoryName(name: string): void {
  if (name.length < 2 || name.length > 256) {
    throw validationError(
      'repositoryName',
      `Member must have length ${name.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 256'}`,
      name,
    );
  }
  if (!NAME_RE.test(name)) {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${NAME_PATTERN}''`,
    );
  }
}

export function validateMutability(
  mutability: unknown,
  filters: unknown,
): { mutability: TagMutability; exclusions: ExclusionFilter[] } {
  const m = mutability ?? 'MUTABLE';
  if (typeof m !== 'string' || !TAG_MUTABILITIES.includes(m as TagMutability)) {
    throw validationError(
      'imageTagMutability',
      `Member must satisfy enum value set: [${TAG_MUTABILITIES.join(', ')}]`,
      m,
    );
  }
  const withExclusion = m.endsWith('_WITH_EXCLUSION');
  if (filters === undefined || filters === null) {
    if (withExclusion) {
      throw new AwsError(
        'InvalidParameterException',
        `Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'imageTagMutabilityExclusionFilters must be specified when imageTagMutability is ${m}'`,
      );
    }
    return { mutability: m as TagMutability, exclusions: [] };
  }
  if (!Array.isArray(filters))
    throw validationError('imageTagMutabilityExclusionFilters', 'Member must be a list', filters);
  if (!withExclusion) {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'imageTagMutabilityExclusionFilters can only be specified when imageTagMutability is IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION'`,
    );
  }
  if (filters.length < 1 || filters.length > 5) {
    throw validationError(
      'imageTagMutabilityExclusionFilters',
      'Member must have length less than or equal to 5 and greater than or equal to 1',
      `[${filters.length} filters]`,
    );
  }
  const exclusions = filters.map((f: unknown, i): ExclusionFilter => {
    const { filterType, filter } = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    if (filterType !== 'WILDCARD') {
      throw validationError(
        `imageTagMutabilityExclusionFilters.${i + 1}.member.filterType`,
        'Member must satisfy enum value set: [WILDCARD]',
        filterType,
      );
    }
    if (typeof filter !== 'string' || !FILTER_RE.test(filter)) {
      throw validationError(
        `imageTagMutabilityExclusionFilters.${i + 1}.member.filter`,
        'Member must satisfy regular expression pattern: ^[0-9a-zA-Z._*-]{1,128}',
        filter,
      );
    }
    return { filterType, filter };
  });
  return { mutability: m as TagMutability, exclusions };
}

function resourceTags(value: unknown): { Key: string; Value: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw validationError('tags', 'Member must be a list', value);
  return value.map((t: unknown) => {
    const { Key, Value } = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
    if (typeof Key !== 'string' || Key.length === 0 || Key.length > 128) {
      throw new AwsError(
        'InvalidTagParameterException',
        'Invalid parameter: each tag needs a Key of 1 to 128 characters',
      );
    }
    return { Key, Value: typeof Value === 'string' ? Value : '' };
  });
}

export interface NewRepository {
  account: string;
  region: string;
  name: string;
  mutability?: TagMutability;
  exclusions?: ExclusionFilter[];
  scanOnPush?: boolean;
  tags?: { Key: string; Value: string }[];
}

export function createRepository(sim: Simulator, spec: NewRepository): Repository {
  validateRepositoryName(spec.name);
  const state = ecrState(sim);
  const key = repoKey(spec.account, spec.region, spec.name);
  if (state.repositories.has(key)) {
    throw new AwsError(
      'RepositoryAlreadyExistsException',
      `The repository with name '${spec.name}' already exists in the registry with id '${spec.account}'`,
    );
  }
  const repo: Repository = {
    account: spec.account,
    region: spec.region,
    name: spec.name,
    createdAt: sim.clock.now(),
    mutability: spec.mutability ?? 'MUTABLE',
    exclusions: spec.exclusions ?? [],
    scanOnPush: spec.scanOnPush ?? false,
    resourceTags: spec.tags ?? [],
    blobs: new Set(),
    images: new Map(),
    tags: new Map(),
  };
  state.repositories.set(key, repo);
  return repo;
}

export function describeRepository(sim: Simulator, repo: Repository): Record<string, unknown> {
  return {
    repositoryArn: repositoryArn(repo),
    registryId: repo.account,
    repositoryName: repo.name,
    repositoryUri: repositoryUri(sim, repo),
    createdAt: new Date(repo.createdAt),
    imageTagMutability: repo.mutability,
    ...(repo.exclusions.length > 0 ? { imageTagMutabilityExclusionFilters: repo.exclusions } : {}),
    imageScanningConfiguration: { scanOnPush: repo.scanOnPush },
    encryptionConfiguration: { encryptionType: 'AES256' },
  };
}

function repositoryByArn(sim: Simulator, arn: string): Repository {
  const m = /^arn:aws:ecr:([a-z0-9-]+):(\d{12}):repository\/(.+)$/.exec(arn);
  if (!m)
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'`,
    );
  const repo = findRepository(sim, m[2]!, m[1]!, m[3]!);
  if (!repo) throw repositoryNotFound(m[2]!, m[3]!);
  return repo;
}

export const repositoryActions: Record<string, ActionHandler> = {
  CreateRepository(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const name = input.required('repositoryName');
    const { mutability, exclusions } = validateMutability(
      input.raw.imageTagMutability,
      input.raw.imageTagMutabilityExclusionFilters,
    );
    const scanning = input.raw.imageScanningConfiguration as { scanOnPush?: unknown } | undefined;
    const repo = createRepository(ctx.sim, {
      account: registryOf(ctx, input),
      region: ctx.region,
      name,
      mutability,
      exclusions,
      scanOnPush: scanning?.scanOnPush === true,
      tags: resourceTags(input.raw.tags),
    });
    return { repository: describeRepository(ctx.sim, repo) };
  },

  DescribeRepositories(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const account = registryOf(ctx, input);
    const names = input.raw.repositoryNames;
    let repos: Repository[];
    if (Array.isArray(names)) {
      repos = names.map((n: unknown) => requireRepository(ctx.sim, account, ctx.region, String(n)));
    } else {
      repos = [...ecrState(ctx.sim).repositories.values()].filter(
        (r) => r.account === account && r.region === ctx.region,
      );
    }
    const { page, nextToken } = paginate(repos, input);
    return {
      repositories: page.map((r) => describeRepository(ctx.sim, r)),
      ...(nextToken ? { nextToken } : {}),
    };
  },

  DeleteRepository(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const account = registryOf(ctx, input);
    const name = input.required('repositoryName');
    const repo = requireRepository(ctx.sim, account, ctx.region, name);
    if (repo.images.size > 0 && input.raw.force !== true) {
      throw new AwsError(
        'RepositoryNotEmptyException',
        `The repository with name '${name}' in registry with id '${account}' cannot be deleted because it still contains images`,
      );
    }
    const state = ecrState(ctx.sim);
    state.repositories.delete(repoKey(account, ctx.region, name));
    collectGarbage(state);
    return { repository: describeRepository(ctx.sim, repo) };
  },

  PutImageTagMutability(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const { mutability, exclusions } = validateMutability(
      input.raw.imageTagMutability,
      input.raw.imageTagMutabilityExclusionFilters,
    );
    repo.mutability = mutability;
    repo.exclusions = exclusions;
    return {
      registryId: repo.account,
      repositoryName: repo.name,
      imageTagMutability: mutability,
      ...(exclusions.length > 0 ? { imageTagMutabilityExclusionFilters: exclusions } : {}),
    };
  },

  PutImageScanningConfiguration(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const scanning = input.raw.imageScanningConfiguration as { scanOnPush?: unknown } | undefined;
    repo.scanOnPush = scanning?.scanOnPush === true;
    return {
      registryId: repo.account,
      repositoryName: repo.name,
      imageScanningConfiguration: { scanOnPush: repo.scanOnPush },
    };
  },

  GetAuthorizationToken(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const registryIds = Array.isArray(input.raw.registryIds)
      ? input.raw.registryIds.map(String)
      : [ctx.account];
    const tokens = ecrState(ctx.sim).tokens;
    const expiresAt = ctx.now + TOKEN_TTL_MS;
    for (const [password, token] of tokens) if (token.expiresAt <= ctx.now) tokens.delete(password);
    return {
      authorizationData: registryIds.map((account) => {
        // An opaque password, as ECR's is; the registry looks it up to authenticate `AWS:<password>`.
        const password = randomBytes(48).toString('base64url');
        // Kept by hash only, so /_sim/state never shows a usable password.
        tokens.set(sha256(password), {
          ...(ctx.principal ? { principal: ctx.principal } : {}),
          account,
          region: ctx.region,
          expiresAt,
        });
        const authorizationToken = Buffer.from(`AWS:${password}`).toString('base64');
        // …but listed by GET /_sim/secrets, so tests can prove it was never printed.
        ctx.sim.secrets.record('ecr:password', password);
        ctx.sim.secrets.record('ecr:authorizationToken', authorizationToken);
        return {
          authorizationToken,
          expiresAt: new Date(expiresAt),
          proxyEndpoint: ctx.sim.url,
        };
      }),
    };
  },

  TagResource(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryByArn(ctx.sim, input.required('resourceArn'));
    for (const tag of resourceTags(input.raw.tags)) {
      repo.resourceTags = [...repo.resourceTags.filter((t) => t.Key !== tag.Key), tag];
    }
    return {};
  },

  UntagResource(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryByArn(ctx.sim, input.required('resourceArn'));
    const keys = Array.isArray(input.raw.tagKeys) ? input.raw.tagKeys.map(String) : [];
    repo.resourceTags = repo.resourceTags.filter((t) => !keys.includes(t.Key));
    return {};
  },

  ListTagsForResource(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryByArn(ctx.sim, input.required('resourceArn'));
    return { tags: repo.resourceTags };
  },
};
