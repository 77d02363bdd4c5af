import { AwsError } from '../core/errors';
import type { ActionHandler, CallContext } from '../core/simulator';
import { Input, invalidParameter, type Json, nextTokenPaging } from '../core/request';
import {
  afterFilterToken,
  byKey,
  compileFilterPattern,
  encodeFilterToken,
  getEvents,
  type FilteredEvent,
} from './read';
import {
  createLogGroup,
  createLogStream,
  deleteLogGroup,
  groupArn,
  groupsOf,
  insertEvents,
  requireLogGroup,
  type LogGroup,
  type LogStream,
} from './store';

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const DAY = 86_400_000;

function tagsOf(input: Input, key: string): Record<string, string> {
  const tags = input.object(key) ?? {};
  for (const v of Object.values(tags))
    if (typeof v !== 'string') input.fail(`${key} values must be strings.`);
  return tags as Record<string, string>;
}

/** logGroupName or logGroupIdentifier (a name or an ARN), as the read APIs accept either. */
function groupOf(ctx: CallContext, input: Input): LogGroup {
  const name = input.str('logGroupName');
  const identifier = input.str('logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) {
    input.fail('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const raw = name ?? identifier;
  if (raw === undefined) input.fail('Either logGroupName or logGroupIdentifier must be specified.');
  const m = /^arn:aws[\w-]*:logs:([^:]+):(\d{12}):log-group:([^:]+)(?::\*)?$/.exec(raw);
  return m
    ? requireLogGroup(ctx.sim, m[2]!, m[1]!, m[3]!)
    : requireLogGroup(ctx.sim, ctx.account, ctx.region, raw);
}

function streamOf(group: LogGroup, name: string): LogStream {
  const stream = group.streams.get(name);
  if (!stream) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
  return stream;
}

function describeGroup(group: LogGroup): Json {
  const arn = groupArn(group);
  let storedBytes = 0;
  for (const s of group.streams.values()) storedBytes += s.storedBytes;
  return {
    logGroupName: group.name,
    creationTime: group.creationTime,
    retentionInDays: group.retentionInDays,
    metricFilterCount: 0,
    arn: `${arn}:*`,
    storedBytes,
    logGroupClass: group.logGroupClass,
    logGroupArn: arn,
  };
}

function describeStream(stream: LogStream): Json {
  const first = stream.events[0];
  const last = stream.events[stream.events.length - 1];
  return {
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    firstEventTimestamp: first?.timestamp,
    lastEventTimestamp: last?.timestamp,
    lastIngestionTime: stream.lastIngestionTime,
    uploadSequenceToken: String(stream.events.length + 1).padStart(56, '4'),
    arn: stream.arn,
    storedBytes: stream.storedBytes,
  };
}

const CreateLogGroup: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const name = input.required('logGroupName');
  if (!GROUP_NAME.test(name))
    input.fail(`1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint`);
  const logGroupClass = input.str('logGroupClass');
  createLogGroup(ctx.sim, ctx.account, ctx.region, name, ctx.now, {
    tags: tagsOf(input, 'tags'),
    ...(logGroupClass !== undefined ? { logGroupClass } : {}),
  });
  return {};
};

const DescribeLogGroups: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const prefix = input.str('logGroupNamePrefix');
  const pattern = input.str('logGroupNamePattern');
  // Names (or ARNs) of log groups, up to 50: the only filter that goes with it is includeLinkedAccounts.
  const identifiers = input.strings('logGroupIdentifiers');
  if (prefix !== undefined && pattern !== undefined) {
    input.fail('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  if (identifiers !== undefined) {
    if (prefix !== undefined || pattern !== undefined)
      input.fail('logGroupIdentifiers cannot be used with logGroupNamePrefix or logGroupNamePattern.');
    if (identifiers.length < 1 || identifiers.length > 50)
      input.fail('logGroupIdentifiers must have between 1 and 50 members.');
  }
  const wanted =
    identifiers === undefined
      ? undefined
      : new Set(
          identifiers.map(
            (id) => /^arn:aws[\w-]*:logs:[^:]+:\d{12}:log-group:([^:]+)(?::\*)?$/.exec(id)?.[1] ?? id,
          ),
        );
  const groups = groupsOf(ctx.sim, ctx.account, ctx.region).filter(
    (g) =>
      (prefix === undefined || g.name.startsWith(prefix)) &&
      (pattern === undefined || g.name.toLowerCase().includes(pattern.toLowerCase())) &&
      (wanted === undefined || wanted.has(g.name)),
  );
  const { page, nextToken } = input.page(groups, nextTokenPaging('limit', 50, 50));
  return { logGroups: page.map(describeGroup), nextToken };
};

const DeleteLogGroup: ActionHandler = (ctx, raw) => {
  deleteLogGroup(ctx.sim, ctx.account, ctx.region, new Input(raw, invalidParameter).required('logGroupName'));
  return {};
};

const PutRetentionPolicy: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = requireLogGroup(ctx.sim, ctx.account, ctx.region, input.required('logGroupName'));
  group.retentionInDays = input.int('retentionInDays', 1) ?? input.fail('retentionInDays is required.');
  return {};
};

