import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@ecs-delivery/testkit';

/** This repository as a release commit holds it (its workflows, each action's action.yml and dist/), under root/lib. */
export function releaseCopy(root: string): string {
  const lib = join(root, 'lib');
  cpSync(join(REPO_ROOT, '.github'), join(lib, '.github'), { recursive: true });
  for (const name of readdirSync(join(REPO_ROOT, 'actions'))) {
    for (const part of ['action.yml', 'dist']) {
      cpSync(join(REPO_ROOT, 'actions', name, part), join(lib, 'actions', name, part), { recursive: true });
    }
  }
  return lib;
}
