import { stripReadOnlyFields, userTags } from './render';
import { isPlainObject, type RegisterTaskDefinitionInput, type TaskDefinitionDocument } from './types';

type Plain = Record<string, unknown>;

/** `1 vCPU` → `1024`, `2 GB` → `2048`, `512` → `512`: the units ECS stores for task-level cpu and memory. */
export function normalizeTaskSize(value: unknown, unit: 'vcpu' | 'gb'): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return text;
  const m = new RegExp(`^(\\d*\\.?\\d+)\\s*${unit}$`, 'i').exec(text);
  return m === null ? text : String(Math.round(Number(m[1]) * 1024));
}

/** Empty lists and objects mean the same as a missing field to ECS; drop them, and `undefined`s, at any depth. */
function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(dropEmpty).filter((v) => v !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (isPlainObject(value)) {
    const out: Plain = {};
    for (const [k, v] of Object.entries(value)) {
      const n = dropEmpty(v);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

const sortByName = (list: unknown): unknown =>
  Array.isArray(list) ? [...(list as Plain[])].sort(byKey((x) => String(x.name ?? ''))) : list;

const ROLE_FIELDS = ['taskRoleArn', 'executionRoleArn'] as const;

/**
 * ECS takes a role as a bare name or an ARN. When one side has `arn:…:role/NAME` (no path) and the other just
 * `NAME`, give both the ARN; anything else (other accounts, paths) stays as it is and compares different.
 */
export function alignRoleNames(a: Plain, b: Plain): void {
  for (const field of ROLE_FIELDS) {
    const x = a[field];
    const y = b[field];
    if (typeof x !== 'string' || typeof y !== 'string' || x === y) continue;
    const named = (arn: string, name: string): boolean =>
      /^arn:[a-z-]+:iam::\d{12}:role\//.test(arn) && arn.slice(arn.indexOf(':role/') + 6) === name;
    if (!x.startsWith('arn:') && named(y, x)) a[field] = y;
    if (!y.startsWith('arn:') && named(x, y)) b[field] = x;
  }
}

function normalizeContainer(c: Plain, networkMode: string): Plain {
  const out: Plain = { ...c };
  if (out.essential === true) delete out.essential;
  if (out.cpu === 0) delete out.cpu;
  if (out.versionConsistency === 'enabled') delete out.versionConsistency;
  if (Array.isArray(out.environment)) {
    // YAML turns `value: 8080` into a number; ECS stores strings.
    out.environment = (out.environment as Plain[]).map((e) =>
      e.value === undefined || typeof e.value === 'string' ? e : { ...e, value: String(e.value) },
    );
  }
  out.environment = sortByName(out.environment);
  out.secrets = sortByName(out.secrets);
  if (Array.isArray(out.portMappings)) {
    out.portMappings = (out.portMappings as Plain[]).map((p) => {
      const q: Plain = { ...p };
      if (q.protocol === 'tcp') delete q.protocol;
      if (q.hostPort === q.containerPort && networkMode === 'awsvpc') delete q.hostPort;
      if (q.hostPort === 0) delete q.hostPort;
      return q;
    });
  }
  if (isPlainObject(out.healthCheck)) {
    const hc: Plain = { ...out.healthCheck };
    // ECS fills in these defaults when registering.
    if (hc.interval === 30) delete hc.interval;
    if (hc.timeout === 5) delete hc.timeout;
    if (hc.retries === 3) delete hc.retries;
    if (hc.startPeriod === 0) delete hc.startPeriod;
    out.healthCheck = hc;
  }
  return out;
}

/**
 * The comparable form of a definition: read-only fields, `null`s and reserved tags removed; the defaults ECS
 * fills in removed (`essential: true`, container `cpu: 0`, port `protocol: tcp`, `hostPort` equal to the
 * container port in awsvpc mode, health-check intervals, `networkMode: bridge` when not set,
 * `enableFaultInjection: false`); task `cpu`/`memory` in ECS units; environment, secrets, tags and
 * compatibilities sorted; empty lists and objects dropped. Container order
 * and `environmentFiles` order are kept: they matter.
 */
export function normalizeTaskDefinition(def: TaskDefinitionDocument | RegisterTaskDefinitionInput): Plain {
  const stripped = stripReadOnlyFields(def as TaskDefinitionDocument) as unknown as Plain;
  const out: Plain = { ...stripped };
  const networkMode = typeof out.networkMode === 'string' ? out.networkMode : 'bridge';
  if (out.networkMode === 'bridge') delete out.networkMode;
  if (out.enableFaultInjection === false) delete out.enableFaultInjection;
  out.cpu = normalizeTaskSize(out.cpu, 'vcpu');
  out.memory = normalizeTaskSize(out.memory, 'gb');
  if (Array.isArray(out.requiresCompatibilities))
    out.requiresCompatibilities = [...out.requiresCompatibilities].sort();
  out.tags = userTags(out.tags as TaskDefinitionDocument['tags']).sort(byKey((t) => t.key ?? ''));
  out.containerDefinitions = ((out.containerDefinitions as Plain[] | undefined) ?? []).map((c) =>
    normalizeContainer(c, networkMode),
  );
  return (dropEmpty(out) as Plain | undefined) ?? {};
}

/** Deep equality of JSON-like values; object key order does not matter, list order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}

/**
 * True when registering `rendered` would give the same definition as `live` (with its tags), so no new
 * revision is needed. Compares the {@link normalizeTaskDefinition} forms: only what ECS itself fills in or
 * reorders is ignored, so any real change — an image, a variable, a secret reference, a size, a port, a
 * container added or moved — makes them different. Pass the live definition with its tags
 * (DescribeTaskDefinition with `include: ['TAGS']`), or tags in the template count as a change.
 */
export function sameTaskDefinition(
  rendered: RegisterTaskDefinitionInput | TaskDefinitionDocument,
  live: TaskDefinitionDocument,
): boolean {
  const a = normalizeTaskDefinition(rendered);
  const b = normalizeTaskDefinition(live);
  alignRoleNames(a, b);
  return deepEqual(a, b);
}
