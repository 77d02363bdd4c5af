import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACCOUNT,
  container,
  documentedPolicies,
  fillPolicy,
  markedJsonBlocks,
  readDocumentedPolicies,
  REGION,
  REPO_ROOT,
  runAction,
  seedImage,
  uriOf,
  useSim,
  type ActionRun,
  type IamPolicy,
  type PlaceholderValues,
  type SimHandle,
} from '@ecs-delivery/testkit';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';

/**
 * Who may deploy where: the roles of docs/iam.md (its trust and permission policies, placeholders filled in),
 * seeded into the simulator, which evaluates them as IAM does, and the built actions run as a workflow runs them.
 */

const sim = useSim();

const DOC = readFileSync(join(REPO_ROOT, 'docs', 'iam.md'), 'utf8');
const PROD_ACCOUNT = '222222222222';
const STAGING_ROLE = `arn:aws:iam::${ACCOUNT}:role/shop-deploy-staging`;
/** The claim of a job of the reusable deploy workflow, as a v1 release runs it. */
const DEPLOY_WORKFLOW = 'ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/tags/v1.4.2';
/** A GitHub Actions job of acme/shop's staging environment, run by the reusable deploy workflow. */
const STAGING_JOB = { repository: 'acme/shop', environment: 'staging', job_workflow_ref: DEPLOY_WORKFLOW };
/**
 * The staging deploy role's values: its environment, its cluster and its task roles. `APP` is left any (`*`): the
 * simulator's repository URIs (`host/ACCOUNT/REGION/NAME`) make the actions try the longer names first, which a
 * narrowed `repository/APP/*` refuses.
 */
const STAGING: PlaceholderValues = {
  ACCOUNT,
  SOURCE_ACCOUNT: ACCOUNT,
  REGION,
  ORG: 'acme',
  REPO: 'shop',
  ENV: 'staging',
  CLUSTER: 'staging',
  TASK_ROLE: 'shop-web-task',
  EXECUTION_ROLE: 'ecsTaskExecutionRole',
};

function trustPolicy(name: string, values: PlaceholderValues): IamPolicy {
  const block = markedJsonBlocks(DOC).find((b) => b.kind === 'trust-policy' && b.name === name);
  if (block === undefined) throw new Error(`docs/iam.md has no trust policy "${name}"`);
  return fillPolicy(block.value as IamPolicy, values);
}

/** The staging deploy role as docs/iam.md makes it: the `deploy` trust policy and the given permission policies. */
async function seedStagingRole(policies: string[], values: PlaceholderValues = STAGING): Promise<void> {
  await sim().seed({
    roles: [
      {
        arn: STAGING_ROLE,
        trustPolicy: trustPolicy('deploy', values),
        policies: documentedPolicies(readDocumentedPolicies(REPO_ROOT), policies, values),
      },
    ],
  });
}

const ecsClient = (s: SimHandle): ECSClient =>
  new ECSClient({
    endpoint: s.url,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

/** One account, two clusters: `staging` and `prod` each run the service `web` on `shop-web:1`. */
async function seedTwoClusters(): Promise<void> {
  await sim().seed({
    clusters: ['staging', 'prod'],
    repositories: [{ name: 'shop/web', imageTagMutability: 'IMMUTABLE' }],
    logGroups: ['/ecs/web'],
  });
  await seedImage(sim(), 'shop/web', ['v1', 'v2']);
  await sim().seed({
    taskDefinitions: [
      {
        family: 'shop-web',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
        containerDefinitions: [container('web', `${uriOf(sim(), 'shop/web')}:v1`)],
      },
    ],
    services: ['staging', 'prod'].map((cluster) => ({
      cluster,
      serviceName: 'web',
      taskDefinition: 'shop-web',
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] },
      },
    })),
  });
}

async function serviceTaskDefinition(cluster: string): Promise<string | undefined> {
  const ecs = ecsClient(sim());
  try {
    const out = await ecs.send(new DescribeServicesCommand({ cluster, services: ['web'] }));
    return out.services?.[0]?.taskDefinition;
  } finally {
    ecs.destroy();
  }
}

