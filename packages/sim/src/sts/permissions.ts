import { arnAccount, type Denial, type PermissionCheck } from '../core/authorization';
import { AwsError } from '../core/errors';
import { globToRegExp } from '../core/glob';
import type { Principal } from '../core/identity';
import type { Simulator } from '../core/simulator';
import { conditionsHold, parseConditions, type Condition, type ConditionContext } from './conditions';

/**
 * IAM permission policies: parsed and checked as IAM checks them when they are attached, and evaluated as IAM
 * evaluates a request (AWS IAM user guide, "Policy evaluation logic"): an explicit Deny in any statement wins,
 * then an Allow, else the request is implicitly denied. A call on another account's resource also needs that
 * resource's policy to allow it ("Cross-account policy evaluation logic").
 */

interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  notAction: boolean;
  resources: string[];
  notResource: boolean;
  /** Resource-based policies only: who the statement is about (`*`, or AWS principals). */
  principals?: '*' | string[];
  notPrincipal: boolean;
  conditions: Condition[];
}

/** A permission policy as attached to a role: its name, the document as given, and its parsed statements. */
export interface PermissionPolicy {
  name: string;
  document: unknown;
}

const parsed = new WeakMap<object, Statement[]>();

function malformed(message: string): AwsError {
  return new AwsError('MalformedPolicyDocument', message);
}

function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0 || !list.every((v) => typeof v === 'string')) {
    throw malformed(`${where} must be a string or a non-empty list of strings`);
  }
  return list as string[];
}

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
  'Principal',
  'NotPrincipal',
]);

function principalsOf(value: unknown, where: string): '*' | string[] {
  if (value === '*') return '*';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(`${where}: Principal must be "*" or {"AWS": …}`);
  }
  const aws = (value as Record<string, unknown>)['AWS'];
  if (aws === undefined) return [];
  return stringList(aws, `${where}: Principal.AWS`);
}

/**
 * Parses a policy document (an object or its JSON text). `kind` says which elements IAM requires: an identity
 * policy names no principal and must name resources; a resource policy must name its principals.
 */
function parseDocument(raw: unknown, where: string, kind: 'identity' | 'resource'): Statement[] {
  let doc = raw;
  if (typeof raw === 'string') {
    try {
      doc = JSON.parse(raw);
    } catch {
      throw malformed(`${where}: the policy is not in the valid JSON format`);
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw malformed(`${where}: a policy document is a JSON object`);
  }
  const body = doc as Record<string, unknown>;
  const version = body['Version'];
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
    throw malformed(`${where}: the policy failed legacy parsing (Version must be "2012-10-17")`);
  }
  const statement = body['Statement'];
  if (statement === undefined) throw malformed(`${where}: the policy has no Statement`);
  const list = Array.isArray(statement) ? (statement as unknown[]) : [statement];
  return list.map((s, i): Statement => {
    const at = `${where} Statement[${i}]`;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw malformed(`${at} must be an object`);
    const st = s as Record<string, unknown>;
    const unknown = Object.keys(st).find((k) => !STATEMENT_KEYS.has(k));
    if (unknown !== undefined) throw malformed(`${at}: unknown element ${unknown} (syntax errors in policy)`);
    if (st['Effect'] !== 'Allow' && st['Effect'] !== 'Deny')
      throw malformed(`${at}: Effect must be Allow or Deny`);
    if ((st['Action'] === undefined) === (st['NotAction'] === undefined)) {
      throw malformed(`${at}: a statement has an Action or a NotAction`);
    }
    const notAction = st['Action'] === undefined;
    const actions = stringList(notAction ? st['NotAction'] : st['Action'], `${at}: Action`);
    const vendorless = actions.find((a) => a !== '*' && !/^[a-zA-Z0-9-]+:[A-Za-z0-9*?]+$/.test(a));
    if (vendorless !== undefined) {
      throw malformed(
        `${at}: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. (${vendorless})`,
      );
    }
    const hasResource = st['Resource'] !== undefined || st['NotResource'] !== undefined;
    if (st['Resource'] !== undefined && st['NotResource'] !== undefined) {
      throw malformed(`${at}: a statement has a Resource or a NotResource, not both`);
    }
    if (kind === 'identity' && !hasResource)
      throw malformed(`${at}: Policy statement must contain resources.`);
    const notResource = st['Resource'] === undefined && st['NotResource'] !== undefined;
    const resources = hasResource
      ? stringList(notResource ? st['NotResource'] : st['Resource'], `${at}: Resource`)
      : ['*'];
    const badResource = resources.find((r) => r !== '*' && !r.startsWith('arn:'));
    if (badResource !== undefined) {
      throw malformed(`${at}: Resource ${badResource} must be in ARN format or "*".`);
    }
    const hasPrincipal = st['Principal'] !== undefined || st['NotPrincipal'] !== undefined;
    if (kind === 'identity' && hasPrincipal) {
      throw malformed(`${at}: Policy document should not specify a principal.`);
    }
    if (kind === 'resource' && !hasPrincipal)
      throw malformed(`${at}: Statement is missing required field Principal`);
    const notPrincipal = st['Principal'] === undefined && st['NotPrincipal'] !== undefined;
    return {
      effect: st['Effect'],
      actions,
      notAction,
      resources,
      notResource,
      ...(kind === 'resource'
        ? { principals: principalsOf(notPrincipal ? st['NotPrincipal'] : st['Principal'], at) }
        : {}),
      notPrincipal,
      conditions: parseConditions(st['Condition'], at),
    };
  });
}

