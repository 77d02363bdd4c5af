import { createHash } from 'node:crypto';
import {
  BatchGetImageCommand,
  ECRClient,
  PutImageCommand,
  type BatchGetImageCommandOutput,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { promoteImage, type PromoteEnd } from '../src/ecr/promote';
import type { RepositoryInfo } from '../src/ecr/repository';
import { captureStdout, type Captured } from './helpers/capture';

/**
 * promoteImage refuses to report a promotion ECR did not make: PutImage must store the exact digest, and every
 * tag read back afterwards must name it.
 */

const ecrMock = mockClient(ECRClient);
const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  layers: [],
});
const DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;
const OTHER = `sha256:${'e'.repeat(64)}`;
const REPO: RepositoryInfo = {
  name: 'shop/api',
  registryId: '123456789012',
  uri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api',
  arn: 'arn:aws:ecr:eu-west-1:123456789012:repository/shop/api',
  mutability: 'MUTABLE',
  exclusions: [],
  scanOnPush: false,
  created: false,
};
const image = { digest: DIGEST, manifest: MANIFEST, mediaType: 'application/vnd.oci.image.manifest.v1+json' };

let out: Captured;
let end: PromoteEnd;

beforeEach(() => {
  ecrMock.reset();
  out = captureStdout();
  const ecr = new ECRClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  end = {
    ecr,
    repo: REPO,
    registry: () => Promise.reject(new Error('no registry access within one repository')),
  };
});

afterEach(() => {
  out.restore();
});

/** BatchGetImage answers: before the promotion the tags are missing, afterwards `after` says where they are. */
function tagsBeforeAndAfter(after: Record<string, string | undefined>): void {
  let reads = 0;
  ecrMock.on(BatchGetImageCommand).callsFake((input: { imageIds?: { imageTag?: string }[] }) => {
    const afterPromotion = reads++ > 0;
    const answer: Partial<BatchGetImageCommandOutput> = { images: [], failures: [] };
    for (const id of input.imageIds ?? []) {
      const digest = afterPromotion ? after[id.imageTag!] : undefined;
      if (digest === undefined) answer.failures!.push({ imageId: id, failureCode: 'ImageNotFound' });
      else
        answer.images!.push({
          imageId: { imageTag: id.imageTag!, imageDigest: digest },
          imageManifest: MANIFEST,
        });
    }
    return answer;
  });
}

it('fails when PutImage stored the manifest under another digest than the one promoted', async () => {
  tagsBeforeAndAfter({ 'prod-1': DIGEST });
  ecrMock.on(PutImageCommand).resolves({ image: { imageId: { imageDigest: OTHER, imageTag: 'prod-1' } } });
  await expect(promoteImage({ source: end, target: end, image, tags: ['prod-1'] })).rejects.toThrow(
    `PutImage stored prod-1 in shop/api as ${OTHER}, not ${DIGEST}.`,
  );
});

it('fails when PutImage answers without a digest', async () => {
  tagsBeforeAndAfter({ 'prod-1': DIGEST });
  ecrMock.on(PutImageCommand).resolves({ image: { imageId: { imageTag: 'prod-1' } } });
  await expect(promoteImage({ source: end, target: end, image, tags: ['prod-1'] })).rejects.toThrow(
    `PutImage stored prod-1 in shop/api as nothing, not ${DIGEST}.`,
  );
});

it.each([
  ['names another image (moved by someone else meanwhile)', { 'prod-1': DIGEST, 'prod-2': OTHER }, OTHER],
  ['is gone', { 'prod-1': DIGEST }, 'nothing'],
])('fails when a tag read back after the promotion %s', async (_name, after, names) => {
  tagsBeforeAndAfter(after);
  ecrMock.on(PutImageCommand).callsFake((input: { imageTag?: string }) => ({
    image: { imageId: { imageDigest: DIGEST, imageTag: input.imageTag } },
  }));
  await expect(promoteImage({ source: end, target: end, image, tags: ['prod-1', 'prod-2'] })).rejects.toThrow(
    `After promotion, tag "prod-2" in shop/api names ${names}, not ${DIGEST}.`,
  );
  expect(ecrMock.commandCalls(PutImageCommand).map((c) => c.args[0].input.imageTag)).toEqual([
    'prod-1',
    'prod-2',
  ]);
});

it('succeeds when PutImage and the read-back agree', async () => {
  tagsBeforeAndAfter({ 'prod-1': DIGEST, 'prod-2': DIGEST });
  ecrMock.on(PutImageCommand).callsFake((input: { imageTag?: string }) => ({
    image: { imageId: { imageDigest: DIGEST, imageTag: input.imageTag } },
  }));
  await expect(
    promoteImage({ source: end, target: end, image, tags: ['prod-1', 'prod-2'] }),
  ).resolves.toEqual({
    digest: DIGEST,
    added: ['prod-1', 'prod-2'],
    mounted: 0,
    copied: 0,
    copiedBytes: 0,
  });
});
