import { batcherPer, createBatcher } from '../src/aws/batch';

/** A lookup that records the keys of each call and knows the keys in `known`. */
function recording(known: Record<string, number>) {
  const calls: string[][] = [];
  const lookup = (keys: string[]): Promise<Map<string, number>> => {
    calls.push(keys);
    return Promise.resolve(
      new Map(keys.flatMap((k) => (known[k] === undefined ? [] : [[k, known[k]] as const]))),
    );
  };
  return { calls, lookup };
}

describe('createBatcher', () => {
  it('asks for the keys of one turn in calls of at most `max`, each key once', async () => {
    const known = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]));
    const { calls, lookup } = recording(known);
    const batch = createBatcher(lookup, 10);
    const keys = [...Object.keys(known), 'k3', 'k3'];
    const values = await Promise.all(keys.map((k) => batch.get(k)));
    expect(values).toEqual([...Object.values(known), 3, 3]);
    expect(calls.map((c) => c.length)).toEqual([10, 10, 5]);
  });

  it('a key the lookup does not return is undefined; later turns make calls of their own', async () => {
    const { calls, lookup } = recording({ a: 1 });
    const batch = createBatcher(lookup, 10);
    expect(await Promise.all([batch.get('a'), batch.get('missing')])).toEqual([1, undefined]);
    expect(await batch.get('a')).toBe(1);
    expect(calls).toEqual([['a', 'missing'], ['a']]);
  });

  it("a failed call rejects its keys' lookups, not the other calls' keys", async () => {
    const lookup = (keys: string[]): Promise<Map<string, number>> =>
      keys.includes('bad') ? Promise.reject(new Error('refused')) : Promise.resolve(new Map([['ok', 1]]));
    const batch = createBatcher(lookup, 1);
    const [ok, bad] = await Promise.allSettled([batch.get('ok'), batch.get('bad')]);
    expect(ok).toEqual({ status: 'fulfilled', value: 1 });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('refused') });
  });

  it('a lookup that throws at once rejects like a failed call', async () => {
    const batch = createBatcher<number>(() => {
      throw new Error('bad input');
    }, 5);
    await expect(batch.get('x')).rejects.toThrow('bad input');
  });
});

describe('batcherPer', () => {
  it('keeps one batcher per client and scope, so batches never mix them', async () => {
    const calls: string[] = [];
    const per = batcherPer<{ name: string }, string>((client, scope) =>
      createBatcher((keys) => {
        calls.push(`${client.name}/${scope}: ${keys.join(',')}`);
        return Promise.resolve(new Map(keys.map((k) => [k, `${client.name}/${scope}/${k}`])));
      }, 100),
    );
    const one = { name: 'one' };
    const two = { name: 'two' };
    expect(per(one, 'a')).toBe(per(one, 'a'));
    const values = await Promise.all([
      per(one, 'a').get('x'),
      per(one, 'a').get('y'),
      per(two, 'a').get('x'),
      per(one).get('x'),
    ]);
    expect(values).toEqual(['one/a/x', 'one/a/y', 'two/a/x', 'one//x']);
    expect(calls.sort()).toEqual(['one/: x', 'one/a: x,y', 'two/a: x']);
  });
});
