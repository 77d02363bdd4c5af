import type { Simulator } from '../../core/simulator';

/** Where a resource of a stack is being created, updated or deleted. */
export interface ResourceContext {
  sim: Simulator;
  account: string;
  region: string;
  stackName: string;
  stackId: string;
  logicalId: string;
  /** Simulator time, epoch ms. */
  now: number;
}

/** What a resource became: the id `Ref` answers and the values `Fn::GetAtt` reads. */
export interface ProvisionedResource {
  /** The PhysicalResourceId, which is also what `Ref` answers for every type we model. */
  physicalId: string;
  /** Attribute name (`Arn`, `RepositoryUri`, `GroupId`…) → value, for `Fn::GetAtt`. */
  attributes: Record<string, unknown>;
}

/**
 * How CloudFormation creates, updates and deletes one resource type. Properties are fully resolved (no intrinsic
 * functions left; `AWS::NoValue` removed). A failure throws an Error whose message is the resource's status
 * reason as CloudFormation shows it (`Resource handler returned message: "…"`).
 */
export interface ResourceProvider {
  create(ctx: ResourceContext, properties: Record<string, unknown>): ProvisionedResource;
  /**
   * Whether changing `before` into `after` needs a replacement (a create-only property changed): CloudFormation
   * then creates the new resource, points references at it, and deletes the old one at clean-up.
   */
  needsReplacement(before: Record<string, unknown>, after: Record<string, unknown>): boolean;
  /** An in-place update; answers the (possibly same) physical id and the attributes after the update. */
  update(
    ctx: ResourceContext,
    current: ProvisionedResource,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): ProvisionedResource;
  delete(ctx: ResourceContext, current: ProvisionedResource, properties: Record<string, unknown>): void;
  /**
   * After a create or an update, whether the resource is ready (CloudFormation waits for an ECS service's
   * deployment to complete): true when it is, false to ask again later, or the failure reason as the resource's
   * status shows it. A provider without it is ready at once.
   */
  stabilize?(ctx: ResourceContext, current: ProvisionedResource): boolean | string;
}
