import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ConfigurationError } from '../errors/configuration-error';

/** A path an input names, as the runner means it: relative to GITHUB_WORKSPACE (else the working directory). */
export function workspacePath(path: string): string {
  return resolve(process.env['GITHUB_WORKSPACE'] ?? process.cwd(), path);
}

/** The real path of `path`, symlinks resolved, for as much of it as exists (the rest appended as written). */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}

/**
 * A file or folder an input names, resolved like {@link workspacePath}, that must lie inside the workspace
 * (GITHUB_WORKSPACE, else the working directory) or the runner's temporary folder (RUNNER_TEMP, where earlier
 * steps leave files) once `..` and symlinks are followed: an input cannot make an action read anything else on
 * the runner. The error shows the path, never the content.
 *
 * @throws ConfigurationError naming `input` when the path leads outside both.
 */
export function workspaceFile(path: string, input: string): string {
  const full = workspacePath(path);
  const workspace = process.env['GITHUB_WORKSPACE'] ?? process.cwd();
  const temp = process.env['RUNNER_TEMP'];
  const roots = [workspace, ...(temp !== undefined && temp !== '' ? [temp] : [])].map(realPath);
  const real = realPath(full);
  if (roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : `${root}${sep}`))) {
    return full;
  }
  const shown = real === full ? full : `${full} (${real} once links are followed)`;
  throw new ConfigurationError(
    `Input "${input}" names ${shown}, which is outside the workspace (${workspace})${temp ? ` and RUNNER_TEMP (${temp})` : ''}: an action reads only the repository's files and what earlier steps left in RUNNER_TEMP.`,
    { input },
  );
}
