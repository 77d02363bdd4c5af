import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  describeWithTools,
  REPO_ROOT,
  startSim,
  type SimHandle,
  githubOidcTrust,
} from '@ecs-delivery/testkit';
import { actTail, releaseCopy, runAct, type ActRun } from './act-helpers';

const run = promisify(execFile);
const REPOSITORY = 'acme/shop-infra';
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ShopInfraRole`;
const TOKEN = 'ghs_actInfraToken00000000000000000000';
const PR = 12;
const STACK = 'ShopInfra';

/**
 * The caller examples/caller commits for its CDK app, with what this machine needs: an install that links
 * this repository's node_modules, the role and region of the simulator, bootstrap on the first deploy, and a
 * job after it that reads the stacks' outputs, as a deploy job would.
 */
function callerWorkflow(): string {
  const text = readFileSync(
    join(REPO_ROOT, 'examples', 'caller', '.github', 'workflows', 'infra.yml'),
    'utf8',
  );
  expect(text).toContain('uses: ecs-delivery/ecs-delivery/.github/workflows/infra.yml@v1\n');
  return (
    text
      .replace('role-to-assume: ${{ vars.DEV_INFRA_ROLE }}', `role-to-assume: ${ROLE}`)
      .replace('aws-region: eu-west-1', `aws-region: ${REGION}`) +
    // The first deploy creates roles, which broadens: approved here, as a team would for its first run. What
    // `npm ci` would install is this repository's aws-cdk-lib.
    `      install: ln -s ${join(REPO_ROOT, 'node_modules')} node_modules\n` +
    '      bootstrap: true\n      approve-broadening: true\n' +
    '  after:\n' +
    '    needs: infra\n' +
    "    if: ${{ github.event_name == 'push' }}\n" +
    '    runs-on: ubuntu-latest\n' +
    '    steps:\n' +
    '      - env:\n' +
    '          CLUSTER: ${{ fromJSON(needs.infra.outputs.stack-outputs).ShopInfra.ClusterName }}\n' +
    '        run: echo "the deploy job gets cluster $CLUSTER"\n'
  );
}

/** How the GitHub OIDC provider of the simulator is trusted: any job of the caller repository. */
function trustPolicy(): unknown {
  return githubOidcTrust(ACCOUNT, `repo:${REPOSITORY}:*`);
}

/**
 * infra.yml under act, from a caller repository with a CDK app (the cdk-deploy test app: a repository, a
 * cluster, a Fargate service with the circuit breaker, a log group, a role), against the simulator: on a pull
 * request the diff lands in one PR comment and nothing is applied; on main the deploy creates the stack and the
 * next job reads its outputs.
 */
describeWithTools('infra.yml under act', ['act', 'git'], (tools) => {
  let root: string;
  let lib: string;
  let caller: string;
  let sim: SimHandle;

  const git = async (...args: string[]): Promise<string> =>
    String(
      (
        (await run(tools['git']!, ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], {
          cwd: caller,
        })) as { stdout: string }
      ).stdout,
    ).trim();

  async function act(event: string, payload: unknown, claims: Record<string, unknown>): Promise<ActRun> {
    const sha = await git('rev-parse', 'HEAD');
    const oidc = await sim.oidcContext({
      repository: REPOSITORY,
      sha,
      job_workflow_ref: `ecs-delivery/ecs-delivery/.github/workflows/infra.yml@refs/tags/v1.0.0`,
      ...claims,
    });
    const eventFile = join(root, `${event}.json`);
    writeFileSync(eventFile, JSON.stringify(payload));
    const args = [
      event,
      '-e',
      eventFile,
      '-W',
      '.github/workflows/infra.yml',
      '-P',
      'ubuntu-latest=-self-hosted',
      '--local-repository',
      `ecs-delivery/ecs-delivery@v1=${lib}`,
      '--local-repository',
      `ecs-delivery/ecs-delivery@v1.0.0=${lib}`,
      '--env',
      `ACTIONS_ID_TOKEN_REQUEST_URL=${oidc.requestUrl}`,
      '--env',
      `ACTIONS_ID_TOKEN_REQUEST_TOKEN=${oidc.requestToken}`,
      '--env',
      `GITHUB_API_URL=${sim.url}/_github/api`,
      '--env',
      `AWS_ENDPOINT_URL=${sim.url}`,
      '--env',
      `CDK_HOME=${join(root, 'cdk-home')}`,
      '-s',
      `GITHUB_TOKEN=${TOKEN}`,
    ];
    return runAct(tools['act']!, args, caller);
  }

  async function comments(): Promise<{ body: string }[]> {
    const res = await fetch(`${sim.url}/_github/api/repos/${REPOSITORY}/issues/${PR}/comments`, {
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.github+json' },
    });
    return (await res.json()) as { body: string }[];
  }

  async function stack(): Promise<{ status?: string; outputs: Record<string, string> } | undefined> {
    const cfn = new CloudFormationClient({
      endpoint: sim.url,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const found = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0];
      return {
        ...(found?.StackStatus !== undefined ? { status: found.StackStatus } : {}),
        outputs: Object.fromEntries((found?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!])),
      };
    } catch {
      return undefined;
    } finally {
      cfn.destroy();
    }
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ecs-delivery-act-infra-'));
    lib = releaseCopy(root);
    await run('node', [join(REPO_ROOT, 'scripts', 'release.mjs'), '--pin', 'v1.0.0', '--dir', lib]);
    caller = join(root, 'caller');
    const app = join(REPO_ROOT, 'actions', 'cdk-deploy', 'test', 'fixtures', 'app');
    mkdirSync(join(caller, 'infra', 'bin'), { recursive: true });
    cpSync(join(app, 'app.js'), join(caller, 'infra', 'bin', 'app.js'));
    cpSync(join(app, 'cdk.json'), join(caller, 'infra', 'cdk.json'));
    writeFileSync(join(caller, '.gitignore'), 'node_modules\ncdk.out\n');
    mkdirSync(join(caller, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(caller, '.github', 'workflows', 'infra.yml'), callerWorkflow());
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-qm', 'infrastructure');
    await git('remote', 'add', 'origin', `https://github.com/${REPOSITORY}`);
    sim = await startSim({ timeScale: 60 });
    await sim.seed({ roles: [{ name: 'ShopInfraRole', account: ACCOUNT, trustPolicy: trustPolicy() }] });
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it('diffs a pull request into one comment and applies nothing', async () => {
    const since = Date.now();
    const result = await act(
      'pull_request',
      {
        number: PR,
        pull_request: { number: PR, head: { ref: 'infra' }, base: { ref: 'main' } },
        repository: { default_branch: 'main', full_name: REPOSITORY },
      },
      { ref: `refs/pull/${PR}/merge`, event_name: 'pull_request' },
    );
    if (!result.ok) throw new Error(`act failed:\n${actTail(result)}`);
    expect(result.log).toMatch(/Job succeeded/);
    expect(result.log).not.toMatch(/deploy dev/);
    const posted = await comments();
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toContain(STACK);
    const calls = await sim.calls({ since });
    expect(calls.map((c) => `${c.service}:${c.action}`)).not.toContain('cloudformation:ExecuteChangeSet');
  }, 900_000);

  it('deploys on main under the environment and hands the outputs to the next job', async () => {
    const result = await act(
      'push',
      { ref: 'refs/heads/main', repository: { default_branch: 'main', full_name: REPOSITORY } },
      { ref: 'refs/heads/main', event_name: 'push', environment: 'dev' },
    );
    if (!result.ok) throw new Error(`act failed:\n${actTail(result)}`);
    const deployed = await stack();
    expect(deployed?.status).toBe('CREATE_COMPLETE');
    expect(deployed?.outputs['ClusterName']).toBe('shop');
    expect(result.log).toContain('the deploy job gets cluster shop');
    // The pull request's comment was not touched by a push.
    expect(await comments()).toHaveLength(1);
  }, 900_000);
});
