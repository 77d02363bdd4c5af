import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { pushImage, startSimulator, type RunningSimulator } from '@ecs-delivery/sim';
import { type FetchLike, RegistryClient, RegistryHttpError, sha256Digest } from '../src/registry';

/** The registry client against the simulator's OCI registry (a real HTTP peer). */

let sim: RunningSimulator;
let client: RegistryClient;
let password: string;
const API = '000000000000/us-east-1/shop/api';
const WEB = '000000000000/us-east-1/shop/web';

beforeAll(async () => {
  sim = await startSimulator({ seed: { repositories: [{ name: 'shop/api' }, { name: 'shop/web' }] } });
  const ecr = new ECRClient({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
  ecr.destroy();
  password = Buffer.from(data.authorizationToken!, 'base64').toString('utf8').slice('AWS:'.length);
  client = new RegistryClient({ endpoint: data.proxyEndpoint!, credentials: { username: 'AWS', password } });
});

afterAll(async () => {
  await sim.close();
});

describe('RegistryClient', () => {
  it('maps a repositoryUri of its registry to a path, and nothing else', () => {
    const host = new URL(sim.url).host;
    expect(client.pathOf(`${host}/${API}`)).toBe(API);
    expect(client.pathOf(`elsewhere:5000/${API}`)).toBeUndefined();
  });

  it('uploads, finds, downloads and mounts blobs; reads manifests exactly', async () => {
    const blob = Buffer.from('a layer of bytes\n');
    const digest = sha256Digest(blob);
    expect(await client.hasBlob(API, digest)).toBe(false);
    await client.putBlob(API, digest, blob);
    expect(await client.hasBlob(API, digest)).toBe(true);
    expect(await client.getBlob(API, digest)).toEqual(blob);

    expect(await client.hasBlob(WEB, digest)).toBe(false);
    expect(await client.mountBlob(WEB, digest, API)).toBe(true);
    expect(await client.hasBlob(WEB, digest)).toBe(true);
    // Nothing to mount from: the registry opens an upload session, which the client cancels.
    const other = sha256Digest(Buffer.from('never uploaded'));
    expect(await client.mountBlob(WEB, other, API)).toBe(false);

    const pushed = await pushImage({
      registryUrl: sim.url,
      repository: API,
      tags: ['v1'],
      auth: { username: 'AWS', password },
    });
    const manifest = await client.getManifest(API, 'v1');
    expect(manifest.digest).toBe(pushed.digest);
    expect(manifest.mediaType).toBe(pushed.mediaType);
    expect(manifest.bytes.toString('utf8')).toBe(pushed.manifest);
  });

  it('refuses a blob whose bytes do not match its digest', async () => {
    const fakeFetch: FetchLike = async () => new Response('tampered', { status: 200 });
    const tampered = new RegistryClient({
      endpoint: sim.url,
      credentials: { username: 'AWS', password },
      fetch: fakeFetch,
    });
    const digest = sha256Digest(Buffer.from('original'));
    await expect(tampered.getBlob(API, digest)).rejects.toThrow(
      `The blob ${digest} read from ${API} has the digest`,
    );
  });

  it('reports registry errors with their OCI code, and wrong credentials as such', async () => {
    await expect(client.getManifest(API, 'nope')).rejects.toThrow(RegistryHttpError);
    await expect(client.getManifest(API, 'nope')).rejects.toMatchObject({
      status: 404,
      code: 'MANIFEST_UNKNOWN',
    });
    const stranger = new RegistryClient({
      endpoint: sim.url,
      credentials: { username: 'AWS', password: 'wrong' },
    });
    await expect(stranger.getManifest(API, 'v1')).rejects.toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
    });
  });
});
