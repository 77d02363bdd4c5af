/**
 * Copies of the simulator's state, so a seed document is applied all or nothing: the state is copied before the
 * first entry and put back when any entry is refused.
 *
 * The stores hold plain data: objects, arrays, Maps, Sets and Dates, which are copied (references shared inside
 * the state stay shared, cycles stay cycles). Everything else is shared with the copy: byte buffers (blob and
 * manifest bytes are never written in place once stored), functions and class instances (the only ones kept in
 * a store are immutable values such as a sealed SecureString, whose private field a copy could not carry).
 */
export function copyState<T>(value: T): T {
  return copyValue(value, new Map()) as T;
}

function copyValue(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    seen.set(value, out);
    for (const [k, v] of value) out.set(copyValue(k, seen), copyValue(v, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    seen.set(value, out);
    for (const v of value) out.add(copyValue(v, seen));
    return out;
  }
  if (value instanceof Date) {
    const out = new Date(value.getTime());
    seen.set(value, out);
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value as unknown[]) out.push(copyValue(v, seen));
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = Object.create(proto) as Record<string, unknown>;
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = copyValue(v, seen);
  return out;
}
