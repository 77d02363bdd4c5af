import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { startSimulator, type RunningSimulator } from '../src';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

test('LookupEvents answers an empty list at once, so a diagnosis that asks it does not wait on retries', async () => {
  const trail = new CloudTrailClient({
    endpoint: sim.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const out = await trail.send(
    new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'api' }] }),
  );
  expect(out.Events).toEqual([]);
  const calls = (await (await fetch(`${sim.url}/_sim/calls?service=cloudtrail`)).json()) as {
    action: string;
    status: number;
  }[];
  expect(calls.map((c) => [c.action, c.status])).toEqual([['LookupEvents', 200]]);
});
