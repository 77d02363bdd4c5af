import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  type GetLogEventsCommandOutput,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { appendLogEvents } from '../src/logs';
import { startHarness, stopHarness, type Harness } from './ecs-helpers';

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

test('log groups: create, duplicate, prefix listing, delete', async () => {
  h = await startHarness(1, { logGroups: ['/ecs/seeded'] });
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/api' }));
  await expect(h.logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/api' }))).rejects.toMatchObject({
    name: 'ResourceAlreadyExistsException',
  });
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: '/other' }));
  const listed = await h.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/' }));
  expect(listed.logGroups!.map((g) => g.logGroupName)).toEqual(['/ecs/api', '/ecs/seeded']);
  expect(listed.logGroups![0]!.arn).toBe('arn:aws:logs:us-east-1:000000000000:log-group:/ecs/api:*');
  await h.logs.send(new DeleteLogGroupCommand({ logGroupName: '/other' }));
  await expect(h.logs.send(new DeleteLogGroupCommand({ logGroupName: '/other' }))).rejects.toMatchObject({
    name: 'ResourceNotFoundException',
  });
});

test('DescribeLogGroups by logGroupIdentifiers: names or ARNs, up to 50, no other filter', async () => {
  h = await startHarness(1);
  for (const name of ['/ecs/a', '/ecs/b', '/other'])
    await h.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
  const listed = await h.logs.send(
    new DescribeLogGroupsCommand({
      logGroupIdentifiers: ['/ecs/a', 'arn:aws:logs:us-east-1:000000000000:log-group:/other:*', '/missing'],
    }),
  );
  expect(listed.logGroups!.map((g) => g.logGroupName)).toEqual(['/ecs/a', '/other']);
  await expect(
    h.logs.send(
      new DescribeLogGroupsCommand({ logGroupIdentifiers: ['/ecs/a'], logGroupNamePrefix: '/ecs' }),
    ),
  ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  await expect(
    h.logs.send(
      new DescribeLogGroupsCommand({ logGroupIdentifiers: Array.from({ length: 51 }, (_, i) => `/g${i}`) }),
    ),
  ).rejects.toMatchObject({ name: 'InvalidParameterException' });
});

test('PutLogEvents then GetLogEvents pages forward with a token that is stable at the end', async () => {
  h = await startHarness(1);
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: '/app' }));
  await h.logs.send(new CreateLogStreamCommand({ logGroupName: '/app', logStreamName: 's1' }));
  await expect(
    h.logs.send(
      new PutLogEventsCommand({
        logGroupName: '/app',
        logStreamName: 'nope',
        logEvents: [{ timestamp: Date.now(), message: 'x' }],
      }),
    ),
  ).rejects.toMatchObject({
    name: 'ResourceNotFoundException',
    message: 'The specified log stream does not exist.',
  });
  const t0 = h.sim.sim.clock.now();
  await h.logs.send(
    new PutLogEventsCommand({
      logGroupName: '/app',
      logStreamName: 's1',
      logEvents: [1, 2, 3].map((i) => ({ timestamp: t0 + i, message: `line ${i}` })),
    }),
  );
  const first = await h.logs.send(
    new GetLogEventsCommand({ logGroupName: '/app', logStreamName: 's1', startFromHead: true, limit: 2 }),
  );
  expect(first.events!.map((e) => e.message)).toEqual(['line 1', 'line 2']);
  const second = await h.logs.send(
    new GetLogEventsCommand({ logGroupName: '/app', logStreamName: 's1', nextToken: first.nextForwardToken }),
  );
  expect(second.events!.map((e) => e.message)).toEqual(['line 3']);
  const end = await h.logs.send(
    new GetLogEventsCommand({
      logGroupName: '/app',
      logStreamName: 's1',
      nextToken: second.nextForwardToken,
    }),
  );
  expect(end.events).toEqual([]);
  expect(end.nextForwardToken).toBe(second.nextForwardToken);

  // Lines appended by another simulator module show up after the same token.
  appendLogEvents(h.sim.sim, {
    account: '000000000000',
    region: 'us-east-1',
    logGroupName: '/app',
    logStreamName: 's1',
    events: ['line 4'],
    now: t0 + 10,
  });
  const more = await h.logs.send(
    new GetLogEventsCommand({ logGroupName: '/app', logStreamName: 's1', nextToken: end.nextForwardToken }),
  );
  expect(more.events!.map((e) => e.message)).toEqual(['line 4']);

  // Without startFromHead the newest events come back.
  const tail = await h.logs.send(
    new GetLogEventsCommand({ logGroupName: '/app', logStreamName: 's1', limit: 1 }),
  );
  expect(tail.events!.map((e) => e.message)).toEqual(['line 4']);
  const back = await h.logs.send(
    new GetLogEventsCommand({
      logGroupName: '/app',
      logStreamName: 's1',
      nextToken: tail.nextBackwardToken,
      limit: 2,
    }),
  );
  expect(back.events!.map((e) => e.message)).toEqual(['line 2', 'line 3']);
  const streams = await h.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/app' }));
  expect(streams.logStreams![0]).toMatchObject({
    logStreamName: 's1',
    firstEventTimestamp: t0 + 1,
    lastEventTimestamp: t0 + 10,
  });
});