/** The calls of the run, `service:Action status`, in order (GitHub's REST calls left out). */
async function callsSince(since: number): Promise<string[]> {
  return (await sim().calls({ since }))
    .filter((c) => c.service !== 'github')
    .map((c) => `${c.service}:${c.action} ${c.errorCode ?? c.status}`);
}

function errorOf(run: ActionRun): string {
  const errors = run.annotations.filter((a) => a.level === 'error');
  expect(errors).toHaveLength(1);
  return errors[0]!.message;
}

describe('a staging role cannot change prod', () => {
  it('deploy-ecs with the staging deploy role against cluster prod fails at its first read of prod, naming the permission and the resource, and changes nothing', async () => {
    await seedTwoClusters();
    await seedStagingRole(['deploy-ecs']);
    const before = await serviceTaskDefinition('prod');
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      oidc: STAGING_JOB,
      inputs: {
        cluster: 'prod',
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:v2`,
        'role-to-assume': STAGING_ROLE,
      },
      expectAccessDenied: true,
    });
    expect(run.exitCode).toBe(1);
    const message = errorOf(run);
    expect(message).toContain(
      `Access denied: ${STAGING_ROLE} may not ecs:DescribeClusters on arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/prod`,
    );
    expect(message).toContain("grant ecs:DescribeClusters on it in the role's permission policy");
    expect(message).toContain('docs/iam.md');
    const calls = await callsSince(since);
    expect(calls).toEqual([
      'sts:AssumeRoleWithWebIdentity 200',
      'sts:GetCallerIdentity 200',
      'ecs:DescribeClusters AccessDeniedException',
    ]);
    expect(await serviceTaskDefinition('prod')).toBe(before);
  });

  it('the same role deploys to staging, so the refusal is the cluster, not the role', async () => {
    await seedTwoClusters();
    await seedStagingRole(['deploy-ecs']);
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      oidc: STAGING_JOB,
      inputs: {
        cluster: 'staging',
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:v2`,
        'role-to-assume': STAGING_ROLE,
      },
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.outputs.outcome).toBe('succeeded');
    expect(await serviceTaskDefinition('staging')).toBe(run.outputs['task-definition-arn']);
    expect(await serviceTaskDefinition('prod')).toMatch(/shop-web:1$/);
  });

  it("build-push with the staging deploy role promoting into prod's repository fails naming the permission and the repository, and writes no image", async () => {
    // One account: staging's repositories are shop-staging/*, prod's shop-prod/*; the role is staging's (APP).
    await sim().seed({ repositories: [{ name: 'shop-staging/web' }, { name: 'shop-prod/web' }] });
    const digest = await seedImage(sim(), 'shop-staging/web', ['v1']);
    await seedStagingRole(['build-push-promote'], { ...STAGING, APP: 'shop-staging' });
    const since = Date.now() + 1;
    const run = await runAction('build-push', {
      sim: sim(),
      oidc: STAGING_JOB,
      inputs: {
        repository: 'shop-prod/web',
        'source-image': `shop-staging/web@${digest}`,
        tags: 'v1',
        'role-to-assume': STAGING_ROLE,
      },
      expectAccessDenied: true,
    });
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toContain(
      `Access denied: ${STAGING_ROLE} may not ecr:DescribeRepositories on arn:aws:ecr:${REGION}:${ACCOUNT}:repository/shop-prod/web`,
    );
    // The source is read (staging's own repository); prod's is refused at its first read, before any write.
    expect((await callsSince(since)).filter((c) => !c.startsWith('sts:'))).toEqual([
      'ecr:DescribeRepositories 200',
      'ecr:BatchGetImage 200',
      'ecr:DescribeRepositories AccessDeniedException',
    ]);
    const ecr = new ECRClient({
      endpoint: sim().url,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    try {
      const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'shop-prod/web' }));
      expect(images.imageDetails ?? []).toEqual([]);
    } finally {
      ecr.destroy();
    }
  });
});

