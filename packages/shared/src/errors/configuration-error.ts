/**
 * Something the user must fix in the workflow: a missing or malformed input, a refused account, a missing
 * permission. The message names what is wrong, what was expected and what was given.
 */
export class ConfigurationError extends Error {
  /** The action input at fault, as written in action.yml (e.g. `aws-region`), when there is one. */
  readonly input: string | undefined;

  constructor(message: string, options: { input?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConfigurationError';
    this.input = options.input;
  }

  /**
   * The standard message for an input that does not have the expected form:
   * `Input "timeout" must be a duration like 90s, 20m or 1h30m; got "ten minutes".`
   */
  static invalidInput(input: string, expected: string, given: string): ConfigurationError {
    return new ConfigurationError(`Input "${input}" must be ${expected}; got ${JSON.stringify(given)}.`, {
      input,
    });
  }

  /** The standard message for a required input that was not given. */
  static missingInput(input: string, expected?: string): ConfigurationError {
    const what = expected === undefined ? '' : ` (${expected})`;
    return new ConfigurationError(`Input "${input}" is required${what} but was not given.`, { input });
  }
}

/**
 * Marks every ConfigurationError, of any subclass and of any bundle's copy of this class: an action's work is a
 * bundle of its own, and the entry reports what it throws (see `adoptError`).
 */
export const CONFIGURATION_ERROR = Symbol.for('ecs-delivery.ConfigurationError');
Object.defineProperty(ConfigurationError.prototype, CONFIGURATION_ERROR, { value: true });
