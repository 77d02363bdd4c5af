import { AwsError } from '../core/errors';
import { globMatch } from '../core/glob';
import { conditionsHold, parseConditions, type Condition, type ConditionContext } from './conditions';

/** Who asks to assume a role: an AWS principal (AssumeRole) or a federated identity provider (web identity). */
export type Requester =
  { kind: 'AWS'; arn: string; account: string; roleArn?: string } | { kind: 'Federated'; provider: string };

interface Statement {
  effect: 'Allow' | 'Deny';
  /** `*` for any principal, else the principal type (AWS, Federated, Service) → its values. */
  principal: '*' | Map<string, string[]>;
  actions: string[];
  notAction: boolean;
  conditions: Condition[];
}

export interface TrustPolicy {
  statements: Statement[];
  /** The document as seeded, for `/_sim/state`. */
  document: unknown;
}

function malformed(message: string): AwsError {
  return new AwsError('MalformedPolicyDocument', message);
}

function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (!list.every((v) => typeof v === 'string'))
    throw malformed(`${where} must be a string or a list of strings`);
  return list as string[];
}

function parsePrincipal(value: unknown, where: string): Statement['principal'] {
  if (value === '*') return '*';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(
      `${where}: a trust policy statement needs a Principal ("*" or {"AWS"|"Federated"|"Service": …})`,
    );
  }
  const out = new Map<string, string[]>();
  for (const [type, v] of Object.entries(value)) out.set(type, stringList(v, `${where}: Principal.${type}`));
  return out;
}

/** Parses and checks a role trust policy (an object or its JSON text), as IAM does when the role is created. */
export function parseTrustPolicy(raw: unknown, where: string): TrustPolicy {
  let doc = raw;
  if (typeof raw === 'string') {
    try {
      doc = JSON.parse(raw);
    } catch {
      throw malformed(`${where}: the trust policy is not in the valid JSON format`);
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw malformed(`${where}: a policy is an object`);
  const body = (doc as Record<string, unknown>)['Statement'];
  if (body === undefined) throw malformed(`${where}: the trust policy has no Statement`);
  const list = Array.isArray(body) ? (body as unknown[]) : [body];
  const statements = list.map((s, i): Statement => {
    const at = `${where} Statement[${i}]`;
    if (typeof s !== 'object' || s === null) throw malformed(`${at} must be an object`);
    const st = s as Record<string, unknown>;
    if (st['Effect'] !== 'Allow' && st['Effect'] !== 'Deny')
      throw malformed(`${at}: Effect must be Allow or Deny`);
    if (st['NotPrincipal'] !== undefined)
      throw malformed(`${at}: NotPrincipal is not supported in a trust policy`);
    const notAction = st['Action'] === undefined && st['NotAction'] !== undefined;
    const actions = stringList(notAction ? st['NotAction'] : st['Action'], `${at}: Action`);
    return {
      effect: st['Effect'],
      principal: parsePrincipal(st['Principal'], at),
      actions,
      notAction,
      conditions: parseConditions(st['Condition'], at),
    };
  });
  return { statements, document: doc };
}

function principalMatches(principal: Statement['principal'], requester: Requester): boolean {
  if (principal === '*') return true;
  const values = principal.get(requester.kind) ?? [];
  if (requester.kind === 'Federated') return values.includes(requester.provider);
  return values.some((v) => {
    if (v === '*') return true;
    if (/^\d{12}$/.test(v)) return v === requester.account;
    if (v === `arn:aws:iam::${requester.account}:root`) return true;
    return v === requester.arn || v === requester.roleArn;
  });
}

function actionMatches(statement: Statement, action: string): boolean {
  const any = statement.actions.some((pattern) => globMatch(pattern.toLowerCase(), action.toLowerCase()));
  return statement.notAction ? !any : any;
}

/**
 * Whether a trust policy lets a requester perform an action (`sts:AssumeRole`, `sts:TagSession`, …) given the
 * request's condition keys: some Allow statement matches and no Deny statement does.
 */
export function trustAllows(
  policy: TrustPolicy,
  requester: Requester,
  action: string,
  context: ConditionContext,
): boolean {
  const matching = policy.statements.filter(
    (s) =>
      principalMatches(s.principal, requester) &&
      actionMatches(s, action) &&
      conditionsHold(s.conditions, context),
  );
  return matching.some((s) => s.effect === 'Allow') && !matching.some((s) => s.effect === 'Deny');
}
