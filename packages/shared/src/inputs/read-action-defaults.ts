import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * The `default` of every input of an action.yml, as text. Apart from action-defaults.ts, so an action's entry
 * (whose defaults are read when bundling) carries no YAML library.
 */
export function readActionDefaults(file: string): Map<string, string> {
  const doc = parse(readFileSync(file, 'utf8')) as { inputs?: Record<string, { default?: unknown } | null> };
  const out = new Map<string, string>();
  for (const [name, input] of Object.entries(doc.inputs ?? {})) {
    if (input?.default !== undefined && input.default !== null) out.set(name, String(input.default));
  }
  return out;
}
