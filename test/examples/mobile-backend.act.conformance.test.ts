/**
 * examples/mobile-backend under act: the example folder as a caller repository, its delivery.yml calling
 * build.yml@v1 and deploy.yml@v1 (mapped to a release copy of this checkout), against the simulator seeded with the
 * example's roles and their permission policies, which it enforces.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { describeWithTools, REPO_ROOT, startSim, type SimHandle } from '@ecs-delivery/testkit';
import { actTail, releaseCopy, runAct } from '../act-helpers';
import {
  ACCOUNT,
  CLUSTER,
  COMPONENTS,
  EXAMPLE,
  pushRelease,
  REGION,
  REPOSITORY,
  seedSystem,
} from './mobile-backend.system';

const run = promisify(execFile);
const UPLOAD = 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02';

/** act cannot fetch actions/upload-artifact offline: a stand-in that copies the file where the test reads it. */
function uploadStandIn(root: string): string {
  const dir = join(root, 'upload-artifact');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'action.yml'),
    'name: upload-artifact stand-in\ninputs: { name: { default: artifact }, path: { required: true }, if-no-files-found: { default: warn } }\nruns: { using: node20, main: index.js }\n',
  );
  writeFileSync(
    join(dir, 'index.js'),
    "const fs = require('fs'), path = require('path');\nconst dir = path.join(process.env.ARTIFACT_DIR, process.env['INPUT_NAME']);\nfs.mkdirSync(dir, { recursive: true });\nfs.copyFileSync(process.env['INPUT_PATH'], path.join(dir, path.basename(process.env['INPUT_PATH'])));\n",
  );
  return dir;
}

/** What each service runs: its task definition and image. */
async function running(sim: SimHandle): Promise<Record<string, { taskDefinition: string; image: string }>> {
  const ecs = new ECSClient({
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' },
  });
  try {
    const services = (
      await ecs.send(
        new DescribeServicesCommand({ cluster: CLUSTER, services: COMPONENTS.map((c) => c.service) }),
      )
    ).services!;
    const out: Record<string, { taskDefinition: string; image: string }> = {};
    for (const c of COMPONENTS) {
      const taskDefinition = services.find((s) => s.serviceName === c.service)!.taskDefinition!;
      const td = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }))).taskDefinition!;
      out[c.name] = { taskDefinition, image: td.containerDefinitions![0]!.image! };
    }
    return out;
  } finally {
    ecs.destroy();
  }
}

/** The caller's delivery.yml with the one input this machine needs: the smoke checks' origin is the simulator. */
function callerWorkflow(): string {
  const text = readFileSync(join(EXAMPLE, '.github', 'workflows', 'delivery.yml'), 'utf8');
  expect(text).toMatch(/\n {6}release: \$\{\{ needs\.build\.outputs\.release \}\}\n$/);
  return `${text}      vars: \${{ vars.SMOKE_VARS }}\n`;
}

describeWithTools('examples/mobile-backend under act', ['act', 'git'], (tools) => {
  let root: string;
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

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ecs-delivery-act-mobile-'));
    caller = join(root, 'caller');
    cpSync(EXAMPLE, caller, { recursive: true });
    writeFileSync(join(caller, '.github', 'workflows', 'delivery.yml'), callerWorkflow());
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-qm', 'release 2025_05');
    await git('remote', 'add', 'origin', `https://github.com/${REPOSITORY}`);
    sim = await startSim({ timeScale: 60 });
    await seedSystem(sim, '2025_04', 'repository');
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it('builds and deploys the API and the CMS under the two roles, with no call refused', async () => {
    const lib = releaseCopy(root);
    await run('node', [join(REPO_ROOT, 'scripts', 'release.mjs'), '--pin', 'v1.0.0', '--dir', lib]);
    const upload = uploadStandIn(root);
    const sha = await git('rev-parse', 'HEAD');
    // The team's container build, done before the run: the build job finds the commit's images and builds nothing.
    const digests = await pushRelease(sim, sha.slice(0, 12), '2025_05');
    const before = await running(sim);
    const oidc = await sim.oidcContext({
      repository: REPOSITORY,
      ref: 'refs/heads/main',
      sha,
      job_workflow_ref: 'ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/tags/v1.0.0',
    });
    const since = (await sim.calls()).length;
    const result = await runAct(
      tools['act']!,
      [
        'push',
        '-W',
        '.github/workflows/delivery.yml',
        '-P',
        'ubuntu-latest=-self-hosted',
        '--local-repository',
        `ecs-delivery/ecs-delivery@v1=${lib}`,
        '--local-repository',
        `ecs-delivery/ecs-delivery@v1.0.0=${lib}`,
        '--local-repository',
        `${UPLOAD}=${upload}`,
        '--var',
        `SMOKE_VARS=api_origin=${sim.url}\ncms_origin=${sim.url}`,
        '--env',
        `ACTIONS_ID_TOKEN_REQUEST_URL=${oidc.requestUrl}`,
        '--env',
        `ACTIONS_ID_TOKEN_REQUEST_TOKEN=${oidc.requestToken}`,
        '--env',
        `GITHUB_API_URL=${sim.url}/_github/api`,
        '--env',
        `AWS_ENDPOINT_URL=${sim.url}`,
        '--env',
        `ARTIFACT_DIR=${join(root, 'artifacts')}`,
        '-s',
        'GITHUB_TOKEN=ghs_actConformanceToken000000000000',
      ],
      caller,
    );
    if (!result.ok) throw new Error(`act failed:\n${actTail(result)}`);
    expect(result.log).toMatch(/Job succeeded/);
    const after = await running(sim);
    for (const c of COMPONENTS) {
      expect(after[c.name]!.taskDefinition).not.toBe(before[c.name]!.taskDefinition);
      expect(after[c.name]!.image.endsWith(`/${c.repository}@${digests[c.name]}`)).toBe(true);
    }
    const calls = (await sim.calls()).slice(since);
    expect(calls.filter((c) => /AccessDenied|DENIED/.test(c.errorCode ?? ''))).toEqual([]);
    const roles = new Set(calls.map((c) => /assumed-role\/([^/]+)\//.exec(c.principal ?? '')?.[1]));
    expect(roles).toEqual(new Set([undefined, 'oky-image-builder', 'oky-service-updater']));
    expect(calls.filter((c) => c.action === 'HeadObject')).toHaveLength(2);
  }, 900_000);
});
