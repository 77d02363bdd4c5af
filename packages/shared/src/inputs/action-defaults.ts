/**
 * The defaults of an action's inputs come from one place, its action.yml. The runner passes them as `INPUT_*`
 * values; the typed getters fall back to them when an input is empty or unset too (a workflow passing an empty
 * expression, or a run by hand), so no default is written twice.
 */
let defaults: ReadonlyMap<string, string> = new Map();

/** Makes these the defaults the getters fall back to (`runAction` does it with the action's action.yml). */
export function useActionDefaults(map: ReadonlyMap<string, string>): void {
  defaults = map;
}

/** The action.yml default of an input, or `undefined`. */
export function actionDefault(name: string): string | undefined {
  return defaults.get(name);
}
