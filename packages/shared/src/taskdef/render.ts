import { ConfigurationError } from '../errors/configuration-error';
import { taskDefinitionShapeProblems } from './shape';
import { renderPlaceholders } from './placeholders';
import { containerNames, resolveTargets, secretValueFrom, type ArnContext } from './targets';
import {
  isPlainObject,
  READ_ONLY_FIELDS,
  type ContainerDefinition,
  type KeyValuePair,
  type RegisterTaskDefinitionInput,
  type Tag,
  type TaskDefinitionDocument,
} from './types';

/** The action inputs each option came from, named in error messages. */
export interface RenderInputNames {
  taskDefinition?: string;
  images?: string;
  environment?: string;
  secrets?: string;
  vars?: string;
}

/** What {@link renderTaskDefinition} changes in the base definition. */
export interface RenderOptions {
  /** Container name → image reference (`repo@sha256:…` or `repo:tag`). Every name must be a container. */
  images?: Readonly<Record<string, string>>;
  /**
   * Environment variables to set (added, or replaced in place). A key is `NAME` (the first essential
   * container), `container:NAME` or `*:NAME` (every container). Setting one removes a secret of that name.
   */
  environment?: Readonly<Record<string, string>>;
  /**
   * Secrets to set, as references (`valueFrom`): an SSM parameter name or ARN, or a Secrets Manager ARN —
   * never a value. Keys as for `environment`. Setting one removes a plain variable of that name.
   */
  secrets?: Readonly<Record<string, string>>;
  /** Values for the `{{ name }}` placeholders of the base definition. */
  vars?: Readonly<Record<string, string>>;
  /** Render placeholders (default true). Turn off for a live definition, which is not a template. */
  placeholders?: boolean;
  /** With it, secret parameter names become full ARNs in this partition, region and account. */
  arnContext?: ArnContext;
  /** What the base is, for messages (default `task definition`). */
  source?: string;
  inputs?: RenderInputNames;
}

/** Drops `null` values at any depth (they mean "not set"); keeps empty strings, lists and objects. */
function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out as T;
  }
  return value;
}

/** Tag keys starting with `aws:` are reserved: AWS sets them (CloudFormation, CDK) and refuses them on input. */
export function userTags(tags: readonly Tag[] | undefined): Tag[] {
  return (tags ?? []).filter((t) => !(t.key ?? '').toLowerCase().startsWith('aws:'));
}

/**
 * Removes the read-only fields DescribeTaskDefinition returns ({@link READ_ONLY_FIELDS}), `null`s and reserved
 * `aws:` tags. Everything else is kept as given, including empty strings and lists, `cpu: 0` and
 * `essential: false`.
 */
export function stripReadOnlyFields(def: TaskDefinitionDocument): RegisterTaskDefinitionInput {
  const copy: Record<string, unknown> = { ...withoutNulls(def) };
  for (const field of READ_ONLY_FIELDS) delete copy[field];
  const tags = userTags(def.tags ?? undefined);
  if (tags.length > 0) copy.tags = tags;
  else delete copy.tags;
  return copy as unknown as RegisterTaskDefinitionInput;
}

/** YAML reads `value: 8080` as a number; ECS wants strings. */
function stringValue(pair: KeyValuePair): KeyValuePair {
  const value: unknown = pair.value;
  return value === undefined || typeof value === 'string' ? pair : { ...pair, value: String(value) };
}

function upsert<T extends { name?: string | undefined }>(list: T[] | undefined, item: T): T[] {
  const out = [...(list ?? [])];
  const at = out.findIndex((x) => x.name === item.name);
  if (at < 0) out.push(item);
  else out[at] = item;
  return out;
}

function without<T extends { name?: string | undefined }>(
  list: T[] | undefined,
  name: string,
): T[] | undefined {
  if (list === undefined) return undefined;
  return list.filter((x) => x.name !== name);
}

