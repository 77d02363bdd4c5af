/**
 * `import inputDefaults from '../action.yml'` in an action's src/main.ts: the `default` of every input of the
 * action.yml, as text (none for an input without one). scripts/bundle.mjs reads them when bundling; hand them to
 * `runAction` as `inputDefaults`.
 */
declare module '*/action.yml' {
  const inputDefaults: Readonly<Record<string, string>>;
  export default inputDefaults;
}
