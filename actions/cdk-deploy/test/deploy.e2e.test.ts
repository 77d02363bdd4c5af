import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import {
  ACCOUNT,
  describeService,
  ecsOf,
  expectNoSecrets,
  runAction,
  startSim,
  type SimHandle,
} from '@ecs-delivery/testkit';
import { actionsSince, errors, runCdk, STACK, STEP_TIMEOUT_MS, workspace } from './cdk-helpers';

/**
 * The test app through the built action on the simulator, step by step on one simulator: synth calls no AWS;
 * bootstrap + deploy creates the service and hands its outputs on; a second deploy executes nothing; an
 * IAM-broadening change is refused (its change set deleted) until approved; a failing resource is reported with
 * its reason and the stack rolls back; deploy-ecs then deploys to the service the stack made, named by its
 * outputs. Each run has its own CDK_HOME.
 */
let sim: SimHandle;
const ws = workspace({
  'infra-broaden': { broaden: 'true' },
  'infra-fail': { broaden: 'true', fail: 'true' },
  'infra-lookup': { lookup: 'true' },
});

/** The role the OIDC run assumes: only acme/shop's prod environment may. */
const ROLE = `arn:aws:iam::${ACCOUNT}:role/shop-prod-infra`;
const trustPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:environment:prod' },
      },
    },
  ],
};

beforeAll(async () => {
  sim = await startSim({ timeScale: 200, seed: { roles: [{ arn: ROLE, trustPolicy }] } });
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

/**
 * No secret the simulator issued, nor any the run masked, shows. The testkit's static keys are the word "test",
 * which the app's own path (…/test/fixtures/app) contains: they are left out.
 */
async function noSecrets(run: Parameters<typeof expectNoSecrets>[0]): Promise<void> {
  const secrets = [...run.masks, ...(await sim.issuedSecrets())].filter((s) => s !== 'test');
  expectNoSecrets(run, secrets);
}

test(
  'synth writes the cloud assembly and calls no AWS',
  async () => {
    const since = Date.now();
    const run = await runCdk(sim, ws, { mode: 'synth' });
    expect({ exit: run.exitCode, errors: errors(run) }).toEqual({ exit: 0, errors: [] });
    expect(existsSync(join(ws, 'infra', 'cdk.out', 'manifest.json'))).toBe(true);
    expect(run.log).toContain(`Synthesized ${STACK}`);
    expect(await actionsSince(sim, since)).toEqual([]);
  },
  STEP_TIMEOUT_MS,
);

test(
  'bootstrap and deploy create the service; its outputs are step outputs and in outputs-file',
  async () => {
    const since = Date.now();
    const run = await runCdk(sim, ws, {
      mode: 'deploy',
      bootstrap: 'true',
      'approve-broadening': 'true',
      'outputs-file': 'out/stack-outputs.json',
    });
    expect({ exit: run.exitCode, errors: errors(run) }).toEqual({ exit: 0, errors: [] });
    const outputs = JSON.parse(run.outputs['stack-outputs']!) as Record<string, Record<string, string>>;
    expect(outputs[STACK]).toMatchObject({
      ClusterName: 'shop',
      ServiceName: 'web',
      LogGroupName: '/ecs/web',
    });
    expect(outputs[STACK]!['RepositoryUri']).toMatch(/\/shop\/web$/);
    expect(JSON.parse(readFileSync(join(ws, 'out', 'stack-outputs.json'), 'utf8'))).toEqual(outputs);
    expect(run.outputs['has-changes']).toBe('true');
    // A first deploy creates roles: it broadens, and went through only because it was approved.
    expect(run.outputs['security-changes']).toBe('broadening');
    const service = await describeService(sim, 'web');
    expect(service.deploymentConfiguration?.deploymentCircuitBreaker).toEqual({
      enable: true,
      rollback: true,
    });
    expect(await actionsSince(sim, since)).toContain('cloudformation:ExecuteChangeSet');
    expect(run.summary).toContain('Stack outputs');
    await noSecrets(run);
  },
  STEP_TIMEOUT_MS,
);

test(
  'a second deploy reports no changes and executes nothing',
  async () => {
    const since = Date.now();
    const run = await runCdk(sim, ws, { mode: 'deploy' });
    expect({ exit: run.exitCode, errors: errors(run) }).toEqual({ exit: 0, errors: [] });
    expect(run.outputs['has-changes']).toBe('false');
    expect(JSON.parse(run.outputs['stack-outputs']!)[STACK]).toMatchObject({ ServiceName: 'web' });
    expect(await actionsSince(sim, since)).not.toContain('cloudformation:ExecuteChangeSet');
  },
  STEP_TIMEOUT_MS,
);

test(
  "with role-to-assume the run authenticates with the job's OIDC token and no static keys",
  async () => {
    const since = Date.now();
    const oidc = await sim.oidcContext({ repository: 'acme/shop', environment: 'prod' });
    const run = await runCdk(sim, ws, { mode: 'diff', app: 'cdk.out', 'role-to-assume': ROLE }, { oidc });
    expect({ exit: run.exitCode, errors: errors(run) }).toEqual({ exit: 0, errors: [] });
    expect(run.log).toContain(`assumed-role/shop-prod-infra/`);
    expect(run.outputs['has-changes']).toBe('false');
    expect(await actionsSince(sim, since)).toEqual(
      expect.arrayContaining(['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole']),
    );
    await noSecrets(run);
  },
  STEP_TIMEOUT_MS,
);

test(
  'diff of an IAM-broadening change shows it and executes nothing',
  async () => {
    const since = Date.now();
    const run = await runCdk(sim, ws, { mode: 'diff', 'working-directory': 'infra-broaden' });
    expect({ exit: run.exitCode, errors: errors(run) }).toEqual({ exit: 0, errors: [] });
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.outputs['security-changes']).toBe('broadening');
    expect(run.summary).toContain('s3:GetObject');
    const calls = await actionsSince(sim, since);
    expect(calls).not.toContain('cloudformation:ExecuteChangeSet');
    expect(calls).not.toContain('cloudformation:UpdateStack');
  },
  STEP_TIMEOUT_MS,
);

test(
  'an IAM-broadening deploy is refused by default: the change set is deleted, nothing executed',
  async () => {
    const since = Date.now();
    const run = await runCdk(sim, ws, { mode: 'deploy', 'working-directory': 'infra-broaden' });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([expect.stringContaining('broaden IAM permissions')]);
    expect(run.summary).toContain('s3:GetObject');
    expect(run.summary).toContain('refused');
    const calls = await actionsSince(sim, since);
    expect(calls).not.toContain('cloudformation:ExecuteChangeSet');
    expect(calls).toContain('cloudformation:DeleteChangeSet');
    await noSecrets(run);
  },
  STEP_TIMEOUT_MS,
);

test(
  'with approve-broadening the same change is applied',
  async () => {
    const since = Date.now();
    const run = await runCdk(sim, ws, {
      mode: 'deploy',
      'working-directory': 'infra-broaden',
      'approve-broadening': 'true',
    });
    expect({ exit: run.exitCode, errors: errors(run) }).toEqual({ exit: 0, errors: [] });
    expect(run.outputs['has-changes']).toBe('true');
    expect(await actionsSince(sim, since)).toContain('cloudformation:ExecuteChangeSet');
  },
  STEP_TIMEOUT_MS,
);

test(
  'in CI a context value a lookup would fetch is an error that says to commit cdk.context.json',
  async () => {
    const since = Date.now();
    const run = await runCdk(sim, ws, { mode: 'diff', 'working-directory': 'infra-lookup' });
    expect(run.exitCode).toBe(1);
    const [error] = run.annotations.filter((a) => a.level === 'error');
    expect(error?.title).toBe('Configuration error');
    expect(error?.message).toContain('"context"');
    expect(error?.message).toContain('commit cdk.context.json');
    expect(error?.message).toContain('vpc-provider');
    expect(await actionsSince(sim, since)).not.toContain('ec2:DescribeVpcs');
  },
  STEP_TIMEOUT_MS,
);

test(
  'drift mode reports a resource changed outside CDK, per stack',
  async () => {
    await ecsOf(sim).send(new UpdateServiceCommand({ cluster: 'shop', service: 'web', desiredCount: 2 }));
    // The assembly the first test synthesized: drift reads it, the app need not run again.
    const run = await runCdk(sim, ws, { mode: 'drift', app: 'cdk.out' });
    expect({ exit: run.exitCode, errors: errors(run) }).toEqual({ exit: 0, errors: [] });
    expect(JSON.parse(run.outputs['changes']!)).toMatchObject({ drifted: 1 });
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.summary).toContain('1 resource changed outside CDK');
    expect(run.summary).toContain('DesiredCount');
  },
  STEP_TIMEOUT_MS,
);

