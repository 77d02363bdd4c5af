import { AwsError } from '../core/errors';
import { Input, validationErrors } from '../core/request';
import type { ActionHandler } from '../core/simulator';
import { repositoryOf } from './request';
import type { Repository } from './store';

/**
 * Repository policies: the resource-based policy of a repository, which lets principals of other accounts use it
 * (a role of another account needs both its own identity policy and the repository policy to allow a call).
 */

const INVALID_POLICY = new AwsError(
  'InvalidParameterException',
  "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'",
);

/**
 * A repository policy as ECR takes it (an object or its JSON text): a policy document whose every statement has
 * an Effect, a Principal and an Action. Answers the JSON text stored.
 */
export function checkRepositoryPolicy(policy: unknown): string {
  let doc = policy;
  if (typeof policy === 'string') {
    try {
      doc = JSON.parse(policy);
    } catch {
      throw INVALID_POLICY;
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw INVALID_POLICY;
  const statement = (doc as Record<string, unknown>)['Statement'];
  const list = Array.isArray(statement) ? (statement as unknown[]) : [statement];
  const valid = list.every((s) => {
    if (typeof s !== 'object' || s === null) return false;
    const st = s as Record<string, unknown>;
    return (
      (st['Effect'] === 'Allow' || st['Effect'] === 'Deny') &&
      (st['Principal'] !== undefined || st['NotPrincipal'] !== undefined) &&
      (st['Action'] !== undefined || st['NotAction'] !== undefined)
    );
  });
  if (statement === undefined || !valid) throw INVALID_POLICY;
  return typeof policy === 'string' ? policy : JSON.stringify(policy);
}

function policyNotFound(repo: Repository): AwsError {
  return new AwsError(
    'RepositoryPolicyNotFoundException',
    `Repository policy does not exist for the repository with name '${repo.name}' in the registry with id '${repo.account}'`,
  );
}

export const policyActions: Record<string, ActionHandler> = {
  SetRepositoryPolicy(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    repo.policy = checkRepositoryPolicy(input.required('policyText'));
    return { registryId: repo.account, repositoryName: repo.name, policyText: repo.policy };
  },

  GetRepositoryPolicy(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    if (repo.policy === undefined) throw policyNotFound(repo);
    return { registryId: repo.account, repositoryName: repo.name, policyText: repo.policy };
  },

  DeleteRepositoryPolicy(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const policyText = repo.policy;
    if (policyText === undefined) throw policyNotFound(repo);
    delete repo.policy;
    return { registryId: repo.account, repositoryName: repo.name, policyText };
  },
};