/**
 * Builds the RegisterTaskDefinition input for a deploy from a base definition (a file or the live one):
 * read-only fields stripped (see {@link stripReadOnlyFields}), placeholders rendered, images set per named
 * container, environment variables and secrets upserted, tags kept.
 *
 * @throws ConfigurationError for an unknown container (listing the real ones), a placeholder without a value
 *   (listing every one and where), a secret that is not a reference, or a name set as both variable and secret.
 */
export function renderTaskDefinition(
  base: TaskDefinitionDocument,
  options: RenderOptions = {},
): RegisterTaskDefinitionInput {
  const inputs = {
    taskDefinition: 'task-definition',
    images: 'images',
    environment: 'environment-variables',
    secrets: 'secrets',
    vars: 'vars',
    ...options.inputs,
  };
  const stripped = stripReadOnlyFields(base);
  const given: ContainerDefinition[] = (stripped.containerDefinitions ?? []).map((c) =>
    c.environment === undefined ? { ...c } : { ...c, environment: c.environment.map(stringValue) },
  );
  if (given.length === 0) {
    throw new ConfigurationError(`The ${options.source ?? 'task definition'} has no containers.`, {
      input: inputs.taskDefinition,
    });
  }
  // Images first, so an `image: "{{ image }}"` placeholder the input replaces needs no value in vars.
  for (const [container, image] of Object.entries(options.images ?? {})) {
    const target = given.find((c) => c.name === container);
    if (target === undefined) {
      throw new ConfigurationError(
        `Input "${inputs.images}" names container "${container}", which the task definition does not have; its containers are ${containerNames(given)}.`,
        { input: inputs.images },
      );
    }
    if (image.trim() === '') {
      throw new ConfigurationError(
        `Input "${inputs.images}" gives an empty image for container "${container}".`,
        {
          input: inputs.images,
        },
      );
    }
    target.image = image.trim();
  }
  let def: RegisterTaskDefinitionInput = { ...stripped, containerDefinitions: given };
  // `cpu: 256` and `memory: 512` in YAML are numbers; RegisterTaskDefinition takes strings.
  for (const key of ['cpu', 'memory'] as const) {
    const size: unknown = def[key];
    if (typeof size === 'number') def[key] = String(size);
  }
  // Only the base is a template: values from inputs (images, variables, secrets) are taken literally.
  if (options.placeholders !== false) {
    def = renderPlaceholders(def, options.vars ?? {}, {
      source: options.source ?? 'task definition',
      input: inputs.vars,
      fileInput: inputs.taskDefinition,
    });
  }
  const problems = taskDefinitionShapeProblems(def);
  if (problems.length > 0) {
    throw new ConfigurationError(
      `The ${options.source ?? 'task definition'} (input "${inputs.taskDefinition}") is not usable once rendered: ${problems.join('; ')}.`,
      { input: inputs.taskDefinition },
    );
  }
  const containers: ContainerDefinition[] = (def.containerDefinitions ?? []).map((c) => ({ ...c }));

  const plain = Object.entries(options.environment ?? {}).map(([key, value]) => ({
    ...resolveTargets(key, containers, inputs.environment),
    value,
  }));
  const secret = Object.entries(options.secrets ?? {}).map(([key, value]) => {
    const resolved = resolveTargets(key, containers, inputs.secrets);
    return { ...resolved, value: secretValueFrom(resolved.name, value, inputs.secrets, options.arnContext) };
  });
  for (const s of secret) {
    const clash = plain.find((p) => p.name === s.name && p.targets.some((t) => s.targets.includes(t)));
    if (clash !== undefined) {
      throw new ConfigurationError(
        `${s.name} is given both in "${inputs.environment}" and in "${inputs.secrets}"; set it in one of them.`,
        { input: inputs.secrets },
      );
    }
  }
  for (const { name, targets, value } of plain) {
    for (const c of targets) {
      c.environment = upsert(c.environment, { name, value });
      c.secrets = without(c.secrets, name);
    }
  }
  for (const { name, targets, value } of secret) {
    for (const c of targets) {
      c.secrets = upsert(c.secrets, { name, valueFrom: value });
      c.environment = without(c.environment, name);
    }
  }
  return { ...def, containerDefinitions: containers };
}
