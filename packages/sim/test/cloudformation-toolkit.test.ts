import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  BootstrapEnvironments,
  Toolkit,
  type ICloudAssemblySource,
  type IIoHost,
} from '@aws-cdk/toolkit-lib';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { DEFAULT_ACCOUNT } from '../src';
import { cfnClient, startSimulator, type RunningSimulator } from './cloudformation-helpers';

/**
 * The CDK toolkit end to end: bootstrap an environment and deploy a small app through change sets, over the
 * simulator's STS, SSM, S3 and CloudFormation. Bootstrapping creates an S3 bucket, IAM roles, an ECR repository
 * and an SSM parameter through their resource providers; the deploy then uploads its template to the bucket,
 * assumes the deploy role and reads the bootstrap version.
 */
let sim: RunningSimulator;
let home: string;
const saved = { ...process.env };

beforeAll(async () => {
  sim = await startSimulator({ timeScale: 200 });
  home = mkdtempSync(join(tmpdir(), 'cdk-home-'));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    CDK_HOME: home,
    CDK_DEFAULT_ACCOUNT: DEFAULT_ACCOUNT,
    CDK_DEFAULT_REGION: 'us-east-1',
  });
  delete process.env['AWS_PROFILE'];
  delete process.env['AWS_SESSION_TOKEN'];
});
afterAll(async () => {
  process.env = saved;
  rmSync(home, { recursive: true, force: true });
  await sim.close();
});

/** An IoHost that keeps every message and approves every change. */
function recordingHost(): IIoHost & { messages: { code?: string; level: string; message: string }[] } {
  const messages: { code?: string; level: string; message: string }[] = [];
  return {
    messages,
    notify: async (msg) => {
      messages.push({
        ...(msg.code !== undefined ? { code: msg.code } : {}),
        level: msg.level,
        message: msg.message,
      });
    },
    requestResponse: async (msg) => {
      messages.push({
        ...(msg.code !== undefined ? { code: msg.code } : {}),
        level: msg.level,
        message: msg.message,
      });
      return msg.defaultResponse;
    },
  };
}

/** A one-stack app with an SSM parameter (holding `value`) and an output naming it. */
async function tinyApp(toolkit: Toolkit, value: string): Promise<ICloudAssemblySource> {
  const outdir = mkdtempSync(join(home, 'cdk.out-'));
  return toolkit.fromAssemblyBuilder(
    async () => {
      const app = new App({ outdir });
      const stack = new Stack(app, 'TinyStack', { env: { account: DEFAULT_ACCOUNT, region: 'us-east-1' } });
      const param = new StringParameter(stack, 'Greeting', {
        parameterName: '/tiny/greeting',
        stringValue: value,
      });
      new CfnOutput(stack, 'GreetingName', { value: param.parameterName });
      return app.synth();
    },
    { outdir, resolveDefaultEnvironment: false, lookups: false },
  );
}

async function greeting(): Promise<string | undefined> {
  const ssm = new SSMClient({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return (await ssm.send(new GetParameterCommand({ Name: '/tiny/greeting' }))).Parameter?.Value;
}

test('the CDK toolkit bootstraps the environment and deploys a stack to CREATE_COMPLETE with its outputs', async () => {
  const ioHost = recordingHost();
  const toolkit = new Toolkit({ ioHost });
  const boot = await toolkit.bootstrap(
    BootstrapEnvironments.fromList([`aws://${DEFAULT_ACCOUNT}/us-east-1`]),
  );
  expect(boot.environments.map((e) => e.environment.name)).toEqual([`aws://${DEFAULT_ACCOUNT}/us-east-1`]);

  await toolkit.deploy(await tinyApp(toolkit, 'hello'));

  const cfn = cfnClient(sim);
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'TinyStack' }));
  expect(Stacks![0]!.StackStatus).toBe('CREATE_COMPLETE');
  expect(Stacks![0]!.Outputs).toEqual([{ OutputKey: 'GreetingName', OutputValue: '/tiny/greeting' }]);
  const { Stacks: boot2 } = await cfn.send(new DescribeStacksCommand({ StackName: 'CDKToolkit' }));
  expect(boot2![0]!.StackStatus).toBe('CREATE_COMPLETE');
  expect(ioHost.messages.filter((m) => m.level === 'error')).toEqual([]);
  expect(await greeting()).toBe('hello');
}, 60_000);

test("a deploy whose resource fails rolls the stack back, and the toolkit fails with the resource's reason", async () => {
  const toolkit = new Toolkit({ ioHost: recordingHost() });
  const armed = await fetch(`${sim.url}/_sim/scenario`, {
    method: 'POST',
    body: JSON.stringify({
      rules: [
        {
          resource: {
            type: 'AWS::SSM::Parameter',
            stack: 'TinyStack',
            on: 'update',
            fail: 'Parameter store is read-only today',
          },
        },
      ],
    }),
  });
  expect(armed.status).toBe(200);
  const failure = await toolkit.deploy(await tinyApp(toolkit, 'bonjour')).then(
    () => undefined,
    (err: Error) => err,
  );
  // The toolkit's diagnosis reads the failed resource's event and its aws:cdk:path metadata.
  expect(failure?.message).toContain('Resource updates failed');
  expect(failure?.message).toContain('TinyStack/Greeting/Resource  (AWS::SSM::Parameter Greeting7772ECD5)');
  expect(failure?.message).toContain(
    'Resource handler returned message: "Parameter store is read-only today"',
  );
  const { Stacks } = await cfnClient(sim).send(new DescribeStacksCommand({ StackName: 'TinyStack' }));
  expect(Stacks![0]!.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(await greeting()).toBe('hello');

  await fetch(`${sim.url}/_sim/scenario`, { method: 'DELETE' });
  await toolkit.deploy(await tinyApp(toolkit, 'bonjour'));
  expect(await greeting()).toBe('bonjour');
}, 60_000);
