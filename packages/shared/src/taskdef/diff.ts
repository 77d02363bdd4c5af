import { alignRoleNames, deepEqual, normalizeTaskDefinition } from './normalize';
import { stripReadOnlyFields } from './render';
import type { RegisterTaskDefinitionInput, TaskDefinitionDocument } from './types';

type Plain = Record<string, unknown>;

/** added / changed / removed. */
export type ChangeType = 'added' | 'changed' | 'removed';

/** A container's image changed; digests come from `@sha256:` references or from {@link DiffOptions.digests}. */
export interface ImageChange {
  kind: 'image';
  container: string;
  before?: string | undefined;
  after?: string | undefined;
  beforeDigest?: string | undefined;
  afterDigest?: string | undefined;
}

/** A plain environment variable; values are shown (they are in the task definition for anyone to read). */
export interface EnvironmentChange {
  kind: 'environment';
  container: string;
  name: string;
  change: ChangeType;
  before?: string | undefined;
  after?: string | undefined;
}

/** A secret, by name; `before`/`after` are the `valueFrom` references, never values. */
export interface SecretChange {
  kind: 'secret';
  container: string;
  name: string;
  change: ChangeType;
  before?: string | undefined;
  after?: string | undefined;
}

/** Task-level (no `container`) or container-level cpu / memory / memoryReservation. */
export interface ResourceChange {
  kind: 'resources';
  container?: string | undefined;
  field: 'cpu' | 'memory' | 'memoryReservation';
  before?: string | undefined;
  after?: string | undefined;
}

/** A container added or removed. */
export interface ContainerChange {
  kind: 'container';
  container: string;
  change: 'added' | 'removed';
}

/** Any other field, task-level or in a container; values as compact JSON. */
export interface FieldChange {
  kind: 'field';
  container?: string | undefined;
  field: string;
  before?: string | undefined;
  after?: string | undefined;
}

/** One difference between two task definitions. */
export type TaskDefinitionChange =
  ImageChange | EnvironmentChange | SecretChange | ResourceChange | ContainerChange | FieldChange;

/** Options for {@link diffTaskDefinitions}. */
export interface DiffOptions {
  /** Image reference → digest (`sha256:…`), for references by tag (e.g. resolved in ECR by the preflight). */
  digests?: Readonly<Record<string, string>>;
}

type AnyDefinition = TaskDefinitionDocument | RegisterTaskDefinitionInput;

const CONTAINER_FIELDS_SHOWN = new Set([
  'name',
  'image',
  'environment',
  'secrets',
  'cpu',
  'memory',
  'memoryReservation',
]);
const TASK_FIELDS_SHOWN = new Set(['containerDefinitions', 'cpu', 'memory']);

function json(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

function text(value: unknown): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** Adds `key: value` only when the value is defined (exactOptionalPropertyTypes). */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** The digest in `repo@sha256:…`, or the one given for the reference. */
export function imageDigest(
  image: string | undefined,
  digests?: Readonly<Record<string, string>>,
): string | undefined {
  if (image === undefined) return undefined;
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  return digests?.[image];
}

function pairs(list: unknown, valueKey: 'value' | 'valueFrom'): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of (list as Plain[] | undefined) ?? [])
    out.set(String(item.name), String(item[valueKey] ?? ''));
  return out;
}

function diffPairs<K extends 'environment' | 'secret'>(
  kind: K,
  container: string,
  before: Map<string, string>,
  after: Map<string, string>,
): (K extends 'environment' ? EnvironmentChange : SecretChange)[] {
  const out: (EnvironmentChange | SecretChange)[] = [];
  for (const [name, value] of after) {
    const old = before.get(name);
    if (old === undefined) out.push({ kind, container, name, change: 'added', after: value });
    else if (old !== value) out.push({ kind, container, name, change: 'changed', before: old, after: value });
  }
  for (const [name, value] of before) {
    if (!after.has(name)) out.push({ kind, container, name, change: 'removed', before: value });
  }
  return out as (K extends 'environment' ? EnvironmentChange : SecretChange)[];
}

/** A definition (or container) in its normalised form, to compare, and as written, to show. */
interface Side {
  norm: Plain;
  raw: Plain;
}

function diffFields(before: Side, after: Side, skip: Set<string>, container?: string): FieldChange[] {
  const keys = [...new Set([...Object.keys(before.norm), ...Object.keys(after.norm)])]
    .filter((k) => !skip.has(k))
    .sort();
  // Compared normalised (defaults ignored), shown as written (full role ARNs, not role names).
  const shown = (side: Side, k: string): string | undefined => json(side.raw[k] ?? side.norm[k]);
  return keys
    .filter((k) => !deepEqual(before.norm[k], after.norm[k]))
    .map((field) =>
      defined<FieldChange>({
        kind: 'field',
        container,
        field,
        before: shown(before, field),
        after: shown(after, field),
      }),
    );
}

