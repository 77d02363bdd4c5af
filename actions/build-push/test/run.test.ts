import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  PutImageCommand,
  type BatchGetImageCommandInput,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { CallBudget, parseRepositoryRef } from '@ecs-delivery/shared';
import type { CommandOptions, CommandRunner } from '@ecs-delivery/shared/exec';
import { parseKeyValueFile } from '@ecs-delivery/testkit';
import type { Inputs } from '../src/inputs';
import { post } from '../src/post';
import { run, type RunDeps } from '../src/run';

/**
 * run() with a mocked ECR and a spied command runner: the exact docker and podman command lines, the
 * password only on stdin, the private login folder, and the post step's logout.
 */

const ecrMock = mockClient(ECRClient);
const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const URI = `${HOST}/shop/api`;
const PASSWORD = 'ecr-password-never-printed';
const SHA = '89abcdef0123456789abcdef0123456789abcdef';
const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  layers: [],
});
const DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;
const NOW = new Date('2026-01-02T03:04:05.000Z');

interface Call {
  command: string;
  args: readonly string[];
  options: CommandOptions;
}

let dir: string;
let calls: Call[];
let pushedTags: Set<string>;
let savedEnv: NodeJS.ProcessEnv;
let stdout: jest.SpyInstance;

/** A call as a person reads it in the log (no argument here contains a space). */
function commandLine(call: Call): string {
  return [call.command, ...call.args].join(' ');
}

function after(args: readonly string[], flag: string): string {
  return args[args.indexOf(flag) + 1]!;
}

/** A fake CLI: records the call; a build or push writes the digest file the real CLI would. */
const exec: CommandRunner = async (command, args, options = {}) => {
  calls.push({ command, args, options });
  if (args[0] === 'buildx' && args[1] === 'build') {
    writeFileSync(after(args, '--metadata-file'), JSON.stringify({ 'containerimage.digest': DIGEST }));
    for (let i = 0; i < args.length; i++)
      if (args[i] === '--tag') pushedTags.add(args[i + 1]!.split(':').pop()!);
  }
  if (command === 'podman' && args[0] === 'push') {
    writeFileSync(after(args, '--digestfile'), `${DIGEST}\n`);
    pushedTags.add(args[args.length - 1]!.split(':').pop()!);
  }
  return { exitCode: 0, stdout: '', stderr: '' };
};

function inputs(overrides: Partial<Inputs> = {}): Inputs {
  return {
    repository: parseRepositoryRef('shop/api', 'repository'),
    tags: ['89abcdef0123', 'release-7'],
    sourceImage: undefined,
    sourceRoleToAssume: undefined,
    awsRegion: 'eu-west-1',
    roleToAssume: undefined,
    audience: 'sts.amazonaws.com',
    createRepository: false,
    containerCli: 'docker',
    build: {
      context: '.',
      file: 'Dockerfile.prod',
      target: 'runtime',
      platforms: ['linux/amd64', 'linux/arm64'],
      buildArgs: { NODE_VERSION: '24' },
      labels: { team: 'payments' },
      secrets: { NPM_TOKEN: 'npm-token-value' },
      cacheFrom: ['type=gha'],
      cacheTo: ['type=gha,mode=max'],
    },
    failOnSeverity: undefined,
    scanTimeoutMs: 60_000,
    logout: true,
    ...overrides,
  };
}

const deps: RunDeps = {
  connect: async () => ({
    ecr: new ECRClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
    region: 'eu-west-1',
  }),
  exec,
  now: () => NOW,
};

const signal = new AbortController().signal;
const context = { phase: 'main' as const, signal, budget: new CallBudget(signal) };

