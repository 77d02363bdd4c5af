import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { describeWithTools, ecsOf, REPO_ROOT, startSim, type SimHandle } from '@ecs-delivery/testkit';
import {
  actTail,
  callerActArgs,
  commitCaller,
  gitIn,
  pinnedRelease,
  runAct,
  uploadStandIn,
  type ActRun,
} from '../act-helpers';
import {
  ACCOUNT,
  bootstrapAsAdministrator,
  clusterOf,
  ENVIRONMENTS,
  EXAMPLE,
  IMAGE_REPOSITORY,
  pushRelease,
  REPOSITORY,
  SERVICE,
  seedAccount,
  seedFronts,
} from './cdk-backend.system';

const TOKEN = 'ghs_actCdkBackendToken0000000000000000';
/**
 * examples/cdk-backend's caller workflows under act, against the simulator: infra.yml dispatched with
 * approve-broadening applies the CDK app; delivery.yml then takes a release through staging to prod, and rolls
 * back one whose tasks crash in staging while prod stays on the first.
 *
 * What this machine changes, and why: act gives every job of a run the one OIDC token it is handed, so the roles
 * trust any job of the repository (their permission policies are iam/'s); `npm install` in infra/ is a link to
 * this repository's node_modules; the smoke checks reach the simulator's load balancer through
 * `vars: ${{ vars.SMOKE_VARS }}`; images are pushed by the test under the commit's short SHA, so the build finds
 * them and builds nothing.
 */
