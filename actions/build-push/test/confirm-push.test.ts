import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  ImageNotFoundException,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { CallBudget, parseRepositoryRef } from '@ecs-delivery/shared';
import type { CommandRunner } from '@ecs-delivery/shared/exec';
import type { ContainerCli, Inputs } from '../src/inputs';
import { run, type RunDeps } from '../src/run';

/**
 * A build is reported only once ECR confirms it: the digest the CLI wrote must exist, and the CLI must have
 * written one. A mocked ECR and a fake CLI that pushes (or not) what each case needs.
 */

const ecrMock = mockClient(ECRClient);
const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
});
const DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;

let dir: string;
let savedEnv: NodeJS.ProcessEnv;
let stdout: jest.SpyInstance;

function after(args: readonly string[], flag: string): string {
  return args[args.indexOf(flag) + 1]!;
}

/** A CLI whose build or push writes `result` (or nothing) where the action asked for the digest. */
function fakeCli(result: { docker?: string; podman?: string }): CommandRunner {
  return async (command, args) => {
    if (args[0] === 'buildx' && args[1] === 'build' && result.docker !== undefined) {
      writeFileSync(after(args, '--metadata-file'), result.docker);
    }
    if (command === 'podman' && args[0] === 'push' && result.podman !== undefined) {
      writeFileSync(after(args, '--digestfile'), result.podman);
    }
    return { exitCode: 0, stdout: '', stderr: '' };
  };
}

function inputs(containerCli: ContainerCli): Inputs {
  return {
    repository: parseRepositoryRef('shop/api', 'repository'),
    tags: ['v1'],
    sourceImage: undefined,
    sourceRoleToAssume: undefined,
    awsRegion: 'eu-west-1',
    roleToAssume: undefined,
    audience: 'sts.amazonaws.com',
    createRepository: false,
    containerCli,
    build: {
      context: '.',
      file: undefined,
      target: undefined,
      platforms: [],
      buildArgs: {},
      labels: {},
      secrets: {},
      cacheFrom: [],
      cacheTo: [],
    },
    failOnSeverity: undefined,
    scanTimeoutMs: 60_000,
    logout: true,
  };
}

function deps(exec: CommandRunner): RunDeps {
  return {
    connect: async () => ({
      ecr: new ECRClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
      region: 'eu-west-1',
    }),
    exec,
    now: () => new Date('2026-01-02T03:04:05.000Z'),
  };
}

const signal = new AbortController().signal;
const context = { phase: 'main' as const, signal, budget: new CallBudget(signal) };

beforeEach(() => {
  savedEnv = { ...process.env };
  dir = mkdtempSync(join(tmpdir(), 'build-push-confirm-'));
  for (const f of ['output', 'state', 'summary']) writeFileSync(join(dir, f), '');
  Object.assign(process.env, {
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    DOCKER_CONFIG: join(dir, 'no-docker-config'),
    REGISTRY_AUTH_FILE: join(dir, 'no-auth.json'),
  });
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  ecrMock.reset();
  ecrMock.on(DescribeRepositoriesCommand).resolves({
    repositories: [
      {
        repositoryName: 'shop/api',
        registryId: '123456789012',
        repositoryUri: `${HOST}/shop/api`,
        imageTagMutability: 'IMMUTABLE',
        repositoryArn: 'arn:aws:ecr:eu-west-1:123456789012:repository/shop/api',
      },
    ],
  });
  ecrMock.on(GetAuthorizationTokenCommand).resolves({
    authorizationData: [
      { authorizationToken: Buffer.from('AWS:pw').toString('base64'), proxyEndpoint: `https://${HOST}` },
    ],
  });
  // No tag exists yet, and (unless a case says otherwise) nothing was pushed.
  ecrMock.on(BatchGetImageCommand).callsFake((input: { imageIds?: object[] }) => ({
    images: [],
    failures: (input.imageIds ?? []).map((imageId) => ({ imageId, failureCode: 'ImageNotFound' })),
  }));
});

afterEach(() => {
  stdout.mockRestore();
  process.env = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

const noSuchImage = new ImageNotFoundException({
  message: `The image with imageId {imageDigest:'${DIGEST}'} does not exist`,
  $metadata: { httpStatusCode: 400 },
});

describe('confirming the push with ECR', () => {
  it.each<[ContainerCli, { docker?: string; podman?: string }]>([
    ['docker', { docker: JSON.stringify({ 'containerimage.digest': DIGEST }) }],
    ['podman', { podman: `${DIGEST}\n` }],
  ])('fails when %s reports a digest DescribeImages does not know', async (cli, result) => {
    ecrMock.on(DescribeImagesCommand).rejects(noSuchImage);
    await expect(run(inputs(cli), context, deps(fakeCli(result)))).rejects.toThrow(
      `${cli} reported pushing ${DIGEST}, but shop/api has no such image.`,
    );
    expect(ecrMock.commandCalls(PutImageCommand)).toHaveLength(0);
  });

  it('fails when DescribeImages knows the digest but its manifest cannot be read', async () => {
    ecrMock.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageDigest: DIGEST }] });
    await expect(run(inputs('podman'), context, deps(fakeCli({ podman: `${DIGEST}\n` })))).rejects.toThrow(
      `podman reported pushing ${DIGEST}, but shop/api has no such image.`,
    );
  });

  it('passes on any other DescribeImages error as it is', async () => {
    ecrMock.on(DescribeImagesCommand).rejects(
      Object.assign(new Error('User is not authorized to perform ecr:DescribeImages'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    await expect(
      run(inputs('podman'), context, deps(fakeCli({ podman: `${DIGEST}\n` }))),
    ).rejects.toMatchObject({
      code: 'AccessDeniedException',
      message: expect.stringContaining('User is not authorized to perform ecr:DescribeImages'),
    });
  });
});

describe('the digest file', () => {
  it.each<[ContainerCli, string, { docker?: string; podman?: string }, string]>([
    ['docker', 'no metadata file', {}, 'metadata.json'],
    [
      'docker',
      'a metadata file without a digest',
      { docker: JSON.stringify({ 'image.name': `${HOST}/shop/api:v1` }) },
      'metadata.json',
    ],
    ['podman', 'no digest file', {}, 'digest'],
    ['podman', 'a digest file without a digest', { podman: 'not a digest\n' }, 'digest'],
  ])('%s: fails on %s, naming the file', async (cli, _case, result, file) => {
    const failure = run(inputs(cli), context, deps(fakeCli(result)));
    await expect(failure).rejects.toThrow(
      new RegExp(
        `^${cli} finished but wrote no image digest to ${dir}/ecs-delivery-${cli}-\\w+/${file}; cannot tell what was pushed\\.$`,
      ),
    );
    expect(ecrMock.commandCalls(DescribeImagesCommand)).toHaveLength(0);
  });
});
