import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  GetRepositoryPolicyCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
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
 * Each service's IAM table (the action and resource ARN of each call, after the Service Authorization Reference)
 * and its wording of a refusal; cross-account calls, which also need the resource's own policy.
 */

const reader = `arn:aws:iam::${STAGING}:role/reader`;
const readerUser = `arn:aws:sts::${STAGING}:assumed-role/reader/gha-run`;

let sim: RunningSimulator;
let session: Session;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      roles: [
        role('reader', STAGING, [
          policy(
            {
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject', 's3:DeleteObject'],
              Resource: [
                'arn:aws:s3:::staging-config',
                'arn:aws:s3:::staging-config/app/*',
                'arn:aws:s3:::prod-*',
              ],
            },
            {
              Effect: 'Allow',
              Action: 'ssm:GetParameter*',
              Resource: `arn:aws:ssm:${REGION}:${STAGING}:parameter/shop/staging/*`,
            },
            {
              Effect: 'Allow',
              Action: 'secretsmanager:DescribeSecret',
              Resource: [
                `arn:aws:secretsmanager:*:${STAGING}:secret:shop/*`,
                `arn:aws:secretsmanager:*:${PROD}:secret:*`,
              ],
            },
            {
              Effect: 'Allow',
              Action: 'logs:GetLogEvents',
              Resource: `arn:aws:logs:${REGION}:${STAGING}:log-group:/ecs/shop*:log-stream:*`,
            },
            {
              Effect: 'Allow',
              Action: ['ecr:BatchGetImage', 'ecr:DescribeImages', 'ecr:GetDownloadUrlForLayer'],
              Resource: 'arn:aws:ecr:*:*:repository/shop/*',
            },
            { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
            {
              Effect: 'Allow',
              Action: ['cloudformation:DescribeStacks', 'cloudformation:CreateStack'],
              Resource: `arn:aws:cloudformation:${REGION}:${STAGING}:stack/shop-*/*`,
            },
          ),
        ]),
      ],
      buckets: [
        {
          name: 'staging-config',
          account: STAGING,
          objects: { 'app/env': 'LOG=debug', 'ops/keys': 'secret' },
        },
        { name: 'prod-config', account: PROD, objects: { 'app/env': 'LOG=info' } },
      ],
      parameters: [
        { name: '/shop/staging/url', value: 'https://staging', account: STAGING },
        { name: '/shop/prod/url', value: 'https://prod', account: STAGING },
      ],
      secrets: [
        { name: 'shop/db', value: 'x', account: STAGING },
        { name: 'other/db', value: 'x', account: STAGING },
        { name: 'shop/db', value: 'y', account: PROD },
      ],
      logGroups: [
        { name: '/ecs/shop', account: STAGING },
        { name: '/ecs/other', account: STAGING },
      ],
      repositories: [
        { name: 'shop/api', account: STAGING },
        { name: 'shop/api', account: PROD },
      ],
      images: [{ repository: 'shop/api', account: PROD, tags: ['v1'] }],
    },
  });
  session = await assume(sim, reader);
});
afterAll(() => sim.close());

