import { scenarioModule } from './core/scenario-seed';
import type { SimModule } from './core/simulator';
import { ecrModule } from './ecr';
import { ecsModule } from './ecs';
import { frontModule } from './front';
import { githubModule } from './github';
import { logsModule } from './logs';
import { secretsManagerModule } from './secretsmanager';
import { ssmModule } from './ssm';
import { stsModule } from './sts';

/**
 * Install order matters for seeding: identities, then registries, then logs and configuration (SSM, Secrets
 * Manager), then ECS which uses them all; scenario rules last, so they apply to what comes after the seed.
 */
export const modules: SimModule[] = [
  githubModule,
  stsModule,
  ecrModule,
  logsModule,
  ssmModule,
  secretsManagerModule,
  ecsModule,
  frontModule,
  scenarioModule,
];
