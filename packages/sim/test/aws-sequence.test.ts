/**
 * The conformance call sequence (also run against moto) on the simulator: every call succeeds, and the
 * expected AWS errors come with AWS's codes.
 */
import { startSimulator, type RunningSimulator } from '../src';
import { issueGithubToken } from '../src/github';
import { describeResults, runAwsSequence } from './aws-sequence';
import { CI_ROLE, DEPLOY_ROLE, OIDC_CONTEXT, STS_SEED } from './aws-sequence-sts';

let running: RunningSimulator;

beforeAll(async () => {
  running = await startSimulator({ port: 0, timeScale: 60, seed: STS_SEED });
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
    webIdentityToken: issueGithubToken(running.sim, OIDC_CONTEXT, 'sts.amazonaws.com'),
    // The first deployment completes, so the second one has something to roll back to.
    afterCreateService: async () => {
      await control('/_sim/clock', { advanceSeconds: 600 });
    },
    afterRunTask: async () => {
      await control('/_sim/clock', { advanceSeconds: 600 });
    },
  });
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`calls the simulator got wrong:\n${describeResults(results)}`);

  const output = (name: string): Record<string, unknown> =>
    (results.find((r) => r.name === name)?.output ?? {}) as Record<string, unknown>;
  expect(output('sts:GetCallerIdentity')).toMatchObject({ Account: '000000000000' });
  expect(output('sts:AssumeRoleWithWebIdentity')).toMatchObject({
    SubjectFromWebIdentityToken: 'repo:acme/shop:ref:refs/heads/main',
    AssumedRoleUser: {
      Arn: `${CI_ROLE.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/')}/conformance-ci`,
    },
  });
  expect(output('sts:GetCallerIdentity (as the chained role)')).toMatchObject({
    Arn: `${DEPLOY_ROLE.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/')}/conformance-deploy`,
  });
  expect(output('ecr:BatchDeleteImage')).toMatchObject({
    imageIds: [expect.objectContaining({ imageTag: 'prod-v1' })],
    failures: [expect.objectContaining({ imageId: { imageTag: 'gone' }, failureCode: 'ImageNotFound' })],
  });
  expect(output('ecr:DescribeImageScanFindings')).toMatchObject({ imageScanStatus: { status: 'COMPLETE' } });
  expect(output('ecs:ListTaskDefinitions')).toEqual(
    expect.objectContaining({
      taskDefinitionArns: [
        expect.stringMatching(/task-definition\/conformance-api:2$/),
        expect.stringMatching(/task-definition\/conformance-api:1$/),
      ],
    }),
  );
  expect(output('ecs:StopServiceDeployment')).toMatchObject({
    serviceDeploymentArn: expect.stringMatching(/service-deployment\/conformance\/api\//),
  });
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
