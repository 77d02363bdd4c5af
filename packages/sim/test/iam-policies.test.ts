import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  ECRClient,
  GetAuthorizationTokenCommand,
  InitiateLayerUploadCommand,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import {
  DeleteServiceCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { pushImage } from '../src';
import {
  assume,
  config,
  errorOf,
  notAllowed,
  policy,
  PROD,
  REGION,
  role,
  STAGING,
  startSimulator,
  type RunningSimulator,
  type Session,
} from './iam-helpers';

/**
 * Permission policies of roles, evaluated for their sessions as IAM evaluates them (AWS IAM user guide, "Policy
 * evaluation logic"). A role without any permission policy stays all-powerful; the static keys are never checked.
 */

const deployStaging = `arn:aws:iam::${STAGING}:role/deploy-staging`;
const stagingUser = `arn:aws:sts::${STAGING}:assumed-role/deploy-staging/gha-run`;
const network = { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] } };
const ecsArn = (account: string, resource: string): string => `arn:aws:ecs:${REGION}:${account}:${resource}`;

const taskDefinition = (account: string): Record<string, unknown> => ({
  family: 'api',
  account,
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'api', image: 'nginx:1.27' }],
});

let sim: RunningSimulator;
let staging: Session;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      roles: [
        role('deploy-staging', STAGING, [
          policy(
            {
              Sid: 'StagingServices',
              Effect: 'Allow',
              Action: ['ecs:UpdateService', 'ecs:Describe*', 'ecs:DeleteService'],
              Resource: `arn:aws:ecs:*:${STAGING}:service/staging/*`,
            },
            {
              Sid: 'Clusters',
              Effect: 'Allow',
              Action: 'ecs:Describe*',
              Resource: `arn:aws:ecs:*:${STAGING}:cluster/*`,
            },
            { Sid: 'Register', Effect: 'Allow', Action: 'ecs:RegisterTaskDefinition', Resource: '*' },
            {
              Sid: 'RunOnStagingClusters',
              Effect: 'Allow',
              Action: 'ecs:RunTask',
              Resource: `arn:aws:ecs:*:${STAGING}:task-definition/api:*`,
              Condition: { StringLike: { 'ecs:cluster': `arn:aws:ecs:*:${STAGING}:cluster/staging*` } },
            },
            {
              Sid: 'PassTaskRolesToEcs',
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: `arn:aws:iam::${STAGING}:role/api-*`,
              Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
            },
            {
              Sid: 'PassFunctionRolesToLambda',
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: `arn:aws:iam::${STAGING}:role/fn-*`,
              Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
            },
            {
              Sid: 'Push',
              Effect: 'Allow',
              Action: 'ecr:*',
              Resource: `arn:aws:ecr:*:${STAGING}:repository/*`,
            },
            { Sid: 'Login', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
          ),
          // A JSON string is a policy document too.
          JSON.stringify(
            policy({ Sid: 'NeverDelete', Effect: 'Deny', Action: 'ecs:DeleteService', Resource: '*' }),
          ),
        ]),
        role('auditor', STAGING, [
          policy(
            {
              Effect: 'Allow',
              Action: 'ecs:ListTasks',
              Resource: '*',
              Condition: { ArnEquals: { 'ecs:cluster': ecsArn(STAGING, 'cluster/staging') } },
            },
            {
              Effect: 'Allow',
              Action: 'ecs:ListServices',
              Resource: '*',
              Condition: { ArnLike: { 'ecs:cluster': `arn:aws:ecs:*:${STAGING}:cluster/stag*` } },
            },
            // Everything but ECS, IAM and STS…
            { Effect: 'Allow', NotAction: ['ecs:*', 'iam:*', 'sts:*'], Resource: '*' },
            // …in us-east-1 only…
            {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
            },
            // …and only from sessions the pipeline names.
            {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { StringNotLike: { 'sts:RoleSessionName': 'gha-*' } },
            },
          ),
        ]),
        role('open', STAGING),
      ],
      clusters: [
        { name: 'staging', account: STAGING },
        { name: 'staging-blue', account: STAGING },
        { name: 'other', account: STAGING },
        { name: 'prod', account: PROD },
      ],
      taskDefinitions: [taskDefinition(STAGING), taskDefinition(PROD)],
      services: [
        {
          cluster: 'staging',
          serviceName: 'api',
          taskDefinition: 'api',
          account: STAGING,
          desiredCount: 0,
          launchType: 'FARGATE',
          networkConfiguration: network,
        },
        {
          cluster: 'prod',
          serviceName: 'api',
          taskDefinition: 'api',
          account: PROD,
          desiredCount: 0,
          launchType: 'FARGATE',
          networkConfiguration: network,
        },
      ],
      repositories: [
        { name: 'shop/api', account: STAGING },
        { name: 'shop/api', account: PROD },
      ],
    },
  });
  staging = await assume(sim, deployStaging);
});
afterAll(() => sim.close());

