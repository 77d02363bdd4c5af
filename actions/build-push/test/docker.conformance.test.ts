import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchGetImageCommand } from '@aws-sdk/client-ecr';
import { expectNoSecrets, findOnPath, runAction, startSim, type SimHandle } from '@ecs-delivery/testkit';
import { ecrOf } from './sim-helpers';

/**
 * The real docker CLI (an engine is not needed): `docker login --password-stdin` into the private
 * DOCKER_CONFIG against the simulator's registry, and the post step's `docker logout`. Then the build: without
 * buildx the action says so, naming the input; with it, the step either pushed an image the simulator's ECR
 * holds under the digest it reports, or failed saying why, never a green step without the image.
 *
 * docker is not among the tools .ci/run installs (podman is the engine there), so a machine without the docker
 * CLI skips this suite even under CI=true.
 */

const docker = findOnPath('docker');
const hasBuildx = docker !== undefined && spawnSync(docker, ['buildx', 'version']).status === 0;
if (docker === undefined) console.warn('docker conformance skipped: no docker CLI on PATH');
const describeIf = docker !== undefined ? describe : describe.skip;

describeIf('build-push with the docker CLI against the simulator', () => {
  let sim: SimHandle;
  let dir: string;

  beforeAll(async () => {
    sim = await startSim({ seed: { repositories: [{ name: 'shop/api' }] } });
    dir = mkdtempSync(join(tmpdir(), 'build-push-docker-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await sim?.stop();
  });

  test('logs in through stdin into a private DOCKER_CONFIG, never the user’s, and logs out in post', async () => {
    const runnerTemp = mkdtempSync(join(dir, 'runner-temp-'));
    const home = mkdtempSync(join(dir, 'home-'));
    const host = new URL(sim.url).host;
    const env = { RUNNER_TEMP: runnerTemp, HOME: home, DOCKER_CONFIG: undefined };
    const inputs = { repository: 'shop/api', tags: 'docker-1', logout: false };

    const kept = await runAction('build-push', { sim, env, cwd: dir, inputs });
    expect(kept.log).toContain(`docker login --username AWS --password-stdin ${host}`);
    expect(kept.log).toContain('Login Succeeded');
    const [login] = readdirSync(runnerTemp).filter((d) => d.startsWith('ecs-delivery-docker-'));
    const config = JSON.parse(readFileSync(join(runnerTemp, login!, 'config.json'), 'utf8')) as {
      auths: Record<string, unknown>;
    };
    expect(Object.keys(config.auths)).toEqual([host]);
    expect(existsSync(join(home, '.docker', 'config.json'))).toBe(false);
    expect(kept.env.DOCKER_CONFIG).toBe(join(runnerTemp, login!));
    expectNoSecrets(kept, [...kept.masks, ...(await sim.issuedSecrets())]);

    const cleaned = await runAction('build-push', {
      sim,
      env,
      cwd: dir,
      // Another tag: had the first run built and pushed (buildx and an engine), this one must log in again.
      inputs: { ...inputs, tags: 'docker-1b', logout: true },
    });
    expect(cleaned.postLog).toContain(`docker logout ${host}`);
    expect(cleaned.postLog).toContain('Removed the private registry login');
    expect(readdirSync(runnerTemp)).toEqual([login]);
    expectNoSecrets(cleaned, [...cleaned.masks, ...(await sim.issuedSecrets())]);
  });

  test('the build: a configuration error without buildx; with it, an image ECR holds or a failure that says why', async () => {
    const runnerTemp = mkdtempSync(join(dir, 'runner-temp-'));
    const env = { RUNNER_TEMP: runnerTemp, HOME: mkdtempSync(join(dir, 'home-')), DOCKER_CONFIG: undefined };
    const run = await runAction('build-push', {
      sim,
      env,
      cwd: dir,
      inputs: { repository: 'shop/api', tags: 'docker-2' },
    });
    expectNoSecrets(run, [...run.masks, ...(await sim.issuedSecrets())]);
    const errors = run.annotations.filter((a) => a.level === 'error');
    if (!hasBuildx) {
      expect(run.exitCode).toBe(1);
      expect(errors).toEqual([
        expect.objectContaining({
          title: 'Configuration error',
          message:
            'Configuration error: Input "container-cli" is docker, but docker buildx is not installed on this ' +
            'runner: add docker/setup-buildx-action before this step, or use container-cli: podman.',
        }),
      ]);
      return;
    }
    expect(run.log).toContain('docker buildx build');
    if (run.exitCode === 0) {
      expect(errors).toEqual([]);
      const held = await imagesOf('docker-2');
      expect(held).toEqual([run.outputs.digest]);
    } else {
      expect(errors.length).toBeGreaterThan(0);
      expect(run.outputs.digest).toBeUndefined();
      expect(await imagesOf('docker-2')).toEqual([]);
    }
  });

  /** The digests the simulator's ECR holds under `tag` in shop/api. */
  async function imagesOf(tag: string): Promise<string[]> {
    const ecr = ecrOf(sim);
    try {
      const out = await ecr.send(
        new BatchGetImageCommand({ repositoryName: 'shop/api', imageIds: [{ imageTag: tag }] }),
      );
      return (out.images ?? []).map((i) => i.imageId!.imageDigest!);
    } finally {
      ecr.destroy();
    }
  }
});
