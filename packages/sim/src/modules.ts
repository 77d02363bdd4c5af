import { scenarioModule } from './core/scenario-seed';
import type { SimModule } from './core/simulator';
import { cloudformationModule } from './cloudformation';
import { cloudtrailModule } from './cloudtrail';
import { ecrModule } from './ecr';
import { ecsModule } from './ecs';
import { frontModule } from './front';
import { githubModule } from './github';
import { logsModule } from './logs';
import { s3Module } from './s3';
import { secretsManagerModule } from './secretsmanager';
import { ssmModule } from './ssm';
import { stsModule } from './sts';

/**
 * Install order matters for seeding: identities, then registries, then logs and configuration (SSM, Secrets
 * Manager, S3), then ECS which uses them all, then CloudFormation, which creates objects in all of them; scenario
 * rules last, so they apply to what comes after the seed.
 */
export const modules: SimModule[] = [
  githubModule,
  stsModule,
  ecrModule,
  logsModule,
  ssmModule,
  secretsManagerModule,
  s3Module,
  ecsModule,
  frontModule,
  cloudtrailModule,
  cloudformationModule,
  scenarioModule,
];
