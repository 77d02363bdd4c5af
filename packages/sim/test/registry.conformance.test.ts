import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  GetAuthorizationTokenCommand,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import { describeWithTools } from './conformance-tools';
import { ecrClient, errorOf } from './ecr-helpers';
import { startSimulator, type RunningSimulator } from '../src';

/**
 * podman and skopeo, tools nobody here wrote, against the simulator's ECR: build, log in with the ECR token,
 * push, read back, and promote by re-tagging in an IMMUTABLE repository.
 */

function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr}${stdout}`));
    });
    child.stdin.end(input ?? '');
  });
}

describeWithTools('podman and skopeo against the simulator ECR', ['podman', 'skopeo'], (tools) => {
  const PODMAN = tools['podman']!;
  const SKOPEO = tools['skopeo']!;
  let sim: RunningSimulator;
  let dir: string;
  let podman: (args: string[], input?: string) => Promise<string>;

  beforeAll(async () => {
    sim = await startSimulator();
    dir = await mkdtemp(join(tmpdir(), 'ecr-conformance-'));
    // A private storage root, so runs neither see nor disturb each other's (or the machine's) images.
    const global = [
      '--root',
      join(dir, 'root'),
      '--runroot',
      join(dir, 'runroot'),
      '--storage-driver',
      'vfs',
      '--events-backend',
      'file',
      '--cgroup-manager',
      'cgroupfs',
    ];
    podman = (args, input) => run(PODMAN, [...global, ...args], input);
  });

  afterAll(async () => {
    // Rootless podman leaves files owned by mapped uids that only its user namespace can remove.
    if (process.getuid?.() !== 0)
      await podman(['unshare', 'rm', '-rf', join(dir, 'root')]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    await sim?.close();
  });

  test('build, log in with the ECR token, push; skopeo and DescribeImages agree on the digest; re-tag is immutable', async () => {
    const ecr = ecrClient(sim.url);
    const created = await ecr.send(
      new CreateRepositoryCommand({ repositoryName: 'shop/api', imageTagMutability: 'IMMUTABLE' }),
    );
    const uri = created.repository!.repositoryUri!;

    const auth = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    const [user, password] = Buffer.from(auth.authorizationToken!, 'base64').toString('utf8').split(':') as [
      string,
      string,
    ];
    const registry = new URL(auth.proxyEndpoint!).host;
    const authfile = join(dir, 'auth.json');

    const context = join(dir, 'context');
    await mkdir(context);
    await writeFile(join(context, 'hello.txt'), `hello from ${process.pid}\n`);
    await writeFile(join(context, 'Containerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');

    await podman(
      [
        'login',
        '--authfile',
        authfile,
        '--tls-verify=false',
        '--username',
        user,
        '--password-stdin',
        registry,
      ],
      password,
    );
    await podman([
      'build',
      '--authfile',
      authfile,
      '--tag',
      `${uri}:build-1`,
      '--file',
      join(context, 'Containerfile'),
      context,
    ]);
    const digestFile = join(dir, 'digest');
    await podman([
      'push',
      '--authfile',
      authfile,
      '--tls-verify=false',
      '--digestfile',
      digestFile,
      `${uri}:build-1`,
    ]);
    const pushedDigest = (await readFile(digestFile, 'utf8')).trim();

    const inspected = JSON.parse(
      await run(SKOPEO, [
        'inspect',
        '--tls-verify=false',
        '--creds',
        `${user}:${password}`,
        `docker://${uri}:build-1`,
      ]),
    ) as { Digest: string };
    const described = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'shop/api', imageIds: [{ imageTag: 'build-1' }] }),
    );
    const digest = described.imageDetails![0]!.imageDigest!;
    expect(inspected.Digest).toBe(digest);
    expect(pushedDigest).toBe(digest);

    // Promote by digest: BatchGetImage + PutImage under a new tag, as build-push does.
    const got = await ecr.send(
      new BatchGetImageCommand({ repositoryName: 'shop/api', imageIds: [{ imageDigest: digest }] }),
    );
    const image = got.images![0]!;
    const put = await ecr.send(
      new PutImageCommand({
        repositoryName: 'shop/api',
        imageManifest: image.imageManifest!,
        imageManifestMediaType: image.imageManifestMediaType!,
        imageTag: 'prod-1',
      }),
    );
    expect(put.image!.imageId!.imageDigest).toBe(digest);
    const promoted = JSON.parse(
      await run(SKOPEO, [
        'inspect',
        '--tls-verify=false',
        '--creds',
        `${user}:${password}`,
        `docker://${uri}:prod-1`,
      ]),
    ) as { Digest: string };
    expect(promoted.Digest).toBe(digest);

    // Another image under the promoted tag is refused, through the API and through podman.
    await writeFile(join(context, 'hello.txt'), 'a different image\n');
    await podman(['build', '--tag', `${uri}:build-2`, '--file', join(context, 'Containerfile'), context]);
    await podman(['push', '--authfile', authfile, '--tls-verify=false', `${uri}:build-2`]);
    const other = await ecr.send(
      new BatchGetImageCommand({ repositoryName: 'shop/api', imageIds: [{ imageTag: 'build-2' }] }),
    );
    expect(other.images![0]!.imageId!.imageDigest).not.toBe(digest);
    const refused = await errorOf(
      ecr.send(
        new PutImageCommand({
          repositoryName: 'shop/api',
          imageManifest: other.images![0]!.imageManifest!,
          imageTag: 'prod-1',
        }),
      ),
    );
    expect(refused.name).toBe('ImageTagAlreadyExistsException');
    await podman(['tag', `${uri}:build-2`, `${uri}:prod-1`]);
    await expect(
      podman(['push', '--authfile', authfile, '--tls-verify=false', `${uri}:prod-1`]),
    ).rejects.toThrow(/cannot be overwritten because the repository is immutable/);

    // Docker's manifest format, and skopeo copying across repositories (it mounts the blobs it can).
    await podman([
      'build',
      '--format',
      'docker',
      '--tag',
      `${uri}:docker-1`,
      '--file',
      join(context, 'Containerfile'),
      context,
    ]);
    await podman(['push', '--authfile', authfile, '--tls-verify=false', `${uri}:docker-1`]);
    const dockerImage = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'shop/api', imageIds: [{ imageTag: 'docker-1' }] }),
    );
    expect(dockerImage.imageDetails![0]!.imageManifestMediaType).toBe(
      'application/vnd.docker.distribution.manifest.v2+json',
    );
    const web = await ecr.send(new CreateRepositoryCommand({ repositoryName: 'shop/web' }));
    await run(SKOPEO, [
      'copy',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      '--src-creds',
      `${user}:${password}`,
      '--dest-creds',
      `${user}:${password}`,
      `docker://${uri}:docker-1`,
      `docker://${web.repository!.repositoryUri!}:copied`,
    ]);
    const copied = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'shop/web', imageIds: [{ imageTag: 'copied' }] }),
    );
    expect(copied.imageDetails![0]!.imageDigest).toBe(dockerImage.imageDetails![0]!.imageDigest);

    // podman pulls what was pushed (a fresh storage would re-download; here it proves the manifest and blobs resolve).
    await podman(['rmi', '--all', '--force']);
    await podman(['pull', '--authfile', authfile, '--tls-verify=false', `${uri}@${digest}`]);
    ecr.destroy();
  });
});
