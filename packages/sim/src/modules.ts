import type { SimModule } from './core/simulator';
import { ecrModule } from './ecr';
import { ecsModule } from './ecs';
import { githubModule } from './github';
import { logsModule } from './logs';
import { stsModule } from './sts';

/** Install order matters for seeding: identities, then registries, then logs, then ECS which uses them all. */
export const modules: SimModule[] = [githubModule, stsModule, ecrModule, logsModule, ecsModule];
