import {
  CloudFormationClient,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type DescribeChangeSetCommandOutput,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { startSimulator, type RunningSimulator } from '../src';

export { startSimulator, type RunningSimulator };

/** A CloudFormation client of the default account on the simulator, without retries. */
export function cfnClient(sim: RunningSimulator, accessKeyId = 'test'): CloudFormationClient {
  return new CloudFormationClient({
    endpoint: sim.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId, secretAccessKey: 'test' },
  });
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls DescribeStacks until the stack is in no *_IN_PROGRESS status, and answers it. */
export async function settled(
  cfn: CloudFormationClient,
  stackName: string,
  timeoutMs = 5000,
): Promise<Stack> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks![0]!;
    if (!stack.StackStatus!.endsWith('_IN_PROGRESS')) return stack;
    if (Date.now() > deadline) throw new Error(`stack ${stackName} still ${stack.StackStatus}`);
    await pause(10);
  }
}

/** Polls DescribeChangeSet until it is no longer pending. */
export async function changeSetReady(
  cfn: CloudFormationClient,
  stackName: string,
  changeSetName: string,
): Promise<DescribeChangeSetCommandOutput> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const cs = await cfn.send(
      new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }),
    );
    if (cs.Status !== 'CREATE_PENDING' && cs.Status !== 'CREATE_IN_PROGRESS') return cs;
    if (Date.now() > deadline) throw new Error(`change set ${changeSetName} still ${cs.Status}`);
    await pause(10);
  }
}

/** Every event of a stack, newest first, as DescribeStackEvents pages them. */
export async function eventsOf(cfn: CloudFormationClient, stackName: string): Promise<StackEvent[]> {
  const out: StackEvent[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken }));
    out.push(...(page.StackEvents ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/** The error a call fails with: its name (the AWS code), message and HTTP status. */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return {
      name: e.name,
      message: e.message,
      ...(e.$metadata?.httpStatusCode !== undefined ? { status: e.$metadata.httpStatusCode } : {}),
    };
  }
  throw new Error('the call succeeded');
}

/** A JSON template from resources (and optional other sections). */
export function template(resources: Record<string, unknown>, rest: Record<string, unknown> = {}): string {
  return JSON.stringify({ Resources: resources, ...rest });
}
