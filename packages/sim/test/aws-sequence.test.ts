/**
 * The conformance call sequence (also run against moto) on the simulator: every call succeeds, and the
 * expected AWS errors come with AWS's codes.
 */
import { startSimulator, type RunningSimulator } from '../src';
import { describeResults, runAwsSequence } from './aws-sequence';

let running: RunningSimulator;

beforeAll(async () => {
  running = await startSimulator({ port: 0, timeScale: 60 });
});

afterAll(async () => {
  await running.close();
});

it('answers the whole ECS/ECR/STS/Logs sequence as AWS does', async () => {
  const control = (path: string, body: unknown): Promise<Response> =>
    fetch(`${running.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  // The one-off task of the sequence prints a line and exits; moving the clock on lets it run to the end.
  await control('/_sim/scenario', {
    rules: [{ command: 'migrate *', task: { logs: ['applied 3 migrations'], exitCode: 0, afterSeconds: 5 } }],
  });
  const results = await runAwsSequence({
    endpoint: running.url,
    afterRunTask: async () => {
      await control('/_sim/clock', { advanceSeconds: 600 });
    },
  });
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`calls the simulator got wrong:\n${describeResults(results)}`);

  const output = (name: string): Record<string, unknown> =>
    (results.find((r) => r.name === name)?.output ?? {}) as Record<string, unknown>;
  expect(output('sts:GetCallerIdentity')).toMatchObject({ Account: '000000000000' });
  expect(output('ecr:CreateRepository')).toMatchObject({
    repository: { repositoryUri: `${new URL(running.url).host}/000000000000/us-east-1/conformance/api` },
  });
  expect(output('ecr:GetAuthorizationToken')).toMatchObject({
    authorizationData: [{ proxyEndpoint: running.url }],
  });
  expect(output('logs:GetLogEvents')).toMatchObject({
    events: [expect.objectContaining({ message: 'applied 3 migrations' })],
  });
  expect(output('ecs:DescribeServices')).toMatchObject({
    services: [
      {
        serviceName: 'api',
        deployments: expect.arrayContaining([expect.objectContaining({ status: 'PRIMARY' })]),
      },
    ],
  });
});
