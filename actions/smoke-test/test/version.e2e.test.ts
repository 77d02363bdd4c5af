import { RegisterTaskDefinitionCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { poll } from '@ecs-delivery/shared';
import {
  CLUSTER,
  ecsOf,
  frontRequests,
  hostOf,
  reportOf,
  seedImage,
  seedServices,
  smokeTest,
  uriOf,
  useSim,
  visible,
} from './sim-helpers';

/** `expect-version`: the answer must prove that the new image is the one serving. */

const sim = useSim();

async function seedApi(): Promise<{ uri: string; v1: string; v2: string }> {
  await sim().seed({ repositories: [{ name: 'shop/api' }] });
  const v1 = await seedImage(sim(), 'shop/api', 'v1');
  const v2 = await seedImage(sim(), 'shop/api', 'v2');
  const uri = uriOf(sim(), 'shop/api');
  await seedServices(sim(), { api: { image: `${uri}:v1`, count: 2 } });
  return { uri, v1, v2 };
}

function readyCheck(): string {
  return `
- name: api ready
  url: ${sim().url}/health/ready
  headers: { Host: ${hostOf('api')} }
`;
}

describe('expect-version', () => {
  it('keeps retrying while a rollout is in progress until the new image answers, then passes', async () => {
    const { uri, v1, v2 } = await seedApi();
    // The simulator's clock almost stands still: the rollout starts, but its tasks come up only when let.
    await sim().clock({ timeScale: 0.001 });
    const ecs = ecsOf(sim());
    try {
      const registered = await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'api',
          containerDefinitions: [{ name: 'api', image: `${uri}:v2`, essential: true, memory: 256 }],
        }),
      );
      await ecs.send(
        new UpdateServiceCommand({
          cluster: CLUSTER,
          service: 'api',
          taskDefinition: registered.taskDefinition!.taskDefinitionArn!,
        }),
      );
    } finally {
      ecs.destroy();
    }

    const running = smokeTest(sim(), {
      checks: `${readyCheck()}
- name: api version
  url: ${sim().url}/version
  headers: { Host: ${hostOf('api')} }
  expect-version: true
`,
      'expect-version': v2,
      'healthy-for': '3',
      timeout: '40s',
    });
    // Once the old tasks have answered the action, the rollout may go on: new tasks start, traffic splits
    // across old and new, then the old ones drain.
    const seen = await poll({
      timeoutMs: 30_000,
      minDelayMs: 20,
      maxDelayMs: 100,
      check: async () =>
        (await frontRequests(sim(), 'api')) >= 2 ? { done: true, value: true } : { done: false },
    });
    expect(seen.outcome).toBe('done');
    await sim().clock({ timeScale: 100 });
    const run = await running;

    expect(run.annotations).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    const version = reportOf(run).checks.find((c) => c.name === 'api version')!;
    expect(version).toMatchObject({ verdict: 'passed', expectVersion: v2, consecutivePasses: 3 });
    expect(version.versionSeen).toContain(v2);
    expect(version.attempts).toBeGreaterThan(3);
    // The old image answered first, and the log said so while the action retried.
    expect(run.log).toMatch(
      new RegExp(`api version: not yet \\(HTTP 200\\): version ${v1} \\(v1, .*\\) answered, expected ${v2}`),
    );
    expect(run.log).toContain(`✓ api version: ${version.attempts} attempt(s)`);
    expect(run.summary).toContain(`| api version | ${version.attempts} |`);
  });

  it('fails at the timeout when the version never serves, naming the version that did', async () => {
    const { v1 } = await seedApi();
    const run = await smokeTest(sim(), { checks: readyCheck(), 'expect-version': 'v9', timeout: '1s' });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.passed).toBe('false');
    const report = reportOf(run);
    expect(report.checks.map((c) => [c.name, c.verdict])).toEqual([
      ['api ready', 'passed'],
      [`version of ${hostOf('api')}`, 'failed'],
    ]);
    const version = report.checks[1]!;
    expect(version.expectVersion).toBe('v9');
    expect(version.versionSeen).toContain(v1);
    expect(version.reasons[0]).toMatch(new RegExp(`^version ${v1} \\(v1, .*:v1\\) answered, expected v9$`));
    expect(run.log).toContain(
      `version of ${hostOf('api')}: GET ${sim().url}/version (Host: ${hostOf('api')}); expects status 200-299, version v9 (added by expect-version)`,
    );
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]!.message).toContain(`version of ${hostOf('api')}: version ${v1}`);
    expect(run.annotations[0]!.message).toContain('expected v9');
    expect(run.summary).toContain('| Expected version | v9 |');
    expect(run.summary).toMatch(new RegExp(`\\| Version seen \\| ${v1} `));
    expect(visible(run)).not.toContain('Smoke test passed');
  });
});
