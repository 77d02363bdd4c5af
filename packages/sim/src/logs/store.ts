import { AwsError } from '../core/errors';
import type { AppendLogEventsInput } from '../core/log-sink';
import type { Simulator } from '../core/simulator';

/** One log event as CloudWatch Logs keeps it; `seq` orders events with the same timestamp by arrival. */
export interface StoredEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  seq: number;
}

export interface LogStream {
  name: string;
  arn: string;
  creationTime: number;
  events: StoredEvent[];
  lastIngestionTime?: number;
  storedBytes: number;
}

export interface LogGroup {
  name: string;
  account: string;
  region: string;
  creationTime: number;
  retentionInDays?: number;
  logGroupClass: string;
  tags: Record<string, string>;
  streams: Map<string, LogStream>;
}

interface LogsState {
  /** Keyed by `account/region/groupName`. */
  groups: Map<string, LogGroup>;
  nextSeq: number;
}

export function logsState(sim: Simulator): LogsState {
  return sim.store<LogsState>('logs', () => ({ groups: new Map(), nextSeq: 1 }));
}

const groupKey = (account: string, region: string, name: string): string => `${account}/${region}/${name}`;

export function groupArn(group: LogGroup): string {
  return `arn:aws:logs:${group.region}:${group.account}:log-group:${group.name}`;
}

export function findLogGroup(
  sim: Simulator,
  account: string,
  region: string,
  name: string,
): LogGroup | undefined {
  return logsState(sim).groups.get(groupKey(account, region, name));
}

export function requireLogGroup(sim: Simulator, account: string, region: string, name: string): LogGroup {
  const group = findLogGroup(sim, account, region, name);
  if (!group) throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
  return group;
}

export function groupsOf(sim: Simulator, account: string, region: string): LogGroup[] {
  const prefix = `${account}/${region}/`;
  return [...logsState(sim).groups.entries()]
    .filter(([key]) => key.startsWith(prefix))
    .map(([, group]) => group)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function createLogGroup(
  sim: Simulator,
  account: string,
  region: string,
  name: string,
  now: number,
  options: { tags?: Record<string, string>; logGroupClass?: string; retentionInDays?: number } = {},
): LogGroup {
  const state = logsState(sim);
  const key = groupKey(account, region, name);
  if (state.groups.has(key)) {
    throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
  }
  const group: LogGroup = {
    name,
    account,
    region,
    creationTime: now,
    logGroupClass: options.logGroupClass ?? 'STANDARD',
    tags: options.tags ?? {},
    streams: new Map(),
    ...(options.retentionInDays !== undefined ? { retentionInDays: options.retentionInDays } : {}),
  };
  state.groups.set(key, group);
  return group;
}

export function deleteLogGroup(sim: Simulator, account: string, region: string, name: string): void {
  requireLogGroup(sim, account, region, name);
  logsState(sim).groups.delete(groupKey(account, region, name));
}

export function createLogStream(group: LogGroup, name: string, now: number): LogStream {
  if (group.streams.has(name)) {
    throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
  }
  const stream: LogStream = {
    name,
    arn: `${groupArn(group)}:log-stream:${name}`,
    creationTime: now,
    events: [],
    storedBytes: 0,
  };
  group.streams.set(name, stream);
  return stream;
}

/** Inserts events keeping the stream ordered by (timestamp, arrival), as CloudWatch Logs returns them. */
export function insertEvents(
  sim: Simulator,
  stream: LogStream,
  events: { timestamp: number; message: string }[],
  now: number,
): void {
  const state = logsState(sim);
  for (const e of events) {
    const stored: StoredEvent = {
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: now,
      seq: state.nextSeq++,
    };
    const list = stream.events;
    // Appending is the common case; only out-of-order timestamps pay for a search.
    if (list.length === 0 || list[list.length - 1]!.timestamp <= stored.timestamp) list.push(stored);
    else {
      let i = list.length - 1;
      while (i > 0 && list[i - 1]!.timestamp > stored.timestamp) i--;
      list.splice(i, 0, stored);
    }
    stream.storedBytes += Buffer.byteLength(e.message) + 26;
  }
  if (events.length > 0) stream.lastIngestionTime = now;
}

/**
 * Appends lines to a log stream, creating the stream (and, when asked, the group) as the awslogs driver does.
 * The logs module installs it as the simulator's log sink, where ECS writes what its containers print.
 * Throws AwsError ResourceNotFoundException when the group is missing and `createGroup` is not set.
 */
export function appendLogEvents(sim: Simulator, input: AppendLogEventsInput): void {
  let group = findLogGroup(sim, input.account, input.region, input.logGroupName);
  if (!group) {
    if (!input.createGroup) {
      throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
    }
    group = createLogGroup(sim, input.account, input.region, input.logGroupName, input.now);
  }
  const stream =
    group.streams.get(input.logStreamName) ?? createLogStream(group, input.logStreamName, input.now);
  const events = input.events.map((e, i) =>
    typeof e === 'string' ? { timestamp: input.now + i, message: e } : e,
  );
  insertEvents(sim, stream, events, input.now);
}

/** Whether a log group exists, for callers that must fail the way awslogs does before writing. */
export function logGroupExists(sim: Simulator, account: string, region: string, name: string): boolean {
  return findLogGroup(sim, account, region, name) !== undefined;
}
