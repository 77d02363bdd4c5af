import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { pushImage, startSimulator, type RunningSimulator } from '@ecs-delivery/sim';
import { parseRepositoryRef } from '../src';
import {
  getManifest,
  getRegistryAuth,
  type PromoteEnd,
  promoteImage,
  referencesOf,
  registryClientFor,
  resolveRepository,
  TagConflictError,
} from '../src/ecr';
import { captureStdout, type Captured } from './helpers/capture';

/** promoteImage against the simulator's ECR API and registry: an image index, across repositories and accounts. */

const OTHER = '111111111111';
const INDEX = 'application/vnd.oci.image.index.v1+json';
let sim: RunningSimulator;
let out: Captured;
const clients: ECRClient[] = [];

function ecrFor(account: string): ECRClient {
  const ecr = new ECRClient({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: account === '000000000000' ? 'test' : account, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  clients.push(ecr);
  return ecr;
}

async function endOf(name: string, account = '000000000000'): Promise<PromoteEnd> {
  const ecr = ecrFor(account);
  const repo = await resolveRepository(ecr, parseRepositoryRef(name, 'repository'), { input: 'repository' });
  return { ecr, repo, registry: async () => registryClientFor(await getRegistryAuth(ecr, repo.registryId)) };
}

/** Two single-platform images and an OCI index over them, pushed by digest, the index tagged. */
async function pushIndex(repository: string, tag: string): Promise<string> {
  const ecr = ecrFor('000000000000');
  const auth = await getRegistryAuth(ecr);
  const creds = { username: auth.username, password: auth.password };
  const path = `000000000000/us-east-1/${repository}`;
  const amd = await pushImage({
    registryUrl: auth.endpoint,
    repository: path,
    auth: creds,
    files: { arch: 'amd64' },
  });
  const arm = await pushImage({
    registryUrl: auth.endpoint,
    repository: path,
    auth: creds,
    files: { arch: 'arm64' },
  });
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: INDEX,
    manifests: [
      {
        mediaType: amd.mediaType,
        digest: amd.digest,
        size: amd.size,
        platform: { architecture: 'amd64', os: 'linux' },
      },
      {
        mediaType: arm.mediaType,
        digest: arm.digest,
        size: arm.size,
        platform: { architecture: 'arm64', os: 'linux' },
      },
    ],
  });
  const res = await fetch(`${auth.endpoint}/v2/${path}/manifests/${tag}`, {
    method: 'PUT',
    headers: {
      authorization: `Basic ${Buffer.from(`AWS:${auth.password}`).toString('base64')}`,
      'content-type': INDEX,
    },
    body: index,
  });
  expect(res.status).toBe(201);
  return res.headers.get('docker-content-digest')!;
}

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      repositories: [
        { name: 'shop/api' },
        { name: 'release/api', imageTagMutability: 'IMMUTABLE' },
        { name: 'shop/api', account: OTHER, imageTagMutability: 'IMMUTABLE' },
      ],
    },
  });
  out = captureStdout();
});

afterAll(async () => {
  out.restore();
  for (const c of clients) c.destroy();
  await sim.close();
});

describe('promoteImage', () => {
  it('copies an image index with its child manifests into another account, keeping the digest', async () => {
    const digest = await pushIndex('shop/api', 'multi-1');
    const source = await endOf('shop/api');
    const target = await endOf('shop/api', OTHER);
    const image = (await getManifest(source.ecr, source.repo, { tag: 'multi-1' }))!;
    expect(image).toMatchObject({ digest, mediaType: INDEX });
    expect(referencesOf(image.manifest).manifests).toHaveLength(2);

    const result = await promoteImage({ source, target, image, tags: ['prod-1'] });
    // Two children, each a config and a layer; another account is another registry: copied, not mounted.
    expect(result).toMatchObject({ digest, added: ['prod-1'], mounted: 0, copied: 4 });
    const described = await target.ecr.send(new DescribeImagesCommand({ repositoryName: 'shop/api' }));
    const byDigest = new Map(described.imageDetails!.map((d) => [d.imageDigest!, d.imageTags ?? []]));
    expect(byDigest.get(digest)).toEqual(['prod-1']);
    for (const child of referencesOf(image.manifest).manifests) expect(byDigest.has(child)).toBe(true);

    const again = await promoteImage({ source, target, image, tags: ['prod-1'] });
    expect(again).toMatchObject({ added: [], mounted: 0, copied: 0 });
  });

  it('mounts blobs within one registry and refuses a fixed tag that names another image', async () => {
    const source = await endOf('shop/api');
    const target = await endOf('release/api');
    const image = (await getManifest(source.ecr, source.repo, { tag: 'multi-1' }))!;
    const result = await promoteImage({ source, target, image, tags: ['r1', 'r2'] });
    expect(result).toMatchObject({ added: ['r1', 'r2'], mounted: 4, copied: 0 });

    const ecr = ecrFor('000000000000');
    const auth = await getRegistryAuth(ecr);
    const other = await pushImage({
      registryUrl: auth.endpoint,
      repository: '000000000000/us-east-1/shop/api',
      tags: ['other'],
      auth: { username: 'AWS', password: auth.password },
      files: { other: 'yes' },
    });
    const otherImage = (await getManifest(source.ecr, source.repo, { digest: other.digest }))!;
    await expect(promoteImage({ source, target, image: otherImage, tags: ['r3', 'r1'] })).rejects.toThrow(
      TagConflictError,
    );
    await expect(promoteImage({ source, target, image: otherImage, tags: ['r1'] })).rejects.toThrow(
      `Tag "r1" already exists in release/api on digest ${image.digest}, not on ${other.digest}`,
    );
  });

  it('refuses a manifest whose bytes do not match the digest it is promoted as', async () => {
    const source = await endOf('shop/api');
    const image = (await getManifest(source.ecr, source.repo, { tag: 'multi-1' }))!;
    await expect(
      promoteImage({
        source,
        target: source,
        image: { ...image, manifest: `${image.manifest} ` },
        tags: ['x'],
      }),
    ).rejects.toThrow(`The manifest read for ${image.digest} has the digest`);
  });
});
