import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { findMissingReferences, type ReferenceClients } from '../src/preflight/references';

const logsMock = mockClient(CloudWatchLogsClient);
const logs = new CloudWatchLogsClient({ region: 'us-east-1' });
const clients = { logs: () => logs } as unknown as ReferenceClients;
const options = { region: 'us-east-1', accountId: '000000000000' };
const group = (name: string) => ({ container: name, group: `/ecs/${name}`, createGroup: false });

beforeEach(() => logsMock.reset());

/** The log groups of many services, checked at once (as a release's preflight does). */
function checkAll(names: string[]) {
  return Promise.all(names.map((n) => findMissingReferences(clients, [], [group(n)], options)));
}

describe('the log groups of many services', () => {
  it('are looked up by name, 50 a call, and a missing one is named', async () => {
    logsMock.on(DescribeLogGroupsCommand).callsFake((input: { logGroupIdentifiers?: string[] }) => ({
      logGroups: (input.logGroupIdentifiers ?? [])
        .filter((g) => g !== '/ecs/s7')
        .map((logGroupName) => ({ logGroupName })),
    }));
    const names = Array.from({ length: 60 }, (_, i) => `s${i}`);
    const missing = await checkAll(names);
    expect(missing.flat().map((m) => m.id)).toEqual(['/ecs/s7']);
    expect(
      logsMock.commandCalls(DescribeLogGroupsCommand).map((c) => c.args[0].input.logGroupIdentifiers?.length),
    ).toEqual([50, 10]);
  });

  it('by prefix, one by one, where the names filter is refused', async () => {
    logsMock
      .on(DescribeLogGroupsCommand, { logGroupIdentifiers: ['/ecs/a', '/ecs/b'] })
      .rejects(Object.assign(new Error('unknown parameter'), { name: 'InvalidParameterException' }));
    logsMock.on(DescribeLogGroupsCommand, { logGroupNamePrefix: '/ecs/a' }).resolves({
      logGroups: [{ logGroupName: '/ecs/a' }],
    });
    logsMock.on(DescribeLogGroupsCommand, { logGroupNamePrefix: '/ecs/b' }).resolves({
      logGroups: [{ logGroupName: '/ecs/bb' }],
    });
    const missing = await checkAll(['a', 'b']);
    expect(missing.flat().map((m) => m.id)).toEqual(['/ecs/b']);
  });
});