// S3 (since 2024) explains a refusal within the same account: "User: … is not authorized to perform:
// s3:GetObject on resource: "arn:aws:s3:::bucket/key" because no identity-based policy allows the s3:GetObject
// action" (the resource in quotes, AccessDenied, 403); a request from another account gets "Access Denied".
test('S3: objects and buckets by their ARNs, refused in S3 words', async () => {
  const s3 = new S3Client({ ...config(sim, session), forcePathStyle: true });
  const got = await s3.send(new GetObjectCommand({ Bucket: 'staging-config', Key: 'app/env' }));
  expect(await got.Body!.transformToString()).toBe('LOG=debug');
  await expect(s3.send(new ListObjectsV2Command({ Bucket: 'staging-config' }))).resolves.toBeDefined();
  expect(await errorOf(s3.send(new GetObjectCommand({ Bucket: 'staging-config', Key: 'ops/keys' })))).toEqual(
    {
      name: 'AccessDenied',
      message: notAllowed(readerUser, 's3:GetObject', '"arn:aws:s3:::staging-config/ops/keys"'),
      status: 403,
    },
  );
  // Another account's bucket: the identity policy allows it, the bucket has no policy that does.
  expect(await errorOf(s3.send(new GetObjectCommand({ Bucket: 'prod-config', Key: 'app/env' })))).toEqual({
    name: 'AccessDenied',
    message: 'Access Denied',
    status: 403,
  });
  // DeleteObjects needs s3:DeleteObject on each key: a refused key is an error of the result.
  await s3.send(new PutObjectCommand({ Bucket: 'staging-config', Key: 'app/old', Body: 'x' }));
  const out = await s3.send(
    new DeleteObjectsCommand({
      Bucket: 'staging-config',
      Delete: { Objects: [{ Key: 'app/old' }, { Key: 'ops/keys' }] },
    }),
  );
  expect(out.Deleted).toEqual([{ Key: 'app/old' }]);
  expect(out.Errors).toEqual([{ Key: 'ops/keys', Code: 'AccessDenied', Message: 'Access Denied' }]);
});

// Service Authorization Reference, Systems Manager: GetParameter(s) on
// arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}.
test('SSM: parameters by their ARNs', async () => {
  const ssm = new SSMClient(config(sim, session));
  await expect(ssm.send(new GetParameterCommand({ Name: '/shop/staging/url' }))).resolves.toMatchObject({
    Parameter: { Value: 'https://staging' },
  });
  expect(await errorOf(ssm.send(new GetParameterCommand({ Name: '/shop/prod/url' })))).toEqual({
    name: 'AccessDeniedException',
    message: notAllowed(
      readerUser,
      'ssm:GetParameter',
      `arn:aws:ssm:${REGION}:${STAGING}:parameter/shop/prod/url`,
    ),
    status: 400,
  });
  expect(
    await errorOf(ssm.send(new GetParametersCommand({ Names: ['/shop/staging/url', '/shop/prod/url'] }))),
  ).toMatchObject({ name: 'AccessDeniedException' });
});

// Service Authorization Reference, Secrets Manager: every call on a secret is authorized on its ARN
// (arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}); a secret of another account also
// needs the secret's resource policy, which the simulator does not model.
test('Secrets Manager: secrets by their full ARNs; another account is refused for want of a resource policy', async () => {
  const sm = new SecretsManagerClient(config(sim, session));
  const own = await sm.send(new DescribeSecretCommand({ SecretId: 'shop/db' }));
  expect(own.ARN).toMatch(/:secret:shop\/db-\w{6}$/);
  expect(await errorOf(sm.send(new GetSecretValueCommand({ SecretId: 'shop/db' })))).toEqual({
    name: 'AccessDeniedException',
    message: notAllowed(readerUser, 'secretsmanager:GetSecretValue', own.ARN!),
    status: 400,
  });
  const prodArn = `arn:aws:secretsmanager:${REGION}:${PROD}:secret:shop/db`;
  const refused = await errorOf(sm.send(new DescribeSecretCommand({ SecretId: prodArn })));
  expect(refused).toMatchObject({ name: 'AccessDeniedException' });
  expect(refused.message).toMatch(
    /because no resource-based policy allows the secretsmanager:DescribeSecret action$/,
  );
});

// "is not authorized to perform: logs:… on resource: arn:aws:logs:…:log-group:NAME:log-stream:…": CloudWatch Logs
// authorizes stream calls on the stream's ARN.
test('CloudWatch Logs: streams by their ARNs', async () => {
  const logs = new CloudWatchLogsClient(config(sim, session));
  expect(
    await errorOf(
      logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/other', logStreamName: 'api/api/1' })),
    ),
  ).toEqual({
    name: 'AccessDeniedException',
    message: notAllowed(
      readerUser,
      'logs:GetLogEvents',
      `arn:aws:logs:${REGION}:${STAGING}:log-group:/ecs/other:log-stream:api/api/1`,
    ),
    status: 400,
  });
  // Allowed, so the call goes on to find there is no such stream.
  expect(
    await errorOf(
      logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/shop', logStreamName: 'api/api/1' })),
    ),
  ).toMatchObject({ name: 'ResourceNotFoundException' });
});