beforeEach(() => {
  savedEnv = { ...process.env };
  dir = mkdtempSync(join(tmpdir(), 'build-push-run-'));
  calls = [];
  pushedTags = new Set();
  const dockerConfig = join(dir, 'home-docker');
  mkdirSync(join(dockerConfig, 'cli-plugins'), { recursive: true });
  writeFileSync(
    join(dockerConfig, 'config.json'),
    JSON.stringify({
      auths: { 'https://index.docker.io/v1/': { auth: 'dXNlcjpodWI=' } },
      credsStore: 'desktop',
      credHelpers: { [HOST]: 'ecr-login', 'gcr.io': 'gcloud' },
    }),
  );
  for (const f of ['output', 'state', 'summary']) writeFileSync(join(dir, f), '');
  Object.assign(process.env, {
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: SHA,
    DOCKER_CONFIG: dockerConfig,
  });
  delete process.env['BUILDX_CONFIG'];
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

  ecrMock.reset();
  ecrMock.on(DescribeRepositoriesCommand).resolves({
    repositories: [
      {
        repositoryName: 'shop/api',
        registryId: '123456789012',
        repositoryUri: URI,
        imageTagMutability: 'IMMUTABLE',
        repositoryArn: 'arn',
      },
    ],
  });
  ecrMock.on(GetAuthorizationTokenCommand).resolves({
    authorizationData: [
      {
        authorizationToken: Buffer.from(`AWS:${PASSWORD}`).toString('base64'),
        proxyEndpoint: `https://${HOST}`,
      },
    ],
  });
  ecrMock.on(BatchGetImageCommand).callsFake((input: BatchGetImageCommandInput) => {
    const images = [];
    const failures = [];
    for (const id of input.imageIds ?? []) {
      const found = id.imageDigest === DIGEST || (id.imageTag !== undefined && pushedTags.has(id.imageTag));
      if (found)
        images.push({
          imageId: { ...id, imageDigest: DIGEST },
          imageManifest: MANIFEST,
          imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
        });
      else failures.push({ imageId: id, failureCode: 'ImageNotFound' });
    }
    return { images, failures };
  });
  ecrMock.on(PutImageCommand).callsFake((input: { imageTag?: string }) => {
    if (input.imageTag !== undefined) pushedTags.add(input.imageTag);
    return { image: { imageId: { imageDigest: DIGEST, imageTag: input.imageTag } } };
  });
  ecrMock
    .on(DescribeImagesCommand)
    .resolves({ imageDetails: [{ imageDigest: DIGEST, imageSizeInBytes: 31_457_280 }] });
});

afterEach(() => {
  stdout.mockRestore();
  process.env = savedEnv;
});

function loginDir(): string {
  const state = parseKeyValueFile(readFileSync(join(dir, 'state'), 'utf8'));
  return (JSON.parse(state.login!) as { dir: string }[])[0]!.dir;
}

async function runPost(): Promise<void> {
  const state = parseKeyValueFile(readFileSync(join(dir, 'state'), 'utf8'));
  for (const [k, v] of Object.entries(state)) process.env[`STATE_${k}`] = v;
  await post(exec);
}

describe('build with docker', () => {
  it('logs in through stdin into a private DOCKER_CONFIG, runs buildx with every option, then logs out in post', async () => {
    await run(inputs(), context, deps);
    const login = loginDir();
    expect(login.startsWith(join(dir, 'ecs-delivery-docker-'))).toBe(true);
    const env = { DOCKER_CONFIG: login, BUILDX_CONFIG: join(dir, 'home-docker', 'buildx') };

    expect(calls.map(commandLine)).toEqual([
      `docker login --username AWS --password-stdin ${HOST}`,
      'docker buildx version',
      'docker buildx build --file Dockerfile.prod --target runtime --platform linux/amd64,linux/arm64 ' +
        '--build-arg NODE_VERSION=24 ' +
        '--label org.opencontainers.image.source=https://github.com/acme/shop ' +
        `--label org.opencontainers.image.revision=${SHA} ` +
        '--label org.opencontainers.image.created=2026-01-02T03:04:05.000Z --label team=payments ' +
        `--secret id=NPM_TOKEN,src=${join(login, 'secret-NPM_TOKEN')} ` +
        '--cache-from type=gha --cache-to type=gha,mode=max ' +
        `--tag ${URI}:89abcdef0123 --tag ${URI}:release-7 ` +
        `--metadata-file ${join(login, 'metadata.json')} --push .`,
    ]);
    expect(calls[0]!.options).toMatchObject({ input: PASSWORD, env });
    expect(calls[1]!.options).toMatchObject({ silent: true, env });
    expect(calls[2]!.options.env).toEqual(env);
    expect(JSON.stringify(calls.map((c) => c.args))).not.toContain(PASSWORD);
    expect(JSON.stringify(calls.map((c) => c.args))).not.toContain('npm-token-value');
    // The build secret lived in a private file only for the build; buildx plugins stay reachable.
    expect(existsSync(join(login, 'secret-NPM_TOKEN'))).toBe(false);
    expect(existsSync(join(login, 'cli-plugins'))).toBe(true);
    // The user's other logins came along; nothing that would take the ECR password out of the private file.
    expect(JSON.parse(readFileSync(join(login, 'config.json'), 'utf8'))).toEqual({
      auths: { 'https://index.docker.io/v1/': { auth: 'dXNlcjpodWI=' } },
      credHelpers: { 'gcr.io': 'gcloud' },
    });

    const outputs = parseKeyValueFile(readFileSync(join(dir, 'output'), 'utf8'));
    expect(outputs).toEqual({
      'image-ref': `${URI}@${DIGEST}`,
      digest: DIGEST,
      image: `${URI}:89abcdef0123`,
      tags: '89abcdef0123\nrelease-7',
      registry: HOST,
      pushed: 'true',
    });
    const summary = readFileSync(join(dir, 'summary'), 'utf8');
    expect(summary).toContain('| Result | built and pushed |');
    expect(summary).toContain('| Size | 30.0 MiB |');
    expect(ecrMock.commandCalls(PutImageCommand)).toHaveLength(0);

    calls = [];
    await runPost();
    expect(calls.map((c) => [c.command, c.args, c.options.env])).toEqual([['docker', ['logout', HOST], env]]);
    expect(existsSync(login)).toBe(false);
  });

  it('stops before the build when docker has no buildx, naming the input', async () => {
    const noBuildx: CommandRunner = async (command, args, options) => {
      if (args[0] === 'buildx')
        return { exitCode: 125, stdout: '', stderr: 'docker: unknown command: docker buildx' };
      return exec(command, args, options);
    };
    await expect(run(inputs(), context, { ...deps, exec: noBuildx })).rejects.toThrow(
      'Input "container-cli" is docker, but docker buildx is not installed on this runner: add docker/setup-buildx-action',
    );
    expect(calls.map(commandLine)).toEqual([`docker login --username AWS --password-stdin ${HOST}`]);
  });

  it('keeps the login for later steps with logout: false', async () => {
    await run(inputs({ logout: false, build: { ...inputs().build, secrets: {} } }), context, deps);
    const login = loginDir();
    calls = [];
    await runPost();
    expect(calls).toEqual([]);
    expect(existsSync(login)).toBe(true);
  });
});

