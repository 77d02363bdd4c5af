import { AwsError } from '../core/errors';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/identity';
import { seedEntries } from '../core/seed-entries';
import type { Simulator } from '../core/simulator';
import { checkRepositoryPolicy } from './api-policy';
import { createRepository, validateMutability } from './api-repositories';
import { findRepository } from './store';

/** One entry of the seed document's `repositories` list. */
export interface RepositorySeed {
  name: string;
  account?: string;
  region?: string;
  imageTagMutability?: string;
  /** Wildcard tag filters for the `*_WITH_EXCLUSION` mutabilities: strings or `{filterType, filter}` objects. */
  exclusions?: (string | { filterType: string; filter: string })[];
  scanOnPush?: boolean;
  /** The repository policy (a document or its JSON text), for principals of other accounts. */
  policy?: unknown;
}

export function seedRepositories(data: unknown, sim: Simulator): void {
  seedEntries('repositories', data, (entry) => {
    if (typeof entry !== 'object' || entry === null || typeof (entry as RepositorySeed).name !== 'string') {
      throw new AwsError('ValidationException', 'a repository needs a string "name"');
    }
    const seed = entry as RepositorySeed;
    const account = seed.account ?? DEFAULT_ACCOUNT;
    const region = seed.region ?? DEFAULT_REGION;
    const filters = seed.exclusions?.map((f) =>
      typeof f === 'string' ? { filterType: 'WILDCARD', filter: f } : f,
    );
    const { mutability, exclusions } = validateMutability(seed.imageTagMutability, filters);
    const policy = seed.policy === undefined ? undefined : checkRepositoryPolicy(seed.policy);
    const existing = findRepository(sim, account, region, seed.name);
    if (existing) {
      // Seeding twice updates the settings rather than failing, so a seed file can be re-applied.
      existing.mutability = mutability;
      existing.exclusions = exclusions;
      existing.scanOnPush = seed.scanOnPush ?? existing.scanOnPush;
      if (policy !== undefined) existing.policy = policy;
      return;
    }
    const repo = createRepository(sim, {
      account,
      region,
      name: seed.name,
      mutability,
      exclusions,
      scanOnPush: seed.scanOnPush ?? false,
    });
    if (policy !== undefined) repo.policy = policy;
  });
}
