import { randomBytes } from 'node:crypto';
import type { ProvisionedResource, ResourceContext, ResourceProvider } from './types';

export type { ProvisionedResource, ResourceContext, ResourceProvider } from './types';

/** The providers of the resource types that become real objects in the simulator's models, by type name. */
const providers = new Map<string, ResourceProvider>();

/**
 * A type the simulator does not model (EC2, KMS, Lambda…): created with a generated physical id, and any
 * attribute `Fn::GetAtt` asks for answers a generated value.
 */
export const opaqueProvider: ResourceProvider = {
  create(ctx: ResourceContext): ProvisionedResource {
    return {
      physicalId: `${ctx.stackName}-${ctx.logicalId}-${randomBytes(6).toString('hex').toUpperCase()}`,
      attributes: {},
    };
  },
  needsReplacement: () => false,
  update: (_ctx, current) => current,
  delete: () => undefined,
};

/** The provider of a resource type: a modelled one, or the opaque one. */
export function providerFor(type: string): ResourceProvider {
  return providers.get(type) ?? opaqueProvider;
}
