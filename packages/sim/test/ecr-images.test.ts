import {
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeImageScanFindingsCommand,
  ListImagesCommand,
  PutImageCommand,
  StartImageScanCommand,
} from '@aws-sdk/client-ecr';
import { pushImage, type PushedImage } from '../src';
import { errorOf, startEcr, stopEcr, type EcrFixture } from './ecr-helpers';

let f: EcrFixture;

beforeAll(async () => {
  f = await startEcr({
    seed: {
      repositories: [
        { name: 'dev/api', imageTagMutability: 'MUTABLE' },
        { name: 'prod/api', imageTagMutability: 'IMMUTABLE' },
        { name: 'excl/api', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', exclusions: ['latest', 'dev-*'] },
        { name: 'scanned/api', scanOnPush: true },
      ],
    },
  });
});
afterAll(() => stopEcr(f));

async function push(repository: string, tags: string[], content: string): Promise<PushedImage> {
  return pushImage({
    registryUrl: f.running.url,
    repository: f.path(repository),
    tags,
    auth: await f.auth(),
    files: { 'app.txt': content },
  });
}

async function manifestOf(repositoryName: string, imageTag: string): Promise<string> {
  const out = await f.ecr.send(new BatchGetImageCommand({ repositoryName, imageIds: [{ imageTag }] }));
  return out.images![0]!.imageManifest!;
}

describe('ECR images', () => {
  test('an image pushed over the registry shows up in DescribeImages, ListImages and BatchGetImage with its digest', async () => {
    const pushed = await push('dev/api', ['v1', 'latest'], 'one');
    const described = await f.ecr.send(
      new DescribeImagesCommand({ repositoryName: 'dev/api', imageIds: [{ imageTag: 'v1' }] }),
    );
    const detail = described.imageDetails![0]!;
    expect(detail).toMatchObject({
      registryId: '000000000000',
      repositoryName: 'dev/api',
      imageDigest: pushed.digest,
      imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactMediaType: 'application/vnd.oci.image.config.v1+json',
    });
    expect(detail.imageTags!.sort()).toEqual(['latest', 'v1']);
    expect(detail.imageSizeInBytes).toBeGreaterThan(0);
    expect(detail.imagePushedAt).toBeInstanceOf(Date);

    const listed = await f.ecr.send(new ListImagesCommand({ repositoryName: 'dev/api' }));
    expect(listed.imageIds).toEqual(
      expect.arrayContaining([
        { imageDigest: pushed.digest, imageTag: 'v1' },
        { imageDigest: pushed.digest, imageTag: 'latest' },
      ]),
    );

    const got = await f.ecr.send(
      new BatchGetImageCommand({
        repositoryName: 'dev/api',
        imageIds: [
          { imageDigest: pushed.digest },
          { imageTag: 'v1' },
          { imageTag: 'nope' },
          { imageTag: 'v1', imageDigest: `sha256:${'0'.repeat(64)}` },
        ],
        acceptedMediaTypes: ['application/vnd.oci.image.manifest.v1+json'],
      }),
    );
    expect(got.images!.map((i) => i.imageManifest)).toEqual([pushed.manifest, pushed.manifest]);
    expect(got.images![1]).toMatchObject({
      imageId: { imageDigest: pushed.digest, imageTag: 'v1' },
      imageManifestMediaType: pushed.mediaType,
    });
    expect(got.failures!.map((x) => x.failureCode)).toEqual(['ImageNotFound', 'ImageNotFound']);

    const pushedAgain = await push('dev/api', ['v2'], 'two');
    const mismatch = await f.ecr.send(
      new BatchGetImageCommand({
        repositoryName: 'dev/api',
        imageIds: [{ imageTag: 'v1', imageDigest: pushedAgain.digest }],
      }),
    );
    expect(mismatch.failures![0]!.failureCode).toBe('ImageTagDoesNotMatchDigest');

    const missing = await errorOf(
      f.ecr.send(new DescribeImagesCommand({ repositoryName: 'dev/api', imageIds: [{ imageTag: 'v9' }] })),
    );
    expect(missing).toEqual({
      name: 'ImageNotFoundException',
      message:
        "The image with imageId {imageDigest:'null', imageTag:'v9'} does not exist within the repository with name 'dev/api' in the registry with id '000000000000'",
    });
  });

  test('PutImage re-tags a manifest (promotion by digest) and the new tag pulls the same bytes', async () => {
    const pushed = await push('dev/api', ['build-1'], 'promote me');
    const manifest = await manifestOf('dev/api', 'build-1');
    const out = await f.ecr.send(
      new PutImageCommand({
        repositoryName: 'dev/api',
        imageManifest: manifest,
        imageTag: 'staging',
        imageManifestMediaType: pushed.mediaType,
      }),
    );
    expect(out.image!.imageId).toEqual({ imageDigest: pushed.digest, imageTag: 'staging' });

    const res = await fetch(`${f.running.url}/v2/${f.path('dev/api')}/manifests/staging`, {
      headers: { authorization: await f.basic(), accept: pushed.mediaType },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-content-digest')).toBe(pushed.digest);
    expect(await res.text()).toBe(pushed.manifest);
  });

  test('IMMUTABLE: the same manifest again is ImageAlreadyExists, another one is ImageTagAlreadyExists', async () => {
    const first = await push('prod/api', ['release'], 'first');
    const manifest = first.manifest;
    const same = await errorOf(
      f.ecr.send(
        new PutImageCommand({ repositoryName: 'prod/api', imageManifest: manifest, imageTag: 'release' }),
      ),
    );
    expect(same).toEqual({
      name: 'ImageAlreadyExistsException',
      message: `Image with digest '${first.digest}' and tag 'release' already exists in the repository with name 'prod/api' in registry with id '000000000000'`,
    });

    const second = await pushImage({
      registryUrl: f.running.url,
      repository: f.path('prod/api'),
      auth: await f.auth(),
      files: { 'app.txt': 'second' },
    });
    const other = await errorOf(
      f.ecr.send(
        new PutImageCommand({
          repositoryName: 'prod/api',
          imageManifest: second.manifest,
          imageTag: 'release',
        }),
      ),
    );
    expect(other).toEqual({
      name: 'ImageTagAlreadyExistsException',
      message:
        "The image tag 'release' already exists in the 'prod/api' repository and cannot be overwritten because the repository is immutable.",
    });
    // The tag still names the first image.
    const described = await f.ecr.send(
      new DescribeImagesCommand({ repositoryName: 'prod/api', imageIds: [{ imageTag: 'release' }] }),
    );
    expect(described.imageDetails![0]!.imageDigest).toBe(first.digest);

    // A MUTABLE repository moves the tag instead.
    await push('dev/api', ['moving'], 'a');
    const b = await push('dev/api', [], 'b');
    await f.ecr.send(
      new PutImageCommand({ repositoryName: 'dev/api', imageManifest: b.manifest, imageTag: 'moving' }),
    );
    const moved = await f.ecr.send(
      new DescribeImagesCommand({ repositoryName: 'dev/api', imageIds: [{ imageTag: 'moving' }] }),
    );
    expect(moved.imageDetails![0]!.imageDigest).toBe(b.digest);
  });

  test('IMMUTABLE_WITH_EXCLUSION keeps the excluded tags mutable', async () => {
    const a = await push('excl/api', ['latest', 'dev-1', 'v1'], 'a');
    const b = await push('excl/api', [], 'b');
    for (const tag of ['latest', 'dev-1']) {
      await f.ecr.send(
        new PutImageCommand({ repositoryName: 'excl/api', imageManifest: b.manifest, imageTag: tag }),
      );
    }
    const err = await errorOf(
      f.ecr.send(
        new PutImageCommand({ repositoryName: 'excl/api', imageManifest: b.manifest, imageTag: 'v1' }),
      ),
    );
    expect(err.name).toBe('ImageTagAlreadyExistsException');
    const v1 = await f.ecr.send(
      new DescribeImagesCommand({ repositoryName: 'excl/api', imageIds: [{ imageTag: 'v1' }] }),
    );
    expect(v1.imageDetails![0]!.imageDigest).toBe(a.digest);
  });

  test('PutImage into another repository without its layers fails with LayersNotFoundException until they are mounted', async () => {
    await f.ecr.send(
      new CreateRepositoryCommand({ repositoryName: 'stage/api', imageTagMutability: 'IMMUTABLE' }),
    );
    const pushed = await push('dev/api', ['cross'], 'cross');
    const doc = JSON.parse(pushed.manifest) as { config: { digest: string }; layers: { digest: string }[] };
    const err = await errorOf(
      f.ecr.send(
        new PutImageCommand({
          repositoryName: 'stage/api',
          imageManifest: pushed.manifest,
          imageTag: 'cross',
        }),
      ),
    );
    expect(err.name).toBe('LayersNotFoundException');
    expect(err.message).toContain(doc.config.digest);
    expect(err.message).toContain(
      "required for pushing image into repository with name 'stage/api' in the registry with id '000000000000'",
    );

    const authorization = await f.basic();
    for (const digest of [doc.config.digest, ...doc.layers.map((l) => l.digest)]) {
      const res = await fetch(
        `${f.running.url}/v2/${f.path('stage/api')}/blobs/uploads/?mount=${digest}&from=${encodeURIComponent(f.path('dev/api'))}`,
        { method: 'POST', headers: { authorization } },
      );
      expect(res.status).toBe(201);
    }
    const out = await f.ecr.send(
      new PutImageCommand({ repositoryName: 'stage/api', imageManifest: pushed.manifest, imageTag: 'cross' }),
    );
    expect(out.image!.imageId!.imageDigest).toBe(pushed.digest);
  });

  test('PutImage checks the manifest: JSON, media type, digest', async () => {
    const bad = await errorOf(
      f.ecr.send(new PutImageCommand({ repositoryName: 'dev/api', imageManifest: '{nope', imageTag: 'x' })),
    );
    expect(bad).toEqual({
      name: 'InvalidParameterException',
      message: "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'",
    });
    const pushed = await push('dev/api', ['typed'], 'typed');
    const noType = JSON.stringify({ ...(JSON.parse(pushed.manifest) as object), mediaType: undefined });
    const untyped = await errorOf(
      f.ecr.send(
        new PutImageCommand({ repositoryName: 'dev/api', imageManifest: noType, imageTag: 'untyped' }),
      ),
    );
    expect(untyped.name).toBe('InvalidParameterException');
    await f.ecr.send(
      new PutImageCommand({
        repositoryName: 'dev/api',
        imageManifest: noType,
        imageTag: 'untyped',
        imageManifestMediaType: pushed.mediaType,
      }),
    );
    const digest = await errorOf(
      f.ecr.send(
        new PutImageCommand({
          repositoryName: 'dev/api',
          imageManifest: pushed.manifest,
          imageTag: 'd',
          imageDigest: `sha256:${'1'.repeat(64)}`,
        }),
      ),
    );
    expect(digest.name).toBe('ImageDigestDoesNotMatchException');
  });

  test('BatchDeleteImage removes a tag, or an image with all its tags', async () => {
    await f.ecr.send(new CreateRepositoryCommand({ repositoryName: 'trash' }));
    const a = await push('trash', ['a1', 'a2'], 'a');
    const out = await f.ecr.send(
      new BatchDeleteImageCommand({
        repositoryName: 'trash',
        imageIds: [{ imageTag: 'a1' }, { imageTag: 'zz' }],
      }),
    );
    expect(out.imageIds).toEqual([{ imageDigest: a.digest, imageTag: 'a1' }]);
    expect(out.failures).toEqual([
      {
        imageId: { imageTag: 'zz' },
        failureCode: 'ImageNotFound',
        failureReason: 'Requested image not found',
      },
    ]);
    const left = await f.ecr.send(new ListImagesCommand({ repositoryName: 'trash' }));
    expect(left.imageIds).toEqual([{ imageDigest: a.digest, imageTag: 'a2' }]);

    await f.ecr.send(
      new BatchDeleteImageCommand({ repositoryName: 'trash', imageIds: [{ imageDigest: a.digest }] }),
    );
    expect((await f.ecr.send(new ListImagesCommand({ repositoryName: 'trash' }))).imageIds).toEqual([]);
  });

  test('scan findings come from scenario rules and complete afterSeconds after the push', async () => {
    f.running.sim.scenario.add([
      {
        image: '*/scanned/api:vulnerable',
        scan: {
          afterSeconds: 30,
          findings: [
            {
              name: 'CVE-2026-0001',
              severity: 'CRITICAL',
              description: 'bad',
              uri: 'https://example.test/CVE-2026-0001',
            },
            { name: 'CVE-2026-0002', severity: 'LOW' },
            { name: 'CVE-2026-0003', severity: 'LOW' },
          ],
        },
      },
    ]);
    const pushed = await push('scanned/api', ['vulnerable'], 'cve');
    const imageId = { imageTag: 'vulnerable' };
    const running = await f.ecr.send(
      new DescribeImageScanFindingsCommand({ repositoryName: 'scanned/api', imageId }),
    );
    expect(running.imageScanStatus!.status).toBe('IN_PROGRESS');
    expect(running.imageScanFindings).toBeUndefined();

    f.running.sim.clock.advance(31_000);
    const done = await f.ecr.send(
      new DescribeImageScanFindingsCommand({ repositoryName: 'scanned/api', imageId }),
    );
    expect(done.imageScanStatus!.status).toBe('COMPLETE');
    expect(done.imageScanFindings!.findingSeverityCounts).toEqual({ CRITICAL: 1, LOW: 2 });
    expect(done.imageScanFindings!.findings!.map((x) => x.name)).toEqual([
      'CVE-2026-0001',
      'CVE-2026-0002',
      'CVE-2026-0003',
    ]);

    const detail = (
      await f.ecr.send(
        new DescribeImagesCommand({
          repositoryName: 'scanned/api',
          imageIds: [{ imageDigest: pushed.digest }],
        }),
      )
    ).imageDetails![0]!;
    expect(detail.imageScanStatus!.status).toBe('COMPLETE');
    expect(detail.imageScanFindingsSummary!.findingSeverityCounts).toEqual({ CRITICAL: 1, LOW: 2 });

    // No scan on push and none started: ScanNotFoundException, until StartImageScan.
    const plain = await push('dev/api', ['unscanned'], 'unscanned');
    const none = await errorOf(
      f.ecr.send(
        new DescribeImageScanFindingsCommand({
          repositoryName: 'dev/api',
          imageId: { imageDigest: plain.digest },
        }),
      ),
    );
    expect(none).toEqual({
      name: 'ScanNotFoundException',
      message: `Image scan does not exist for the image with '{imageDigest:'${plain.digest}', imageTag:'null'}' in the repository with name 'dev/api' in the registry with id '000000000000'`,
    });
    await f.ecr.send(
      new StartImageScanCommand({ repositoryName: 'dev/api', imageId: { imageDigest: plain.digest } }),
    );
    const clean = await f.ecr.send(
      new DescribeImageScanFindingsCommand({
        repositoryName: 'dev/api',
        imageId: { imageDigest: plain.digest },
      }),
    );
    expect(clean.imageScanStatus!.status).toBe('COMPLETE');
    expect(clean.imageScanFindings!.findings).toEqual([]);
  });
});
