import { randomBytes } from 'node:crypto';
import { AwsError } from '../../core/errors';
import type { Json } from '../../core/request';
import type { Simulator } from '../../core/simulator';
import {
  addRole,
  findRole,
  listRoles,
  parsePermissionPolicy,
  type PermissionPolicy,
  removeRole,
  setRolePolicies,
} from '../../sts';
import { alreadyExists, changed, generatedName, guarded, handlerError, num, str } from './support';
import type { ProvisionedResource, ResourceContext, ResourceProvider } from './types';

/**
 * AWS::IAM::Role, Policy and ManagedPolicy. Roles live in STS's role store, so AssumeRole checks their trust
 * policies and IAM evaluates their sessions' calls against the permission policies attached to them: the role's
 * own `Policies`, the AWS::IAM::Policy resources naming it, and the AWS::IAM::ManagedPolicy resources attached to
 * it. Which policy came from where is kept beside (`iam.policies` in /_sim/state). A role with a managed policy
 * the simulator does not hold (`arn:aws:iam::aws:policy/…`) is not evaluated: its sessions are all-powerful.
 */

interface RolePolicies {
  /** Inline policies by name: the role's own `Policies` and the AWS::IAM::Policy resources naming the role. */
  inline: Record<string, unknown>;
  managed: string[];
}

interface PolicyState {
  roles: Map<string, RolePolicies>;
  /** Managed policies by ARN. */
  managed: Map<string, { name: string; path: string; document: unknown }>;
}

export function policyState(sim: Simulator): PolicyState {
  return sim.store<PolicyState>('iam.policies', () => ({ roles: new Map(), managed: new Map() }));
}

function policiesOf(sim: Simulator, roleArn: string): RolePolicies {
  const state = policyState(sim);
  let entry = state.roles.get(roleArn);
  if (!entry) {
    entry = { inline: {}, managed: [] };
    state.roles.set(roleArn, entry);
  }
  return entry;
}

const roleArnOf = (ctx: ResourceContext, path: string, name: string): string =>
  `arn:aws:iam::${ctx.account}:role${path}${name}`;

function pathOf(props: Json, key = 'Path'): string {
  const path = str(props[key]) ?? '/';
  if (!/^\/(?:[\x21-\x7e]*\/)?$/.test(path) || path.length > 512) {
    throw handlerError(
      'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
      'InvalidRequest',
    );
  }
  return path;
}

function checkRoleName(name: string): void {
  if (name.length > 64 || !/^[\w+=,.@-]+$/.test(name)) {
    throw handlerError(
      `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: ${
        name.length > 64
          ? 'Member must have length less than or equal to 64'
          : 'Member must satisfy regular expression pattern: [\\w+=,.@-]+'
      }`,
      'InvalidRequest',
    );
  }
}

/**
 * A policy document must be JSON (CloudFormation passes objects; a string must parse) and a permission policy IAM
 * takes (no principal, resources named, actions prefaced by a vendor…).
 */
function documentOf(raw: unknown, what: string): unknown {
  let doc = raw;
  if (typeof raw !== 'string') {
    if (typeof raw !== 'object' || raw === null) {
      throw handlerError(`The policy document of ${what} is missing.`, 'InvalidRequest');
    }
  } else {
    try {
      doc = JSON.parse(raw) as unknown;
    } catch {
      throw handlerError('Syntax errors in policy.', 'InvalidRequest');
    }
  }
  guarded(() => parsePermissionPolicy(what, doc, what));
  return doc;
}

/** Puts a role's policies (inline, then managed) where IAM evaluates them. */
function syncPermissions(sim: Simulator, roleArn: string): void {
  const state = policyState(sim);
  const entry = state.roles.get(roleArn);
  const policies: PermissionPolicy[] = Object.entries(entry?.inline ?? {}).map(([name, doc]) =>
    parsePermissionPolicy(name, doc, name),
  );
  const unknown: string[] = [];
  for (const arn of entry?.managed ?? []) {
    const managed = state.managed.get(arn);
    if (managed) policies.push(parsePermissionPolicy(arn, managed.document, arn));
    else unknown.push(arn);
  }
  setRolePolicies(sim, roleArn, policies, unknown);
}

function syncAll(sim: Simulator): void {
  for (const roleArn of policyState(sim).roles.keys()) syncPermissions(sim, roleArn);
}

function inlinePolicies(props: Json): Record<string, unknown> {
  const list = props['Policies'];
  if (!Array.isArray(list)) return {};
  return Object.fromEntries(
    list.map((p: unknown) => {
      const policy = (typeof p === 'object' && p !== null ? p : {}) as Json;
      const name = str(policy['PolicyName']) ?? '';
      return [name, documentOf(policy['PolicyDocument'], `policy ${name}`)];
    }),
  );
}

function putRole(ctx: ResourceContext, arn: string, props: Json): ProvisionedResource {
  const max = num(props['MaxSessionDuration']) ?? 3600;
  const role = guarded(() => {
    try {
      return addRole(ctx.sim, {
        arn,
        trustPolicy: props['AssumeRolePolicyDocument'],
        maxSessionDuration: max,
      });
    } catch (err) {
      // IAM's own words for a maximum session out of range.
      if (err instanceof AwsError && /maxSessionDuration/.test(err.message)) {
        throw new AwsError(
          'ValidationError',
          `1 validation error detected: Value '${String(max)}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value ${max < 3600 ? 'greater than or equal to 3600' : 'less than or equal to 43200'}`,
        );
      }
      // The role store words a trust policy's problems for seeds (`role <arn> Statement[0]: …`); IAM names no role.
      if (err instanceof AwsError && err.code === 'MalformedPolicyDocument') {
        throw new AwsError(err.code, err.message.replace(`role ${arn}`, '').replace(/^[:\s]+/, ''));
      }
      throw err;
    }
  });
  const policies = policiesOf(ctx.sim, arn);
  const managed = props['ManagedPolicyArns'];
  policies.managed = Array.isArray(managed) ? managed.map(String) : [];
  // Inline policies of AWS::IAM::Policy resources stay; the role's own are replaced.
  for (const name of Object.keys(policies.inline)) if (name.startsWith('role:')) delete policies.inline[name];
  for (const [name, doc] of Object.entries(inlinePolicies(props))) policies.inline[`role:${name}`] = doc;
  syncPermissions(ctx.sim, arn);
  return { physicalId: role.name, attributes: { Arn: role.arn, RoleId: role.roleId } };
}

