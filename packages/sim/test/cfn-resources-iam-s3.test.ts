import {
  DeleteObjectCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { policyState } from '../src/cloudformation/resources';
import { startSimulator, type RunningSimulator } from '../src/index';
import { findBucket } from '../src/s3';
import { failureOf, handlerFailure, StackResource } from './cfn-resources-helpers';

let sim: RunningSimulator;
let sts: STSClient;
const testCreds = { accessKeyId: 'test', secretAccessKey: 'test' };

beforeAll(async () => {
  sim = await startSimulator();
  sts = new STSClient({ endpoint: sim.url, region: 'us-east-1', credentials: testCreds });
});
afterAll(async () => {
  sts.destroy();
  await sim.close();
});

/** The trust policy of the CDK bootstrap roles, as CloudFormation resolves it. */
const accountTrust = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::000000000000:root' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    },
  ],
};
const serviceTrust = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
};

async function assume(
  roleArn: string,
): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken: string }> {
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'cdk' }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

async function denied(roleArn: string): Promise<string> {
  try {
    await assume(roleArn);
  } catch (err) {
    return (err as Error).name;
  }
  return 'assumed';
}

test('a role made by CloudFormation is assumed by its trust policy; an update and a delete take effect', async () => {
  const role = new StackResource(sim.sim, 'AWS::IAM::Role', 'DeployRole', 'CDKToolkit');
  const made = role.create({
    RoleName: 'cdk-deploy-role',
    AssumeRolePolicyDocument: accountTrust,
    Policies: [
      {
        PolicyName: 'default',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      },
    ],
    ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  });
  expect(made.physicalId).toBe('cdk-deploy-role');
  expect(made.attributes['Arn']).toBe('arn:aws:iam::000000000000:role/cdk-deploy-role');
  expect(made.attributes['RoleId']).toMatch(/^AROA[A-Z2-7]{17}$/);
  const session = new STSClient({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: await assume(made.attributes['Arn'] as string),
  });
  expect((await session.send(new GetCallerIdentityCommand({}))).Arn).toBe(
    'arn:aws:sts::000000000000:assumed-role/cdk-deploy-role/cdk',
  );
  session.destroy();
  expect(policyState(sim.sim).roles.get(made.attributes['Arn'] as string)).toMatchObject({
    inline: { 'role:default': { Statement: [{ Effect: 'Allow' }] } },
    managed: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  });

  expect(role.update({ RoleName: 'cdk-deploy-role', AssumeRolePolicyDocument: serviceTrust }).replaced).toBe(
    false,
  );
  expect(await denied(made.attributes['Arn'] as string)).toBe('AccessDenied');
  role.delete();
  expect(await denied(made.attributes['Arn'] as string)).toBe('AccessDenied');
});

test('a role without a name gets a generated one; a Policy resource attaches its statements to the roles it names', () => {
  const role = new StackResource(
    sim.sim,
    'AWS::IAM::Role',
    'TaskRoleWithAVeryLongLogicalIdentifier12345678',
    'a-stack-with-a-long-name',
  );
  const made = role.create({ AssumeRolePolicyDocument: serviceTrust, Path: '/service/' });
  expect(made.physicalId.length).toBeLessThanOrEqual(64);
  expect(made.physicalId).toMatch(/^a-stack-with-a-long-name-TaskRole\w*-[A-Z0-9]{12}$/);
  expect(made.attributes['Arn']).toBe(`arn:aws:iam::000000000000:role/service/${made.physicalId}`);
  const policy = new StackResource(sim.sim, 'AWS::IAM::Policy', 'TaskRolePolicy');
  const doc = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
  expect(
    policy.create({ PolicyName: 'read', PolicyDocument: doc, Roles: [made.physicalId] }).physicalId,
  ).toBe('read');
  expect(policyState(sim.sim).roles.get(made.attributes['Arn'] as string)?.inline['policy:read']).toEqual(
    doc,
  );
  policy.delete();
  expect(
    policyState(sim.sim).roles.get(made.attributes['Arn'] as string)?.inline['policy:read'],
  ).toBeUndefined();
  expect(failureOf(() => policy.create({ PolicyName: 'x', PolicyDocument: doc, Roles: ['nobody'] }))).toMatch(
    handlerFailure('The role with name nobody cannot be found.', 'NotFound'),
  );
});

