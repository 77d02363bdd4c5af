import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { runAction, startSim, type SimHandle } from '../src';

const FIXTURE = { dir: join(__dirname, 'fixture-action') };

let sim: SimHandle;
let ecs: ECSClient;

beforeAll(async () => {
  sim = await startSim();
  ecs = new ECSClient({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterAll(async () => {
  ecs.destroy();
  await sim.stop();
});

describe('runAction checks the calls of a run against docs/iam.md', () => {
  it('accepts a run whose only AWS call needs no permission policy, and ignores calls made before it', async () => {
    await ecs.send(new ListClustersCommand({}));
    // The smoke-test policy denies every action: sts:GetCallerIdentity needs no grant.
    const run = await runAction(FIXTURE, { sim, inputs: { name: 'Ada' }, iamPolicy: 'smoke-test' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.account).toBe('000000000000');
  });

  it('fails a run that made a call its policy does not grant, naming the action, the call and the document', async () => {
    const running = runAction(FIXTURE, {
      sim,
      inputs: { name: 'Ada', 'wait-seconds': 2 },
      iamPolicy: 'smoke-test',
    });
    // A call made while the step runs counts as the step's: the simulator's log has no other owner.
    await delay(500);
    await ecs.send(new ListClustersCommand({}));
    await expect(running).rejects.toThrow(
      'fixture-action called ecs:ListClusters, which docs/iam.md does not grant to fixture-action (policy "smoke-test").',
    );
  });

  it('does not check an action given by its folder unless asked, nor any run with iamPolicy: false', async () => {
    const running = runAction(FIXTURE, { sim, inputs: { name: 'Ada', 'wait-seconds': 1 } });
    await delay(300);
    await ecs.send(new ListClustersCommand({}));
    expect((await running).exitCode).toBe(0);

    const optedOut = runAction(FIXTURE, {
      sim,
      inputs: { name: 'Ada', 'wait-seconds': 1 },
      iamPolicy: false,
    });
    await delay(300);
    await ecs.send(new ListClustersCommand({}));
    expect((await optedOut).exitCode).toBe(0);
  });

  it('refuses a policy docs/iam.md does not document', async () => {
    await expect(
      runAction(FIXTURE, { sim, inputs: { name: 'Ada' }, iamPolicy: 'no-such-policy' }),
    ).rejects.toThrow(/docs\/iam\.md documents no policy "no-such-policy" \(it has: build-push-build, /);
  });
});
