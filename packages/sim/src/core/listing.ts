import type { AwsError } from './errors';

/**
 * Offset paging behind an opaque token, as the AWS list calls page: the token says where the next page starts.
 * A token the simulator did not hand out fails with `invalidToken`.
 */
export function pageOf<T>(
  items: T[],
  limit: number,
  token: string | undefined,
  invalidToken: () => AwsError,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded) throw invalidToken();
    start = Number(decoded[1]);
  }
  const page = items.slice(start, start + limit);
  const next = start + limit;
  return next < items.length ? { page, nextToken: Buffer.from(`o:${next}`).toString('base64url') } : { page };
}

/** Sorts by a string key in code-point order, as AWS lists names. */
export function byName<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

/** The values of a map keyed `account/region/name` that belong to one account and region. */
export function inScope<T>(map: Map<string, T>, account: string, region: string): T[] {
  const prefix = `${account}/${region}/`;
  return [...map.entries()].filter(([key]) => key.startsWith(prefix)).map(([, value]) => value);
}
