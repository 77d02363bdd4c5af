/**
 * Replaces every known secret in `text` with `***`, longest first (so a secret containing another is removed
 * whole). For text shown outside the log, where the runner's masking does not reach: job summaries, PR
 * comments, outputs. Empty secrets are ignored.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  const known = [...new Set(secrets.filter((s): s is string => s !== undefined && s.trim() !== ''))].sort(
    (a, b) => b.length - a.length,
  );
  let result = text;
  for (const secret of known) result = result.split(secret).join('***');
  return result;
}
