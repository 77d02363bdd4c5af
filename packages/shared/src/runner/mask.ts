import * as core from '@actions/core';

/**
 * Masks a value in every later log line (`::add-mask::`). Empty and missing values are skipped: masking ""
 * would be pointless and masking whitespace garbles the log. A multi-line value is also masked line by line,
 * because the runner matches masks within single lines.
 */
export function maskSecret(value: string | undefined | null): void {
  if (value === undefined || value === null || value.trim() === '') return;
  core.setSecret(value);
  if (value.includes('\n')) {
    for (const line of value.split(/\r?\n/)) if (line.trim() !== '') core.setSecret(line);
  }
}
