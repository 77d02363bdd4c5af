import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * The defaults of an action's inputs come from one place, its action.yml. The runner passes them as `INPUT_*`
 * values; the typed getters fall back to them when an input is empty or unset too (a workflow passing an empty
 * expression, or a run by hand), so no default is written twice.
 */
let defaults: ReadonlyMap<string, string> = new Map();

/** The `default` of every input of an action.yml, as text. */
export function readActionDefaults(file: string): Map<string, string> {
  const doc = parse(readFileSync(file, 'utf8')) as { inputs?: Record<string, { default?: unknown } | null> };
  const out = new Map<string, string>();
  for (const [name, input] of Object.entries(doc.inputs ?? {})) {
    if (input?.default !== undefined && input.default !== null) out.set(name, String(input.default));
  }
  return out;
}

/** Makes these the defaults the getters fall back to (`runAction` does it with the action's action.yml). */
export function useActionDefaults(map: ReadonlyMap<string, string>): void {
  defaults = map;
}

/** The action.yml default of an input, or `undefined`. */
export function actionDefault(name: string): string | undefined {
  return defaults.get(name);
}