// "User: arn:aws:sts::…:assumed-role/… is not authorized to perform: ecs:UpdateService on resource: … because no
// identity-based policy allows the ecs:UpdateService action" — IAM user guide, "Troubleshoot access denied error
// messages": "When the policy implicitly denies access, then AWS includes the phrase because no type policy
// allows the action action".
test('a staging role cannot update a prod service: AccessDeniedException naming the principal, action and resource', async () => {
  const ecs = new ECSClient(config(sim, staging));
  const prodService = ecsArn(PROD, 'service/prod/api');
  expect(
    await errorOf(
      ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: prodService, desiredCount: 1 })),
    ),
  ).toEqual({
    name: 'AccessDeniedException',
    message: notAllowed(stagingUser, 'ecs:UpdateService', prodService),
    status: 400,
  });
  expect(
    await errorOf(
      ecs.send(new DescribeServicesCommand({ cluster: ecsArn(PROD, 'cluster/prod'), services: ['api'] })),
    ),
  ).toMatchObject({ message: notAllowed(stagingUser, 'ecs:DescribeServices', prodService) });
  // The call log says who was refused, and how.
  const calls = sim.sim.calls.list({ service: 'ecs', action: 'UpdateService' });
  expect(calls[calls.length - 1]).toMatchObject({
    status: 400,
    errorCode: 'AccessDeniedException',
    account: STAGING,
    principal: stagingUser,
  });
});

// Service Authorization Reference, ECS: UpdateService's resource type is `service`
// (arn:${Partition}:ecs:${Region}:${Account}:service/${ClusterName}/${ServiceName}); a policy's `*` matches any
// run of characters, so `service/staging/*` is every service of the staging cluster.
test('the same role updates and describes its own services: wildcards in actions and resources', async () => {
  const ecs = new ECSClient(config(sim, staging));
  const out = await ecs.send(
    new UpdateServiceCommand({ cluster: 'staging', service: 'api', desiredCount: 0 }),
  );
  expect(out.service?.serviceArn).toBe(ecsArn(STAGING, 'service/staging/api'));
  const described = await ecs.send(new DescribeServicesCommand({ cluster: 'staging', services: ['api'] }));
  expect(described.services).toHaveLength(1);
  await expect(
    ecs.send(new DescribeClustersCommand({ clusters: ['staging', 'other'] })),
  ).resolves.toBeDefined();
});

// "An explicit deny in any of these policies overrides the allow." (IAM user guide, "Policy evaluation logic");
// the message: "with an explicit deny in an identity-based policy".
test('a Deny beats an Allow, and says so', async () => {
  const ecs = new ECSClient(config(sim, staging));
  expect(await errorOf(ecs.send(new DeleteServiceCommand({ cluster: 'staging', service: 'api' })))).toEqual({
    name: 'AccessDeniedException',
    message: `User: ${stagingUser} is not authorized to perform: ecs:DeleteService on resource: ${ecsArn(STAGING, 'service/staging/api')} with an explicit deny in an identity-based policy`,
    status: 400,
  });
});

// Service Authorization Reference, ECR: PutImage and InitiateLayerUpload are authorized on the `repository`
// resource type, arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}.
test('a staging role cannot push to a prod repository, and pushes to its own', async () => {
  const ecr = new ECRClient(config(sim, staging));
  const prodRepo = `arn:aws:ecr:${REGION}:${PROD}:repository/shop/api`;
  expect(
    await errorOf(ecr.send(new InitiateLayerUploadCommand({ registryId: PROD, repositoryName: 'shop/api' }))),
  ).toEqual({
    name: 'AccessDeniedException',
    message: notAllowed(stagingUser, 'ecr:InitiateLayerUpload', prodRepo),
    status: 400,
  });
  expect(
    await errorOf(
      ecr.send(
        new PutImageCommand({
          registryId: PROD,
          repositoryName: 'shop/api',
          imageManifest: '{}',
          imageTag: 'v1',
        }),
      ),
    ),
  ).toEqual({
    name: 'AccessDeniedException',
    message: notAllowed(stagingUser, 'ecr:PutImage', prodRepo),
    status: 400,
  });
  const own = await ecr.send(new InitiateLayerUploadCommand({ repositoryName: 'shop/api' }));
  expect(own.uploadId).toBeDefined();

  // `docker push` with the role's registry password is the role pushing, through the registry API.
  const token = await ecr.send(new GetAuthorizationTokenCommand({}));
  const password = Buffer.from(token.authorizationData![0]!.authorizationToken!, 'base64')
    .toString()
    .slice(4);
  const push = (account: string): Promise<unknown> =>
    pushImage({
      registryUrl: sim.url,
      repository: `${account}/${REGION}/shop/api`,
      tags: ['v1'],
      auth: { username: 'AWS', password },
    });
  await expect(push(STAGING)).resolves.toMatchObject({
    digest: expect.stringMatching(/^sha256:/) as unknown,
  });
  await expect(push(PROD)).rejects.toThrow(
    `HTTP 403: {"errors":[{"code":"DENIED","message":"${notAllowed(stagingUser, 'ecr:InitiateLayerUpload', prodRepo)}"`,
  );
});

