import { getExecOutput } from '@actions/exec';
import { redact } from '../summary/redact';

/** How to run one command. */
export interface CommandOptions {
  /** Written to the command's stdin, then closed (e.g. a registry password for `--password-stdin`). */
  input?: string | undefined;
  /** Variables added to (or, with `undefined`, removed from) the action's own environment. */
  env?: Record<string, string | undefined> | undefined;
  cwd?: string | undefined;
  /**
   * Print nothing: neither the `[command]` line nor the output (both are still captured). Default false: the
   * command line and its output stream to the log as they come, as a build's output should.
   */
  silent?: boolean | undefined;
  /** A non-zero exit is returned instead of thrown. */
  ignoreReturnCode?: boolean | undefined;
  /**
   * Values that must never appear in an error message built from the command's output (they are masked in
   * the log already; this covers what the error carries on to summaries and annotations). A command whose
   * arguments contain one (8 characters or more) is refused before it runs.
   */
  secrets?: readonly (string | undefined)[] | undefined;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `command` with `args` (never through a shell). Injected wherever commands run, so tests can spy on it. */
export type CommandRunner = (
  command: string,
  args: readonly string[],
  options?: CommandOptions,
) => Promise<CommandResult>;

/** A command that exited with a non-zero code; the message ends with the tail of its output, redacted. */
export class CommandError extends Error {
  readonly command: string;
  readonly exitCode: number;

  constructor(
    command: string,
    args: readonly string[],
    result: CommandResult,
    secrets: readonly (string | undefined)[],
  ) {
    const tail = tailOf(`${result.stderr}\n${result.stdout}`);
    const what = [command, ...args].join(' ');
    super(redact(`${what} exited with code ${result.exitCode}${tail === '' ? '.' : `:\n${tail}`}`, secrets));
    this.name = 'CommandError';
    this.command = command;
    this.exitCode = result.exitCode;
  }
}

/** The last non-empty lines of a command's output, at most `lines` lines. */
function tailOf(text: string, lines = 15): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(-lines)
    .join('\n');
}

function mergedEnv(overrides: Record<string, string | undefined> | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * The default {@link CommandRunner}, over `@actions/exec`: arguments are passed as an array (no shell, no
 * quoting surprises), `input` goes to stdin, stdout and stderr are captured (and streamed to the log unless
 * `silent`). Secrets belong in `input` or in files, never in `args`: the command line is printed.
 */
export const runCommand: CommandRunner = async (command, args, options = {}) => {
  // The command line is printed: a secret in it would be shown (masked at best). Refuse before running.
  const secrets = (options.secrets ?? []).filter((s): s is string => s !== undefined && s.trim() !== '');
  // Short values (a flag like "true" passed as a secret) would match innocent arguments: the mask covers them.
  const telling = secrets.filter((s) => s.length >= 8);
  if (args.some((arg) => telling.some((secret) => arg.includes(secret)))) {
    throw new Error(
      `Refusing to run ${command}: a secret is in its arguments; pass it on stdin or in a file.`,
    );
  }
  const result = await getExecOutput(command, [...args], {
    env: mergedEnv(options.env),
    ignoreReturnCode: true,
    silent: options.silent ?? false,
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    ...(options.input !== undefined ? { input: Buffer.from(options.input, 'utf8') } : {}),
  });
  if (result.exitCode !== 0 && options.ignoreReturnCode !== true) {
    throw new CommandError(command, args, result, secrets);
  }
  return result;
};