/** Checks a permission policy as IAM does when it is attached; refused as `MalformedPolicyDocument`. */
export function parsePermissionPolicy(name: string, document: unknown, where: string): PermissionPolicy {
  const policy: PermissionPolicy = { name, document };
  parsed.set(policy, parseDocument(document, where, 'identity'));
  return policy;
}

/** A policy's statements, parsed once per policy object (a state copy is parsed again on first use). */
function statementsOf(policy: PermissionPolicy): Statement[] {
  let statements = parsed.get(policy);
  if (!statements) {
    statements = parseDocument(policy.document, policy.name, 'identity');
    parsed.set(policy, statements);
  }
  return statements;
}

const resourcePolicies = new Map<string, Statement[] | undefined>();

/** A resource-based policy's statements, parsed once per text; one IAM would refuse allows nothing. */
function resourceStatements(document: unknown): Statement[] {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  if (!resourcePolicies.has(text)) {
    if (resourcePolicies.size > 1000) resourcePolicies.clear();
    try {
      resourcePolicies.set(text, parseDocument(text, 'resource policy', 'resource'));
    } catch {
      resourcePolicies.set(text, undefined);
    }
  }
  return resourcePolicies.get(text) ?? [];
}

const globs = new Map<string, RegExp>();

/** IAM's wildcards: `*` any run of characters (across `:` and `/`), `?` one; actions compare case-insensitively. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (pattern === '*') return true;
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = globs.get(key);
  if (!re) {
    const glob = globToRegExp(pattern);
    re = ignoreCase ? new RegExp(glob.source, 'is') : glob;
    if (globs.size > 10_000) globs.clear();
    globs.set(key, re);
  }
  return re.test(value);
}

function statementApplies(
  st: Statement,
  action: string,
  resource: string,
  context: ConditionContext,
): boolean {
  const actionHit = st.actions.some((a) => wildcard(a, action, true));
  if (actionHit === st.notAction) return false;
  const resourceHit = st.resources.some((r) => wildcard(r, resource, false));
  if (resourceHit === st.notResource) return false;
  return conditionsHold(st.conditions, context);
}

/** Whether a resource policy's principals name the caller: `*`, its account, its role or its session. */
function namesPrincipal(st: Statement, principal: Principal): boolean {
  if (st.principals === undefined) return false;
  const hit =
    st.principals === '*' ||
    st.principals.some(
      (p) =>
        p === '*' ||
        p === principal.account ||
        p === `arn:aws:iam::${principal.account}:root` ||
        p === principal.arn ||
        (principal.roleArn !== undefined && p === principal.roleArn),
    );
  return hit !== st.notPrincipal;
}

type Verdict = 'allow' | 'deny' | 'implicit';

function verdict(matching: Statement[]): Verdict {
  if (matching.some((s) => s.effect === 'Deny')) return 'deny';
  return matching.some((s) => s.effect === 'Allow') ? 'allow' : 'implicit';
}

/** The condition keys every request carries, plus the call's own (keys are case-insensitive: lower case here). */
function contextOf(
  sim: Simulator,
  principal: Principal,
  region: string,
  check: PermissionCheck,
  resourceAccount: string | undefined,
): ConditionContext {
  const now = sim.clock.now();
  const context: ConditionContext = new Map([
    ['aws:principalarn', [principal.roleArn ?? principal.arn]],
    ['aws:principalaccount', [principal.account]],
    ['aws:principaltype', [principal.roleArn !== undefined ? 'AssumedRole' : 'Account']],
    ['aws:userid', [principal.userId]],
    ['aws:requestedregion', [region]],
    ['aws:currenttime', [new Date(now).toISOString()]],
    ['aws:epochtime', [String(Math.floor(now / 1000))]],
    // Calls to AWS are made over TLS; so a bucket policy's "Deny unless aws:SecureTransport" does not apply.
    ['aws:securetransport', ['true']],
  ]);
  if (principal.sessionName !== undefined) context.set('sts:rolesessionname', [principal.sessionName]);
  if (resourceAccount !== undefined) context.set('aws:resourceaccount', [resourceAccount]);
  for (const [key, value] of Object.entries(check.context ?? {})) {
    if (value === undefined) continue;
    context.set(key.toLowerCase(), Array.isArray(value) ? value : [value]);
  }
  return context;
}

/**
 * The first check the policies do not allow the principal, or undefined: per check, a Deny statement that applies
 * refuses it, else an Allow statement must apply; a resource of another account must also be allowed by its own
 * policy.
 */
export function evaluatePolicies(
  sim: Simulator,
  principal: Principal,
  policies: PermissionPolicy[],
  checks: PermissionCheck[],
  region: string,
): Denial | undefined {
  const statements = policies.flatMap(statementsOf);
  for (const check of checks) {
    const resourceAccount = check.resourceAccount ?? arnAccount(check.resource);
    const context = contextOf(sim, principal, region, check, resourceAccount);
    const deny = (policyType: Denial['policyType'], explicit: boolean): Denial => ({
      principal: principal.arn,
      action: check.action,
      resource: check.resource,
      policyType,
      explicit,
    });
    const identity = verdict(
      statements.filter((st) => statementApplies(st, check.action, check.resource, context)),
    );
    if (identity !== 'allow') return deny('identity-based', identity === 'deny');
    if (resourceAccount === undefined || resourceAccount === principal.account) continue;
    // Another account's resource: its own policy must allow the caller too.
    const onResource = verdict(
      resourceStatements(check.resourcePolicy ?? { Statement: [] }).filter(
        (st) => namesPrincipal(st, principal) && statementApplies(st, check.action, check.resource, context),
      ),
    );
    if (onResource !== 'allow') return deny('resource-based', onResource === 'deny');
  }
  return undefined;
}