const CreateLogStream: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = requireLogGroup(ctx.sim, ctx.account, ctx.region, input.required('logGroupName'));
  const name = input.required('logStreamName');
  if (name.includes(':') || name.includes('*') || name.length > 512) {
    input.fail(`Invalid log stream name: ${name}`);
  }
  createLogStream(group, name, ctx.now);
  return {};
};

const DeleteLogStream: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = requireLogGroup(ctx.sim, ctx.account, ctx.region, input.required('logGroupName'));
  const name = input.required('logStreamName');
  streamOf(group, name);
  group.streams.delete(name);
  return {};
};

const DescribeLogStreams: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = groupOf(ctx, input);
  const prefix = input.str('logStreamNamePrefix');
  const orderBy = input.str('orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') input.fail(`Invalid orderBy: ${orderBy}`);
  if (prefix !== undefined && orderBy === 'LastEventTime') {
    input.fail('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const lastTime = (s: LogStream): number => s.events[s.events.length - 1]?.timestamp ?? 0;
  const streams = [...group.streams.values()]
    .filter((s) => prefix === undefined || s.name.startsWith(prefix))
    .sort((a, b) =>
      orderBy === 'LastEventTime'
        ? lastTime(a) - lastTime(b)
        : a.name < b.name
          ? -1
          : a.name > b.name
            ? 1
            : 0,
    );
  if (input.bool('descending')) streams.reverse();
  const { page, nextToken } = input.page(streams, nextTokenPaging('limit', 50, 50));
  return { logStreams: page.map(describeStream), nextToken };
};

const PutLogEvents: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = requireLogGroup(ctx.sim, ctx.account, ctx.region, input.required('logGroupName'));
  const stream = streamOf(group, input.required('logStreamName'));
  const events = input.objects('logEvents') ?? [];
  if (events.length === 0 || events.length > 10_000) input.fail('logEvents must hold 1 to 10000 events.');
  const parsed = events.map((e) => {
    if (typeof e.timestamp !== 'number' || typeof e.message !== 'string') {
      return input.fail('Each log event needs a numeric timestamp and a string message.');
    }
    return { timestamp: e.timestamp, message: e.message };
  });
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i]!.timestamp < parsed[i - 1]!.timestamp) {
      input.fail('Log events in a single PutLogEvents request must be in chronological order.');
    }
  }
  // Events older than 14 days or more than 2 hours ahead are rejected, as CloudWatch Logs does.
  let tooOld = -1;
  let tooNew = parsed.length;
  parsed.forEach((e, i) => {
    if (e.timestamp < ctx.now - 14 * DAY) tooOld = i;
    if (e.timestamp > ctx.now + 2 * 3_600_000 && i < tooNew) tooNew = i;
  });
  insertEvents(ctx.sim, stream, parsed.slice(tooOld + 1, tooNew), ctx.now);
  const rejected =
    tooOld >= 0 || tooNew < parsed.length
      ? {
          ...(tooOld >= 0 ? { tooOldLogEventEndIndex: tooOld + 1 } : {}),
          ...(tooNew < parsed.length ? { tooNewLogEventStartIndex: tooNew } : {}),
        }
      : undefined;
  return {
    nextSequenceToken: String(stream.events.length + 1).padStart(56, '4'),
    rejectedLogEventsInfo: rejected,
  };
};

