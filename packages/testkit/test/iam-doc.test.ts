import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { REPO_ROOT, startSim, type SimHandle } from '../src';
import { policyNamesFor } from '../src/iam-check';
import { grants, IAM_DOC, markedJsonBlocks, parsePolicies, type MarkedJson } from '../src/iam-policy';

/** docs/iam.md, whose policies every end-to-end run is checked against. */
const DOC = readFileSync(join(REPO_ROOT, IAM_DOC), 'utf8');
const blocks = markedJsonBlocks(DOC);
const policies = parsePolicies(DOC);

const ACTIONS = readdirSync(join(REPO_ROOT, 'actions')).filter((name) =>
  existsSync(join(REPO_ROOT, 'actions', name, 'action.yml')),
);

function block(kind: MarkedJson['kind'], name: string): unknown {
  const found = blocks.find((b) => b.kind === kind && b.name === name);
  if (found === undefined) throw new Error(`${IAM_DOC} has no ${kind} "${name}"`);
  return found.value;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

describe(`the permission policies of ${IAM_DOC}`, () => {
  it('are valid IAM policies, one (or one per mode) for every action, and none for nothing', () => {
    for (const p of policies) {
      expect(p.policy.Version).toBe('2012-10-17');
      expect(p.policy.Statement.length).toBeGreaterThan(0);
    }
    const needed = new Set(
      ACTIONS.flatMap((a) => [
        ...policyNamesFor(a, {}),
        ...policyNamesFor(a, { 'source-image': 'x@sha256:0' }),
      ]),
    );
    expect(ACTIONS).toEqual(expect.arrayContaining(['build-push', 'deploy-ecs', 'rollback', 'smoke-test']));
    expect(policies.map((p) => p.name).sort()).toEqual([...needed].sort());
  });

  it('give smoke-test no AWS access at all', () => {
    const smoke = policies.find((p) => p.name === 'smoke-test')!.policy;
    for (const action of ['ecs:DescribeServices', 'sts:GetCallerIdentity', 'ssm:GetParameter'])
      expect(grants([smoke], action)).toBe(false);
  });

  it('never let an action read a secret value or delete anything', () => {
    for (const p of policies) {
      for (const action of [
        'ssm:GetParameter',
        'ssm:GetParameters',
        'secretsmanager:GetSecretValue',
        'ecs:DeregisterTaskDefinition',
        'ecs:DeleteService',
        'ecr:BatchDeleteImage',
        'ecr:DeleteRepository',
        'iam:CreateRole',
      ]) {
        expect([p.name, action, grants([p.policy], action)]).toEqual([p.name, action, false]);
      }
    }
  });

  it("match the source account's repository policy to what promotion reads there", () => {
    const promote = policies.find((p) => p.name === 'build-push-promote')!.policy;
    const source = promote.Statement.find((s) => s.Sid === 'ReadSourceRepositories')!;
    expect(list(source.Resource)).toEqual(['arn:aws:ecr:REGION:SOURCE_ACCOUNT:repository/APP/*']);
    const repositoryPolicy = block('repository-policy', 'promotion-source') as {
      Statement: { Effect: string; Action: string[]; Principal: { AWS: string[] } }[];
    };
    const statement = repositoryPolicy.Statement[0]!;
    expect(statement.Effect).toBe('Allow');
    expect([...statement.Action].sort()).toEqual([...list(source.Action)].sort());
    expect(statement.Principal.AWS).toEqual([
      'arn:aws:iam::STAGING_ACCOUNT:role/APP-deploy-staging',
      'arn:aws:iam::PROD_ACCOUNT:role/APP-deploy-prod',
    ]);
  });
});

const ACCOUNT = '111111111111';
const OWNER_ID = '4242';
const REPO_ID = '987654321';
const DEPLOY_WORKFLOW = 'ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/tags/v1.0.0';
const BUILD_WORKFLOW = 'ecs-delivery/ecs-delivery/.github/workflows/build.yml@refs/tags/v1.0.0';

/** A documented trust policy with its placeholders filled in: acme/shop, environment prod, account 1111…. */
function filled(name: string): unknown {
  const text = JSON.stringify(block('trust-policy', name))
    .replace(/\bOWNER_ID\b/g, OWNER_ID)
    .replace(/\bREPO_ID\b/g, REPO_ID)
    .replace(/\bORG\b/g, 'acme')
    .replace(/\bREPO\b/g, 'shop')
    .replace(/\bENV\b/g, 'prod')
    .replace(/\bACCOUNT\b/g, ACCOUNT);
  expect(text).not.toMatch(/\b[A-Z][A-Z_]{2,}\b/);
  return JSON.parse(text);
}

const roleArn = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

describe(`the trust policies of ${IAM_DOC}, on the simulator's STS`, () => {
  let sim: SimHandle;
  let sts: STSClient;

  beforeAll(async () => {
    sim = await startSim({
      seed: {
        oidcProviders: [{ account: ACCOUNT, clientIdList: ['sts.amazonaws.com'] }],
        roles: ['deploy', 'deploy-immutable', 'build'].map((name) => ({
          name,
          account: ACCOUNT,
          trustPolicy: filled(name),
        })),
      },
    });
    sts = new STSClient({ endpoint: sim.url, region: 'us-east-1', maxAttempts: 1 });
  });

  afterAll(async () => {
    sts.destroy();
    await sim.stop();
  });

  /** Whether a job with this OIDC context may assume the role ('ok'), else the STS error code. */
  async function assume(role: string, context: Record<string, unknown>): Promise<string> {
    const { requestToken, requestUrl } = await sim.oidcContext({ repository: 'acme/shop', ...context });
    const res = await fetch(`${requestUrl}&audience=sts.amazonaws.com`, {
      headers: { Authorization: `Bearer ${requestToken}` },
    });
    const token = ((await res.json()) as { value: string }).value;
    try {
      await sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn(role),
          RoleSessionName: 'iam-doc',
          WebIdentityToken: token,
        }),
      );
      return 'ok';
    } catch (err) {
      return (err as Error).name;
    }
  }

  const deployJob = { environment: 'prod', job_workflow_ref: DEPLOY_WORKFLOW };
  const immutable = { immutable_subject: true, repository_owner_id: OWNER_ID, repository_id: REPO_ID };

  it.each([
    ['the deploy workflow at v1 for prod', 'deploy', deployJob, 'ok'],
    ['the same job for staging', 'deploy', { ...deployJob, environment: 'staging' }, 'AccessDenied'],
    ['a job without an environment', 'deploy', { job_workflow_ref: DEPLOY_WORKFLOW }, 'AccessDenied'],
    [
      "a workflow of the caller's own, for prod",
      'deploy',
      { environment: 'prod', job_workflow_ref: 'acme/shop/.github/workflows/deploy.yml@refs/heads/main' },
      'AccessDenied',
    ],
    [
      'the deploy workflow from a branch, not the tag',
      'deploy',
      {
        ...deployJob,
        job_workflow_ref: 'ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/heads/main',
      },
      'AccessDenied',
    ],
    ['another repository', 'deploy', { ...deployJob, repository: 'acme/web' }, 'AccessDenied'],
    ['an immutable subject, for prod', 'deploy-immutable', { ...deployJob, ...immutable }, 'ok'],
    ['a name-only subject', 'deploy-immutable', deployJob, 'AccessDenied'],
    [
      'an immutable subject of another repository id',
      'deploy-immutable',
      { ...deployJob, ...immutable, repository_id: '1' },
      'AccessDenied',
    ],
    [
      'the build workflow on main',
      'build',
      { ref: 'refs/heads/main', job_workflow_ref: BUILD_WORKFLOW },
      'ok',
    ],
    [
      'the build workflow on another branch',
      'build',
      { ref: 'refs/heads/feature', job_workflow_ref: BUILD_WORKFLOW },
      'AccessDenied',
    ],
    [
      'the build workflow for a pull request',
      'build',
      { event_name: 'pull_request', job_workflow_ref: BUILD_WORKFLOW },
      'AccessDenied',
    ],
    [
      'the deploy workflow on main',
      'build',
      { ref: 'refs/heads/main', job_workflow_ref: DEPLOY_WORKFLOW },
      'AccessDenied',
    ],
  ])('%s: role %s → %s', async (_what, role, context, expected) => {
    expect(await assume(role, context)).toBe(expected);
  });
});