// Service Authorization Reference, CloudFormation: stack calls on
// arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}; awsQuery's AccessDenied (403).
test('CloudFormation: stacks by their ARNs', async () => {
  const cfn = new CloudFormationClient(config(sim, session));
  const template = JSON.stringify({ Resources: { Cluster: { Type: 'AWS::ECS::Cluster' } } });
  await expect(
    cfn.send(new CreateStackCommand({ StackName: 'shop-app', TemplateBody: template })),
  ).resolves.toBeDefined();
  await expect(cfn.send(new DescribeStacksCommand({ StackName: 'shop-app' }))).resolves.toBeDefined();
  expect(
    await errorOf(cfn.send(new CreateStackCommand({ StackName: 'ops', TemplateBody: template }))),
  ).toEqual({
    name: 'AccessDenied',
    message: notAllowed(
      readerUser,
      'cloudformation:CreateStack',
      `arn:aws:cloudformation:${REGION}:${STAGING}:stack/ops/*`,
    ),
    status: 403,
  });
  expect(await errorOf(cfn.send(new DescribeStacksCommand({})))).toMatchObject({ name: 'AccessDenied' });
});

// IAM user guide, "Cross-account policy evaluation logic": "the identity-based policy in the trusted account
// and the resource-based policy in the trusting account must both allow the request"; ECR user guide,
// "Private repository policy examples" (allow another account to pull).
test('ECR across accounts needs the repository policy too, and the registry API is authorized like the API', async () => {
  const ecr = new ECRClient(config(sim, session));
  const prodRepo = `arn:aws:ecr:${REGION}:${PROD}:repository/shop/api`;
  const pull = (): Promise<unknown> =>
    ecr.send(
      new BatchGetImageCommand({
        registryId: PROD,
        repositoryName: 'shop/api',
        imageIds: [{ imageTag: 'v1' }],
      }),
    );
  expect(await errorOf(pull())).toEqual({
    name: 'AccessDeniedException',
    message: `User: ${readerUser} is not authorized to perform: ecr:BatchGetImage on resource: ${prodRepo} because no resource-based policy allows the ecr:BatchGetImage action`,
    status: 400,
  });
  const prodAdmin = new ECRClient(config(sim, { accessKeyId: PROD, secretAccessKey: 'x' }));
  // ECR API reference: GetRepositoryPolicy of a repository without one is RepositoryPolicyNotFoundException; a
  // policy that is not one is InvalidParameterException.
  expect(
    await errorOf(prodAdmin.send(new GetRepositoryPolicyCommand({ repositoryName: 'shop/api' }))),
  ).toMatchObject({
    name: 'RepositoryPolicyNotFoundException',
    message: `Repository policy does not exist for the repository with name 'shop/api' in the registry with id '${PROD}'`,
  });
  expect(
    await errorOf(
      prodAdmin.send(
        new SetRepositoryPolicyCommand({ repositoryName: 'shop/api', policyText: '{"Statement":[{}]}' }),
      ),
    ),
  ).toMatchObject({ name: 'InvalidParameterException' });
  await prodAdmin.send(
    new SetRepositoryPolicyCommand({
      repositoryName: 'shop/api',
      policyText: JSON.stringify(
        policy({
          Sid: 'StagingPulls',
          Effect: 'Allow',
          Principal: { AWS: reader },
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        }),
      ),
    }),
  );
  await expect(pull()).resolves.toMatchObject({ images: [{ imageId: { imageTag: 'v1' } }] });
  const stored = await prodAdmin.send(new GetRepositoryPolicyCommand({ repositoryName: 'shop/api' }));
  expect(JSON.parse(stored.policyText!)).toMatchObject({ Statement: [{ Sid: 'StagingPulls' }] });
  // The repository policy does not grant DescribeImages.
  expect(
    await errorOf(ecr.send(new DescribeImagesCommand({ registryId: PROD, repositoryName: 'shop/api' }))),
  ).toMatchObject({
    message: expect.stringContaining(
      'because no resource-based policy allows the ecr:DescribeImages action',
    ) as unknown,
  });

  // `docker push` with the role's token is the role pushing: ecr:InitiateLayerUpload on the repository.
  const token = await ecr.send(new GetAuthorizationTokenCommand({ registryIds: [STAGING] }));
  const [, password] = Buffer.from(token.authorizationData![0]!.authorizationToken!, 'base64')
    .toString()
    .split(':');
  const push = pushImage({
    registryUrl: sim.url,
    repository: `${STAGING}/${REGION}/shop/api`,
    tags: ['v2'],
    auth: { username: 'AWS', password: password! },
  });
  await expect(push).rejects.toThrow(
    `"code":"DENIED","message":"${notAllowed(readerUser, 'ecr:InitiateLayerUpload', `arn:aws:ecr:${REGION}:${STAGING}:repository/shop/api`)}"`,
  );
});

