/**
 * Lookups of many things by key, batched: the keys asked for while the event loop is on one turn (a wave's
 * services, each answer handled in the same poll phase) go out as one call per `max` keys instead of a call each.
 * ECS and ECR describe many resources in one call (DescribeRepositories 100, DescribeServiceRevisions 20), so a
 * release of 200 services makes a handful of such calls where it made 200.
 */

/** Looks up some keys in one call; a key it does not return is "not found" (`undefined`). */
export type BatchLookup<V> = (keys: string[]) => Promise<ReadonlyMap<string, V>>;

export interface Batcher<V> {
  /** The value of `key`, from the call its batch makes; rejects when that call fails. */
  get(key: string): Promise<V | undefined>;
}

interface Waiting<V> {
  resolve: (value: V | undefined) => void;
  reject: (err: unknown) => void;
}

/** A batcher of `lookup`: keys asked for before the next turn of the event loop share calls of at most `max`. */
export function createBatcher<V>(lookup: BatchLookup<V>, max: number): Batcher<V> {
  let pending: Map<string, Waiting<V>[]> | undefined;
  const flush = (batch: Map<string, Waiting<V>[]>): void => {
    const keys = [...batch.keys()];
    for (let i = 0; i < keys.length; i += max) {
      const chunk = keys.slice(i, i + max);
      // Made from the first key's turn, so the call runs within that caller's budget scope.
      Promise.resolve(chunk)
        .then(lookup)
        .then(
          (found) => {
            for (const key of chunk) for (const w of batch.get(key)!) w.resolve(found.get(key));
          },
          (err: unknown) => {
            for (const key of chunk) for (const w of batch.get(key)!) w.reject(err);
          },
        );
    }
  };
  return {
    get: (key) =>
      new Promise<V | undefined>((resolve, reject) => {
        if (pending === undefined) {
          const batch = new Map<string, Waiting<V>[]>();
          pending = batch;
          setImmediate(() => {
            pending = undefined;
            flush(batch);
          });
        }
        const waiting = pending.get(key);
        if (waiting === undefined) pending.set(key, [{ resolve, reject }]);
        else waiting.push({ resolve, reject });
      }),
  };
}

/**
 * One batcher per client and scope (a registry id, a region), made on first use: batches never mix clients,
 * whose credentials and regions may differ.
 */
export function batcherPer<C extends object, V>(
  make: (client: C, scope: string) => Batcher<V>,
): (client: C, scope?: string) => Batcher<V> {
  const byClient = new WeakMap<C, Map<string, Batcher<V>>>();
  return (client, scope = '') => {
    let scopes = byClient.get(client);
    if (scopes === undefined) byClient.set(client, (scopes = new Map()));
    let batcher = scopes.get(scope);
    if (batcher === undefined) scopes.set(scope, (batcher = make(client, scope)));
    return batcher;
  };
}
