import { AwsError } from '../core/errors';
import { splitGetAtt, type Template } from './template';

/** What `Ref: AWS::NoValue` evaluates to: removed from the object or list that holds it. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Where a template's names get their values during evaluation. */
export interface Scope {
  template: Template;
  account: string;
  region: string;
  stackName: string;
  stackId: string;
  notificationArns?: string[];
  /** Parameter values: a string, or a list for List<…> and CommaDelimitedList types. */
  parameters: Map<string, string | string[]>;
  /** What `Ref` of a resource answers; undefined for a name that is not a resource of the stack. */
  ref(logicalId: string): string | undefined;
  /** What `Fn::GetAtt` answers. */
  getAtt(logicalId: string, attribute: string): unknown;
  importValue(name: string): string;
}

export const templateError = (message: string): AwsError =>
  new AwsError('ValidationError', `Template error: ${message}`);

function pseudo(scope: Scope, name: string): unknown {
  switch (name) {
    case 'AWS::AccountId':
      return scope.account;
    case 'AWS::Region':
      return scope.region;
    case 'AWS::StackName':
      return scope.stackName;
    case 'AWS::StackId':
      return scope.stackId;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::NotificationARNs':
      return scope.notificationArns ?? [];
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return undefined;
  }
}

function refOf(scope: Scope, name: string): unknown {
  if (name.startsWith('AWS::')) {
    const v = pseudo(scope, name);
    if (v === undefined) throw templateError(`Unresolved resource dependencies [${name}]`);
    return v;
  }
  const param = scope.parameters.get(name);
  if (param !== undefined) return param;
  const physical = scope.ref(name);
  if (physical === undefined) {
    throw new AwsError(
      'ValidationError',
      `Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`,
    );
  }
  return physical;
}

function asString(value: unknown, fn: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw templateError(`every ${fn} object requires a string value`);
}

function asList(value: unknown, fn: string): unknown[] {
  if (!Array.isArray(value)) throw templateError(`every ${fn} object requires a list`);
  return value;
}

/** Whether a condition holds: its name in the template's Conditions, evaluated on demand (once each). */
export function conditionHolds(scope: Scope, name: string, seen: string[] = []): boolean {
  const decl = scope.template.Conditions?.[name];
  if (decl === undefined) throw templateError(`unresolved condition dependency ${name} in Fn::If`);
  if (seen.includes(name))
    throw templateError(`circular condition dependency [${[...seen, name].join(', ')}]`);
  const v = evaluateWith(scope, decl, [...seen, name]);
  if (typeof v !== 'boolean') throw templateError(`condition ${name} does not evaluate to a boolean`);
  return v;
}

/** Evaluates every intrinsic function in `value` (CloudFormation's template functions and conditions). */
export function evaluate(scope: Scope, value: unknown): unknown {
  return evaluateWith(scope, value, []);
}

function evaluateWith(scope: Scope, value: unknown, seen: string[]): unknown {
  const ev = (v: unknown): unknown => evaluateWith(scope, v, seen);
  if (Array.isArray(value)) return value.map(ev).filter((v) => v !== NO_VALUE);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, arg] = entries[0]!;
    if (key === 'Ref') return refOf(scope, asString(arg, 'Ref'));
    if (key === 'Condition' && typeof arg === 'string') return conditionHolds(scope, arg, seen);
    if (key.startsWith('Fn::')) return intrinsic(scope, key, arg, ev, seen);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const r = ev(v);
    if (r !== NO_VALUE) out[k] = r;
  }
  return out;
}

function boolOf(v: unknown, fn: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw templateError(`${fn} requires boolean conditions`);
}

