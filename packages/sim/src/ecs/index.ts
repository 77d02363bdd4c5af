import type { SimModule } from '../core/simulator';
import { clusterActions } from './api-clusters';
import { containerInstanceActions, seedContainerInstances } from './api-container-instances';
import { advanceEcs } from './engine';
import { ecsPermissions } from './iam';
import { seedClusters, seedServices, seedTaskDefinitions } from './seed';
import { serviceDeploymentActions } from './api-service-deployments';
import { serviceActions } from './api-services';
import { tagActions } from './api-tags';
import { taskDefinitionActions } from './api-task-definitions';
import { taskActions } from './api-tasks';

export const ecsModule: SimModule = {
  name: 'ecs',
  install(sim) {
    sim.addService({
      name: 'ecs',
      protocol: 'json',
      targetPrefix: 'AmazonEC2ContainerServiceV20141113',
      jsonVersion: '1.1',
      actions: {
        ...clusterActions,
        ...containerInstanceActions,
        ...taskDefinitionActions,
        ...serviceActions,
        ...serviceDeploymentActions,
        ...taskActions,
        ...tagActions,
      },
      permissions: ecsPermissions,
    });
    sim.onAdvance((now) => advanceEcs(sim, now));
    // Registration order is seeding order: clusters and their instances, then definitions, then the services.
    sim.onSeed('clusters', seedClusters);
    sim.onSeed('containerInstances', seedContainerInstances);
    sim.onSeed('taskDefinitions', seedTaskDefinitions);
    sim.onSeed('services', seedServices);
  },
};
