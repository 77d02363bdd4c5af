import { createHash } from 'node:crypto';

/** Basic credentials for an OCI registry: for ECR, `AWS` and the GetAuthorizationToken password. */
export interface RegistryCredentials {
  username: string;
  password: string;
}

/** A manifest as the registry serves it: the exact bytes (their sha256 is the digest) and the media type. */
export interface RegistryManifest {
  bytes: Buffer;
  mediaType: string;
  digest: string;
}

/** An answer of the registry that was not what the protocol promised. */
export class RegistryHttpError extends Error {
  readonly status: number;
  /** The first OCI error code of the answer (`BLOB_UNKNOWN`, `DENIED`, …) when it has one. */
  readonly code: string | undefined;

  constructor(what: string, status: number, body: string) {
    const code = errorCode(body);
    super(`${what} failed with HTTP ${status}${code === undefined ? '' : ` ${code}`}: ${body.slice(0, 300)}`);
    this.name = 'RegistryHttpError';
    this.status = status;
    this.code = code;
  }
}

function errorCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { errors?: { code?: unknown }[] };
    const code = parsed.errors?.[0]?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;

export function sha256Digest(bytes: Buffer | Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RegistryClientOptions {
  /**
   * The registry's base URL, exactly as the registry's owner gives it: for ECR, GetAuthorizationToken's
   * `proxyEndpoint` (`https://<account>.dkr.ecr.<region>.amazonaws.com`). Never built by hand.
   */
  endpoint: string;
  credentials: RegistryCredentials;
  /** For tests. */
  fetch?: FetchLike;
}

/**
 * A small client of the OCI distribution API (the part needed to copy an image between repositories):
 * blob existence, download, upload and cross-repository mount, and manifests by reference. Repository names
 * are registry paths (the part of a repositoryUri after the host). Basic auth on every request, as ECR takes it.
 */
export class RegistryClient {
  readonly endpoint: string;
  readonly host: string;
  private readonly authorization: string;
  private readonly fetch: FetchLike;

  constructor(options: RegistryClientOptions) {
    const url = new URL(options.endpoint);
    this.endpoint = `${url.protocol}//${url.host}`;
    this.host = url.host;
    const { username, password } = options.credentials;
    this.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The registry path of a repositoryUri served by this registry (`host/path` → `path`), else `undefined`. */
  pathOf(repositoryUri: string): string | undefined {
    const slash = repositoryUri.indexOf('/');
    if (slash < 0 || repositoryUri.slice(0, slash) !== this.host) return undefined;
    return repositoryUri.slice(slash + 1);
  }

  private url(path: string): string {
    return `${this.endpoint}${path}`;
  }

  private async request(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', this.authorization);
    // A blob GET may be redirected to storage elsewhere (S3 on ECR); fetch drops the authorization there.
    return this.fetch(path.startsWith('http') ? path : this.url(path), {
      ...init,
      method,
      headers,
      redirect: 'follow',
    });
  }

  /** Whether `repository` holds the blob. */
  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const res = await this.request('HEAD', `/v2/${repository}/blobs/${digest}`);
    if (res.ok) return true;
    if (res.status === 404) return false;
    throw new RegistryHttpError(`HEAD blob ${digest} in ${repository}`, res.status, await res.text());
  }

  /** The blob's bytes, checked against its digest. */
  async getBlob(repository: string, digest: string): Promise<Buffer> {
    const res = await this.request('GET', `/v2/${repository}/blobs/${digest}`);
    if (!res.ok)
      throw new RegistryHttpError(`GET blob ${digest} from ${repository}`, res.status, await res.text());
    const bytes = Buffer.from(await res.arrayBuffer());
    const actual = sha256Digest(bytes);
    if (actual !== digest)
      throw new Error(`The blob ${digest} read from ${repository} has the digest ${actual}.`);
    return bytes;
  }

  /**
   * Asks the registry to mount a blob from another repository of the same registry (no bytes move).
   * Returns false when the registry declined (it then answers with an upload session, which is cancelled).
   */
  async mountBlob(repository: string, digest: string, from: string): Promise<boolean> {
    const query = `mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`;
    const res = await this.request('POST', `/v2/${repository}/blobs/uploads/?${query}`);
    await res.arrayBuffer();
    if (res.status === 201) return true;
    if (res.status === 202) {
      const location = res.headers.get('location');
      if (location !== null)
        await this.request('DELETE', location).then(
          (r) => r.arrayBuffer(),
          () => undefined,
        );
      return false;
    }
    // Registries without cross-repository mount answer 4xx to the mount parameters: upload instead.
    if (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 403) return false;
    throw new RegistryHttpError(`mounting blob ${digest} into ${repository}`, res.status, '');
  }

  /** Uploads a blob: POST starts an upload session, one PUT with the digest finishes it. */
  async putBlob(repository: string, digest: string, bytes: Buffer): Promise<void> {
    const start = await this.request('POST', `/v2/${repository}/blobs/uploads/`);
    if (start.status !== 202) {
      throw new RegistryHttpError(`starting an upload to ${repository}`, start.status, await start.text());
    }
    await start.arrayBuffer();
    const location = start.headers.get('location');
    if (location === null)
      throw new Error(`The registry started an upload to ${repository} without a Location.`);
    const target = new URL(location, this.endpoint);
    target.searchParams.set('digest', digest);
    const put = await this.request('PUT', target.toString(), {
      body: new Uint8Array(bytes),
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
    });
    if (put.status !== 201)
      throw new RegistryHttpError(`uploading blob ${digest} to ${repository}`, put.status, await put.text());
    await put.arrayBuffer();
  }

  /** A manifest by tag or digest, exactly as stored. */
  async getManifest(repository: string, reference: string): Promise<RegistryManifest> {
    const res = await this.request('GET', `/v2/${repository}/manifests/${reference}`, {
      headers: { accept: MANIFEST_MEDIA_TYPES.join(', ') },
    });
    if (!res.ok)
      throw new RegistryHttpError(
        `GET manifest ${reference} from ${repository}`,
        res.status,
        await res.text(),
      );
    const bytes = Buffer.from(await res.arrayBuffer());
    const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    return { bytes, mediaType, digest: sha256Digest(bytes) };
  }
}
