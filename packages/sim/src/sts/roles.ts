import { createHash } from 'node:crypto';
import { AwsError } from '../core/errors';
import { DEFAULT_ACCOUNT } from '../core/identity';
import type { Simulator } from '../core/simulator';
import { GITHUB_ISSUER } from '../github';
import { parsePermissionPolicy, type PermissionPolicy } from './permissions';
import { parseTrustPolicy, type TrustPolicy } from './policy';

export interface Role {
  arn: string;
  name: string;
  account: string;
  /** IAM path, `/` unless the ARN has one (`arn:aws:iam::ACCT:role/deploy/prod` has path `/deploy/`). */
  path: string;
  /** The unique id IAM gives a role (`AROA…`), the first half of an assumed role's AssumedRoleId. */
  roleId: string;
  trustPolicy: TrustPolicy;
  /** Seconds; a session may not be asked for longer than this. */
  maxSessionDuration: number;
  /**
   * Its permission policies: what its sessions may do. A role without any is all-powerful (the simulator's
   * behaviour before it evaluated permissions); seeding `policies` opts in.
   */
  policies: PermissionPolicy[];
  /**
   * Managed policies attached whose documents the simulator does not hold (AWS managed policies such as
   * `arn:aws:iam::aws:policy/ReadOnlyAccess`): while a role has any, its sessions are not evaluated.
   */
  unknownManagedPolicies?: string[];
}

/** The audience `aws-actions/configure-aws-credentials` asks GitHub for, and IAM's suggested client id. */
const DEFAULT_CLIENT_ID = 'sts.amazonaws.com';

export interface OidcProvider {
  arn: string;
  url: string;
  clientIdList: string[];
}

interface IamState {
  roles: Map<string, Role>;
  oidcProviders: Map<string, OidcProvider>;
}

export function iamState(sim: Simulator): IamState {
  return sim.store<IamState>('sts.iam', () => ({ roles: new Map(), oidcProviders: new Map() }));
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,64})$/;

export function parseRoleArn(arn: string): { account: string; path: string; name: string } | undefined {
  const m = ROLE_ARN.exec(arn);
  if (!m) return undefined;
  return { account: m[1]!, path: m[2]!, name: m[3]! };
}

/** A stable, IAM-looking unique id: `AROA` and 17 characters derived from the ARN. */
function roleIdFor(arn: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = createHash('sha256').update(arn).digest();
  let id = 'AROA';
  for (let i = 0; i < 17; i++) id += alphabet[digest[i]! % alphabet.length];
  return id;
}