describeWithTools('examples/cdk-backend under act', ['act', 'git'], (tools) => {
  let root: string;
  let lib: string;
  let upload: string;
  let caller: string;
  let sim: SimHandle;
  let first: Record<string, string>;

  const git = gitIn(tools['git']!, () => caller);

  async function act(event: string, workflow: string, payload: unknown, reusable: string): Promise<ActRun> {
    const sha = await git('rev-parse', 'HEAD');
    const oidc = await sim.oidcContext({
      repository: REPOSITORY,
      ref: 'refs/heads/main',
      sha,
      event_name: event,
      job_workflow_ref: `ecs-delivery/ecs-delivery/.github/workflows/${reusable}@refs/tags/v1.0.0`,
    });
    const eventFile = join(root, `${event}.json`);
    writeFileSync(eventFile, JSON.stringify(payload));
    return runAct(
      tools['act']!,
      callerActArgs({
        event: [event, '-e', eventFile],
        workflow,
        lib,
        upload,
        simUrl: sim.url,
        oidc,
        artifactDir: join(root, 'artifacts'),
        vars: { SMOKE_VARS: `api_origin=${sim.url}` },
        extra: ['--env', `CDK_HOME=${join(root, 'cdk-home')}`],
        token: TOKEN,
      }),
      caller,
    );
  }

  const repository = { default_branch: 'main', full_name: REPOSITORY };

  /** A push to main: the release's image pushed under the commit's short SHA, then delivery.yml. */
  async function deliver(version: string, crash?: string[]): Promise<ActRun> {
    writeFileSync(join(caller, 'release.txt'), `dougust-backend ${version}\n`);
    await git('commit', '--allow-empty', '-qam', `release ${version}`);
    const sha = await git('rev-parse', 'HEAD');
    const digest = await pushRelease(sim, sha.slice(0, 12), `dougust-backend ${version}\n`);
    if (crash !== undefined) {
      await sim.scenario([
        { image: `*/${IMAGE_REPOSITORY}@${digest}`, task: { exitCode: 1, afterSeconds: 6, logs: crash } },
      ]);
    }
    return act(
      'push',
      '.github/workflows/delivery.yml',
      { ref: 'refs/heads/main', repository },
      'deploy.yml',
    );
  }

  /** The task definition each environment's service runs. */
  async function running(): Promise<Record<string, string>> {
    const ecs = ecsOf(sim, ACCOUNT);
    try {
      const out: Record<string, string> = {};
      for (const env of ENVIRONMENTS) {
        const found = await ecs.send(
          new DescribeServicesCommand({ cluster: clusterOf(env), services: [SERVICE] }),
        );
        out[env.name] = found.services![0]!.taskDefinition!;
      }
      return out;
    } finally {
      ecs.destroy();
    }
  }

  async function imageOf(taskDefinition: string): Promise<string> {
    const ecs = ecsOf(sim, ACCOUNT);
    try {
      const td = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
      return td.taskDefinition!.containerDefinitions![0]!.image!;
    } finally {
      ecs.destroy();
    }
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ecs-delivery-act-cdk-backend-'));
    lib = await pinnedRelease(root);
    upload = uploadStandIn(root);
    caller = join(root, 'caller');
    cpSync(EXAMPLE, caller, { recursive: true });
    const workflows = join(caller, '.github', 'workflows');
    const infra = readFileSync(join(workflows, 'infra.yml'), 'utf8');
    const install = '      install: npm install --no-audit --no-fund\n';
    expect(infra).toContain(install);
    writeFileSync(
      join(workflows, 'infra.yml'),
      infra.replace(
        install,
        `      install: test -e node_modules || ln -s ${join(REPO_ROOT, 'node_modules')} node_modules\n`,
      ),
    );
    const delivery = readFileSync(join(workflows, 'delivery.yml'), 'utf8');
    const release = /^( +)release: \$\{\{ needs\.\w+\.outputs\.release \}\}$/gm;
    expect(delivery.match(release)).toHaveLength(2);
    writeFileSync(
      join(workflows, 'delivery.yml'),
      delivery.replace(release, '$&\n$1vars: ${{ vars.SMOKE_VARS }}'),
    );
    writeFileSync(join(caller, '.gitignore'), 'node_modules\ncdk.out\n');
    await commitCaller(git, REPOSITORY, 'infrastructure and delivery');
    sim = await startSim({ timeScale: 100 });
    await seedAccount(sim, 'repository');
    await bootstrapAsAdministrator(sim);
  }, 180_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it('infra.yml, dispatched with approve-broadening, applies the CDK app', async () => {
    const result = await act(
      'workflow_dispatch',
      '.github/workflows/infra.yml',
      { inputs: { 'approve-broadening': 'true' }, ref: 'refs/heads/main', repository },
      'infra.yml',
    );
    if (!result.ok) throw new Error(`act failed:\n${actTail(result)}`);
    expect(result.log).toMatch(/DougustBackend-staging/);
    await seedFronts(sim);
    expect(await running()).toEqual({
      staging: expect.stringContaining(':task-definition/dougust-staging-backend:1'),
      prod: expect.stringContaining(':task-definition/dougust-prod-backend:1'),
    });
  }, 900_000);

  it('delivery.yml takes a release through staging to prod, the same digest in both', async () => {
    const result = await deliver('1.0.0');
    if (!result.ok) throw new Error(`act failed:\n${actTail(result)}`);
    first = await running();
    const images = await Promise.all(Object.values(first).map(imageOf));
    expect(images[0]).toMatch(new RegExp(`/${IMAGE_REPOSITORY}@sha256:[0-9a-f]{64}$`));
    expect(images[1]).toBe(images[0]);
  }, 900_000);

  it('a release that crashes in staging is rolled back there and never reaches prod', async () => {
    const result = await deliver('1.1.0', [
      '[Nest] 1  - ERROR [ExceptionHandler] Config validation error: "DATABASE_URL" must be a valid uri',
    ]);
    expect(result.ok).toBe(false);
    expect(result.log).toMatch(/Config validation error/);
    expect(result.log).toMatch(/Rolled back to dougust-staging-backend:2/);
    expect(await running()).toEqual(first);
  }, 900_000);

  it('rollback.yml, dispatched from the Actions tab, puts prod back on the release before', async () => {
    const result = await deliver('1.2.0');
    if (!result.ok) throw new Error(`act failed:\n${actTail(result)}`);
    const second = await running();
    expect(second['prod']).not.toBe(first['prod']);
    const reason = 'login latency after 1.2.0';
    const rollback = await act(
      'workflow_dispatch',
      '.github/workflows/rollback.yml',
      { inputs: { environment: 'prod', reason }, ref: 'refs/heads/main', repository },
      'rollback.yml',
    );
    if (!rollback.ok) throw new Error(`act failed:\n${actTail(rollback)}`);
    expect(await running()).toEqual({ staging: second['staging'], prod: first['prod'] });
    expect(rollback.log).toContain(reason);
  }, 900_000);
});