test('IAM refusals fail the role in CloudFormation words', () => {
  const role = new StackResource(sim.sim, 'AWS::IAM::Role', 'Bad');
  expect(
    failureOf(() => role.create({ AssumeRolePolicyDocument: accountTrust, MaxSessionDuration: 60 })),
  ).toMatch(
    handlerFailure(
      "1 validation error detected: Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    ),
  );
  expect(
    failureOf(() => role.create({ AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow' }] } })),
  ).toMatch(handlerFailure('Statement[0]: Action must be a string or a list of strings'));
  new StackResource(sim.sim, 'AWS::IAM::Role', 'One').create({
    RoleName: 'taken',
    AssumeRolePolicyDocument: accountTrust,
  });
  expect(
    failureOf(() =>
      new StackResource(sim.sim, 'AWS::IAM::Role', 'Two').create({
        RoleName: 'taken',
        AssumeRolePolicyDocument: accountTrust,
      }),
    ),
  ).toMatch(
    handlerFailure(
      "Resource of type 'AWS::IAM::Role' with identifier 'taken' already exists.",
      'AlreadyExists',
    ),
  );
});

test('a bucket made by CloudFormation takes uploads from the role it made; a non-empty bucket is not deleted', async () => {
  const bucket = new StackResource(sim.sim, 'AWS::S3::Bucket', 'StagingBucket', 'CDKToolkit');
  const made = bucket.create({
    BucketName: 'cdk-hnb659fds-assets-000000000000-us-east-1',
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/cdk' } },
      ],
    },
    VersioningConfiguration: { Status: 'Enabled' },
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
  });
  const name = made.physicalId;
  expect(made.attributes).toEqual({
    Arn: `arn:aws:s3:::${name}`,
    DomainName: `${name}.s3.amazonaws.com`,
    RegionalDomainName: `${name}.s3.us-east-1.amazonaws.com`,
    DualStackDomainName: `${name}.s3.dualstack.us-east-1.amazonaws.com`,
    WebsiteURL: `http://${name}.s3-website-us-east-1.amazonaws.com`,
  });
  const policy = {
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
  new StackResource(sim.sim, 'AWS::S3::BucketPolicy', 'StagingBucketPolicy', 'CDKToolkit').create({
    Bucket: name,
    PolicyDocument: policy,
  });
  const role = new StackResource(sim.sim, 'AWS::IAM::Role', 'FilePublishingRole', 'CDKToolkit').create({
    RoleName: 'cdk-hnb659fds-file-publishing-role-000000000000-us-east-1',
    AssumeRolePolicyDocument: accountTrust,
  });

  const s3 = new S3Client({
    endpoint: sim.url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: await assume(role.attributes['Arn'] as string),
  });
  const put = await s3.send(new PutObjectCommand({ Bucket: name, Key: 'abc.json', Body: '{}' }));
  expect(put.ServerSideEncryption).toBe('aws:kms');
  const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket: name }));
  expect(enc.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault).toEqual({
    SSEAlgorithm: 'aws:kms',
    KMSMasterKeyID: 'alias/cdk',
  });
  expect(JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy!)).toEqual(policy);

  expect(failureOf(() => bucket.delete())).toMatch(
    handlerFailure('The bucket you tried to delete is not empty', 'GeneralServiceException'),
  );
  await s3.send(new DeleteObjectCommand({ Bucket: name, Key: 'abc.json' }));
  bucket.delete();
  expect(findBucket(sim.sim, name)).toBeUndefined();
  s3.destroy();

  const unnamed = new StackResource(sim.sim, 'AWS::S3::Bucket', 'SiteBucket', 'MyStack').create({});
  expect(unnamed.physicalId).toMatch(/^mystack-sitebucket-[a-z0-9]{12}$/);
  expect(findBucket(sim.sim, unnamed.physicalId)?.encryption).toEqual({ algorithm: 'AES256' });
  expect(
    failureOf(() => new StackResource(sim.sim, 'AWS::S3::Bucket', 'Bad').create({ BucketName: 'Not_Valid' })),
  ).toMatch(handlerFailure('The specified bucket is not valid.'));
});
