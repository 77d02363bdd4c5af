import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The repository root. The bench runs from a temporary bundle, so the testkit's own root (found from the file's
 * location) would be wrong: bench/run.mjs defines it, and the bench's working directory is the root anyway.
 */
export function repoRoot(): string {
  return process.env.ECS_DELIVERY_BENCH_ROOT ?? process.cwd();
}

/** An action's folder (`actions/<name>`), for `runAction({ dir })`; its dist/ must be built. */
export function actionDir(name: string): string {
  const dir = join(repoRoot(), 'actions', name);
  if (!existsSync(join(dir, 'dist', 'index.js')))
    throw new Error(`actions/${name}/dist/index.js is missing: run npm run bundle first`);
  return dir;
}