describe('build with podman', () => {
  it('uses an authfile, builds one platform, pushes with a digest file, adds the other tags by digest', async () => {
    const build = {
      ...inputs().build,
      cacheFrom: ['type=gha', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/cache'],
      cacheTo: [],
    };
    await run(inputs({ containerCli: 'podman', build }), context, deps);
    const login = loginDir();
    const authfile = join(login, 'auth.json');

    expect(calls.map(commandLine)).toEqual([
      `podman login --authfile ${authfile} --username AWS --password-stdin ${HOST}`,
      `podman build --authfile ${authfile} --file Dockerfile.prod --target runtime --platform linux/amd64 ` +
        '--build-arg NODE_VERSION=24 ' +
        '--label org.opencontainers.image.source=https://github.com/acme/shop ' +
        `--label org.opencontainers.image.revision=${SHA} ` +
        '--label org.opencontainers.image.created=2026-01-02T03:04:05.000Z --label team=payments ' +
        `--secret id=NPM_TOKEN,src=${join(login, 'secret-NPM_TOKEN')} ` +
        `--layers --cache-from ${HOST}/cache ` +
        `--tag ${URI}:89abcdef0123 --tag ${URI}:release-7 .`,
      `podman push --authfile ${authfile} --digestfile ${join(login, 'digest')} ${URI}:89abcdef0123`,
    ]);
    expect(calls[0]!.options.input).toBe(PASSWORD);
    const printed = stdout.mock.calls.map((c) => String(c[0])).join('');
    expect(printed).toContain('::warning::podman builds one platform per image here');
    expect(printed).toContain('podman cannot use the buildx cache type=gha');
    const put = ecrMock.commandCalls(PutImageCommand).map((c) => c.args[0].input);
    expect(put).toEqual([
      {
        repositoryName: 'shop/api',
        registryId: '123456789012',
        imageManifest: MANIFEST,
        imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
        imageDigest: DIGEST,
        imageTag: 'release-7',
      },
    ]);

    calls = [];
    await runPost();
    expect(calls.map((c) => [c.command, c.args])).toEqual([
      ['podman', ['logout', '--authfile', authfile, HOST]],
    ]);
  });

  it('passes --tls-verify=false when ECR gives a plain-http endpoint', async () => {
    ecrMock.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [
        {
          authorizationToken: Buffer.from(`AWS:${PASSWORD}`).toString('base64'),
          proxyEndpoint: 'http://127.0.0.1:4566',
        },
      ],
    });
    await run(
      inputs({
        containerCli: 'podman',
        build: { ...inputs().build, platforms: [], cacheFrom: [], cacheTo: [], secrets: {} },
      }),
      context,
      deps,
    );
    expect(calls[0]!.args).toEqual([
      'login',
      '--authfile',
      join(loginDir(), 'auth.json'),
      '--tls-verify=false',
      '--username',
      'AWS',
      '--password-stdin',
      '127.0.0.1:4566',
    ]);
    expect(calls[1]!.args).toContain('--tls-verify=false');
    expect(calls[2]!.args).toContain('--tls-verify=false');
  });

  it('says plainly when the chosen CLI is not installed', async () => {
    const missing: CommandRunner = async () => {
      throw new Error('Unable to locate executable file: podman. Please verify either the file path exists');
    };
    await expect(
      run(inputs({ containerCli: 'podman' }), context, { ...deps, exec: missing }),
    ).rejects.toThrow('Input "container-cli" is podman, but podman is not installed on this runner.');
  });
});
