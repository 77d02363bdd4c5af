import { DescribeClustersCommand, DescribeServiceRevisionsCommand, ECSClient } from '@aws-sdk/client-ecs';
import { config, policy, REGION, role, STAGING, startSimulator, type RunningSimulator } from './iam-helpers';

/** `POST /_sim/sessions`: a session of a seeded role without an AWS call, enforced like any other session. */
describe('POST /_sim/sessions', () => {
  let sim: RunningSimulator;
  const roleArn = `arn:aws:iam::${STAGING}:role/reader`;

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      seed: {
        clusters: [{ name: 'staging', account: STAGING, region: REGION }],
        roles: [
          role('reader', STAGING, [
            policy({
              Effect: 'Allow',
              Action: ['ecs:DescribeClusters', 'ecs:DescribeServiceRevisions'],
              Resource: [
                `arn:aws:ecs:${REGION}:${STAGING}:cluster/staging`,
                `arn:aws:ecs:${REGION}:${STAGING}:service-revision/staging/*`,
              ],
            }),
          ]),
        ],
      },
    });
  });
  afterAll(() => sim.close());

  async function post(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${sim.url}/_sim/sessions`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('issues a session of the role whose calls its policies decide, and logs no call for it', async () => {
    const { status, body } = await post({ roleArn, sessionName: 'testkit', durationSeconds: 3600 });
    expect(status).toBe(200);
    expect(body['arn']).toBe(`arn:aws:sts::${STAGING}:assumed-role/reader/testkit`);
    expect(body['accessKeyId']).toMatch(/^ASIA/);
    expect(Date.parse(body['expiration'] as string)).toBeGreaterThan(Date.now());
    const secrets = (await (await fetch(`${sim.url}/_sim/secrets`)).json()) as { value: string }[];
    expect(secrets.map((s) => s.value)).toEqual(
      expect.arrayContaining([body['secretAccessKey'], body['sessionToken']]),
    );

    const ecs = new ECSClient(
      config(sim, {
        accessKeyId: body['accessKeyId'] as string,
        secretAccessKey: body['secretAccessKey'] as string,
        sessionToken: body['sessionToken'] as string,
      }),
    );
    const out = await ecs.send(new DescribeClustersCommand({ clusters: ['staging'] }));
    expect(out.clusters?.map((c) => c.clusterName)).toEqual(['staging']);
    // DescribeServiceRevisions is authorized on each service revision, as ECS authorizes it.
    const revision = `arn:aws:ecs:${REGION}:${STAGING}:service-revision/prod/web/1`;
    await expect(
      ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revision] })),
    ).rejects.toThrow(`not authorized to perform: ecs:DescribeServiceRevisions on resource: ${revision}`);
    ecs.destroy();
    const calls = (await (await fetch(`${sim.url}/_sim/calls`)).json()) as {
      service: string;
      action: string;
    }[];
    expect(calls.map((c) => `${c.service}:${c.action}`)).toEqual([
      'ecs:DescribeClusters',
      'ecs:DescribeServiceRevisions',
    ]);
  });

  it.each([
    [{ roleArn: `arn:aws:iam::${STAGING}:role/nobody` }, 'no seeded role'],
    [{ roleArn, sessionName: 'a b' }, 'sessionName'],
    [{ roleArn, durationSeconds: 60 }, 'at least 900'],
    [{ roleArn, durationSeconds: 7200 }, "exceeds the role's maxSessionDuration 3600"],
  ])('refuses %j', async (body, message) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.body['error']).toContain(message);
  });
});
