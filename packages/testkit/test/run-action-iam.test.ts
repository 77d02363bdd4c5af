import { join } from 'node:path';
import { CLUSTER, runAction, seedServices, uriOf, useSim } from '../src';

const FIXTURE = { dir: join(__dirname, 'fixture-action') };
const SESSION = 'arn:aws:sts::000000000000:assumed-role/ecs-delivery-testkit-deploy-ecs/testkit';

const sim = useSim();

async function deployInputs(): Promise<Record<string, string>> {
  await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }]);
  return { cluster: CLUSTER, service: 'web', images: `web=${uriOf(sim(), 'shop/web')}:v2` };
}

describe('runAction runs an action under its docs/iam.md policy, which the simulator enforces', () => {
  it('gives the step a session of a role with the policy, not the keys: every call is made and checked as it', async () => {
    const inputs = await deployInputs();
    const since = Date.now();
    const run = await runAction('deploy-ecs', { sim: sim(), inputs });
    expect(run.outputs.outcome).toBe('succeeded');
    const calls = await sim().calls({ since });
    expect(calls.length).toBeGreaterThan(3);
    expect(new Set(calls.filter((c) => c.service !== 'github').map((c) => c.principal))).toEqual(
      new Set([SESSION]),
    );
    // No call of the testkit's own: the session is issued without one.
    expect(calls.filter((c) => c.service === 'sts').map((c) => c.action)).toEqual(['GetCallerIdentity']);
  });

  it('fails a run whose call the policy does not allow, naming the call, the resource and docs/iam.md', async () => {
    const inputs = await deployInputs();
    // smoke-test's policy allows no AWS call: deploy-ecs's first ECS call is refused.
    await expect(runAction('deploy-ecs', { sim: sim(), inputs, iamPolicy: 'smoke-test' })).rejects.toThrow(
      /^deploy-ecs ran under the policy "smoke-test" of docs\/iam\.md, and the simulator refused:\n- ecs:\w+: User: arn:aws:sts::000000000000:assumed-role\/ecs-delivery-testkit-smoke-test\/testkit is not authorized to perform: ecs:\w+ on resource: arn:aws:ecs:us-east-1:000000000000:/,
    );
  });

  it('narrows the policy with iamValues: deploy-ecs under CLUSTER=other may not touch cluster shop', async () => {
    const inputs = await deployInputs();
    const since = Date.now();
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      inputs,
      iamValues: { CLUSTER: 'other' },
      expectAccessDenied: true,
    });
    expect(run.exitCode).toBe(1);
    const refused = (await sim().calls({ since })).filter((c) => c.errorCode === 'AccessDeniedException');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.errorMessage).toContain(`:cluster/${CLUSTER} `);
    expect((await sim().calls({ since, action: 'UpdateService' })).length).toBe(0);
  });

  it('runs an action given by its folder, and any run with iamPolicy: false, with the static keys', async () => {
    const since = Date.now();
    const fixture = await runAction(FIXTURE, { sim: sim(), inputs: { name: 'Ada' } });
    expect(fixture.outputs.arn).toBe('arn:aws:iam::000000000000:root');
    const inputs = await deployInputs();
    const optedOut = await runAction('deploy-ecs', { sim: sim(), inputs, iamPolicy: false });
    expect(optedOut.outputs.outcome).toBe('succeeded');
    const principals = new Set((await sim().calls({ since })).map((c) => c.principal).filter(Boolean));
    expect(principals).toEqual(new Set(['arn:aws:iam::000000000000:root']));
  });

  it('refuses a policy docs/iam.md does not document', async () => {
    await expect(
      runAction(FIXTURE, { sim: sim(), inputs: { name: 'Ada' }, iamPolicy: 'no-such-policy' }),
    ).rejects.toThrow(/docs\/iam\.md documents no policy "no-such-policy" \(it has: build-push-build, /);
  });
});