// ECS API reference, RunTask: "When a task definition revision is not specified, authorization will occur using
// the latest revision of a task definition"; the Service Authorization Reference lists `ecs:cluster` for RunTask.
test('a StringLike condition on ecs:cluster lets RunTask start tasks on the staging clusters only', async () => {
  const ecs = new ECSClient(config(sim, staging));
  for (const cluster of ['staging', 'staging-blue']) {
    const out = await ecs.send(
      new RunTaskCommand({
        cluster,
        taskDefinition: 'api',
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    expect(out.tasks).toHaveLength(1);
  }
  expect(
    await errorOf(
      ecs.send(
        new RunTaskCommand({
          cluster: 'other',
          taskDefinition: 'api',
          launchType: 'FARGATE',
          networkConfiguration: network,
        }),
      ),
    ),
  ).toMatchObject({
    name: 'AccessDeniedException',
    message: notAllowed(stagingUser, 'ecs:RunTask', ecsArn(STAGING, 'task-definition/api:1')),
  });
});

// ECS developer guide, "Amazon ECS task execution IAM role" / IAM user guide, "Grant a user permissions to pass a
// role to an AWS service": registering a task definition that names a role needs iam:PassRole on it, and the
// iam:PassedToService condition key names the service the role is passed to (ecs-tasks.amazonaws.com).
test('registering a task definition passes its roles to ECS: iam:PassRole with iam:PassedToService', async () => {
  const ecs = new ECSClient(config(sim, staging));
  const register = (executionRoleArn: string): Promise<unknown> =>
    ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'api',
        executionRoleArn,
        taskRoleArn: `arn:aws:iam::${STAGING}:role/api-task`,
        containerDefinitions: [{ name: 'api', image: 'nginx:1.27', memory: 256 }],
      }),
    );
  await expect(register(`arn:aws:iam::${STAGING}:role/api-execution`)).resolves.toBeDefined();
  const admin = `arn:aws:iam::${STAGING}:role/admin`;
  expect(await errorOf(register(admin))).toEqual({
    name: 'AccessDeniedException',
    message: notAllowed(stagingUser, 'iam:PassRole', admin),
    status: 400,
  });
  // A role this policy may pass only to Lambda cannot be handed to ECS tasks.
  const fn = `arn:aws:iam::${STAGING}:role/fn-worker`;
  expect(await errorOf(register(fn))).toMatchObject({ message: notAllowed(stagingUser, 'iam:PassRole', fn) });
  // RunTask overriding the roles passes them too.
  expect(
    await errorOf(
      ecs.send(
        new RunTaskCommand({
          cluster: 'staging',
          taskDefinition: 'api',
          launchType: 'FARGATE',
          networkConfiguration: network,
          overrides: { executionRoleArn: admin },
        }),
      ),
    ),
  ).toMatchObject({ message: notAllowed(stagingUser, 'iam:PassRole', admin) });
});

// IAM user guide, "IAM JSON policy elements: Condition operators" (ArnEquals, ArnLike, StringNotEquals,
// StringNotLike) and "NotAction": "allows all actions except those listed".
test('ArnEquals, ArnLike, NotAction and negated conditions', async () => {
  const auditor = await assume(sim, `arn:aws:iam::${STAGING}:role/auditor`, 'gha-audit');
  const ecs = new ECSClient(config(sim, auditor));
  await expect(ecs.send(new ListTasksCommand({ cluster: 'staging' }))).resolves.toBeDefined();
  expect(await errorOf(ecs.send(new ListTasksCommand({ cluster: 'other' })))).toMatchObject({
    name: 'AccessDeniedException',
  });
  await expect(ecs.send(new ListServicesCommand({ cluster: 'staging-blue' }))).resolves.toBeDefined();
  expect(await errorOf(ecs.send(new ListServicesCommand({ cluster: 'other' })))).toMatchObject({
    name: 'AccessDeniedException',
  });
  // NotAction: every service but ECS.
  expect(await errorOf(ecs.send(new DescribeClustersCommand({ clusters: ['staging'] })))).toMatchObject({
    name: 'AccessDeniedException',
  });
  await expect(
    new CloudWatchLogsClient(config(sim, auditor)).send(new DescribeLogGroupsCommand({})),
  ).resolves.toBeDefined();
  // StringNotEquals on aws:RequestedRegion: a Deny outside us-east-1.
  const west = new CloudWatchLogsClient({ ...config(sim, auditor), region: 'eu-west-1' });
  expect(await errorOf(west.send(new DescribeLogGroupsCommand({})))).toMatchObject({
    name: 'AccessDeniedException',
    message: expect.stringContaining('with an explicit deny in an identity-based policy') as unknown,
  });
  // StringNotLike on sts:RoleSessionName: a session the pipeline did not name is denied everything.
  const manual = await assume(sim, `arn:aws:iam::${STAGING}:role/auditor`, 'manual');
  expect(
    await errorOf(new CloudWatchLogsClient(config(sim, manual)).send(new DescribeLogGroupsCommand({}))),
  ).toMatchObject({ message: expect.stringContaining('explicit deny') as unknown });
});

