import { createHash } from 'node:crypto';
import {
  CompleteLayerUploadCommand,
  InitiateLayerUploadCommand,
  UploadLayerPartCommand,
} from '@aws-sdk/client-ecr';
import { startEcr, stopEcr, type EcrFixture } from './ecr-helpers';

/** The registry's transfer counters (`GET /_sim/state` → `ecr.transfer`): what a promotion's bytes are read from. */

let f: EcrFixture;
let authorization: string;

beforeEach(async () => {
  f = await startEcr({ seed: { repositories: [{ name: 'shop/api' }, { name: 'shop/web' }] } });
  authorization = await f.basic();
});
afterEach(() => stopEcr(f));

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const v2 = (path: string): string => `${f.running.url}/v2/${path}`;

async function transfer(): Promise<Record<string, number>> {
  const state = (await (await fetch(`${f.running.url}/_sim/state`)).json()) as {
    ecr: { transfer: Record<string, number> };
  };
  return state.ecr.transfer;
}

describe('the registry counts the blob bytes it moves', () => {
  test('uploads, full and ranged reads, and mounts, each where it happened; a reset zeroes them', async () => {
    expect(await transfer()).toEqual({ blobBytesServed: 0, blobBytesReceived: 0, blobsMounted: 0 });
    const blob = Buffer.alloc(3000, 'x');
    const put = await fetch(v2(`${f.path('shop/api')}/blobs/uploads/?digest=${sha256(blob)}`), {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/octet-stream' },
      body: blob,
    });
    expect(put.status).toBe(201);
    expect(await transfer()).toEqual({ blobBytesServed: 0, blobBytesReceived: 3000, blobsMounted: 0 });

    const blobUrl = v2(`${f.path('shop/api')}/blobs/${sha256(blob)}`);
    expect((await (await fetch(blobUrl, { headers: { authorization } })).arrayBuffer()).byteLength).toBe(
      3000,
    );
    await (await fetch(blobUrl, { headers: { authorization, range: 'bytes=10-19' } })).arrayBuffer();
    // A HEAD moves no body.
    await fetch(blobUrl, { method: 'HEAD', headers: { authorization } });
    expect((await transfer()).blobBytesServed).toBe(3010);

    const mount = await fetch(
      v2(`${f.path('shop/web')}/blobs/uploads/?mount=${sha256(blob)}&from=${f.path('shop/api')}`),
      { method: 'POST', headers: { authorization } },
    );
    expect(mount.status).toBe(201);
    expect(await transfer()).toEqual({ blobBytesServed: 3010, blobBytesReceived: 3000, blobsMounted: 1 });

    await fetch(`${f.running.url}/_sim/reset`, { method: 'POST' });
    expect(await transfer()).toEqual({ blobBytesServed: 0, blobBytesReceived: 0, blobsMounted: 0 });
  });

  test("ECR's layer upload API counts its parts as received", async () => {
    const part = Buffer.from('layer bytes');
    const { uploadId } = await f.ecr.send(new InitiateLayerUploadCommand({ repositoryName: 'shop/web' }));
    await f.ecr.send(
      new UploadLayerPartCommand({
        repositoryName: 'shop/web',
        uploadId,
        partFirstByte: 0,
        partLastByte: part.length - 1,
        layerPartBlob: part,
      }),
    );
    await f.ecr.send(
      new CompleteLayerUploadCommand({ repositoryName: 'shop/web', uploadId, layerDigests: [sha256(part)] }),
    );
    expect(await transfer()).toEqual({ blobBytesServed: 0, blobBytesReceived: part.length, blobsMounted: 0 });
  });
});
