import type { SmokeCheck } from './types';

/**
 * The `expect-version` input: every target (an origin and its Host header) must prove the version. Checks of
 * the version path get the expectation; a target with no such check gets one added: `GET <origin><path>` with
 * the headers of its first check.
 */
export function applyExpectVersion(
  checks: readonly SmokeCheck[],
  expected: string,
  versionPath = '/version',
): { checks: SmokeCheck[]; added: SmokeCheck[] } {
  const withVersion = checks.map((c) =>
    c.expectVersion === undefined && new URL(c.url).pathname === versionPath
      ? { ...c, expectVersion: expected }
      : c,
  );
  const targets = new Map<string, SmokeCheck[]>();
  for (const check of withVersion) {
    const key = targetKey(check);
    targets.set(key, [...(targets.get(key) ?? []), check]);
  }
  const added: SmokeCheck[] = [];
  for (const group of targets.values()) {
    if (group.some((c) => c.expectVersion !== undefined)) continue;
    const first = group[0]!;
    const url = new URL(versionPath, first.url).toString();
    const headers = Object.fromEntries(
      Object.entries(first.headers).filter(([n]) => !/^content-(type|length)$/i.test(n)),
    );
    const host = hostHeader(first) ?? new URL(first.url).host;
    added.push({
      name: `version of ${host}`,
      url,
      method: 'GET',
      headers,
      status: [{ min: 200, max: 299 }],
      bodyContains: [],
      jsonEquals: [],
      expectVersion: expected,
      ...(first.requestTimeoutMs !== undefined ? { requestTimeoutMs: first.requestTimeoutMs } : {}),
    });
  }
  return { checks: [...withVersion, ...added], added };
}

function hostHeader(check: SmokeCheck): string | undefined {
  const entry = Object.entries(check.headers).find(([n]) => n.toLowerCase() === 'host');
  return entry?.[1].trim().toLowerCase();
}

function targetKey(check: SmokeCheck): string {
  return `${new URL(check.url).origin} ${hostHeader(check) ?? ''}`;
}
