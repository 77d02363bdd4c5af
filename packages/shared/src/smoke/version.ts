import { evaluateJsonPath, type PathSegment } from './json-path';

/**
 * `expect-version`: does a response prove that a given build serves? The expected version is a digest
 * (`sha256:…`), a tag, or an image reference (`repo:tag`, `repo@sha256:…`); the response names what serves in
 * a JSON field (the `version-path`, else the usual fields below) or as a short text body.
 */

/** Fields a version endpoint usually answers with, in the order they are reported. */
const VERSION_FIELDS = [
  'digest',
  'imageDigest',
  'image_digest',
  'version',
  'tag',
  'imageTag',
  'image_tag',
  'image',
  'imageRef',
  'image_ref',
  'commit',
  'sha',
  'gitSha',
  'git_sha',
  'revision',
  'build',
];

/** The forms a version can be compared in: itself, and for an image reference its digest or its tag. */
export function versionForms(version: string): string[] {
  const v = version.trim();
  const forms = [v];
  const at = v.indexOf('@');
  if (at > 0) forms.push(v.slice(at + 1));
  else if (!/^sha\d+:/.test(v)) {
    const name = v.slice(v.lastIndexOf('/') + 1);
    const colon = name.lastIndexOf(':');
    if (colon > 0 && v.includes('/')) forms.push(name.slice(colon + 1));
  }
  return forms;
}

/** Whether a version the response named is the expected one (in any of their forms). */
export function versionMatches(expected: string, seen: string): boolean {
  const seenForms = new Set(versionForms(seen));
  const expectedForms = versionForms(expected);
  // A bare expectation (`sha256:…`, `v2`) matches a seen reference's digest or tag; a full reference
  // expectation must match as a whole, or by its digest when it has one.
  if (expectedForms.length === 1) return seenForms.has(expectedForms[0]!);
  return seenForms.has(expectedForms[0]!) || (expected.includes('@') && seenForms.has(expectedForms[1]!));
}

/** The versions a response names: the value at `path`, else the usual fields of a JSON object, else a short text body. */
export function versionsInBody(body: string, path?: readonly PathSegment[]): string[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const text = body.trim();
    return text !== '' && text.length <= 200 && !text.includes('\n') ? [text] : [];
  }
  const scalar = (v: unknown): string | undefined =>
    typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  if (path !== undefined) {
    const at = evaluateJsonPath(json, path);
    const value = at.found ? scalar(at.value) : undefined;
    return value === undefined ? [] : [value];
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    const value = scalar(json);
    return value === undefined ? [] : [value];
  }
  const record = json as Record<string, unknown>;
  return VERSION_FIELDS.map((f) => scalar(record[f])).filter((v): v is string => v !== undefined);
}

/** How the version a response named reads in a report: `sha256:… (image …:v1)`. */
export function describeSeenVersion(seen: readonly string[]): string {
  if (seen.length === 0) return 'no version';
  // A version is short; a field that is not one may hold anything, and the report shows its start.
  const shown = seen.map((v) => (v.length > 200 ? `${v.slice(0, 200)}…` : v));
  const [first, ...rest] = [...new Set(shown)];
  return rest.length === 0 ? first! : `${first!} (${rest.join(', ')})`;
}
