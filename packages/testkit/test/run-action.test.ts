import { join } from 'node:path';
import { expectNoSecrets, runAction, startSim, type SimHandle } from '../src';

const FIXTURE = { dir: join(__dirname, 'fixture-action') };
const ROLE = 'arn:aws:iam::111111111111:role/deploy-prod';

/** A role only the prod environment of acme/shop may assume, the way a platform team writes it. */
const trustPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:acme/shop:environment:prod',
        },
      },
    },
  ],
};

let sim: SimHandle;

beforeAll(async () => {
  sim = await startSim();
});

afterAll(async () => {
  await sim.stop();
});

describe('runAction on the fixture action', () => {
  it('runs main with inputs and defaults, then post with the saved state', async () => {
    const result = await runAction(FIXTURE, { sim, inputs: { name: 'Ada', count: 3 } });

    expect(result.exitCode).toBe(0);
    expect(result.outputs.message).toBe('Hello, Ada!');
    expect(result.outputs.lines).toBe('1: Hello, Ada!\n2: Hello, Ada!\n3: Hello, Ada!');
    expect(result.outputs.account).toBe('000000000000');
    expect(result.state.greeted).toBe('Ada');
    expect(result.env.FIXTURE_GREETED).toBe('Ada');
    expect(result.summary).toContain('## Fixture');
    expect(result.summary).toContain('| Ada | 000000000000 |');
    expect(result.annotations).toContainEqual({
      level: 'notice',
      message: 'Greeted Ada',
      title: 'Fixture',
      file: 'action.yml',
      line: 3,
      endLine: 4,
      step: 'main',
    });
    expect(result.log).toContain('Hello, Ada!');

    expect(result.postRan).toBe(true);
    expect(result.postExitCode).toBe(0);
    expect(result.postLog).toContain('post: greeted=Ada cancelled=false FIXTURE_GREETED=Ada');
    expect(result.postOutputs['post-result']).toBe('cleaned-up-Ada');
    expect(await sim.calls({ service: 'sts', action: 'GetCallerIdentity' })).not.toHaveLength(0);
  });

  it('fails a bad input with an error annotation and skips a post that needs success', async () => {
    const result = await runAction(FIXTURE, { sim, inputs: { name: 'Ada', count: 'many' } });

    expect(result.exitCode).toBe(1);
    expect(result.annotations).toEqual([
      {
        level: 'error',
        title: 'Configuration error',
        message: 'Configuration error: Input "count" must be a whole number from 1 to 20; got "many".',
        step: 'main',
      },
    ]);
    expect(result.postRan).toBe(false);
  });

  it('never runs an action without a simulator to talk to', async () => {
    await expect(runAction(FIXTURE, { inputs: { name: 'Ada' } })).rejects.toThrow(
      'runAction needs a simulator',
    );
  });

  it('refuses an input the action does not declare', async () => {
    await expect(runAction(FIXTURE, { sim, inputs: { name: 'Ada', colour: 'blue' } })).rejects.toThrow(
      'unexpected input "colour"',
    );
  });

  it('cancels like the runner: SIGINT to main, then post runs under cancelled()', async () => {
    const result = await runAction(FIXTURE, {
      sim,
      inputs: { name: 'Ada', 'wait-seconds': 60 },
      signalAfterMs: 2500,
    });

    expect(result.cancelled).toBe(true);
    expect(result.exitCode).not.toBe(0);
    expect(result.log).toContain('Received SIGINT: cancelling.');
    expect(result.postRan).toBe(true);
    expect(result.postOutputs['post-result']).toBe('cleaned-up-after-cancel');
    expect(result.durationMs).toBeLessThan(15_000);
  });

  it.each([
    ['once the simulator answered a call', { call: 'sts:GetCallerIdentity' }, 'GetCallerIdentity'],
    ['once the log shows a line, and a while after', { log: 'Waiting 60s', afterMs: 300 }, 'Waiting 60s'],
  ])('cancels at a point of the run: %s', async (_what, cancelAt, before) => {
    const result = await runAction(FIXTURE, { sim, inputs: { name: 'Ada', 'wait-seconds': 60 }, cancelAt });

    expect(result.cancelled).toBe(true);
    expect(result.exitCode).not.toBe(0);
    expect(result.log).toContain('Received SIGINT: cancelling.');
    expect(result.cancelledAfterMs).toBeGreaterThan(0);
    // SIGINT stopped the 60 s wait at once: main ended long before SIGTERM would have come.
    expect(result.mainMs - result.cancelledAfterMs!).toBeLessThan(5000);
    expect(result.postOutputs['post-result']).toBe('cleaned-up-after-cancel');
    if (before === 'Waiting 60s') {
      expect(result.log.indexOf('Waiting 60s')).toBeLessThan(result.log.indexOf('Received SIGINT'));
    } else {
      expect(await sim.calls({ service: 'sts', action: 'GetCallerIdentity' })).not.toHaveLength(0);
    }
  });

  it('never cancels a run that does not reach the point', async () => {
    const result = await runAction(FIXTURE, {
      sim,
      inputs: { name: 'Ada' },
      cancelAt: { call: 'ecs:UpdateService' },
    });

    expect(result.exitCode).toBe(0);
    expect(result.cancelled).toBe(false);
    expect(result.cancelledAfterMs).toBeUndefined();
    expect(result.postOutputs['post-result']).toBe('cleaned-up-Ada');
  });
});

