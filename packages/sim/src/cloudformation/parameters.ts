import { AwsError } from '../core/errors';
import { Sealed } from '../core/sealed';
import type { Simulator } from '../core/simulator';
import { findParameterRef } from '../ssm';
import { plainValue, current } from '../ssm/store';
import { evaluate, type Scope } from './intrinsics';
import { parameterText, type StackParameter } from './model';
import type { ParameterDeclaration, Template } from './template';

/** One `Parameters.member.N` of a request. */
export interface ParameterInput {
  key: string;
  value?: string;
  usePreviousValue: boolean;
}

const validation = (message: string): AwsError => new AwsError('ValidationError', message);

const SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

/** Whether a parameter type holds a list (`List<…>`, `CommaDelimitedList`, an SSM `List<…>` value). */
export function isListType(type: string): boolean {
  const inner = SSM_TYPE.exec(type)?.[1] ?? type;
  return inner === 'CommaDelimitedList' || inner.startsWith('List<');
}

const truthy = (v: unknown): boolean => v === true || v === 'true' || v === 'True';

/**
 * The stack's parameters from the template's declarations, the values given, the defaults and (for
 * UsePreviousValue) the values the stack had. Values are checked as CloudFormation checks them; SSM parameter
 * types are read from the simulator's Parameter Store in the stack's account and region.
 */
export function resolveParameters(
  sim: Simulator,
  account: string,
  region: string,
  template: Template,
  given: ParameterInput[],
  previous: StackParameter[] | undefined,
): StackParameter[] {
  const declared = template.Parameters ?? {};
  const unknown = given.filter((p) => !(p.key in declared)).map((p) => p.key);
  if (unknown.length > 0)
    throw validation(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing: string[] = [];
  const out: StackParameter[] = [];
  for (const [key, decl] of Object.entries(declared)) {
    const input = given.find((p) => p.key === key);
    let value: string | undefined;
    if (input?.usePreviousValue) {
      const prev = previous?.find((p) => p.key === key);
      if (prev === undefined) {
        throw validation(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`,
        );
      }
      value = parameterText(prev);
    } else if (input?.value !== undefined) {
      value = input.value;
    } else if (decl.Default !== undefined) {
      value = Array.isArray(decl.Default) ? decl.Default.map(String).join(',') : String(decl.Default);
    }
    if (value === undefined) {
      missing.push(key);
      continue;
    }
    checkValue(key, decl, value);
    const noEcho = truthy(decl.NoEcho);
    const param: StackParameter = { key, value: noEcho ? new Sealed(value) : value, noEcho };
    if (SSM_TYPE.test(decl.Type)) param.resolved = readSsm(sim, account, region, value);
    out.push(param);
  }
  if (missing.length > 0) throw validation(`Parameters: [${missing.join(', ')}] must have values`);
  const unreadable = out.filter((p) => p.resolved === '\u0000').map(parameterText);
  if (unreadable.length > 0) {
    throw validation(
      `Unable to fetch parameters [${unreadable.join(',')}] from parameter store for this account.`,
    );
  }
  return out;
}

function readSsm(sim: Simulator, account: string, region: string, name: string): string {
  const param = findParameterRef(sim, account, region, name);
  // A marker the caller collects, so every missing name is reported at once.
  return param ? plainValue(current(param)) : '\u0000';
}

function checkValue(key: string, decl: ParameterDeclaration, value: string): void {
  const type = decl.Type;
  const items = isListType(type) ? value.split(',') : [value];
  if (type === 'Number' || type === 'List<Number>') {
    for (const item of items) {
      if (item.trim() === '' || Number.isNaN(Number(item))) {
        throw validation(`Parameter '${key}' must be a number.`);
      }
    }
  }
  const described = (fallback: string): string => decl.ConstraintDescription ?? fallback;
  if (decl.AllowedValues !== undefined) {
    const allowed = decl.AllowedValues.map(String);
    for (const item of items) {
      if (!allowed.includes(item)) {
        throw validation(`Parameter '${key}' must be one of AllowedValues`);
      }
    }
  }
  if (decl.AllowedPattern !== undefined) {
    const pattern = new RegExp(`^(?:${decl.AllowedPattern})$`);
    for (const item of items) {
      if (!pattern.test(item)) {
        throw validation(
          `Parameter ${key} failed to satisfy constraint: ${described(`Malformed input-Parameter ${key} must match pattern ${decl.AllowedPattern}`)}`,
        );
      }
    }
  }
  const minLength = decl.MinLength === undefined ? undefined : Number(decl.MinLength);
  const maxLength = decl.MaxLength === undefined ? undefined : Number(decl.MaxLength);
  if (minLength !== undefined && value.length < minLength) {
    throw validation(`Parameter '${key}' must contain at least ${minLength} characters`);
  }
  if (maxLength !== undefined && value.length > maxLength) {
    throw validation(`Parameter '${key}' must contain at most ${maxLength} characters`);
  }
  if (type === 'Number') {
    const n = Number(value);
    if (decl.MinValue !== undefined && n < Number(decl.MinValue)) {
      throw validation(`Parameter '${key}' must be a number not less than ${String(decl.MinValue)}`);
    }
    if (decl.MaxValue !== undefined && n > Number(decl.MaxValue)) {
      throw validation(`Parameter '${key}' must be a number not greater than ${String(decl.MaxValue)}`);
    }
  }
}

/** The values `Ref` answers for the parameters: the resolved SSM value, and lists for list types. */
export function parameterValues(
  template: Template,
  params: StackParameter[],
): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const p of params) {
    const type = template.Parameters?.[p.key]?.Type ?? 'String';
    const v = p.resolved ?? parameterText(p);
    out.set(p.key, isListType(type) ? (v === '' ? [] : v.split(',')) : v);
  }
  return out;
}

/** The template's Rules: an assertion that does not hold is a ValidationError with its AssertDescription. */
export function checkRules(scope: Scope): void {
  for (const [name, rule] of Object.entries(scope.template.Rules ?? {})) {
    if (rule.RuleCondition !== undefined && evaluate(scope, rule.RuleCondition) !== true) continue;
    for (const assertion of rule.Assertions ?? []) {
      if (evaluate(scope, assertion.Assert) !== true) {
        throw validation(assertion.AssertDescription ?? `Template error: rule ${name} failed`);
      }
    }
  }
}
