import * as core from '@actions/core';

/** Where in a file an annotation points (optional). */
export interface AnnotationLocation {
  file?: string;
  startLine?: number;
  endLine?: number;
}

function props(title: string, at: AnnotationLocation | undefined): core.AnnotationProperties {
  return { title, ...at };
}

/** An error annotation on the run: a title and a message a person can act on. */
export function annotateError(title: string, message: string, at?: AnnotationLocation): void {
  core.error(message, props(title, at));
}

/** A warning annotation: something surprising that did not fail the step. */
export function annotateWarning(title: string, message: string, at?: AnnotationLocation): void {
  core.warning(message, props(title, at));
}

/** A notice annotation. */
export function annotateNotice(title: string, message: string, at?: AnnotationLocation): void {
  core.notice(message, props(title, at));
}