function intrinsic(
  scope: Scope,
  fn: string,
  arg: unknown,
  ev: (v: unknown) => unknown,
  seen: string[],
): unknown {
  switch (fn) {
    case 'Fn::GetAtt': {
      const parts = typeof arg === 'string' ? splitGetAtt(arg) : asList(arg, fn);
      const id = asString(parts[0], fn);
      const attr = asString(ev(parts[1]), fn);
      if (scope.ref(id) === undefined)
        throw templateError(`instance of Fn::GetAtt references undefined resource ${id}`);
      return scope.getAtt(id, attr);
    }
    case 'Fn::Sub':
      return substitute(scope, arg, ev);
    case 'Fn::Join': {
      const [delim, list] = asList(arg, fn);
      const items = ev(list);
      return asList(items, fn)
        .map((i) => asString(i, fn))
        .join(asString(delim, fn));
    }
    case 'Fn::Select': {
      const [index, list] = asList(arg, fn);
      const i = Number(ev(index));
      const items = asList(ev(list), fn);
      if (!Number.isInteger(i) || i < 0 || i >= items.length)
        throw templateError('Fn::Select cannot select nonexistent value at index ' + String(i));
      return items[i];
    }
    case 'Fn::Split': {
      const [delim, text] = asList(arg, fn);
      return asString(ev(text), fn).split(asString(delim, fn));
    }
    case 'Fn::If': {
      const [cond, whenTrue, whenFalse] = asList(arg, fn);
      return conditionHolds(scope, asString(cond, fn), seen) ? ev(whenTrue) : ev(whenFalse);
    }
    case 'Fn::Equals': {
      const [a, b] = asList(arg, fn);
      return JSON.stringify(normalise(ev(a))) === JSON.stringify(normalise(ev(b)));
    }
    case 'Fn::Not': {
      const [a] = asList(arg, fn);
      return !boolOf(ev(a), fn);
    }
    case 'Fn::And':
      return asList(arg, fn).every((c) => boolOf(ev(c), fn));
    case 'Fn::Or':
      return asList(arg, fn).some((c) => boolOf(ev(c), fn));
    case 'Fn::Contains': {
      const [list, v] = asList(arg, fn);
      const needle = JSON.stringify(normalise(ev(v)));
      return asList(ev(list), fn).some((i) => JSON.stringify(normalise(i)) === needle);
    }
    case 'Fn::EachMemberEquals': {
      const [list, v] = asList(arg, fn);
      const want = JSON.stringify(normalise(ev(v)));
      return asList(ev(list), fn).every((i) => JSON.stringify(normalise(i)) === want);
    }
    case 'Fn::EachMemberIn': {
      const [list, allowed] = asList(arg, fn);
      const pool = asList(ev(allowed), fn).map((i) => JSON.stringify(normalise(i)));
      return asList(ev(list), fn).every((i) => pool.includes(JSON.stringify(normalise(i))));
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = asList(arg, fn).map(ev);
      const m = scope.template.Mappings?.[asString(map, fn)];
      const v = m?.[asString(top, fn)]?.[asString(second, fn)];
      if (v === undefined) {
        throw templateError(`Unable to get mapping for ${String(map)}::${String(top)}::${String(second)}`);
      }
      return v;
    }
    case 'Fn::Base64':
      return Buffer.from(asString(ev(arg), fn), 'utf8').toString('base64');
    case 'Fn::GetAZs': {
      const region = asString(ev(arg ?? ''), fn) || scope.region;
      return ['a', 'b', 'c'].map((s) => `${region}${s}`);
    }
    case 'Fn::ImportValue':
      return scope.importValue(asString(ev(arg), fn));
    case 'Fn::Length':
      return asList(ev(arg), fn).length;
    case 'Fn::ToJsonString':
      return JSON.stringify(ev(arg));
    case 'Fn::Cidr': {
      const [block, count, bits] = asList(arg, fn).map(ev);
      return cidrs(asString(block, fn), Number(count), Number(bits));
    }
    default:
      throw templateError(`Encountered unsupported function: ${fn}`);
  }
}

/** Fn::Equals compares values as strings where CloudFormation would (`1` equals `"1"`). */
function normalise(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(normalise);
  return v;
}

function substitute(scope: Scope, arg: unknown, ev: (v: unknown) => unknown): string {
  const [text, varsRaw] = typeof arg === 'string' ? [arg, {}] : asList(arg, 'Fn::Sub');
  const vars = (ev(varsRaw ?? {}) ?? {}) as Record<string, unknown>;
  const source = asString(text, 'Fn::Sub');
  return source.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    const name = inner.trim();
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in vars) return asString(vars[name], 'Fn::Sub');
    if (name.includes('.') && !name.startsWith('AWS::')) {
      const [id, attr] = splitGetAtt(name);
      if (scope.ref(id) !== undefined) return asString(scope.getAtt(id, attr), 'Fn::Sub');
    }
    const v = refOf(scope, name);
    return Array.isArray(v) ? v.join(',') : asString(v, 'Fn::Sub');
  });
}

/** Fn::Cidr: `count` blocks of 2^bits addresses carved from the start of an IPv4 block. */
function cidrs(block: string, count: number, bits: number): string[] {
  const [ip, prefix] = block.split('/');
  const octets = (ip ?? '').split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !(o >= 0 && o <= 255)) || prefix === undefined) {
    throw templateError(`Fn::Cidr: invalid ip block ${block}`);
  }
  const base = octets.reduce((a, o) => a * 256 + o, 0);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = base + i * 2 ** bits;
    out.push(`${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')}/${32 - bits}`);
  }
  return out;
}
