import { parse as parseYaml, type Tags } from 'yaml';
import { AwsError } from '../core/errors';

/** A CloudFormation template, parsed (JSON or YAML, short forms expanded into their `Fn::` forms). */
export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Metadata?: Record<string, unknown>;
  Parameters?: Record<string, ParameterDeclaration>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Rules?: Record<
    string,
    { RuleCondition?: unknown; Assertions?: { Assert: unknown; AssertDescription?: string }[] }
  >;
  Transform?: unknown;
  Resources: Record<string, ResourceDeclaration>;
  Outputs?: Record<string, OutputDeclaration>;
}

export interface ParameterDeclaration {
  Type: string;
  Default?: unknown;
  Description?: string;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  ConstraintDescription?: string;
  NoEcho?: unknown;
  MinLength?: unknown;
  MaxLength?: unknown;
  MinValue?: unknown;
  MaxValue?: unknown;
}

export interface ResourceDeclaration {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  Metadata?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface OutputDeclaration {
  Value: unknown;
  Description?: string;
  Condition?: string;
  Export?: { Name: unknown };
}

/** The functions that have a YAML short form (`!Ref`, `!GetAtt`…), with the key they expand to. */
const SHORT_FORMS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  ...Object.fromEntries(
    [
      'GetAtt',
      'Sub',
      'Join',
      'Select',
      'Split',
      'If',
      'Equals',
      'Not',
      'And',
      'Or',
      'FindInMap',
      'Base64',
      'GetAZs',
      'ImportValue',
      'Cidr',
      'Contains',
      'EachMemberEquals',
      'EachMemberIn',
      'RefAll',
      'ValueOf',
      'ValueOfAll',
      'Length',
      'ToJsonString',
      'Transform',
    ].map((name) => [name, `Fn::${name}`]),
  ),
};

const YAML_TAGS: Tags = Object.entries(SHORT_FORMS).flatMap(([short, key]) => [
  {
    tag: `!${short}`,
    resolve: (value: string): unknown =>
      // `!GetAtt A.B` is the one short form whose scalar means a list.
      short === 'GetAtt' ? { [key]: splitGetAtt(value) } : { [key]: value },
  },
  {
    tag: `!${short}`,
    collection: 'seq' as const,
    resolve: (seq: { toJSON(): unknown }): unknown => ({ [key]: seq.toJSON() }),
  },
  {
    tag: `!${short}`,
    collection: 'map' as const,
    resolve: (map: { toJSON(): unknown }): unknown => ({ [key]: map.toJSON() }),
  },
]);

/** `A.B.C` as Fn::GetAtt reads it: the logical id, then the attribute (which may hold dots). */
export function splitGetAtt(value: string): [string, string] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value, ''] : [value.slice(0, dot), value.slice(dot + 1)];
}

export const formatError = (message: string): AwsError =>
  new AwsError('ValidationError', `Template format error: ${message}`);

