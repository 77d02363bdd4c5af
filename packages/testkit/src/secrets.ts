import type { ActionRun } from './run-action';

/** Where a secret was found. */
export interface SecretLeak {
  secret: string;
  where: string;
}

function commandFree(log: string): string {
  // Registering a mask is the one place a step may write a secret: the runner consumes that line.
  return log
    .split(/\r?\n/)
    .filter((line) => !/^\s*::add-mask::/.test(line))
    .join('\n');
}

/** Every place in a run's visible results (logs, outputs, state, env, summaries) where one of `secrets` appears. */
export function findSecrets(result: ActionRun, secrets: readonly string[]): SecretLeak[] {
  const places: [string, string][] = [
    ['log', commandFree(result.log)],
    ['postLog', commandFree(result.postLog)],
    ['summary', result.summary],
    ['postSummary', result.postSummary],
    ...Object.entries(result.outputs).map(([k, v]): [string, string] => [`outputs.${k}`, v]),
    ...Object.entries(result.postOutputs).map(([k, v]): [string, string] => [`postOutputs.${k}`, v]),
    ...Object.entries(result.state).map(([k, v]): [string, string] => [`state.${k}`, v]),
    ...Object.entries(result.env).map(([k, v]): [string, string] => [`env.${k}`, v]),
    ...result.annotations.map((a, i): [string, string] => [
      `annotations[${i}]`,
      `${a.title ?? ''} ${a.message}`,
    ]),
  ];
  const leaks: SecretLeak[] = [];
  for (const secret of secrets) {
    if (secret === '') continue;
    for (const [where, text] of places) if (text.includes(secret)) leaks.push({ secret, where });
  }
  return leaks;
}

/**
 * Throws when any of `secrets` appears, unmasked, anywhere a person or a later step could read it. Stricter than
 * the runner, which would print `***` for a masked value: an action should not print secrets at all.
 */
export function expectNoSecrets(result: ActionRun, secrets: readonly string[]): void {
  const leaks = findSecrets(result, secrets);
  if (leaks.length > 0) {
    const where = leaks.map((l) => `${l.where} (secret starting ${JSON.stringify(l.secret.slice(0, 4))}…)`);
    throw new Error(`secrets leaked into: ${where.join(', ')}`);
  }
}