// A role CloudFormation creates with inline policies is evaluated like a seeded one; one with an AWS managed
// policy, whose document the simulator does not hold, is not evaluated.
test('roles created by CloudFormation: inline policies are evaluated; AWS managed policies leave the role unevaluated', async () => {
  const cfn = new CloudFormationClient(config(sim, { accessKeyId: STAGING, secretAccessKey: 'x' }));
  const trust = policy({ Effect: 'Allow', Principal: { AWS: '000000000000' }, Action: 'sts:AssumeRole' });
  await cfn.send(
    new CreateStackCommand({
      StackName: 'roles',
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      TemplateBody: JSON.stringify({
        Resources: {
          Narrow: {
            Type: 'AWS::IAM::Role',
            Properties: {
              RoleName: 'narrow',
              AssumeRolePolicyDocument: trust,
              Policies: [
                {
                  PolicyName: 'ecr-login',
                  PolicyDocument: policy({
                    Effect: 'Allow',
                    Action: 'ecr:GetAuthorizationToken',
                    Resource: '*',
                  }),
                },
              ],
            },
          },
          Managed: {
            Type: 'AWS::IAM::Role',
            Properties: {
              RoleName: 'managed',
              AssumeRolePolicyDocument: trust,
              ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
              Policies: [
                {
                  PolicyName: 'ecr-login',
                  PolicyDocument: policy({
                    Effect: 'Allow',
                    Action: 'ecr:GetAuthorizationToken',
                    Resource: '*',
                  }),
                },
              ],
            },
          },
        },
      }),
    }),
  );
  // One second of simulator time per resource: jump ahead rather than wait.
  await fetch(`${sim.url}/_sim/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 10 }) });
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'roles' }));
  expect(Stacks![0]!.StackStatus).toBe('CREATE_COMPLETE');
  const narrow = await assume(sim, `arn:aws:iam::${STAGING}:role/narrow`);
  await expect(
    new ECRClient(config(sim, narrow)).send(new GetAuthorizationTokenCommand({})),
  ).resolves.toBeDefined();
  expect(await errorOf(new ECSClient(config(sim, narrow)).send(new ListClustersCommand({})))).toMatchObject({
    name: 'AccessDeniedException',
    message: notAllowed(`arn:aws:sts::${STAGING}:assumed-role/narrow/gha-run`, 'ecs:ListClusters', '*'),
  });
  const managed = await assume(sim, `arn:aws:iam::${STAGING}:role/managed`);
  await expect(new ECSClient(config(sim, managed)).send(new ListClustersCommand({}))).resolves.toBeDefined();
});
