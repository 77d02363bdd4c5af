import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoSecrets, runAction, startSim, type SimHandle } from '@ecs-delivery/testkit';

/**
 * The real docker CLI (no engine on this machine): `docker login --password-stdin` into the private
 * DOCKER_CONFIG against the simulator's registry, and the post step's `docker logout`. The build itself needs
 * buildx and an engine; without buildx the action says so, naming the input.
 */

const docker = spawnSync('docker', ['--version'], { encoding: 'utf8' });
const available = docker.status === 0;
const hasBuildx = available && spawnSync('docker', ['buildx', 'version']).status === 0;
if (!available) console.warn('docker conformance skipped: no docker CLI on PATH');
const describeIf = available ? describe : describe.skip;

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
    expectNoSecrets(kept, kept.masks);

    const cleaned = await runAction('build-push', {
      sim,
      env,
      cwd: dir,
      inputs: { ...inputs, logout: true },
    });
    expect(cleaned.postLog).toContain(`docker logout ${host}`);
    expect(cleaned.postLog).toContain('Removed the private registry login');
    expect(readdirSync(runnerTemp)).toEqual([login]);
    expectNoSecrets(cleaned, cleaned.masks);

    if (!hasBuildx) {
      expect(cleaned.exitCode).toBe(1);
      expect(cleaned.annotations).toEqual([
        expect.objectContaining({
          title: 'Configuration error',
          message:
            'Configuration error: Input "container-cli" is docker, but docker buildx is not installed on this ' +
            'runner: add docker/setup-buildx-action before this step, or use container-cli: podman.',
        }),
      ]);
    }
  });
});