describe("the deploy role's trust policy", () => {
  it('refuses a pull request token at authentication, naming the role and the token, and nothing is called after', async () => {
    await seedTwoClusters();
    await seedStagingRole(['deploy-ecs']);
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      oidc: {
        repository: 'acme/shop',
        event_name: 'pull_request',
        ref: 'refs/pull/7/merge',
        job_workflow_ref: DEPLOY_WORKFLOW,
      },
      inputs: {
        cluster: 'staging',
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:v2`,
        'role-to-assume': STAGING_ROLE,
      },
      expectAccessDenied: true,
    });
    expect(run.exitCode).toBe(1);
    const message = errorOf(run);
    expect(message).toContain(`Not authorized to assume role ${STAGING_ROLE}`);
    expect(message).toContain('sub "repo:acme/shop:pull_request"');
    expect(message).toContain("the role's trust policy did not match this token");
    expect(await callsSince(since)).toEqual(['sts:AssumeRoleWithWebIdentity AccessDenied']);
  });

  it.each([
    [DEPLOY_WORKFLOW, true],
    ['ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/tags/v1.0.0', true],
    // A caller that names deploy.yml@v1 itself: the major tag.
    ['ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/tags/v1', true],
    ['ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/tags/v10.0.0', false],
    // Another workflow of the calling repository, for the same environment.
    ['acme/shop/.github/workflows/deploy.yml@refs/heads/main', false],
    // Our own workflows, but not the released deploy workflow of v1.
    ['ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/heads/main', false],
    ['ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/tags/v2.0.0', false],
    ['ecs-delivery/ecs-delivery/.github/workflows/build.yml@refs/tags/v1.4.2', false],
  ])('job_workflow_ref %s: assumed %s', async (workflowRef, accepted) => {
    await seedTwoClusters();
    await seedStagingRole(['deploy-ecs']);
    const since = Date.now() + 1;
    const run = await runAction('deploy-ecs', {
      sim: sim(),
      oidc: { ...STAGING_JOB, job_workflow_ref: workflowRef },
      inputs: {
        cluster: 'staging',
        service: 'web',
        images: `web=${uriOf(sim(), 'shop/web')}:v2`,
        'role-to-assume': STAGING_ROLE,
        'dry-run': true,
      },
      expectAccessDenied: !accepted,
    });
    const calls = await callsSince(since);
    if (accepted) {
      expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(calls[0]).toBe('sts:AssumeRoleWithWebIdentity 200');
    } else {
      expect(run.exitCode).toBe(1);
      const message = errorOf(run);
      expect(message).toContain(`Not authorized to assume role ${STAGING_ROLE}`);
      expect(message).toContain(`job_workflow_ref "${workflowRef}"`);
      expect(calls).toEqual(['sts:AssumeRoleWithWebIdentity AccessDenied']);
    }
  });
});

describe("a manifest environment's account-id", () => {
  const WORKSPACE = join(__dirname, 'fixtures', 'iam-boundaries');

  it.each([
    ['deploy-ecs', { services: 'web', 'image-tag': 'v2' }],
    ['rollback', { services: 'web' }],
    ['build-push', { release: JSON.stringify({ web: 'IMAGE' }) }],
  ])(
    "%s refuses the staging role's session for prod (another account) before any call but authentication's",
    async (action, extra) => {
      await seedTwoClusters();
      await seedStagingRole(['deploy-ecs', 'rollback', 'build-push-promote']);
      const digest = await seedImage(sim(), 'shop/web', ['v3']);
      const inputs: Record<string, string> = Object.fromEntries(
        Object.entries(extra).map(([k, v]) => [
          k,
          v.replace('IMAGE', `${uriOf(sim(), 'shop/web')}@${digest}`),
        ]),
      );
      const since = Date.now() + 1;
      const run = await runAction(action, {
        sim: sim(),
        cwd: WORKSPACE,
        oidc: STAGING_JOB,
        inputs: {
          manifest: 'ecs.yml',
          environment: 'prod',
          ...inputs,
          'role-to-assume': STAGING_ROLE,
        },
      });
      expect(run.exitCode).toBe(1);
      expect(errorOf(run)).toContain(
        `The AWS credentials belong to account ${ACCOUNT}, but environment "prod" of the manifest is account ${PROD_ACCOUNT}: check role-to-assume.`,
      );
      expect(await callsSince(since)).toEqual([
        'sts:AssumeRoleWithWebIdentity 200',
        'sts:GetCallerIdentity 200',
      ]);
    },
  );
});
