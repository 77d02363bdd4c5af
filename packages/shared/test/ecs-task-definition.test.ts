import { DescribeTaskDefinitionCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { describeLiveAndLatest, familyOfArn, registerIfChanged } from '../src/ecs/task-definition';

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: 'us-east-1' });
const arn = (rev: number): string => `arn:aws:ecs:us-east-1:000000000000:task-definition/web:${rev}`;
const doc = (rev: number, image: string) => ({
  taskDefinitionArn: arn(rev),
  family: 'web',
  revision: rev,
  status: 'ACTIVE' as const,
  containerDefinitions: [{ name: 'web', image }],
});

beforeEach(() => ecsMock.reset());

describe('familyOfArn', () => {
  it.each([
    [arn(12), 'web'],
    ['arn:aws:ecs:eu-west-1:111111111111:task-definition/api_v2-x:3', 'api_v2-x'],
    ['web:12', undefined],
    [undefined, undefined],
  ])('%s → %s', (given, family) => {
    expect(familyOfArn(given)).toBe(family);
  });
});

describe('describeLiveAndLatest', () => {
  it('one call when the live revision is the family newest', async () => {
    ecsMock
      .on(DescribeTaskDefinitionCommand, { taskDefinition: 'web' })
      .resolves({ taskDefinition: doc(3, 'a') });
    const out = await describeLiveAndLatest(ecs, arn(3));
    expect(out.live?.taskDefinitionArn).toBe(arn(3));
    expect(out.latest?.taskDefinitionArn).toBe(arn(3));
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(1);
  });

  it('the live revision described on its own when a newer one exists', async () => {
    ecsMock
      .on(DescribeTaskDefinitionCommand, { taskDefinition: 'web' })
      .resolves({ taskDefinition: doc(4, 'b') });
    ecsMock
      .on(DescribeTaskDefinitionCommand, { taskDefinition: arn(3) })
      .resolves({ taskDefinition: doc(3, 'a') });
    const out = await describeLiveAndLatest(ecs, arn(3));
    expect([out.live?.taskDefinitionArn, out.latest?.taskDefinitionArn]).toEqual([arn(3), arn(4)]);
  });
});

describe('registerIfChanged with the family newest known', () => {
  it('reuses the known newest revision when identical, without describing it again', async () => {
    const out = await registerIfChanged(
      ecs,
      { family: 'web', containerDefinitions: [{ name: 'web', image: 'b' }] },
      doc(3, 'a'),
      { latest: doc(4, 'b') },
    );
    expect(out).toEqual({ arn: arn(4), registered: false, reused: 'latest' });
    expect(ecsMock.calls()).toHaveLength(0);
  });

  it('registers without describing when the known newest differs', async () => {
    ecsMock.on(RegisterTaskDefinitionCommand).resolves({ taskDefinition: doc(4, 'b') });
    const out = await registerIfChanged(
      ecs,
      { family: 'web', containerDefinitions: [{ name: 'web', image: 'b' }] },
      doc(3, 'a'),
      { latest: doc(3, 'a') },
    );
    expect(out).toEqual({ arn: arn(4), registered: true });
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(0);
  });

  it("describes the family when the known newest is another family's", async () => {
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: undefined });
    ecsMock.on(RegisterTaskDefinitionCommand).resolves({
      taskDefinition: { ...doc(1, 'b'), taskDefinitionArn: arn(1).replace('/web:', '/api:') },
    });
    await registerIfChanged(
      ecs,
      { family: 'api', containerDefinitions: [{ name: 'web', image: 'b' }] },
      doc(3, 'a'),
      { latest: doc(3, 'a') },
    );
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)[0]?.args[0].input.taskDefinition).toBe('api');
  });
});
