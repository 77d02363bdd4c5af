/**
 * Third-party tools for the simulator's conformance suites, found on PATH. The simulator's tests do not use the
 * testkit (it depends on the simulator, not the other way round), so this is the simulator's own copy of the
 * testkit's `describeWithTools`.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
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

/**
 * A suite that needs `names`: `body` gets their paths. A missing tool skips the suite with a warning, except
 * under `CI=true`, where it fails: a CI run must not pass by testing nothing.
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
  if (process.env['CI'] === 'true') {
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