/** A template body as CloudFormation reads it: JSON when it parses as JSON, else YAML with the short forms. */
export function parseTemplate(body: string): Template {
  let doc: unknown;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      doc = JSON.parse(body);
    } catch (err) {
      throw formatError(`JSON not well-formed. (${(err as Error).message})`);
    }
  } else {
    try {
      doc = parseYaml(body, { customTags: YAML_TAGS, maxAliasCount: 100, uniqueKeys: true });
    } catch (err) {
      throw formatError(`YAML not well-formed. (${(err as Error).message.split('\n')[0] ?? ''})`);
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw formatError('unsupported structure.');
  }
  const t = doc as Record<string, unknown>;
  const known = new Set([
    'AWSTemplateFormatVersion',
    'Description',
    'Metadata',
    'Parameters',
    'Mappings',
    'Conditions',
    'Rules',
    'Transform',
    'Resources',
    'Outputs',
  ]);
  const unknown = Object.keys(t).filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw formatError(`Invalid template property or properties [${unknown.join(', ')}]`);
  const resources = t['Resources'];
  if (typeof resources !== 'object' || resources === null || Object.keys(resources).length === 0) {
    throw formatError('At least one Resources member must be defined.');
  }
  for (const [id, res] of Object.entries(resources as Record<string, unknown>)) {
    if (!/^[A-Za-z0-9]+$/.test(id)) throw formatError(`Resource name ${id} is non alphanumeric.`);
    if (typeof res !== 'object' || res === null || typeof (res as { Type?: unknown }).Type !== 'string') {
      throw formatError(`[/Resources/${id}] Every Resources object must contain a Type member.`);
    }
  }
  if (t['AWSTemplateFormatVersion'] !== undefined && String(t['AWSTemplateFormatVersion']) !== '2010-09-09') {
    throw formatError(`Unsupported template version: ${String(t['AWSTemplateFormatVersion'])}`);
  }
  for (const [name, p] of Object.entries((t['Parameters'] ?? {}) as Record<string, unknown>)) {
    if (typeof p !== 'object' || p === null || typeof (p as { Type?: unknown }).Type !== 'string') {
      throw formatError(`[/Parameters/${name}] Every Parameters object must contain a Type member.`);
    }
  }
  return t as unknown as Template;
}

/** The pseudo parameters every template can `Ref`. */
export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** The names a value refers to: `Ref` targets, `Fn::GetAtt` logical ids and the names inside `Fn::Sub` strings. */
export function referencesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) referencesIn(v, out);
    return out;
  }
  if (typeof value !== 'object' || value === null) return out;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, arg] = entries[0]!;
    if (key === 'Ref' && typeof arg === 'string') {
      out.add(arg);
      return out;
    }
    if (key === 'Fn::GetAtt') {
      const parts = typeof arg === 'string' ? splitGetAtt(arg) : arg;
      if (Array.isArray(parts) && typeof parts[0] === 'string') out.add(parts[0]);
      return out;
    }
    if (key === 'Fn::Sub') {
      const [text, vars] =
        typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) ? [arg[0], arg[1] ?? {}] : ['', {}];
      const local = new Set(Object.keys((vars ?? {}) as object));
      if (typeof text === 'string') {
        for (const name of subNames(text)) {
          const target = name.includes('.') ? splitGetAtt(name)[0] : name;
          if (!local.has(name) && !local.has(target)) out.add(target);
        }
      }
      referencesIn(vars, out);
      return out;
    }
  }
  for (const [, v] of entries) referencesIn(v, out);
  return out;
}

/** The `${Name}` placeholders of a Fn::Sub string (not the `${!Literal}` ones). */
export function subNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    const name = m[1]!.trim();
    if (!name.startsWith('!')) names.push(name);
  }
  return names;
}

/** The resources a resource waits for: those it references and those its DependsOn names. */
export function dependenciesOf(template: Template, logicalId: string): string[] {
  const res = template.Resources[logicalId]!;
  const deps = new Set<string>();
  for (const ref of referencesIn(res.Properties ?? {})) if (ref in template.Resources) deps.add(ref);
  const dependsOn =
    res.DependsOn === undefined ? [] : Array.isArray(res.DependsOn) ? res.DependsOn : [res.DependsOn];
  for (const d of dependsOn) deps.add(d);
  deps.delete(logicalId);
  return [...deps];
}

/**
 * CloudFormation's checks of what a template refers to: every Ref, GetAtt, Sub name and DependsOn must name a
 * parameter, a pseudo parameter or a resource, and the resources must not depend on each other in a circle.
 */
