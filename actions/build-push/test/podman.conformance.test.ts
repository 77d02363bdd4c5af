import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeWithTools,
  expectNoSecrets,
  runAction,
  startSim,
  type SimHandle,
} from '@ecs-delivery/testkit';
import { registryLogin } from './sim-helpers';

/**
 * The bundled action with a real rootful podman: build a FROM scratch image, push it into the simulator's ECR,
 * and let skopeo (which nobody here wrote) confirm the digest the action reports. podman gets its own storage
 * through its documented configuration variables (CONTAINERS_STORAGE_CONF, CONTAINERS_CONF): the action runs
 * plain `podman` and knows nothing of it.
 */

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} exited ${code}: ${stderr}`)),
    );
  });
}

describeWithTools('build-push with podman against the simulator', ['podman', 'skopeo'], (tools) => {
  const PODMAN = tools['podman']!;
  const SKOPEO = tools['skopeo']!;
  let sim: SimHandle;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    sim = await startSim({ seed: { repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE' }] } });
    dir = await mkdtemp(join(tmpdir(), 'build-push-podman-'));
    const storage = join(dir, 'storage.conf');
    await writeFile(
      storage,
      `[storage]\ndriver = "vfs"\ngraphroot = "${join(dir, 'root')}"\nrunroot = "${join(dir, 'runroot')}"\n`,
    );
    const containers = join(dir, 'containers.conf');
    await writeFile(containers, '[engine]\nevents_logger = "file"\ncgroup_manager = "cgroupfs"\n');
    env = { CONTAINERS_STORAGE_CONF: storage, CONTAINERS_CONF: containers };
  });

  afterAll(async () => {
    if (process.getuid?.() !== 0) {
      await run(PODMAN, ['unshare', 'rm', '-rf', join(dir, 'root')]).catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
    await sim?.stop();
  });

  test('builds and pushes once; skopeo sees the reported digest; a second run skips the build', async () => {
    const workspace = join(dir, 'workspace');
    await mkdir(workspace);
    await writeFile(join(workspace, 'hello.txt'), `hello from ${process.pid}\n`);
    await writeFile(join(workspace, 'Containerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');
    const inputs = {
      repository: 'shop/api',
      tags: 'build-1\nrelease-1',
      'container-cli': 'podman',
      'build-args': 'GREETING=hello',
      platforms: 'linux/amd64,linux/arm64',
      secrets: 'NPM_TOKEN=npm_conformanceSecretValue123',
    };

    const first = await runAction('build-push', { sim, env, cwd: workspace, inputs, timeoutMs: 240_000 });
    expect(first.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.outputs.pushed).toBe('true');
    const digest = first.outputs.digest!;
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(first.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringContaining('building linux/amd64 only'),
      }),
    );
    expect(first.log).toContain('--password-stdin');
    expect(first.log).toContain('--secret id=NPM_TOKEN,src=');
    expect(first.postRan).toBe(true);
    expect(first.postLog).toContain('Removed the private registry login');
    expectNoSecrets(first, [...first.masks, 'npm_conformanceSecretValue123', ...(await sim.issuedSecrets())]);

    const login = await registryLogin(sim);
    const creds = `${login.username}:${login.password}`;
    for (const tag of ['build-1', 'release-1']) {
      const inspected = JSON.parse(
        await run(SKOPEO, [
          'inspect',
          '--tls-verify=false',
          '--creds',
          creds,
          `docker://${first.outputs.image!.replace(/:build-1$/, `:${tag}`)}`,
        ]),
      ) as { Digest: string; Labels: Record<string, string> | null };
      expect(inspected.Digest).toBe(digest);
      expect(inspected.Labels?.['org.opencontainers.image.revision']).toBe(
        '0123456789abcdef0123456789abcdef01234567',
      );
      expect(inspected.Labels?.['org.opencontainers.image.source']).toBe('https://github.com/acme/shop');
    }
    expect(first.outputs['image-ref']).toBe(`${first.outputs.image!.replace(/:build-1$/, '')}@${digest}`);

    const second = await runAction('build-push', { sim, env, cwd: workspace, inputs, timeoutMs: 240_000 });
    expect(second.exitCode).toBe(0);
    expect(second.outputs.pushed).toBe('false');
    expect(second.outputs.digest).toBe(digest);
    expect(second.log).not.toContain('[command]');
  });
});