describe('runAction with GitHub OIDC', () => {
  beforeAll(async () => {
    await sim.seed({ roles: [{ arn: ROLE, trustPolicy }] });
  });

  it('assumes the role with the run token, masks the credentials and prints none of them', async () => {
    const oidc = await sim.oidcContext({ repository: 'acme/shop', environment: 'prod' });
    const result = await runAction(FIXTURE, { sim, oidc, inputs: { name: 'Ada', 'role-to-assume': ROLE } });

    expect(result.exitCode).toBe(0);
    expect(result.outputs.account).toBe('111111111111');
    expect(result.outputs.arn).toMatch(/^arn:aws:sts::111111111111:assumed-role\/deploy-prod\//);
    // The ID token, then the access key id, secret key and session token, each masked before use.
    expect(result.masks).toHaveLength(4);
    expect(result.masks[0]).toMatch(/^eyJ/);
    expect(result.masks[1]).toMatch(/^ASIA/);
    const sessionToken = result.masks.find((m) => m.startsWith('IQoJ'));
    expect(sessionToken).toBeDefined();
    // What the simulator issued for this run: the ID token, the role's secret key and session token, and the
    // request token the runner handed over; none of them may show anywhere.
    const issued = await sim.issuedSecrets();
    expect(issued).toEqual(expect.arrayContaining([result.masks[0], sessionToken, oidc.requestToken]));
    expectNoSecrets(result, [...result.masks, ...issued]);
  });

  it('catches a credential that reaches an output', async () => {
    const oidc = await sim.oidcContext({ repository: 'acme/shop', environment: 'prod' });
    const result = await runAction(FIXTURE, {
      sim,
      oidc,
      inputs: { name: 'Ada', 'role-to-assume': ROLE, 'export-credentials': true },
    });

    expect(result.exitCode).toBe(0);
    expect(() => expectNoSecrets(result, result.masks)).toThrow(
      /secrets leaked into: .*env\.AWS_SESSION_TOKEN/,
    );
  });

  it('is refused when the token is for another branch', async () => {
    const oidc = await sim.oidcContext({ repository: 'acme/shop', ref: 'refs/heads/feature-x' });
    const result = await runAction(FIXTURE, { sim, oidc, inputs: { name: 'Ada', 'role-to-assume': ROLE } });

    expect(result.exitCode).toBe(1);
    expect(result.annotations[0]?.message).toContain('AccessDenied');
    expect(result.postRan).toBe(false);
  });
});
