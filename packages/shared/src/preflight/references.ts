import { DescribeLogGroupsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { S3Client } from '@aws-sdk/client-s3';
import { DescribeParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { batcherPer, createBatcher } from '../aws/batch';
import { awsErrorCode, callAws } from '../errors/aws-operation-error';
import type { AwslogsGroup, SecretReference } from '../taskdef/references';

/** What a task needs at start that does not exist (each found without reading any secret value). */
export interface MissingReference {
  kind: 'ssm-parameter' | 'secret' | 'log-group';
  /** The parameter name, secret ARN or log group. */
  id: string;
  container: string;
  /** The variable or option that references it. */
  name: string;
  message: string;
}

/** Clients for the references' regions (a reference may name another region in its ARN). */
export interface ReferenceClients {
  ssm: (region: string | undefined) => SSMClient;
  secrets: (region: string | undefined) => SecretsManagerClient;
  logs: (region: string | undefined) => CloudWatchLogsClient;
  /** S3 in the task's region, for its environment files (see `findUnreadableEnvironmentFiles`). */
  s3: () => S3Client;
}

export interface CheckReferencesOptions {
  /** The region and account of the task: references elsewhere in another account cannot be checked. */
  region: string;
  accountId: string;
  /** Told about references that were not checked (another account's parameter). */
  onSkipped?: (ref: SecretReference, why: string) => void;
  /**
   * References an input gave (values of `secrets`), never repeated in a message: a value pasted where a
   * parameter's name belongs would otherwise be shown. The message names the input instead.
   */
  unshown?: { values: ReadonlySet<string>; input: string } | undefined;
}

/** How a message names a reference: itself, or, when an input gave it, only where it came from. */
function shownReference(r: SecretReference, kind: string, options: CheckReferencesOptions): string {
  const unshown = options.unshown;
  if (
    unshown !== undefined &&
    [...unshown.values].some((v) => v !== '' && (r.valueFrom.includes(v) || r.id.includes(v)))
  ) {
    return `the ${kind} given for it in input "${unshown.input}" (not repeated here: give a ${kind}'s name or ARN, never the value itself)`;
  }
  return `the ${kind} ${r.id}`;
}

/** DescribeParameters takes at most 50 names in one `Name Equals` filter. */
const NAMES_PER_CALL = 50;

function withSlash(name: string): string {
  return name.startsWith('/') ? name : `/${name}`;
}

async function missingParameters(ssm: SSMClient, names: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < names.length; i += NAMES_PER_CALL) {
    const chunk = names.slice(i, i + NAMES_PER_CALL);
    let token: string | undefined;
    do {
      const out = await callAws('ssm:DescribeParameters', () =>
        ssm.send(
          new DescribeParametersCommand({
            ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: chunk }],
            MaxResults: 50,
            ...(token !== undefined ? { NextToken: token } : {}),
          }),
        ),
      );
      for (const p of out.Parameters ?? []) if (p.Name !== undefined) found.add(withSlash(p.Name));
      token = out.NextToken;
    } while (token !== undefined);
  }
  return new Set(names.filter((n) => !found.has(withSlash(n))));
}

async function secretExists(sm: SecretsManagerClient, id: string): Promise<boolean> {
  try {
    const out = await callAws('secretsmanager:DescribeSecret', () =>
      sm.send(new DescribeSecretCommand({ SecretId: id })),
    );
    return out.DeletedDate === undefined;
  } catch (err) {
    if (awsErrorCode(err) === 'ResourceNotFoundException') return false;
    throw err;
  }
}

async function describeByPrefix(logs: CloudWatchLogsClient, group: string): Promise<boolean> {
  const out = await callAws('logs:DescribeLogGroups', () =>
    logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group, limit: 50 })),
  );
  return (out.logGroups ?? []).some((g) => g.logGroupName === group);
}

/**
 * Which of some log groups exist: one DescribeLogGroups by name for up to 50 of them (the services of a
 * release, looked up together). Where CloudWatch Logs refuses the names filter, each group by its prefix.
 */
const existingLogGroups = batcherPer<CloudWatchLogsClient, true>((logs) =>
  createBatcher(async (groups) => {
    try {
      const out = await callAws('logs:DescribeLogGroups', () =>
        logs.send(new DescribeLogGroupsCommand({ logGroupIdentifiers: groups })),
      );
      return new Map(
        (out.logGroups ?? []).flatMap((g) =>
          g.logGroupName === undefined ? [] : [[g.logGroupName, true] as const],
        ),
      );
    } catch (err) {
      if (awsErrorCode(err) !== 'InvalidParameterException') throw err;
    }
    const found = await Promise.all(groups.map((g) => describeByPrefix(logs, g)));
    return new Map(groups.flatMap((g, i) => (found[i] ? [[g, true] as const] : [])));
  }, 50),
);

async function logGroupExists(logs: CloudWatchLogsClient, group: string): Promise<boolean> {
  return (await existingLogGroups(logs).get(group)) === true;
}

/**
 * Preflight of what a task definition references: every SSM parameter and Secrets Manager secret exists
 * (DescribeParameters, DescribeSecret: existence only, values are never read), and every awslogs group
 * exists unless the container may create it. Returns what is missing; nothing is changed.
 */
export async function findMissingReferences(
  clients: ReferenceClients,
  secrets: readonly SecretReference[],
  logGroups: readonly AwslogsGroup[],
  options: CheckReferencesOptions,
): Promise<MissingReference[]> {
  const missing: MissingReference[] = [];
  const byRegion = new Map<string | undefined, SecretReference[]>();
  for (const ref of secrets) {
    if (ref.accountId !== undefined && ref.accountId !== options.accountId) {
      // Another account's resource: its policy lets the task's execution role read it, not necessarily us.
      options.onSkipped?.(ref, `it belongs to account ${ref.accountId}`);
      continue;
    }
    const region = ref.region === options.region ? undefined : ref.region;
    byRegion.set(region, [...(byRegion.get(region) ?? []), ref]);
  }
  for (const [region, refs] of byRegion) {
    const params = refs.filter((r) => r.service === 'ssm');
    if (params.length > 0) {
      const absent = await missingParameters(clients.ssm(region), [...new Set(params.map((r) => r.id))]);
      for (const r of params.filter((p) => absent.has(p.id))) {
        missing.push({
          kind: 'ssm-parameter',
          id: r.id,
          container: r.container,
          name: r.name,
          message: `${r.name} of container "${r.container}" references ${shownReference(r, 'SSM parameter', options)}, which does not exist${region === undefined ? '' : ` in ${region}`}.`,
        });
      }
    }
    for (const r of refs.filter((x) => x.service === 'secretsmanager')) {
      if (!(await secretExists(clients.secrets(region), r.id))) {
        missing.push({
          kind: 'secret',
          id: r.id,
          container: r.container,
          name: r.name,
          message: `${r.name} of container "${r.container}" references ${shownReference(r, 'secret', options)}, which does not exist (or is scheduled for deletion).`,
        });
      }
    }
  }
  const groups = new Map<string, AwslogsGroup>();
  for (const g of logGroups) if (!g.createGroup) groups.set(`${g.region ?? ''}|${g.group}`, g);
  for (const g of groups.values()) {
    const region = g.region === options.region ? undefined : g.region;
    if (!(await logGroupExists(clients.logs(region), g.group))) {
      missing.push({
        kind: 'log-group',
        id: g.group,
        container: g.container,
        name: 'awslogs-group',
        message: `Container "${g.container}" logs to the CloudWatch Logs group ${g.group}, which does not exist (create it, or set awslogs-create-group: "true").`,
      });
    }
  }
  return missing;
}
