import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** The absolute path of the executable `name` on `path` (default `PATH`), as a shell would find it. */
export function findOnPath(name: string, path = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Whether a missing tool fails the suite (`CI=true`, where the tools must have been installed) or skips it. */
export function missingToolsFail(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['CI'] === 'true';
}

/**
 * A conformance suite that needs third-party tools: `body` gets their paths, found on PATH. When one is
 * missing, the suite is skipped with a warning on a developer's machine, but fails under `CI=true`: a CI run
 * must not pass by testing nothing.
 */
export function describeWithTools(
  title: string,
  names: readonly string[],
  body: (paths: Readonly<Record<string, string>>) => void,
): void {
  const found = Object.fromEntries(names.map((name) => [name, findOnPath(name)] as const));
  const missing = names.filter((name) => found[name] === undefined);
  if (missing.length === 0) {
    describe(title, () => body(found as Record<string, string>));
    return;
  }
  const message = `${missing.join(' and ')} not found on PATH`;
  if (missingToolsFail()) {
    describe(title, () => {
      test(`needs ${names.join(', ')}`, () => {
        throw new Error(`${message}: CI=true needs every conformance tool (.ci/run installs them).`);
      });
    });
    return;
  }
  console.warn(`${title}: skipped, ${message}`);
  describe.skip(title, () => body(Object.fromEntries(names.map((name) => [name, name]))));
}
