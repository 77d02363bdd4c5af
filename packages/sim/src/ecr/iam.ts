import type { PermissionCheck } from '../core/authorization';
import type { CallContext, Simulator } from '../core/simulator';
import { findRepository } from './store';

/**
 * ECR's IAM table, after the Service Authorization Reference ("Actions, resources, and condition keys for Amazon
 * Elastic Container Registry"): every call on a repository is authorized on
 * `arn:aws:ecr:REGION:REGISTRY:repository/NAME` (the registry is `registryId`, else the caller's account), under
 * the IAM action of the call's own name; GetAuthorizationToken has no resource-level permissions (`*`);
 * DescribeRepositories without names is authorized on `repository/*`; the tag calls on the ARN they name.
 * A repository of another account also needs its repository policy to allow the caller.
 *
 * The registry API (docker, podman, skopeo with the GetAuthorizationToken password) is authorized as the principal
 * that asked for the token: a manifest read is `ecr:BatchGetImage`, a blob read `ecr:GetDownloadUrlForLayer`, a
 * blob HEAD `ecr:BatchCheckLayerAvailability`, an upload `ecr:InitiateLayerUpload` / `ecr:UploadLayerPart` /
 * `ecr:CompleteLayerUpload`, a manifest put `ecr:PutImage`, a manifest delete `ecr:BatchDeleteImage`, a tag list
 * `ecr:ListImages`.
 */

type Input = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A permission on a repository, with its policy for callers of another account. */
export function onRepository(
  sim: Simulator,
  action: string,
  account: string,
  region: string,
  name: string,
): PermissionCheck {
  const policy = findRepository(sim, account, region, name)?.policy;
  return {
    action: `ecr:${action}`,
    resource: `arn:aws:ecr:${region}:${account}:repository/${name}`,
    ...(policy !== undefined ? { resourcePolicy: policy } : {}),
  };
}

/** The permissions an ECR call needs. */
export function ecrPermissions(ctx: CallContext, input: Input): PermissionCheck[] | undefined {
  const registry = str(input['registryId']) ?? ctx.account;
  const repository = (name: string): PermissionCheck =>
    onRepository(ctx.sim, ctx.action, registry, ctx.region, name);
  switch (ctx.action) {
    case 'GetAuthorizationToken':
      return [{ action: 'ecr:GetAuthorizationToken', resource: '*' }];
    case 'DescribeRepositories': {
      const names = input['repositoryNames'];
      if (Array.isArray(names)) return names.map((n) => repository(String(n)));
      return [
        {
          action: 'ecr:DescribeRepositories',
          resource: `arn:aws:ecr:${ctx.region}:${registry}:repository/*`,
        },
      ];
    }
    case 'TagResource':
    case 'UntagResource':
    case 'ListTagsForResource':
      return [{ action: `ecr:${ctx.action}`, resource: str(input['resourceArn']) ?? '*' }];
    default: {
      const name = str(input['repositoryName']);
      return name !== undefined ? [repository(name)] : undefined;
    }
  }
}
