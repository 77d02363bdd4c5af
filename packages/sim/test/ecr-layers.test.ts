import {
  BatchCheckLayerAvailabilityCommand,
  CompleteLayerUploadCommand,
  GetDownloadUrlForLayerCommand,
  InitiateLayerUploadCommand,
  PutImageCommand,
  UploadLayerPartCommand,
} from '@aws-sdk/client-ecr';
import { pushImage } from '../src';
import { errorOf, startEcr, stopEcr, type EcrFixture } from './ecr-helpers';

let f: EcrFixture;

beforeAll(async () => {
  f = await startEcr({
    seed: { repositories: [{ name: 'dev/api' }, { name: 'prod/api', imageTagMutability: 'IMMUTABLE' }] },
  });
});
afterAll(() => stopEcr(f));

describe('ECR layer API', () => {
  test('copying layers between repositories through the API makes PutImage succeed there', async () => {
    const pushed = await pushImage({
      registryUrl: f.running.url,
      repository: f.path('dev/api'),
      tags: ['v1'],
      auth: await f.auth(),
    });
    const doc = JSON.parse(pushed.manifest) as { config: { digest: string }; layers: { digest: string }[] };
    const digests = [doc.config.digest, ...doc.layers.map((l) => l.digest)];

    const before = await f.ecr.send(
      new BatchCheckLayerAvailabilityCommand({ repositoryName: 'prod/api', layerDigests: digests }),
    );
    expect(before.layers).toEqual([]);
    expect(before.failures!.map((x) => x.failureCode)).toEqual(['MissingLayerDigest', 'MissingLayerDigest']);

    for (const layerDigest of digests) {
      const { downloadUrl } = await f.ecr.send(
        new GetDownloadUrlForLayerCommand({ repositoryName: 'dev/api', layerDigest }),
      );
      // The URL is pre-signed: no registry credentials needed.
      const bytes = new Uint8Array(await (await fetch(downloadUrl!)).arrayBuffer());
      const { uploadId } = await f.ecr.send(new InitiateLayerUploadCommand({ repositoryName: 'prod/api' }));
      const half = Math.floor(bytes.length / 2);
      for (const [first, last] of [
        [0, half - 1],
        [half, bytes.length - 1],
      ] as const) {
        const part = await f.ecr.send(
          new UploadLayerPartCommand({
            repositoryName: 'prod/api',
            uploadId,
            partFirstByte: first,
            partLastByte: last,
            layerPartBlob: bytes.subarray(first, last + 1),
          }),
        );
        expect(part.lastByteReceived).toBe(last);
      }
      const done = await f.ecr.send(
        new CompleteLayerUploadCommand({ repositoryName: 'prod/api', uploadId, layerDigests: [layerDigest] }),
      );
      expect(done.layerDigest).toBe(layerDigest);
    }

    const after = await f.ecr.send(
      new BatchCheckLayerAvailabilityCommand({ repositoryName: 'prod/api', layerDigests: digests }),
    );
    expect(after.layers!.map((l) => l.layerAvailability)).toEqual(['AVAILABLE', 'AVAILABLE']);
    const put = await f.ecr.send(
      new PutImageCommand({ repositoryName: 'prod/api', imageManifest: pushed.manifest, imageTag: 'v1' }),
    );
    expect(put.image!.imageId!.imageDigest).toBe(pushed.digest);
  });

  test('a wrong digest, a gap between parts and a forged download URL are refused', async () => {
    const { uploadId } = await f.ecr.send(new InitiateLayerUploadCommand({ repositoryName: 'dev/api' }));
    const blob = Buffer.from('some layer bytes');
    const gap = await errorOf(
      f.ecr.send(
        new UploadLayerPartCommand({
          repositoryName: 'dev/api',
          uploadId,
          partFirstByte: 5,
          partLastByte: 20,
          layerPartBlob: blob,
        }),
      ),
    );
    expect(gap.name).toBe('InvalidLayerPartException');
    await f.ecr.send(
      new UploadLayerPartCommand({
        repositoryName: 'dev/api',
        uploadId,
        partFirstByte: 0,
        partLastByte: blob.length - 1,
        layerPartBlob: blob,
      }),
    );
    const wrong = await errorOf(
      f.ecr.send(
        new CompleteLayerUploadCommand({
          repositoryName: 'dev/api',
          uploadId,
          layerDigests: [`sha256:${'0'.repeat(64)}`],
        }),
      ),
    );
    expect(wrong.name).toBe('InvalidLayerException');

    const forged = await fetch(
      `${f.running.url}/v2/${f.path('dev/api')}/blobs/sha256:${'0'.repeat(64)}?X-Amz-Signature=forged`,
    );
    expect(forged.status).toBe(403);
  });
});
