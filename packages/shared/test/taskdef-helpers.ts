import { ConfigurationError } from '../src';

/** The ConfigurationError `fn` throws (failing the test when it throws nothing or something else). */
export function configurationErrorOf(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return e as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}
