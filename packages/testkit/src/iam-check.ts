import type { CallRecord } from '@ecs-delivery/sim';
import { GRANTED_WITHOUT_POLICY, grants, IAM_DOC, type DocumentedPolicy } from './iam-policy';

/**
 * The IAM service prefix of each service the simulator records (its SigV4 signing name). GitHub REST calls are
 * not AWS calls and need no IAM grant; a service missing here is taken to use its signing name as its prefix.
 */
const IAM_PREFIX: Readonly<Record<string, string | undefined>> = {
  ecs: 'ecs',
  ecr: 'ecr',
  sts: 'sts',
  logs: 'logs',
  ssm: 'ssm',
  secretsmanager: 'secretsmanager',
  cloudformation: 'cloudformation',
  s3: 's3',
  github: undefined,
};

/** `service:Action` of a recorded call as IAM names it, or `undefined` for a call IAM does not authorize. */
export function iamActionOf(call: Pick<CallRecord, 'service' | 'action'>): string | undefined {
  const prefix = call.service in IAM_PREFIX ? IAM_PREFIX[call.service] : call.service;
  return prefix === undefined ? undefined : `${prefix}:${call.action}`;
}

type Inputs = Record<string, string | number | boolean>;

function given(inputs: Inputs, name: string): boolean {
  const value = inputs[name];
  return value !== undefined && String(value).trim() !== '';
}

/**
 * The documented policies a run of an action is checked against: build-push has one per mode (a manifest run
 * may build some images and promote others), every other action one under its own name.
 */
export function policyNamesFor(action: string, inputs: Inputs): string[] {
  if (action !== 'build-push') return [action];
  if (given(inputs, 'manifest')) return ['build-push-build', 'build-push-promote'];
  return given(inputs, 'source-image') ? ['build-push-promote'] : ['build-push-build'];
}

/** A call of a run that none of the policies grants, with how often it was made. */
export interface UngrantedCall {
  action: string;
  count: number;
}

/** The calls no policy of `names` grants (nor a trust policy, nor IAM itself), in the order first made. */
export function ungrantedCalls(
  calls: readonly Pick<CallRecord, 'service' | 'action'>[],
  documented: readonly DocumentedPolicy[],
  names: readonly string[],
): UngrantedCall[] {
  const missing = names.filter((n) => !documented.some((d) => d.name === n));
  if (missing.length > 0) {
    const known = documented.map((d) => d.name).join(', ');
    throw new Error(
      `${IAM_DOC} documents no policy ${missing.map((m) => `"${m}"`).join(', ')} (it has: ${known}).`,
    );
  }
  const policies = documented.filter((d) => names.includes(d.name)).map((d) => d.policy);
  const found = new Map<string, number>();
  for (const call of calls) {
    const action = iamActionOf(call);
    if (action === undefined || action in GRANTED_WITHOUT_POLICY || grants(policies, action)) continue;
    found.set(action, (found.get(action) ?? 0) + 1);
  }
  return [...found].map(([action, count]) => ({ action, count }));
}

/** The error of a run that called what the documented policies do not grant. */
export function ungrantedCallsMessage(
  label: string,
  names: readonly string[],
  calls: UngrantedCall[],
): string {
  const list = calls.map((c) => (c.count > 1 ? `${c.action} (${c.count} times)` : c.action));
  const joined =
    list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]!}`;
  const policy =
    names.length === 1 ? `policy "${names[0]!}"` : `policies ${names.map((n) => `"${n}"`).join(', ')}`;
  return (
    `${label} called ${joined}, which ${IAM_DOC} does not grant to ${label} (${policy}). ` +
    `Grant it there, with the reason the action needs it, or stop the action from calling it.`
  );
}

/** Throws the {@link ungrantedCallsMessage} when a run made a call its policies do not grant. */
export function assertCallsGranted(
  label: string,
  calls: readonly Pick<CallRecord, 'service' | 'action'>[],
  documented: readonly DocumentedPolicy[],
  names: readonly string[],
): void {
  const ungranted = ungrantedCalls(calls, documented, names);
  if (ungranted.length > 0) throw new Error(ungrantedCallsMessage(label, names, ungranted));
}

async function callsSince(simUrl: string, since: number): Promise<CallRecord[]> {
  const res = await fetch(`${simUrl}/_sim/calls?since=${since}`);
  const text = await res.text();
  if (!res.ok) throw new Error(`simulator GET /_sim/calls answered ${res.status}: ${text}`);
  return JSON.parse(text) as CallRecord[];
}

/**
 * Where a run starts in the simulator's call log. The log is shared with the test, and a record's `realTime` is
 * when the call ended, in whole milliseconds: a run's calls are those recorded since the mark's time minus those
 * already recorded when the mark was taken (same millisecond), identified by request id. Counting records would
 * break when the log drops its oldest ones.
 */
export interface CallMark {
  since: number;
  before: ReadonlySet<string>;
}

export async function markCalls(simUrl: string): Promise<CallMark> {
  const since = Date.now();
  const before = new Set((await callsSince(simUrl, since)).map((c) => c.requestId));
  return { since, before };
}

/** The calls recorded after `mark` was taken. */
export async function callsAfter(simUrl: string, mark: CallMark): Promise<CallRecord[]> {
  return (await callsSince(simUrl, mark.since)).filter((c) => !mark.before.has(c.requestId));
}
