import { resolve } from 'node:path';

/** A path an input names, as the runner means it: relative to GITHUB_WORKSPACE (else the working directory). */
export function workspacePath(path: string): string {
  return resolve(process.env['GITHUB_WORKSPACE'] ?? process.cwd(), path);
}
