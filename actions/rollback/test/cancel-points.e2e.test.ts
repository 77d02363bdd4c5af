import type { CancelPoint } from '@ecs-delivery/testkit';
import {
  CLUSTER,
  deployWithSdk,
  describeService,
  mutatingSince,
  rollback,
  seedServices,
  useSim,
} from './sim-helpers';

const sim = useSim();

/** web:1 on v1 (which now starts slowly), web:2 on v2 deployed and steady. */
async function slowTarget(): Promise<void> {
  const digests = await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
  await deployWithSdk(sim(), 'web', digests.web!.v2!);
  await sim().scenario([{ image: `*/shop/web@${digests.web!.v1!}`, task: { startSeconds: 36_000 } }]);
}

/** A call held this long is in flight when the run is cancelled (and would outlast the runner's SIGTERM). */
const HELD = { latencyMs: 20_000 };

const POINTS: {
  at: string;
  cancelAt: CancelPoint;
  rules?: unknown[];
  /** Whether the rollback was asked for before the cancel: ECS goes on with it. */
  started: boolean;
}[] = [
  {
    at: 'during authentication (GetCallerIdentity held)',
    rules: [{ api: 'sts:GetCallerIdentity', fault: HELD }],
    cancelAt: { log: '::group::Authenticate', afterMs: 1000 },
    started: false,
  },
  {
    at: 'during the preflight (after DescribeServices, DescribeTaskDefinition held)',
    rules: [{ api: 'ecs:DescribeTaskDefinition', fault: HELD }],
    cancelAt: { call: 'ecs:DescribeServices', afterMs: 500 },
    started: false,
  },
  {
    at: 'while asking for the rollback (UpdateService held 3 s)',
    rules: [{ api: 'ecs:UpdateService', fault: { latencyMs: 3000 } }],
    cancelAt: { log: '::group::Roll back web', afterMs: 1000 },
    started: true,
  },
  {
    at: 'during the watch (after UpdateService)',
    cancelAt: { call: 'ecs:UpdateService', afterMs: 1000 },
    started: true,
  },
];

describe('rollback cancelled at any point', () => {
  it.each(POINTS)('$at: cancelled and the step fails, never succeeded', async (p) => {
    await slowTarget();
    if (p.rules !== undefined) await sim().scenario(p.rules);
    const since = Date.now();
    const run = await rollback(
      sim(),
      { cluster: CLUSTER, service: 'web', to: 'web:1' },
      { cancelAt: p.cancelAt },
    );
    console.log(
      `cancel rollback ${p.at}: main ended ${run.mainMs - (run.cancelledAfterMs ?? 0)} ms after its SIGINT`,
    );

    expect(run.cancelled).toBe(true);
    expect(run.log).toContain('Received SIGINT: cancelling.');
    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(1);
    expect(run.outputs.outcome).toBe('cancelled');
    expect(run.annotations.some((a) => a.level === 'error')).toBe(true);
    const after = await describeService(sim(), 'web');
    const primary = after.deployments!.find((d) => d.status === 'PRIMARY');
    if (p.started) {
      // Asked for before the cancel: the rollback deployment is ECS's now and goes on.
      expect(run.log).toContain('a rollback deployment ECS has started goes on by itself');
      expect(primary?.taskDefinition).toMatch(/web:1$/);
    } else {
      expect(await mutatingSince(sim(), since)).toEqual([]);
      expect(after.taskDefinition).toMatch(/web:2$/);
      expect(after.deployments).toHaveLength(1);
    }
  });
});
