import { ecrRepositoryProvider } from './ecr';
import { ecsClusterProvider, ecsTaskDefinitionProvider } from './ecs';
import { ecsServiceProvider } from './ecs-service';
import { iamManagedPolicyProvider, iamPolicyProvider, iamRoleProvider } from './iam';
import { logGroupProvider } from './logs';
import { opaqueProviderFor } from './opaque';
import { s3BucketPolicyProvider, s3BucketProvider } from './s3';
import { ssmParameterProvider } from './ssm';
import type { ResourceProvider } from './types';

export type { ProvisionedResource, ResourceContext, ResourceProvider } from './types';
export { policyState } from './iam';

/** The providers of the resource types that become real objects in the simulator's models, by type name. */
const providers = new Map<string, ResourceProvider>([
  ['AWS::ECR::Repository', ecrRepositoryProvider],
  ['AWS::ECS::Cluster', ecsClusterProvider],
  ['AWS::ECS::TaskDefinition', ecsTaskDefinitionProvider],
  ['AWS::ECS::Service', ecsServiceProvider],
  ['AWS::Logs::LogGroup', logGroupProvider],
  ['AWS::SSM::Parameter', ssmParameterProvider],
  ['AWS::IAM::Role', iamRoleProvider],
  ['AWS::IAM::Policy', iamPolicyProvider],
  ['AWS::IAM::ManagedPolicy', iamManagedPolicyProvider],
  ['AWS::S3::Bucket', s3BucketProvider],
  ['AWS::S3::BucketPolicy', s3BucketPolicyProvider],
]);

/**
 * A type the simulator does not model (Lambda, Route 53…): created with a generated physical id, and any
 * attribute `Fn::GetAtt` asks for answers a generated value. EC2, load balancer and KMS types get ids of their
 * real form (see opaque.ts).
 */
export const opaqueProvider: ResourceProvider = opaqueProviderFor('');

/** The provider of a resource type: a modelled one, or an opaque one. */
export function providerFor(type: string): ResourceProvider {
  return providers.get(type) ?? opaqueProviderFor(type);
}

/** Whether the simulator models a type (its resources are real objects of its services). */
export function isModelled(type: string): boolean {
  return providers.has(type);
}
