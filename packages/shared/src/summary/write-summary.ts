import * as core from '@actions/core';
import { appendFile, stat } from 'node:fs/promises';

/** GitHub's limit for one step's job summary. */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

const TRUNCATED = '\n\n_… summary truncated: it exceeded GitHub’s 1 MiB limit for a step summary._\n';

/**
 * Cuts `markdown` so that it takes at most `maxBytes` UTF-8 bytes, ending with a note that it was cut.
 * Returns it unchanged when it fits.
 */
export function truncateToBytes(markdown: string, maxBytes: number): string {
  if (Buffer.byteLength(markdown) <= maxBytes) return markdown;
  const budget = Math.max(0, maxBytes - Buffer.byteLength(TRUNCATED));
  let cut = Buffer.from(markdown).subarray(0, budget).toString('utf8');
  // A multi-byte character split at the cut decodes to U+FFFD; drop it.
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return cut + TRUNCATED;
}

/**
 * Appends sections (Markdown or HTML, e.g. from {@link heading} and {@link markdownTable}) to the job summary,
 * separated by blank lines and cut to what is left of the 1 MiB step limit. Without `GITHUB_STEP_SUMMARY`
 * (a local run) it does nothing.
 */
export async function writeSummary(...sections: string[]): Promise<void> {
  const file = process.env['GITHUB_STEP_SUMMARY'];
  if (file === undefined || file === '') {
    core.debug('GITHUB_STEP_SUMMARY is not set; no job summary written.');
    return;
  }
  // Written directly rather than through core.summary, which remembers the first file it saw.
  const used = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  const text = truncateToBytes(`${sections.join('\n\n')}\n`, STEP_SUMMARY_LIMIT_BYTES - used);
  await appendFile(file, text, 'utf8');
}