function diffContainer(name: string, bs: Side, as: Side, options: DiffOptions): TaskDefinitionChange[] {
  const out: TaskDefinitionChange[] = [];
  const b = bs.norm;
  const a = as.norm;
  if (b.image !== a.image) {
    const before = text(b.image);
    const after = text(a.image);
    out.push(
      defined<ImageChange>({
        kind: 'image',
        container: name,
        before,
        after,
        beforeDigest: imageDigest(before, options.digests),
        afterDigest: imageDigest(after, options.digests),
      }),
    );
  }
  for (const field of ['cpu', 'memory', 'memoryReservation'] as const) {
    if (b[field] !== a[field]) {
      out.push(
        defined<ResourceChange>({
          kind: 'resources',
          container: name,
          field,
          before: text(b[field]),
          after: text(a[field]),
        }),
      );
    }
  }
  out.push(...diffPairs('environment', name, pairs(b.environment, 'value'), pairs(a.environment, 'value')));
  out.push(...diffPairs('secret', name, pairs(b.secrets, 'valueFrom'), pairs(a.secrets, 'valueFrom')));
  out.push(...diffFields(bs, as, CONTAINER_FIELDS_SHOWN, name));
  return out;
}

/**
 * What changes from `before` (the live definition, or `undefined` for a first deploy) to `after` (the rendered
 * one), compared in their normalised forms (so defaults ECS fills in are not reported). Images with digests,
 * environment variables added/changed/removed, secrets by name with their references, cpu and memory,
 * containers added or removed, and every other changed field. Empty exactly when
 * {@link sameTaskDefinition} is true.
 */
export function diffTaskDefinitions(
  before: AnyDefinition | undefined,
  after: AnyDefinition,
  options: DiffOptions = {},
): TaskDefinitionChange[] {
  const b = before === undefined ? {} : normalizeTaskDefinition(before);
  const a = normalizeTaskDefinition(after);
  alignRoleNames(b, a);
  const bRaw =
    before === undefined ? {} : (stripReadOnlyFields(before as TaskDefinitionDocument) as unknown as Plain);
  const aRaw = stripReadOnlyFields(after as TaskDefinitionDocument) as unknown as Plain;
  const rawContainer = (raw: Plain, name: string): Plain =>
    ((raw.containerDefinitions as Plain[] | undefined) ?? []).find((c) => c.name === name) ?? {};
  const out: TaskDefinitionChange[] = [];
  const bc = (b.containerDefinitions as Plain[] | undefined) ?? [];
  const ac = (a.containerDefinitions as Plain[] | undefined) ?? [];
  const byName = (list: Plain[]): Map<string, Plain> => new Map(list.map((c) => [String(c.name), c]));
  const bm = byName(bc);
  const am = byName(ac);
  for (const [name, c] of am) {
    const old = bm.get(name);
    if (old === undefined) {
      if (before !== undefined) out.push({ kind: 'container', container: name, change: 'added' });
      out.push(
        ...diffContainer(name, { norm: {}, raw: {} }, { norm: c, raw: rawContainer(aRaw, name) }, options),
      );
    } else {
      const bSide = { norm: old, raw: rawContainer(bRaw, name) };
      out.push(...diffContainer(name, bSide, { norm: c, raw: rawContainer(aRaw, name) }, options));
    }
  }
  for (const name of bm.keys())
    if (!am.has(name)) out.push({ kind: 'container', container: name, change: 'removed' });
  const order = (list: Plain[]): string[] =>
    list.map((c) => String(c.name)).filter((n) => bm.has(n) && am.has(n));
  if (before !== undefined && !deepEqual(order(bc), order(ac))) {
    out.push({
      kind: 'field',
      field: 'containerDefinitions (order)',
      before: json(order(bc)),
      after: json(order(ac)),
    });
  }
  for (const field of ['cpu', 'memory'] as const) {
    if (b[field] !== a[field])
      out.push(
        defined<ResourceChange>({ kind: 'resources', field, before: text(b[field]), after: text(a[field]) }),
      );
  }
  out.push(...diffFields({ norm: b, raw: bRaw }, { norm: a, raw: aRaw }, TASK_FIELDS_SHOWN));
  return out;
}
