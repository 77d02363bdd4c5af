import type { SimModule } from '../core/simulator';
import { clusterActions } from './clusters';
import { advanceEcs } from './engine';
import { seedClusters, seedServices, seedTaskDefinitions } from './seed';
import { serviceDeploymentActions } from './service-deployments';
import { serviceActions } from './services';
import { tagActions } from './tags';
import { taskDefinitionActions } from './task-definitions';
import { taskActions } from './tasks';

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
