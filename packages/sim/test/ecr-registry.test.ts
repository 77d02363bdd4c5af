import { createHash } from 'node:crypto';
import { DescribeImagesCommand, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { pushImage } from '../src';
import { ecrClient, startEcr, stopEcr, type EcrFixture } from './ecr-helpers';

let f: EcrFixture;
let authorization: string;

beforeAll(async () => {
  f = await startEcr({
    seed: {
      repositories: [
        { name: 'shop/api' },
        { name: 'shop/web' },
        { name: 'locked', imageTagMutability: 'IMMUTABLE' },
        { name: 'eu/api', region: 'eu-west-1' },
      ],
    },
  });
  authorization = await f.basic();
});
afterAll(() => stopEcr(f));

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const v2 = (path: string): string => `${f.running.url}/v2/${path}`;

async function errorCode(res: Response): Promise<string | undefined> {
  const body = (await res.json()) as { errors?: { code: string }[] };
  return body.errors?.[0]?.code;
}

describe('the OCI registry behind ECR', () => {
  test('GET /v2/ challenges for basic auth and accepts the GetAuthorizationToken password', async () => {
    const anonymous = await fetch(v2(''));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="/);
    expect(anonymous.headers.get('docker-distribution-api-version')).toBe('registry/2.0');

    expect((await fetch(v2(''), { headers: { authorization } })).status).toBe(200);

    const wrong = await fetch(v2(''), {
      headers: { authorization: `Basic ${Buffer.from('AWS:not-the-password').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    expect(await errorCode(wrong)).toBe('UNAUTHORIZED');
  });

  test('a token expires after 12 hours on the simulator clock', async () => {
    const old = await f.basic();
    f.running.sim.clock.advance(12 * 3600_000 + 1000);
    const res = await fetch(v2(''), { headers: { authorization: old } });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('DENIED');
    authorization = await f.basic();
  });

  test('a token is for its own region', async () => {
    const res = await fetch(v2('000000000000/eu-west-1/eu/api/tags/list'), { headers: { authorization } });
    expect(res.status).toBe(403);
    const eu = ecrClient(f.running.url, 'eu-west-1');
    const token = (await eu.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!
      .authorizationToken!;
    eu.destroy();
    const ok = await fetch(v2('000000000000/eu-west-1/eu/api/tags/list'), {
      headers: { authorization: `Basic ${token}` },
    });
    expect(ok.status).toBe(200);
  });

  test('an unknown repository is NAME_UNKNOWN: ECR does not create repositories on push', async () => {
    const res = await fetch(v2(`${f.path('nope')}/blobs/uploads/`), {
      method: 'POST',
      headers: { authorization },
    });
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe('NAME_UNKNOWN');
  });

  test('a chunked upload (PATCH with Content-Range) then PUT ?digest= stores a verified blob', async () => {
    const blob = Buffer.from('x'.repeat(3000) + 'y'.repeat(2000));
    const start = await fetch(v2(`${f.path('shop/api')}/blobs/uploads/`), {
      method: 'POST',
      headers: { authorization },
    });
    expect(start.status).toBe(202);
    expect(start.headers.get('range')).toBe('0-0');
    const uuid = start.headers.get('docker-upload-uuid');
    let location = new URL(start.headers.get('location')!, f.running.url);
    expect(location.pathname).toBe(`/v2/${f.path('shop/api')}/blobs/uploads/${uuid}`);

    const first = await fetch(location, {
      method: 'PATCH',
      headers: { authorization, 'content-range': '0-2999', 'content-type': 'application/octet-stream' },
      body: blob.subarray(0, 3000),
    });
    expect(first.status).toBe(202);
    expect(first.headers.get('range')).toBe('0-2999');
    location = new URL(first.headers.get('location')!, f.running.url);

    const outOfOrder = await fetch(location, {
      method: 'PATCH',
      headers: { authorization, 'content-range': '10-19' },
      body: blob.subarray(10, 20),
    });
    expect(outOfOrder.status).toBe(416);

    const second = await fetch(location, {
      method: 'PATCH',
      headers: { authorization, 'content-range': '3000-4999' },
      body: blob.subarray(3000),
    });
    expect(second.headers.get('range')).toBe('0-4999');

    const wrongDigest = sha256(Buffer.from('other'));
    location.searchParams.set('digest', wrongDigest);
    const bad = await fetch(location, { method: 'PUT', headers: { authorization } });
    expect(bad.status).toBe(400);
    expect(await errorCode(bad)).toBe('DIGEST_INVALID');

    // A fresh session, monolithic PUT this time.
    const again = await fetch(v2(`${f.path('shop/api')}/blobs/uploads/`), {
      method: 'POST',
      headers: { authorization },
    });
    const put = new URL(again.headers.get('location')!, f.running.url);
    put.searchParams.set('digest', sha256(blob));
    const done = await fetch(put, { method: 'PUT', headers: { authorization }, body: blob });
    expect(done.status).toBe(201);
    expect(done.headers.get('docker-content-digest')).toBe(sha256(blob));

    const head = await fetch(v2(`${f.path('shop/api')}/blobs/${sha256(blob)}`), {
      method: 'HEAD',
      headers: { authorization },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('5000');
    const get = await fetch(v2(`${f.path('shop/api')}/blobs/${sha256(blob)}`), {
      headers: { authorization },
    });
    expect(Buffer.from(await get.arrayBuffer()).equals(blob)).toBe(true);
    const ranged = await fetch(v2(`${f.path('shop/api')}/blobs/${sha256(blob)}`), {
      headers: { authorization, range: 'bytes=2998-3001' },
    });
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe('xxyy');

    // Blobs belong to a repository: the other one does not have it until it is mounted.
    const elsewhere = await fetch(v2(`${f.path('shop/web')}/blobs/${sha256(blob)}`), {
      method: 'HEAD',
      headers: { authorization },
    });
    expect(elsewhere.status).toBe(404);
    const mount = await fetch(
      v2(`${f.path('shop/web')}/blobs/uploads/?mount=${sha256(blob)}&from=${f.path('shop/api')}`),
      {
        method: 'POST',
        headers: { authorization },
      },
    );
    expect(mount.status).toBe(201);
    expect(mount.headers.get('location')).toBe(`/v2/${f.path('shop/web')}/blobs/${sha256(blob)}`);
    const unknown = await fetch(
      v2(`${f.path('shop/web')}/blobs/uploads/?mount=${sha256(Buffer.from('?'))}&from=${f.path('shop/api')}`),
      {
        method: 'POST',
        headers: { authorization },
      },
    );
    expect(unknown.status).toBe(202);
    expect(unknown.headers.get('docker-upload-uuid')).toBeTruthy();
  });

  test('manifests by tag and digest, the tag list, and tag immutability in the registry error format', async () => {
    const auth = await f.auth();
    const pushed = await pushImage({
      registryUrl: f.running.url,
      repository: f.path('locked'),
      tags: ['v1', 'stable'],
      auth,
    });
    const byTag = await fetch(v2(`${f.path('locked')}/manifests/v1`), {
      method: 'HEAD',
      headers: { authorization },
    });
    expect(byTag.status).toBe(200);
    expect(byTag.headers.get('docker-content-digest')).toBe(pushed.digest);
    expect(byTag.headers.get('content-type')).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(byTag.headers.get('content-length')).toBe(String(pushed.size));
    const byDigest = await fetch(v2(`${f.path('locked')}/manifests/${pushed.digest}`), {
      headers: { authorization },
    });
    expect(await byDigest.text()).toBe(pushed.manifest);
    const missing = await fetch(v2(`${f.path('locked')}/manifests/v404`), { headers: { authorization } });
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe('MANIFEST_UNKNOWN');

    // Pushing the same image under the same tag again is fine; another image under it is not.
    await pushImage({ registryUrl: f.running.url, repository: f.path('locked'), tags: ['v1'], auth });
    await expect(
      pushImage({
        registryUrl: f.running.url,
        repository: f.path('locked'),
        tags: ['v1'],
        auth,
        files: { 'x.txt': 'other' },
      }),
    ).rejects.toThrow(
      /TAG_INVALID.*The image tag 'v1' already exists in the 'locked' repository and cannot be overwritten/,
    );

    const tags = await fetch(v2(`${f.path('locked')}/tags/list`), { headers: { authorization } });
    expect(await tags.json()).toEqual({ name: f.path('locked'), tags: ['stable', 'v1'] });
    const page = await fetch(v2(`${f.path('locked')}/tags/list?n=1`), { headers: { authorization } });
    expect(((await page.json()) as { tags: string[] }).tags).toEqual(['stable']);
    expect(page.headers.get('link')).toContain('last=stable');

    const described = await f.ecr.send(new DescribeImagesCommand({ repositoryName: 'locked' }));
    expect(described.imageDetails!.map((d) => d.imageDigest)).toEqual(
      expect.arrayContaining([pushed.digest]),
    );
  });

  test('an OCI index is stored when the images it lists are in the repository', async () => {
    const auth = await f.auth();
    const amd = await pushImage({
      registryUrl: f.running.url,
      repository: f.path('shop/web'),
      auth,
      files: { arch: 'amd64' },
    });
    const index = (digests: string[]): string =>
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: digests.map((digest) => ({
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest,
          size: amd.size,
          platform: { architecture: 'amd64', os: 'linux' },
        })),
      });
    const headers = { authorization, 'content-type': 'application/vnd.oci.image.index.v1+json' };
    const missing = await fetch(v2(`${f.path('shop/web')}/manifests/multi`), {
      method: 'PUT',
      headers,
      body: index([amd.digest, sha256(Buffer.from('arm64'))]),
    });
    expect(await errorCode(missing)).toBe('MANIFEST_BLOB_UNKNOWN');
    const ok = await fetch(v2(`${f.path('shop/web')}/manifests/multi`), {
      method: 'PUT',
      headers,
      body: index([amd.digest]),
    });
    expect(ok.status).toBe(201);
    const got = await fetch(v2(`${f.path('shop/web')}/manifests/multi`), { headers: { authorization } });
    expect(got.headers.get('content-type')).toBe('application/vnd.oci.image.index.v1+json');
    const described = await f.ecr.send(
      new DescribeImagesCommand({ repositoryName: 'shop/web', imageIds: [{ imageTag: 'multi' }] }),
    );
    expect(described.imageDetails![0]!.imageManifestMediaType).toBe(
      'application/vnd.oci.image.index.v1+json',
    );
  });

  test('a manifest whose blobs the repository lacks is MANIFEST_BLOB_UNKNOWN; a digest reference must match', async () => {
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: sha256(Buffer.from('nope')),
        size: 4,
      },
      layers: [],
    });
    const headers = { authorization, 'content-type': 'application/vnd.oci.image.manifest.v1+json' };
    const res = await fetch(v2(`${f.path('shop/api')}/manifests/broken`), {
      method: 'PUT',
      headers,
      body: manifest,
    });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('MANIFEST_BLOB_UNKNOWN');
    const digest = await fetch(v2(`${f.path('shop/api')}/manifests/${sha256(Buffer.from('x'))}`), {
      method: 'PUT',
      headers,
      body: manifest,
    });
    expect(await errorCode(digest)).toBe('DIGEST_INVALID');
  });
});
