import { explainAccessDenied } from '../errors/access-denied';
import { AwsOperationError } from '../errors/aws-operation-error';
import { ConfigurationError } from '../errors/configuration-error';

/** How a failure is shown: the annotation's title and a one-line message. */
export interface ErrorReport {
  title: string;
  message: string;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** Turns any thrown value into the title and one-line message the step fails with. */
export function describeError(err: unknown): ErrorReport {
  if (err instanceof ConfigurationError) {
    return { title: 'Configuration error', message: `Configuration error: ${oneLine(err.message)}` };
  }
  if (err instanceof AwsOperationError) {
    const explained = explainAccessDenied(err) ?? err;
    return { title: `AWS ${err.service}:${err.operation} failed`, message: oneLine(explained.describe()) };
  }
  if (err instanceof Error && err.name === 'AbortError') {
    return { title: 'Cancelled', message: 'The run was cancelled.' };
  }
  if (err instanceof Error) {
    return { title: 'Unexpected error', message: oneLine(err.message === '' ? err.name : err.message) };
  }
  return { title: 'Unexpected error', message: oneLine(String(err)) };
}

/** The stack of an error and of each of its causes, for debug output. */
export function errorStack(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(
      current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current),
    );
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) parts.push('Caused by:');
  }
  return parts.join('\n');
}

/** The message of any thrown value (its text when it is not an Error). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
