import { BatchGetImageCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import { pushImage, type PushedImage } from '../src';
import { errorOf, startEcr, stopEcr, type EcrFixture } from './ecr-helpers';

/*
 * BatchGetImage `acceptedMediaTypes` (API reference): "The accepted media types for the request. Valid values:
 * application/vnd.docker.distribution.manifest.v1+json | application/vnd.docker.distribution.manifest.v2+json
 * | application/vnd.oci.image.manifest.v1+json", a list of 1 to 100 items.
 *
 * ECR user guide, "Container image manifest format support": "When you pull an image from Amazon ECR by tag,
 * Amazon ECR returns the image manifest format that is stored in the repository. The format is returned only
 * if that format is understood by the client. If the stored image manifest format isn't understood by the
 * client, Amazon ECR converts the image manifest into a format that is understood." Its table: schema 2
 * requested of an OCI image is "Translated to V2, schema 2"; OCI requested of a schema 2 image is "Translated
 * to OCI"; schema 1 requested of an OCI image is "No translation available". And: "If you pull an image by
 * digest, there is no translation available."
 *
 * When nothing can be translated, an AWS engineer (awslabs/amazon-ecr-containerd-resolver PR #13): "It's not
 * an error if the media type doesn't match the types we pass as accepted in the call; it just means that ECR
 * didn't have content that matched the requested media type and couldn't transform it, but is still a valid
 * response."
 */

const DOCKER_V1 = 'application/vnd.docker.distribution.manifest.v1+json';
const DOCKER_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
const DOCKER_FOREIGN = 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip';
const OCI = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
const OCI_FOREIGN = 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip';

const REPO = 'media/api';
const FOREIGN_LAYER = {
  digest: `sha256:${'f'.repeat(64)}`,
  size: 1234,
  urls: ['https://example.com/layer.tar.gz'],
};

interface Manifest {
  schemaVersion: number;
  mediaType?: string;
  config: { mediaType: string; digest: string; size: number };
  layers: { mediaType: string; digest: string; size: number; urls?: string[] }[];
}

let f: EcrFixture;
let oci: PushedImage;
let ociManifest: Manifest;
let dockerManifest: string;
let dockerDigest: string;
let foreignManifest: string;

async function putImage(manifest: string, imageTag: string, mediaType: string): Promise<string> {
  const out = await f.ecr.send(
    new PutImageCommand({
      repositoryName: REPO,
      imageManifest: manifest,
      imageTag,
      imageManifestMediaType: mediaType,
    }),
  );
  return out.image!.imageId!.imageDigest!;
}

beforeAll(async () => {
  f = await startEcr({ seed: { repositories: [{ name: REPO }] } });
  const auth = await f.auth();
  oci = await pushImage({
    registryUrl: f.running.url,
    repository: f.path(REPO),
    tags: ['oci'],
    auth,
    files: { 'app.txt': 'media types' },
  });
  ociManifest = JSON.parse(oci.manifest) as Manifest;
  // The same config and layer blobs, pushed as a Docker V2 schema 2 manifest.
  dockerManifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: DOCKER_V2,
    config: { ...ociManifest.config, mediaType: DOCKER_CONFIG },
    layers: ociManifest.layers.map((l) => ({ ...l, mediaType: DOCKER_LAYER })),
  });
  dockerDigest = await putImage(dockerManifest, 'docker', DOCKER_V2);
  // An OCI image with a non-distributable layer fetched from elsewhere (`urls`), so not held by ECR.
  foreignManifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI,
    config: ociManifest.config,
    layers: [...ociManifest.layers, { mediaType: OCI_FOREIGN, ...FOREIGN_LAYER }],
  });
  await putImage(foreignManifest, 'foreign', OCI);
});
afterAll(() => stopEcr(f));

async function get(
  imageId: { imageTag?: string; imageDigest?: string },
  acceptedMediaTypes?: string[],
): Promise<{ manifest: string; mediaType: string; digest: string; failures: number }> {
  const out = await f.ecr.send(
    new BatchGetImageCommand({
      repositoryName: REPO,
      imageIds: [imageId],
      ...(acceptedMediaTypes !== undefined ? { acceptedMediaTypes } : {}),
    }),
  );
  const image = out.images![0]!;
  return {
    manifest: image.imageManifest!,
    mediaType: image.imageManifestMediaType!,
    digest: image.imageId!.imageDigest!,
    failures: out.failures!.length,
  };
}