test(
  'a failing resource is reported with its reason, its construct and the stack rolled back',
  async () => {
    await sim.scenario([
      {
        resource: {
          logicalId: 'FailMe*',
          fail: 'Parameter /shop/web/fail-me is not allowed here',
          on: 'create',
        },
      },
    ]);
    try {
      const run = await runCdk(
        sim,
        ws,
        { mode: 'deploy', 'working-directory': 'infra-fail', 'approve-broadening': 'true' },
        // CDK_DEBUG makes the app record where each construct was made: the report names the line.
        { env: { CDK_DEBUG: 'true' } },
      );
      expect(run.exitCode).toBe(1);
      const [error] = errors(run);
      expect(error).toContain('FailMe');
      expect(error).toContain('Parameter /shop/web/fail-me is not allowed here');
      expect(error).toContain('UPDATE_ROLLBACK_COMPLETE');
      expect(error).toContain(`${STACK}/FailMe`);
      expect(error).toMatch(/app\.js:\d+/);
      expect(run.summary).toContain('UPDATE_ROLLBACK_COMPLETE');
      await noSecrets(run);
    } finally {
      await sim.clearScenario();
    }
  },
  STEP_TIMEOUT_MS,
);

test(
  'deploy-ecs deploys an image to the service the stack created, named by the stack outputs',
  async () => {
    const outputs = (
      JSON.parse(
        (await runCdk(sim, ws, { mode: 'deploy', 'working-directory': 'infra-broaden' })).outputs[
          'stack-outputs'
        ]!,
      ) as Record<string, Record<string, string>>
    )[STACK]!;
    // What a build earlier in the pipeline would have pushed to the stack's repository.
    await sim.seed({ images: [{ repository: 'shop/web', tags: ['v2'], label: 'web 2' }] });
    const run = await runAction('deploy-ecs', {
      sim,
      inputs: {
        cluster: outputs['ClusterName']!,
        service: outputs['ServiceName']!,
        images: `web=${outputs['RepositoryUri']!}:v2`,
        timeout: '2m',
      },
    });
    expect({ exit: run.exitCode, errors: errors(run) }).toEqual({ exit: 0, errors: [] });
    expect(run.outputs['outcome']).toBe('succeeded');
    const service = await describeService(sim, 'web');
    expect(service.taskDefinition).not.toBe(outputs['TaskDefinitionArn']);
    expect(service.taskDefinition).toMatch(/task-definition\/web:\d+$/);
  },
  STEP_TIMEOUT_MS,
);
