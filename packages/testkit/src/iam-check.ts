import type { CallRecord } from '@ecs-delivery/sim';

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
