import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { describeWithTools, node24Path, REPO_ROOT, startSim, type SimHandle } from '@ecs-delivery/testkit';
import { REGION, REPOSITORY, seedSystem, STAGES } from '@ecs-delivery/demo';

const run = promisify(execFile);
const UPLOAD = 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02';

/** This repository as a release commit would have it: workflows pinned to v1.0.0, the actions' dist/. */
function releaseCopy(root: string): string {
  const lib = join(root, 'lib');
  cpSync(join(REPO_ROOT, '.github'), join(lib, '.github'), { recursive: true });
  for (const name of readdirSync(join(REPO_ROOT, 'actions'))) {
    for (const part of ['action.yml', 'dist']) {
      cpSync(join(REPO_ROOT, 'actions', name, part), join(lib, 'actions', name, part), { recursive: true });
    }
  }
  return lib;
}

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

async function appApiImage(sim: SimHandle, account: string, env: string): Promise<string> {
  const ecs = new ECSClient({
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: account, secretAccessKey: 'x' },
  });
  try {
    const svc = (
      await ecs.send(new DescribeServicesCommand({ cluster: `mobilytics-${env}`, services: ['app-api'] }))
    ).services![0]!;
    const td = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: svc.taskDefinition! })))
      .taskDefinition!;
    return td.containerDefinitions![0]!.image!;
  } finally {
    ecs.destroy();
  }
}

/** A caller workflow of a dozen lines promotes a release under act, against the simulator. */
describeWithTools('promote.yml under act', ['act', 'podman', 'git'], (tools) => {
  it('builds once and puts the same digest in dev, staging and prod', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ecs-delivery-act-'));
    const lib = releaseCopy(root);
    await run('node', [join(REPO_ROOT, 'scripts', 'release.mjs'), '--pin', 'v1.0.0', '--dir', lib]);
    const upload = uploadStandIn(root);
    const caller = join(root, 'caller');
    cpSync(join(REPO_ROOT, 'examples', 'api-and-workers'), caller, { recursive: true });
    writeFileSync(
      join(caller, '.github', 'workflows', 'delivery.yml'),
      [
        'name: delivery',
        'on: push',
        'permissions: {}',
        'jobs:',
        '  delivery:',
        '    uses: ecs-delivery/ecs-delivery/.github/workflows/promote.yml@v1',
        '    permissions: { contents: read, id-token: write, deployments: write }',
        '    with:',
        '      prod-github-environment: production',
        '      container-cli: podman',
        '      vars: ${{ vars.SMOKE_VARS }}',
        '',
      ].join('\n'),
    );
    const git = (...args: string[]): Promise<unknown> =>
      run(tools['git']!, ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: caller });
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-qm', 'release 1.4.1');
    await git('remote', 'add', 'origin', `https://github.com/${REPOSITORY}`);
    const sha = String(
      ((await run(tools['git']!, ['rev-parse', 'HEAD'], { cwd: caller })) as { stdout: string }).stdout,
    ).trim();

    const sim = await startSim({ timeScale: 60 });
    try {
      await seedSystem(sim, { trust: 'repository', previous: '1.3.0' });
      const oidc = await sim.oidcContext({
        repository: REPOSITORY,
        ref: 'refs/heads/main',
        sha,
        job_workflow_ref: 'ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/tags/v1.0.0',
      });
      const args = [
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
        `SMOKE_VARS=api_origin=${sim.url}`,
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
      ];
      const env = { ...process.env, PATH: `${dirname(node24Path())}:${process.env['PATH'] ?? ''}` };
      let log = '';
      try {
        const out = await run(tools['act']!, args, {
          cwd: caller,
          env,
          maxBuffer: 64 * 1024 * 1024,
          timeout: 600_000,
        });
        log = `${out.stdout}\n${out.stderr}`;
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string };
        throw new Error(`act failed:\n${(e.stdout ?? '').slice(-8000)}\n${(e.stderr ?? '').slice(-4000)}`, {
          cause: err,
        });
      }
      expect(log).toMatch(/Job succeeded/);
      const images = await Promise.all(STAGES.map((s) => appApiImage(sim, s.account, s.name)));
      const digests = images.map((i) => i.slice(i.indexOf('@') + 1));
      expect(digests[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(new Set(digests)).toEqual(new Set([digests[0]]));
      expect(images.map((i) => i.split('/')[1])).toEqual(STAGES.map((s) => s.account));
    } finally {
      await sim.stop();
    }
  }, 900_000);
});
