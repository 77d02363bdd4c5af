/**
 * Runs `read` (an action's getInputs) with exactly these inputs set as the runner sets them (`INPUT_<NAME>`,
 * upper-cased, hyphens kept), plus `env`; every other input is unset, and the environment is restored after.
 */
export async function withInputs<T>(
  inputs: Record<string, string>,
  env: Record<string, string>,
  read: () => Promise<T>,
): Promise<T> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(process.env, env);
  try {
    return await read();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
