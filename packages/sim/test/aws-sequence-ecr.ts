import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  PutImageCommand,
  StartImageScanCommand,
} from '@aws-sdk/client-ecr';
import type { Clients, Recorder } from './aws-sequence';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * A minimal OCI image: one gzipped (empty) tar layer and a config per version, so two versions are two
 * different manifests over blobs the registry has.
 */
export function tinyImage(): { blobs: Buffer[]; manifest: (version: string) => string } {
  const tar = Buffer.alloc(1024);
  const layer = gzipSync(tar, { level: 9 });
  // gzip headers carry an mtime of 0 from zlib, so the digest is stable across runs.
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Cmd: ['/app'] },
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    }),
  );
  const manifest = (annotation: string): string =>
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: sha256(config),
        size: config.length,
      },
      layers: [
        {
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          digest: sha256(layer),
          size: layer.length,
        },
      ],
      annotations: { 'org.opencontainers.image.title': annotation },
    });
  return { blobs: [config, layer], manifest };
}

/**
 * Pushes the blobs through the registry the ECR API points at (`/v2/`), as a `docker push` would before its
 * manifest. Only done when that registry is on this machine: moto has none, and a test never talks to AWS.
 */
async function uploadBlobs(
  proxyEndpoint: string,
  repositoryUri: string,
  token: string,
  blobs: Buffer[],
): Promise<void> {
  const registry = new URL(proxyEndpoint);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(registry.hostname)) return;
  const name = repositoryUri.slice(repositoryUri.indexOf('/') + 1);
  const auth = { authorization: `Basic ${token}` };
  for (const blob of blobs) {
    const start = await fetch(`${registry.origin}/v2/${name}/blobs/uploads/`, {
      method: 'POST',
      headers: auth,
    });
    if (start.status !== 202) throw new Error(`registry: starting an upload answered ${start.status}`);
    const location = new URL(start.headers.get('location') ?? '', registry.origin);
    location.searchParams.set('digest', sha256(blob));
    const put = await fetch(location, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: blob,
    });
    if (put.status !== 201) throw new Error(`registry: finishing an upload answered ${put.status}`);
  }
}

/** The ECR part; returns the image reference (by digest) the task definitions use. */
export async function ecrSteps(
  { ecr }: Clients,
  rec: Recorder,
  options: { endpoint: string; suffix: string },
): Promise<string> {
  const repositoryName = `conformance/api${options.suffix}`;
  const created = await rec.call('ecr', 'CreateRepository', () =>
    ecr.send(
      new CreateRepositoryCommand({
        repositoryName,
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: false },
        tags: [{ Key: 'team', Value: 'platform' }],
      }),
    ),
  );
  await rec.call('ecr', 'DescribeRepositories', () =>
    ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [repositoryName] })),
  );
  const auth = await rec.call('ecr', 'GetAuthorizationToken', () =>
    ecr.send(new GetAuthorizationTokenCommand({})),
  );

  const repositoryUri =
    created?.repository?.repositoryUri ?? `000000000000.dkr.ecr.us-east-1.amazonaws.com/${repositoryName}`;
  const image = tinyImage();
  const data = auth?.authorizationData?.[0];
  if (data?.authorizationToken && data.proxyEndpoint) {
    await uploadBlobs(data.proxyEndpoint, repositoryUri, data.authorizationToken, image.blobs);
  }

  const manifest = image.manifest('v1');
  const pushed = await rec.call('ecr', 'PutImage', () =>
    ecr.send(
      new PutImageCommand({
        repositoryName,
        imageTag: 'v1',
        imageManifest: manifest,
        imageManifestMediaType: OCI_MANIFEST,
      }),
    ),
  );
  const got = await rec.call('ecr', 'BatchGetImage', () =>
    ecr.send(
      new BatchGetImageCommand({
        repositoryName,
        imageIds: [{ imageTag: 'v1' }],
        acceptedMediaTypes: [OCI_MANIFEST],
      }),
    ),
  );
  // Promotion: the manifest BatchGetImage returned, under a new tag, byte for byte.
  const promoted = got?.images?.[0]?.imageManifest ?? manifest;
  await rec.call(
    'ecr',
    'PutImage',
    () =>
      ecr.send(
        new PutImageCommand({
          repositoryName,
          imageTag: 'prod-v1',
          imageManifest: promoted,
          imageManifestMediaType: OCI_MANIFEST,
        }),
      ),
    { label: 'promote by re-tag' },
  );
  await rec.call(
    'ecr',
    'PutImage',
    () =>
      ecr.send(
        new PutImageCommand({
          repositoryName,
          imageTag: 'v1',
          imageManifest: image.manifest('v2'),
          imageManifestMediaType: OCI_MANIFEST,
        }),
      ),
    { label: 'another digest under an immutable tag', expectedError: 'ImageTagAlreadyExistsException' },
  );
  await rec.call('ecr', 'DescribeImages', () =>
    ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag: 'v1' }] })),
  );

  // The scan gate: no scan yet (the repository does not scan on push), then one started and read.
  await rec.call(
    'ecr',
    'DescribeImageScanFindings',
    () => ecr.send(new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageTag: 'v1' } })),
    { label: 'before any scan', expectedError: 'ScanNotFoundException' },
  );
  await rec.call('ecr', 'StartImageScan', () =>
    ecr.send(new StartImageScanCommand({ repositoryName, imageId: { imageTag: 'v1' } })),
  );
  await rec.call('ecr', 'DescribeImageScanFindings', () =>
    ecr.send(new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageTag: 'v1' } })),
  );

  // Cleaning up a promotion tag leaves the image under its other tag; a tag that is not there is a failure entry.
  await rec.call('ecr', 'BatchDeleteImage', () =>
    ecr.send(
      new BatchDeleteImageCommand({
        repositoryName,
        imageIds: [{ imageTag: 'prod-v1' }, { imageTag: 'gone' }],
      }),
    ),
  );

  const digest = pushed?.image?.imageId?.imageDigest ?? sha256(Buffer.from(manifest));
  return `${repositoryUri}@${digest}`;
}
