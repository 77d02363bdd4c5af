import type { SimModule } from '../core/simulator';
import { imageActions } from './api-images';
import { ecrPermissions } from './iam';
import { layerActions } from './api-layers';
import { policyActions } from './api-policy';
import { repositoryActions } from './api-repositories';
import { scanActions } from './api-scan';
import { registryRoute } from './registry';
import { seedRepositories } from './seed';
import { seedImages } from './seed-images';

/** ECR: the awsJson1_1 API and, on the same port, the OCI distribution registry it stands behind. */
export const ecrModule: SimModule = {
  name: 'ecr',
  install(sim) {
    sim.addService({
      name: 'ecr',
      protocol: 'json',
      targetPrefix: 'AmazonEC2ContainerRegistry_V20150921',
      jsonVersion: '1.1',
      actions: { ...repositoryActions, ...policyActions, ...imageActions, ...layerActions, ...scanActions },
      permissions: ecrPermissions,
    });
    sim.addRoute(registryRoute(sim));
    sim.onSeed('repositories', seedRepositories);
    sim.onSeed('images', seedImages);
  },
};

export { lookupImage, type EcrImage, type ImageLookup } from './lookup';
export { pushImage, type PushImageOptions, type PushedImage } from './push-image';
export { LABEL_KEY, type ImageSeed, type SeededImage } from './seed-images';