/** AWS::IAM::Role: Ref is the name; Arn and RoleId. */
export const iamRoleProvider: ResourceProvider = {
  create(ctx, props) {
    const name = str(props['RoleName']) ?? generatedName(ctx, 64);
    checkRoleName(name);
    const arn = roleArnOf(ctx, pathOf(props), name);
    if (findRole(ctx.sim, arn)) throw alreadyExists('AWS::IAM::Role', name);
    return putRole(ctx, arn, props);
  },

  needsReplacement: (before, after) => changed(before, after, ['RoleName', 'Path']),

  update(ctx, current, _before, after) {
    const arn = str(current.attributes['Arn']) ?? roleArnOf(ctx, pathOf(after), current.physicalId);
    return putRole(ctx, arn, after);
  },

  delete(ctx, current) {
    const arn = str(current.attributes['Arn']);
    if (arn === undefined) return;
    removeRole(ctx.sim, arn);
    policyState(ctx.sim).roles.delete(arn);
  },
};

/** The ARNs of the roles a policy resource names (by name, as CloudFormation's `Roles` lists them). */
function rolesNamed(ctx: ResourceContext, props: Json): string[] {
  const names = Array.isArray(props['Roles']) ? props['Roles'].map(String) : [];
  return names.map((name) => {
    const arn = name.startsWith('arn:') ? name : findRoleByName(ctx, name);
    if (arn === undefined) {
      throw handlerError(`The role with name ${name} cannot be found.`, 'NotFound');
    }
    return arn;
  });
}

function findRoleByName(ctx: ResourceContext, name: string): string | undefined {
  return listRoles(ctx.sim).find((r) => r.account === ctx.account && r.name === name)?.arn;
}

function attachInline(ctx: ResourceContext, props: Json, name: string): void {
  const doc = documentOf(props['PolicyDocument'], `policy ${name}`);
  for (const arn of rolesNamed(ctx, props)) {
    policiesOf(ctx.sim, arn).inline[`policy:${name}`] = doc;
    syncPermissions(ctx.sim, arn);
  }
}

function detachInline(ctx: ResourceContext, name: string): void {
  for (const entry of policyState(ctx.sim).roles.values()) delete entry.inline[`policy:${name}`];
  syncAll(ctx.sim);
}

/** AWS::IAM::Policy: an inline policy put on each role it names; Ref is the policy name. */
export const iamPolicyProvider: ResourceProvider = {
  create(ctx, props) {
    const name = str(props['PolicyName']) ?? generatedName(ctx, 128);
    attachInline(ctx, props, name);
    return { physicalId: name, attributes: { Id: name } };
  },
  needsReplacement: () => false,
  update(ctx, current, _before, after) {
    detachInline(ctx, current.physicalId);
    const name = str(after['PolicyName']) ?? current.physicalId;
    attachInline(ctx, after, name);
    return { physicalId: name, attributes: { Id: name } };
  },
  delete(ctx, current) {
    detachInline(ctx, current.physicalId);
  },
};

function putManaged(
  ctx: ResourceContext,
  arn: string,
  name: string,
  path: string,
  props: Json,
): ProvisionedResource {
  const document = documentOf(props['PolicyDocument'], `managed policy ${name}`);
  const roles = rolesNamed(ctx, props);
  const state = policyState(ctx.sim);
  state.managed.set(arn, { name, path, document });
  for (const entry of state.roles.values()) entry.managed = entry.managed.filter((a) => a !== arn);
  for (const role of roles) policiesOf(ctx.sim, role).managed.push(arn);
  syncAll(ctx.sim);
  return {
    physicalId: arn,
    attributes: {
      PolicyArn: arn,
      PolicyId: `ANPA${randomBytes(9).toString('hex').toUpperCase().slice(0, 17)}`,
    },
  };
}

/** AWS::IAM::ManagedPolicy: Ref is its ARN; attached to the roles it names. */
export const iamManagedPolicyProvider: ResourceProvider = {
  create(ctx, props) {
    const name = str(props['ManagedPolicyName']) ?? generatedName(ctx, 128);
    const path = pathOf(props);
    const arn = `arn:aws:iam::${ctx.account}:policy${path}${name}`;
    if (policyState(ctx.sim).managed.has(arn)) throw alreadyExists('AWS::IAM::ManagedPolicy', arn);
    return putManaged(ctx, arn, name, path, props);
  },
  needsReplacement: (before, after) => changed(before, after, ['ManagedPolicyName', 'Path']),
  update(ctx, current, _before, after) {
    const entry = policyState(ctx.sim).managed.get(current.physicalId);
    const made = putManaged(ctx, current.physicalId, entry?.name ?? '', entry?.path ?? '/', after);
    return { ...made, attributes: { ...made.attributes, PolicyId: current.attributes['PolicyId'] } };
  },
  delete(ctx, current) {
    const state = policyState(ctx.sim);
    state.managed.delete(current.physicalId);
    for (const entry of state.roles.values())
      entry.managed = entry.managed.filter((a) => a !== current.physicalId);
    syncAll(ctx.sim);
  },
};