export function checkReferences(template: Template): void {
  const params = new Set(Object.keys(template.Parameters ?? {}));
  const resources = new Set(Object.keys(template.Resources));
  const known = (name: string): boolean =>
    params.has(name) || resources.has(name) || PSEUDO_PARAMETERS.has(name);
  const unresolved = (block: string, names: string[]): void => {
    if (names.length > 0) {
      throw formatError(
        `Unresolved resource dependencies [${names.join(', ')}] in the ${block} block of the template`,
      );
    }
  };
  const missing: string[] = [];
  for (const res of Object.values(template.Resources)) {
    for (const ref of referencesIn(res.Properties ?? {})) if (!known(ref)) missing.push(ref);
    const dependsOn =
      res.DependsOn === undefined ? [] : Array.isArray(res.DependsOn) ? res.DependsOn : [res.DependsOn];
    for (const d of dependsOn) {
      if (!resources.has(d)) missing.push(d);
    }
    if (res.Condition !== undefined && !(res.Condition in (template.Conditions ?? {}))) {
      throw formatError(
        `Unresolved dependencies [${res.Condition}]. Cannot reference resources in the Conditions block of the template`,
      );
    }
  }
  unresolved('Resources', [...new Set(missing)]);
  const outputMissing: string[] = [];
  for (const out of Object.values(template.Outputs ?? {})) {
    for (const ref of referencesIn(out)) if (!known(ref)) outputMissing.push(ref);
  }
  unresolved('Outputs', [...new Set(outputMissing)]);
  order(template, Object.keys(template.Resources));
}

/**
 * The resources in an order that creates every one after what it depends on (stable: template order among
 * independent ones). A circle fails as CloudFormation words it.
 */
export function order(template: Template, ids: string[]): string[] {
  const included = new Set(ids);
  const done = new Set<string>();
  const out: string[] = [];
  let remaining = ids.slice();
  while (remaining.length > 0) {
    const ready = remaining.filter((id) =>
      dependenciesOf(template, id).every((d) => !included.has(d) || done.has(d)),
    );
    if (ready.length === 0) {
      throw formatError(`Circular dependency between resources: [${remaining.join(', ')}]`);
    }
    for (const id of ready) {
      done.add(id);
      out.push(id);
    }
    remaining = remaining.filter((id) => !done.has(id));
  }
  return out;
}

/** IAM resource types that need CAPABILITY_IAM, and the property that names one (then CAPABILITY_NAMED_IAM). */
const IAM_TYPES: Record<string, string | undefined> = {
  'AWS::IAM::AccessKey': undefined,
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Policy': undefined,
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::UserToGroupAddition': undefined,
};

/** The capabilities a template needs, and why, as GetTemplateSummary and ValidateTemplate answer them. */
export function requiredCapabilities(template: Template): { capabilities: string[]; reason?: string } {
  const iam: string[] = [];
  let named = false;
  for (const [id, res] of Object.entries(template.Resources)) {
    if (!(res.Type in IAM_TYPES)) continue;
    iam.push(id);
    const nameProp = IAM_TYPES[res.Type];
    if (nameProp !== undefined && res.Properties?.[nameProp] !== undefined) named = true;
  }
  const capabilities: string[] = [];
  if (iam.length > 0) capabilities.push(named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM');
  const macros = template.Transform !== undefined;
  if (macros) capabilities.push('CAPABILITY_AUTO_EXPAND');
  if (capabilities.length === 0) return { capabilities };
  return {
    capabilities,
    reason:
      iam.length > 0
        ? `The following resource(s) require capabilities: [${[...new Set(iam.map((id) => template.Resources[id]!.Type))].join(', ')}]`
        : 'The template contains macros.',
  };
}

/** InsufficientCapabilitiesException when the caller did not acknowledge what the template needs. */
export function checkCapabilities(template: Template, given: string[]): void {
  const { capabilities } = requiredCapabilities(template);
  const iamNeeded = capabilities.find((c) => c.endsWith('_IAM'));
  if (iamNeeded === undefined) return;
  const ok =
    given.includes('CAPABILITY_NAMED_IAM') ||
    (iamNeeded === 'CAPABILITY_IAM' && given.includes('CAPABILITY_IAM'));
  if (!ok) {
    throw new AwsError('InsufficientCapabilitiesException', `Requires capabilities : [${iamNeeded}]`);
  }
}
