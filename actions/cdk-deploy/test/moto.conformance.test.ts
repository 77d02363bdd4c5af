/**
 * The test app through the built action against moto server, a second opinion on the CloudFormation the
 * simulator offers. Where moto differs (README "Tested against moto too"):
 * - CreateChangeSet with a TemplateURL on a loopback host answers 404 NoSuchBucket: moto looks for the bucket in
 *   the URL's host name. The app is synthesized with the legacy synthesizer here (`synthesizer=legacy`: the
 *   template inline as TemplateBody, no bootstrap, no asset roles).
 * - moto drops the outputs of a stack deployed through a change set: `stack-outputs` holds the stack, no keys.
 * - moto answers DeleteChangeSet of a change set that is not there with an HTML 500; the toolkit deletes any
 *   old change set of its name before it makes one for an existing stack, so an update with changes cannot be
 *   deployed on moto (seven retries, then a parse error). Only a new stack's changes are gated and applied here.
 * - moto fails a resource at ExecuteChangeSet, not during the stack's update: no failure scenario is run here.
 * - moto's EC2 checks the security group's VPC: the app is given a VPC and subnet moto made (motoNetwork).
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { describeWithTools, type SimHandle } from '@ecs-delivery/testkit';
import { motoNetwork, startMoto, type MotoServer } from '../../../packages/sim/test/moto-server';
import { errors, runCdk, STACK, STEP_TIMEOUT_MS, workspace } from './cdk-helpers';

describeWithTools('cdk-deploy against moto server', ['moto_server'], () => {
  let moto: MotoServer;
  let context: string;
  const ws = workspace();

  beforeAll(async () => {
    moto = await startMoto();
    const network = await motoNetwork(moto.url);
    context = ['synthesizer=legacy', `vpc-id=${network.vpc}`, `subnet-ids=${network.subnets.join(',')}`].join(
      '\n',
    );
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
  });

  // runAction wants a simulator: moto's URL stands in for AWS_ENDPOINT_URL (GitHub is not called here). moto
  // evaluates no IAM, so the runs use the static keys (`NO_POLICY`), not a session under docs/iam.md's policy.
  const endpoint = (): SimHandle | string => moto.url;
  const NO_POLICY = { iamPolicy: false } as const;

  async function stackStatus(): Promise<string | undefined> {
    const cfn = new CloudFormationClient({
      endpoint: moto.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      return (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0]?.StackStatus;
    } catch (err) {
      if ((err as Error).message.includes('does not exist')) return undefined;
      throw err;
    } finally {
      cfn.destroy();
    }
  }

  test(
    'diff shows a new stack broadening IAM; deploy refuses it and creates nothing',
    async () => {
      const diff = await runCdk(endpoint() as SimHandle, ws, { mode: 'diff', context }, NO_POLICY);
      expect({ exit: diff.exitCode, errors: errors(diff) }).toEqual({ exit: 0, errors: [] });
      expect(diff.outputs['security-changes']).toBe('broadening');
      expect(diff.summary).toContain('AWS::ECS::Service');

      const refused = await runCdk(endpoint() as SimHandle, ws, { mode: 'deploy', context }, NO_POLICY);
      expect(refused.exitCode).toBe(1);
      expect(errors(refused)).toEqual([expect.stringContaining('broaden IAM permissions')]);
      expect(refused.summary).toContain('ecr:GetAuthorizationToken');
      // The toolkit deleted the change set and the REVIEW_IN_PROGRESS stack it made.
      expect(await stackStatus()).toBeUndefined();
    },
    STEP_TIMEOUT_MS,
  );

  test(
    'with approve-broadening deploy creates the stack; moto drops the outputs of a change-set deploy',
    async () => {
      const run = await runCdk(
        endpoint() as SimHandle,
        ws,
        { mode: 'deploy', context, 'approve-broadening': 'true' },
        NO_POLICY,
      );
      expect({ exit: run.exitCode, errors: errors(run) }).toEqual({ exit: 0, errors: [] });
      expect(await stackStatus()).toBe('CREATE_COMPLETE');
      expect(run.outputs['has-changes']).toBe('true');
      expect(run.outputs['security-changes']).toBe('broadening');
      expect(JSON.parse(run.outputs['changes']!)).toMatchObject({ stacks: 1, added: 9, iam: 5 });
      expect(JSON.parse(run.outputs['stack-outputs']!)).toEqual({ [STACK]: {} });
    },
    STEP_TIMEOUT_MS,
  );

  test(
    'a second deploy executes nothing',
    async () => {
      const run = await runCdk(endpoint() as SimHandle, ws, { mode: 'deploy', context }, NO_POLICY);
      expect({ exit: run.exitCode, errors: errors(run) }).toEqual({ exit: 0, errors: [] });
      expect(run.outputs['has-changes']).toBe('false');
    },
    STEP_TIMEOUT_MS,
  );
});