const GetLogEvents: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = groupOf(ctx, input);
  const stream = streamOf(group, input.required('logStreamName'));
  const startTime = input.int('startTime');
  const endTime = input.int('endTime');
  const nextToken = input.str('nextToken');
  const result = getEvents(stream, {
    limit: input.int('limit', 1, 10_000) ?? 10_000,
    startFromHead: input.bool('startFromHead') ?? false,
    ...(startTime !== undefined ? { startTime } : {}),
    ...(endTime !== undefined ? { endTime } : {}),
    ...(nextToken !== undefined ? { nextToken } : {}),
  });
  return {
    events: result.events.map((e) => ({
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
    })),
    nextForwardToken: result.nextForwardToken,
    nextBackwardToken: result.nextBackwardToken,
  };
};

const FilterLogEvents: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = groupOf(ctx, input);
  const names = input.strings('logStreamNames');
  const prefix = input.str('logStreamNamePrefix');
  if (names !== undefined && prefix !== undefined) {
    input.fail('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  const startTime = input.int('startTime');
  const endTime = input.int('endTime');
  const limit = input.int('limit', 1, 10_000) ?? 10_000;
  const matches = compileFilterPattern(input.str('filterPattern'));
  const after = afterFilterToken(input.str('nextToken'));
  const found: FilteredEvent[] = [];
  for (const stream of group.streams.values()) {
    if (names !== undefined && !names.includes(stream.name)) continue;
    if (prefix !== undefined && !stream.name.startsWith(prefix)) continue;
    for (const e of stream.events) {
      if (startTime !== undefined && e.timestamp < startTime) continue;
      if (endTime !== undefined && e.timestamp > endTime) continue;
      if (after(e) && matches(e.message)) found.push({ ...e, logStreamName: stream.name });
    }
  }
  found.sort(byKey);
  const events = found.slice(0, limit);
  const last = events[events.length - 1];
  return {
    events: events.map((e) => ({
      logStreamName: e.logStreamName,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: String(e.seq).padStart(56, '0'),
    })),
    searchedLogStreams: [],
    nextToken: found.length > limit && last ? encodeFilterToken(last) : undefined,
  };
};

function groupByArn(ctx: CallContext, input: Input): LogGroup {
  const arn = input.required('resourceArn');
  const m = /^arn:aws[\w-]*:logs:([^:]+):(\d{12}):log-group:([^:]+)(?::\*)?$/.exec(arn);
  if (!m) throw new AwsError('ResourceNotFoundException', `The specified resource does not exist: ${arn}`);
  return requireLogGroup(ctx.sim, m[2]!, m[1]!, m[3]!);
}

const TagResource: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  Object.assign(groupByArn(ctx, input).tags, tagsOf(input, 'tags'));
  return {};
};

const UntagResource: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const group = groupByArn(ctx, input);
  for (const key of input.strings('tagKeys') ?? []) delete group.tags[key];
  return {};
};

const ListTagsForResource: ActionHandler = (ctx, raw) => ({
  tags: groupByArn(ctx, new Input(raw, invalidParameter)).tags,
});

export const logsActions: Record<string, ActionHandler> = {
  CreateLogGroup,
  DescribeLogGroups,
  DeleteLogGroup,
  PutRetentionPolicy,
  CreateLogStream,
  DeleteLogStream,
  DescribeLogStreams,
  PutLogEvents,
  GetLogEvents,
  FilterLogEvents,
  TagResource,
  UntagResource,
  ListTagsForResource,
};