/** A seeded role or provider that IAM would not take; the seed names the entry in front of the message. */
function invalid(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function optionalString(doc: Record<string, unknown>, key: string, what: string): string | undefined {
  const value = doc[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw invalid(`${what}.${key} must be a non-empty string`);
  return value;
}

/**
 * A role as seeded: `{ arn }` or `{ name, account?, path? }`, with `trustPolicy` (object or JSON string),
 * `maxSessionDuration` (3600–43200 s, default 3600, as IAM allows) and `policies`, its permission policies
 * (documents, objects or JSON strings), checked as IAM checks them.
 */
export function addRole(sim: Simulator, spec: unknown): Role {
  const doc = record(spec, 'a role');
  let arn = optionalString(doc, 'arn', 'role');
  if (arn === undefined) {
    const name = optionalString(doc, 'name', 'role');
    if (name === undefined) throw invalid('a role needs an "arn" or a "name"');
    const account = optionalString(doc, 'account', 'role') ?? DEFAULT_ACCOUNT;
    const path = optionalString(doc, 'path', 'role') ?? '/';
    arn = `arn:aws:iam::${account}:role${path.startsWith('/') ? '' : '/'}${path}${path.endsWith('/') ? '' : '/'}${name}`;
  }
  const parsed = parseRoleArn(arn);
  if (!parsed) throw invalid(`"${arn}" is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME)`);
  const max = doc['maxSessionDuration'] ?? 3600;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 3600 || max > 43200) {
    throw invalid(
      `role ${arn}: maxSessionDuration must be an integer from 3600 to 43200, got ${String(max)}`,
    );
  }
  if (doc['trustPolicy'] === undefined) throw invalid(`role ${arn} needs a trustPolicy`);
  const policies = doc['policies'] ?? [];
  if (!Array.isArray(policies)) throw invalid(`role ${arn}: policies must be a list of policy documents`);
  const role: Role = {
    arn,
    ...parsed,
    roleId: roleIdFor(arn),
    trustPolicy: parseTrustPolicy(doc['trustPolicy'], `role ${arn}`),
    maxSessionDuration: max,
    policies: policies.map((document: unknown, i) =>
      parsePermissionPolicy(`policies[${i}]`, document, `role ${arn} policies[${i}]`),
    ),
  };
  iamState(sim).roles.set(arn, role);
  return role;
}

export function findRole(sim: Simulator, arn: string): Role | undefined {
  return iamState(sim).roles.get(arn);
}

/**
 * Replaces the permission policies of a role (CloudFormation attaching its inline and managed policies); managed
 * policy ARNs whose documents the simulator does not hold leave the role's sessions unevaluated.
 */
export function setRolePolicies(
  sim: Simulator,
  arn: string,
  policies: PermissionPolicy[],
  unknownManagedPolicies: string[],
): void {
  const role = findRole(sim, arn);
  if (!role) return;
  role.policies = policies;
  if (unknownManagedPolicies.length > 0) role.unknownManagedPolicies = unknownManagedPolicies;
  else delete role.unknownManagedPolicies;
}

/** Deletes a role (CloudFormation deleting the role it made); answers whether there was one. */
export function removeRole(sim: Simulator, arn: string): boolean {
  return iamState(sim).roles.delete(arn);
}

export function listRoles(sim: Simulator): Role[] {
  return [...iamState(sim).roles.values()];
}

/** The IAM ARN of an OIDC provider for an issuer URL: `arn:aws:iam::ACCT:oidc-provider/HOST[/PATH]`. */
export function oidcProviderArn(account: string, issuerUrl: string): string {
  return `arn:aws:iam::${account}:oidc-provider/${issuerUrl.replace(/^https:\/\//, '')}`;
}

/** An OIDC provider as seeded: `{ arn }` or `{ url?, account? }`, and `clientIdList` (default `sts.amazonaws.com`). */
export function addOidcProvider(sim: Simulator, spec: unknown): OidcProvider {
  const doc = record(spec, 'an oidc provider');
  let arn = optionalString(doc, 'arn', 'oidcProvider');
  let url = optionalString(doc, 'url', 'oidcProvider') ?? GITHUB_ISSUER;
  if (arn === undefined) {
    arn = oidcProviderArn(optionalString(doc, 'account', 'oidcProvider') ?? DEFAULT_ACCOUNT, url);
  } else {
    const m = /^arn:aws:iam::\d{12}:oidc-provider\/(.+)$/.exec(arn);
    if (!m) throw invalid(`"${arn}" is not an OIDC provider ARN`);
    url = `https://${m[1]!}`;
  }
  const clientIdList = doc['clientIdList'] ?? [DEFAULT_CLIENT_ID];
  if (!Array.isArray(clientIdList) || !clientIdList.every((c) => typeof c === 'string')) {
    throw invalid(`oidc provider ${arn}: clientIdList must be a list of strings`);
  }
  const provider: OidcProvider = { arn, url, clientIdList: clientIdList as string[] };
  iamState(sim).oidcProviders.set(arn, provider);
  return provider;
}

/**
 * The OIDC provider of an account for an issuer. An account whose providers were not seeded has the GitHub
 * issuer's (client id `sts.amazonaws.com`), as every account that deploys from GitHub Actions does; seeding an
 * account's providers replaces that default, so an account can also have none for GitHub.
 */
export function oidcProviderFor(
  sim: Simulator,
  account: string,
  issuerUrl: string,
): OidcProvider | undefined {
  const providers = iamState(sim).oidcProviders;
  const arn = oidcProviderArn(account, issuerUrl);
  const seeded = [...providers.keys()].some((a) => a.startsWith(`arn:aws:iam::${account}:`));
  if (seeded) return providers.get(arn);
  return issuerUrl === GITHUB_ISSUER ? { arn, url: issuerUrl, clientIdList: [DEFAULT_CLIENT_ID] } : undefined;
}
