import type { SimModule } from '../core/simulator';
import { clusterActions } from './api-clusters';
import { advanceEcs } from './engine';
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
        ...taskDefinitionActions,
        ...serviceActions,
        ...serviceDeploymentActions,
        ...taskActions,
        ...tagActions,
      },
    });
    sim.onAdvance((now) => advanceEcs(sim, now));
    // Registration order is seeding order: clusters, then definitions, then the services that use both.
    sim.onSeed('clusters', seedClusters);
    sim.onSeed('taskDefinitions', seedTaskDefinitions);
    sim.onSeed('services', seedServices);
  },
};