describe('BatchGetImage acceptedMediaTypes', () => {
  test('a list of 1 to 100 items; an empty or longer list is a ValidationException', async () => {
    expect(await errorOf(get({ imageTag: 'oci' }, []))).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '[]' at 'acceptedMediaTypes' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });
    const tooMany = await errorOf(
      get(
        { imageTag: 'oci' },
        Array.from({ length: 101 }, () => OCI),
      ),
    );
    expect(tooMany.name).toBe('ValidationException');
    expect(tooMany.message).toMatch(
      /at 'acceptedMediaTypes' failed to satisfy constraint: Member must have length less than or equal to 100$/,
    );
    // Refused before the repository is looked up.
    const missingRepo = await errorOf(
      f.ecr.send(
        new BatchGetImageCommand({
          repositoryName: 'nope',
          imageIds: [{ imageTag: 'x' }],
          acceptedMediaTypes: [],
        }),
      ),
    );
    expect(missingRepo.name).toBe('ValidationException');
    // 100 is fine, and so are the index and list types, which the model does not refuse (no enum) and AWS's
    // own containerd resolver sends.
    const hundred = await get(
      { imageTag: 'oci' },
      Array.from({ length: 100 }, () => OCI),
    );
    expect(hundred.manifest).toBe(oci.manifest);
    const withLists = await get({ imageTag: 'oci' }, [OCI_INDEX, OCI, DOCKER_LIST, DOCKER_V2]);
    expect(withLists).toEqual({ manifest: oci.manifest, mediaType: OCI, digest: oci.digest, failures: 0 });
  });

  test('by tag, a Docker V2 schema 2 image is translated to OCI when only OCI is accepted', async () => {
    const got = await get({ imageTag: 'docker' }, [OCI]);
    expect(got.mediaType).toBe(OCI);
    expect(got.digest).toBe(dockerDigest);
    expect(got.failures).toBe(0);
    const m = JSON.parse(got.manifest) as Manifest;
    expect(m).toEqual({
      schemaVersion: 2,
      mediaType: OCI,
      config: { ...ociManifest.config, mediaType: OCI_CONFIG },
      layers: ociManifest.layers.map((l) => ({ ...l, mediaType: OCI_LAYER })),
    });
  });

  test('by tag, an OCI image is translated to Docker V2 schema 2 when only schema 2 is accepted', async () => {
    const got = await get({ imageTag: 'oci' }, [DOCKER_V2]);
    expect(got).toMatchObject({ mediaType: DOCKER_V2, digest: oci.digest, failures: 0 });
    const m = JSON.parse(got.manifest) as Manifest;
    expect(m.mediaType).toBe(DOCKER_V2);
    expect(m.config).toEqual({ ...ociManifest.config, mediaType: DOCKER_CONFIG });
    expect(m.layers).toEqual(ociManifest.layers.map((l) => ({ ...l, mediaType: DOCKER_LAYER })));

    // A non-distributable OCI layer becomes a Docker foreign layer, its urls kept.
    const foreign = JSON.parse((await get({ imageTag: 'foreign' }, [DOCKER_V2])).manifest) as Manifest;
    expect(foreign.layers.map((l) => l.mediaType)).toEqual([DOCKER_LAYER, DOCKER_FOREIGN]);
    expect(foreign.layers[1]).toEqual({ mediaType: DOCKER_FOREIGN, ...FOREIGN_LAYER });
  });

  test('no translation available: the stored manifest, and no failure', async () => {
    // By digest, whatever is accepted.
    expect(await get({ imageDigest: dockerDigest }, [OCI])).toEqual({
      manifest: dockerManifest,
      mediaType: DOCKER_V2,
      digest: dockerDigest,
      failures: 0,
    });
    expect(await get({ imageDigest: oci.digest }, [DOCKER_V2])).toMatchObject({
      manifest: oci.manifest,
      mediaType: OCI,
    });
    // By tag and digest is a pull by digest too.
    expect(await get({ imageTag: 'oci', imageDigest: oci.digest }, [DOCKER_V2])).toMatchObject({
      manifest: oci.manifest,
      mediaType: OCI,
    });
    // Schema 1 requested of an OCI image.
    expect(await get({ imageTag: 'oci' }, [DOCKER_V1])).toEqual({
      manifest: oci.manifest,
      mediaType: OCI,
      digest: oci.digest,
      failures: 0,
    });

    // An OCI index by tag, only schema 2 accepted.
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        {
          mediaType: OCI,
          digest: oci.digest,
          size: oci.size,
          platform: { architecture: 'amd64', os: 'linux' },
        },
      ],
    });
    const indexDigest = await putImage(index, 'multi', OCI_INDEX);
    expect(await get({ imageTag: 'multi' }, [DOCKER_V2])).toEqual({
      manifest: index,
      mediaType: OCI_INDEX,
      digest: indexDigest,
      failures: 0,
    });
  });

  test('the stored type among the accepted ones, or no acceptedMediaTypes at all: the stored manifest', async () => {
    expect(await get({ imageTag: 'docker' }, [OCI, DOCKER_V2])).toMatchObject({
      manifest: dockerManifest,
      mediaType: DOCKER_V2,
    });
    expect(await get({ imageTag: 'docker' })).toMatchObject({
      manifest: dockerManifest,
      mediaType: DOCKER_V2,
    });
    expect(await get({ imageTag: 'oci' })).toMatchObject({ manifest: oci.manifest, mediaType: OCI });
  });
});