// The simulator's opt-in: a role without permission policies is all-powerful, as before IAM was modelled.
test('a role without permission policies may do anything; the static keys are never checked', async () => {
  const open = await assume(sim, `arn:aws:iam::${STAGING}:role/open`);
  const ecs = new ECSClient(config(sim, open));
  await expect(
    ecs.send(
      new RunTaskCommand({
        cluster: 'other',
        taskDefinition: 'api:1',
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    ),
  ).resolves.toBeDefined();
  await expect(
    ecs.send(new DescribeServicesCommand({ cluster: 'staging', services: ['api'] })),
  ).resolves.toBeDefined();
  const test = new ECSClient(config(sim, { accessKeyId: 'test', secretAccessKey: 'anything' }));
  await expect(test.send(new ListClustersCommand({}))).resolves.toBeDefined();
  const root = new ECSClient(config(sim, { accessKeyId: PROD, secretAccessKey: 'x' }));
  await expect(
    root.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', desiredCount: 0 })),
  ).resolves.toBeDefined();
});

// STS API reference, AssumeRole: the caller needs sts:AssumeRole on the role ("is not authorized to perform:
// sts:AssumeRole on resource"), awsQuery's AccessDenied (403); GetCallerIdentity: "No permissions are required to
// perform this operation."
test('STS: AssumeRole needs sts:AssumeRole on the role; GetCallerIdentity needs nothing', async () => {
  const sts = new STSClient(config(sim, staging));
  await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: stagingUser });
  const target = `arn:aws:iam::${STAGING}:role/open`;
  expect(
    await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: target, RoleSessionName: 'chain' }))),
  ).toEqual({
    name: 'AccessDenied',
    message: notAllowed(stagingUser, 'sts:AssumeRole', target),
    status: 403,
  });
});

test('GET /_sim/state shows each role with its policies', async () => {
  const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as {
    'sts.iam': { roles: Record<string, { policies: { name: string; document: unknown }[] }> };
  };
  const policies = state['sts.iam'].roles[deployStaging]!.policies;
  expect(policies.map((p) => p.name)).toEqual(['policies[0]', 'policies[1]']);
  expect(policies[0]!.document).toMatchObject({ Statement: expect.arrayContaining([]) as unknown });
  expect(state['sts.iam'].roles[`arn:aws:iam::${STAGING}:role/open`]!.policies).toEqual([]);
});

// IAM refuses what is not a permission policy when it is attached: "Policy document should not specify a
// principal.", "Actions/Conditions must be prefaced by a vendor", "Policy statement must contain resources."
test('a seeded policy IAM would refuse fails the seed, naming the entry', async () => {
  const seed = async (policies: unknown[]): Promise<string> => {
    const res = await fetch(`${sim.url}/_sim/seed`, {
      method: 'POST',
      body: JSON.stringify({ roles: [role('broken', STAGING, policies)] }),
    });
    expect(res.status).toBe(400);
    return ((await res.json()) as { message: string }).message;
  };
  expect(await seed([policy({ Effect: 'Allow', Principal: '*', Action: 'ecs:*', Resource: '*' })])).toMatch(
    /^seed\.roles\[0\] \(broken\): .*Policy document should not specify a principal\./,
  );
  expect(await seed([policy({ Effect: 'Allow', Action: 'UpdateService', Resource: '*' })])).toMatch(
    /^seed\.roles\[0\] \(broken\): .*Actions\/Conditions must be prefaced by a vendor/,
  );
  expect(await seed([policy({ Effect: 'Allow', Action: 'ecs:*' })])).toMatch(
    /Policy statement must contain resources\./,
  );
  expect(await seed(['{not json'])).toMatch(/policies\[0\].*not in the valid JSON format/);
  expect(
    await seed([
      policy({ Effect: 'Allow', Action: 'ecs:*', Resource: '*', Condition: { Maybe: { a: 'b' } } }),
    ]),
  ).toMatch(/condition operator Maybe/);
});