test('a forward token needs startFromHead=true: without it the page is the newest events after the token', async () => {
  // GetLogEvents, startFromHead (API reference): "If you are using a previous nextForwardToken value as the
  // nextToken in this operation, you must specify true for startFromHead." AWS raises no error when a caller
  // does not; users report silently missing data (only the most recent events). nextForwardToken: "If you
  // have reached the end of the stream, it returns the same token you passed in."
  h = await startHarness(1);
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: '/app' }));
  await h.logs.send(new CreateLogStreamCommand({ logGroupName: '/app', logStreamName: 's1' }));
  const t0 = h.sim.sim.clock.now();
  const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
  await h.logs.send(
    new PutLogEventsCommand({
      logGroupName: '/app',
      logStreamName: 's1',
      logEvents: lines.map((message, i) => ({ timestamp: t0 + i, message })),
    }),
  );
  const read = (nextToken: string | undefined, startFromHead?: boolean) =>
    h!.logs.send(
      new GetLogEventsCommand({
        logGroupName: '/app',
        logStreamName: 's1',
        limit: 10,
        ...(startFromHead !== undefined ? { startFromHead } : {}),
        ...(nextToken !== undefined ? { nextToken } : {}),
      }),
    );
  const messages = (out: GetLogEventsCommandOutput) => out.events!.map((e) => e.message);

  const head = await read(undefined, true);
  expect(messages(head)).toEqual(lines.slice(0, 10));

  // With startFromHead=true, forward paging is exact and ends on a stable token.
  const second = await read(head.nextForwardToken, true);
  expect(messages(second)).toEqual(lines.slice(10, 20));
  const third = await read(second.nextForwardToken, true);
  expect(messages(third)).toEqual(lines.slice(20, 30));
  const end = await read(third.nextForwardToken, true);
  expect(end.events).toEqual([]);
  expect(end.nextForwardToken).toBe(third.nextForwardToken);

  // Without it (absent, i.e. false), the same token answers the newest 10 after it: lines 11 to 20 are
  // skipped, and the forward token points past the newest, so the reader never sees them.
  const skipped = await read(head.nextForwardToken);
  expect(messages(skipped)).toEqual(lines.slice(20, 30));
  expect(skipped.nextForwardToken).toBe(third.nextForwardToken);
  const after = await read(skipped.nextForwardToken, false);
  expect(after.events).toEqual([]);
  expect(after.nextForwardToken).toBe(skipped.nextForwardToken);

  // A reader that stays within `limit` of the head misses nothing either way.
  const near = await read(second.nextForwardToken, false);
  expect(messages(near)).toEqual(lines.slice(20, 30));

  // Backward tokens are unaffected by startFromHead.
  const back = await read(skipped.nextBackwardToken);
  expect(messages(back)).toEqual(lines.slice(10, 20));
  const backFromHead = await read(skipped.nextBackwardToken, true);
  expect(messages(backFromHead)).toEqual(lines.slice(10, 20));
});

test('FilterLogEvents matches terms across streams within a time range', async () => {
  h = await startHarness(1);
  const now = h.sim.sim.clock.now();
  const base = {
    account: '000000000000',
    region: 'us-east-1',
    logGroupName: '/ecs/api',
    now,
    createGroup: true,
  };
  appendLogEvents(h.sim.sim, {
    ...base,
    logStreamName: 'api/app/aaa',
    events: [
      { timestamp: now + 1, message: 'GET /health 200' },
      { timestamp: now + 5, message: 'ERROR db timeout' },
    ],
  });
  appendLogEvents(h.sim.sim, {
    ...base,
    logStreamName: 'worker/app/bbb',
    events: [{ timestamp: now + 3, message: 'ERROR queue full' }],
  });
  const errors = await h.logs.send(
    new FilterLogEventsCommand({ logGroupName: '/ecs/api', filterPattern: 'ERROR' }),
  );
  expect(errors.events!.map((e) => [e.logStreamName, e.message])).toEqual([
    ['worker/app/bbb', 'ERROR queue full'],
    ['api/app/aaa', 'ERROR db timeout'],
  ]);
  const api = await h.logs.send(
    new FilterLogEventsCommand({
      logGroupName: '/ecs/api',
      logStreamNamePrefix: 'api/',
      filterPattern: '"db timeout"',
    }),
  );
  expect(api.events!.map((e) => e.message)).toEqual(['ERROR db timeout']);
  const early = await h.logs.send(
    new FilterLogEventsCommand({ logGroupName: '/ecs/api', startTime: now, endTime: now + 3 }),
  );
  expect(early.events!.map((e) => e.message)).toEqual(['GET /health 200', 'ERROR queue full']);
  const paged = await h.logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/api', limit: 2 }));
  const rest = await h.logs.send(
    new FilterLogEventsCommand({ logGroupName: '/ecs/api', limit: 2, nextToken: paged.nextToken }),
  );
  expect(rest.events!.map((e) => e.message)).toEqual(['ERROR db timeout']);
  expect(rest.nextToken).toBeUndefined();
});
