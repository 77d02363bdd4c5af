import * as core from '@actions/core';
import { adoptError } from '../errors/adopt-error';
import { useActionDefaults } from '../inputs/action-defaults';
import { CallBudget } from './call-budget';
import { describeError, errorStack } from './describe-error';

/** What the runner hands to `main` and `post`. */
export interface ActionContext {
  /** `main`, or `post` when the runner runs the action's post step. */
  phase: 'main' | 'post';
  /**
   * Aborted when the runner cancels the job: it sends SIGINT, then SIGTERM 7.5 s later (which ends the
   * process), then kills it. Pass it to {@link poll} so a wait stops at once and the action can clean up.
   */
  signal: AbortSignal;
  /**
   * How long the run's AWS calls may take: hand it to the clients (`connect…({ budget })`, `authenticate`), so a
   * cancel aborts every call at once and a hung call ends by its phase's deadline (see {@link CallBudget}).
   */
  budget: CallBudget;
}

/** The state key that tells the post step it is the post step (as multi-step JavaScript actions do). */
const IS_POST = 'isPost';

/** Whether `RUNNER_DEBUG=1` or a `debug` input asks for stacks. An invalid `debug` value counts as off. */
function debugRequested(): boolean {
  if (core.isDebug()) return true;
  return /^(true|yes|1)$/i.test(core.getInput('debug'));
}

/**
 * The entry point of an action: `void runAction(main, post, { inputDefaults })` in `src/main.ts`.
 *
 * - `inputDefaults`: the `default` of every input of the action's action.yml, which the typed getters fall back
 *   to: `import inputDefaults from '../action.yml'`, read when bundling (scripts/bundle.mjs), so the entry parses
 *   no YAML (a test reads them with `readActionDefaults`).
 *
 * - The first run is `main`; when a `post` is given it saves state `isPost=true` first, so the runner's post
 *   step (which reruns the same file with `STATE_isPost` set) runs `post` instead.
 * - A failure becomes one error annotation titled by its kind and a failed step (exit code 1):
 *   `Configuration error: …` for a {@link ConfigurationError}, `ecs:UpdateService failed: Code: … (request id …)`
 *   for an {@link AwsOperationError}, the message for anything else; after a cancel, `Cancelled`, whatever the
 *   cancel broke off. It never rejects.
 * - With `RUNNER_DEBUG=1` (re-run with debug logging) or a true `debug` input the stack is printed; otherwise
 *   it goes to the hidden debug log.
 */
export async function runAction(
  main: (context: ActionContext) => Promise<void>,
  post?: (context: ActionContext) => Promise<void>,
  options: { inputDefaults?: Readonly<Record<string, string>> } = {},
): Promise<void> {
  const isPost = post !== undefined && core.getState(IS_POST) === 'true';
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      core.info(`Received ${signal}: cancelling.`);
      const reason = new Error(`Cancelled by ${signal}`);
      reason.name = 'AbortError';
      controller.abort(reason);
    }
  };
  // Only SIGINT: it starts a graceful cancel. SIGTERM keeps its default (exit), the runner's "time is up".
  process.on('SIGINT', onSignal);
  try {
    if (options.inputDefaults !== undefined)
      useActionDefaults(new Map(Object.entries(options.inputDefaults)));
    const budget = new CallBudget(controller.signal);
    if (isPost) {
      await post({ phase: 'post', signal: controller.signal, budget });
    } else {
      if (post !== undefined) core.saveState(IS_POST, 'true');
      await main({ phase: 'main', signal: controller.signal, budget });
    }
  } catch (err) {
    // Whatever a cancel broke off (a wait, an aborted call) failed because of the cancel: say so.
    // An error of the work's own bundle (its copy of shared) is reported as what it is.
    reportFailure(controller.signal.aborted ? controller.signal.reason : adoptError(err));
  } finally {
    process.off('SIGINT', onSignal);
  }
}

/**
 * Fails the step for `err`: one `::error` annotation (with a title) and exit code 1 — what `core.setFailed`
 * does, plus the title — and the stack for debugging.
 */
export function reportFailure(err: unknown): void {
  const { title, message } = describeError(err);
  core.error(message, { title });
  process.exitCode = core.ExitCode.Failure;
  const stack = errorStack(err);
  if (debugRequested()) core.info(stack);
  else core.debug(stack);
}
