import type { IncomingMessage, ServerResponse } from 'node:http';
import { denialMessage } from '../core/authorization';
import type { HttpRoute, Simulator } from '../core/simulator';
import { continueUpload, handleBlob, startUpload } from './registry-blobs';
import {
  RegistryError,
  type RegistryRequest,
  repositoryFromName,
  send,
  sendRegistryError,
} from './registry-http';
import { handleManifest, listTags } from './registry-manifests';
import { onRepository } from './iam';
import { ecrState, type RegistryToken, sha256 } from './store';

/**
 * The OCI distribution API behind the simulator's ECR, under `/v2/` on the simulator's port. Names are
 * `<account>/<region>/<repositoryName>`; clients log in with basic auth `AWS:<password>` from GetAuthorizationToken.
 */

function challenge(sim: Simulator): Record<string, string> {
  return { 'www-authenticate': `Basic realm="${sim.url}/",service="ecr.amazonaws.com"` };
}

/**
 * Checks the basic-auth password against the tokens GetAuthorizationToken handed out (expiry on the sim clock);
 * answers the token, whose principal the registry call is made as.
 */
function authenticate(sim: Simulator, req: IncomingMessage, region: string | undefined): RegistryToken {
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+(\S+)$/i.exec(header);
  if (!m) throw new RegistryError(401, 'UNAUTHORIZED', 'no basic auth credentials', challenge(sim));
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  const token = colon > 0 ? ecrState(sim).tokens.get(sha256(decoded.slice(colon + 1))) : undefined;
  if (user !== 'AWS' || !token) {
    throw new RegistryError(
      401,
      'UNAUTHORIZED',
      'authentication required: the credentials are not valid',
      challenge(sim),
    );
  }
  if (sim.clock.now() >= token.expiresAt) {
    throw new RegistryError(
      403,
      'DENIED',
      'Your authorization token has expired. Reauthenticate and try again.',
    );
  }
  // ECR tokens are regional: a token from one region's GetAuthorizationToken does not open another's registry.
  if (region !== undefined && region !== token.region) {
    throw new RegistryError(
      403,
      'DENIED',
      `Your authorization token was issued for ${token.region}, not ${region}.`,
    );
  }
  return token;
}

/**
 * A registry call is the ECR API action it stands for, made as the principal the token was issued to: a role
 * whose policies do not allow it on the repository is refused as ECR's registry refuses it (403 `DENIED`, with
 * IAM's message).
 */
function authorize(sim: Simulator, token: RegistryToken, action: string, name: string): void {
  const principal = token.principal;
  if (!principal || !sim.authorizer.enforces(principal)) return;
  const [account = '', region = '', ...rest] = name.split('/');
  const denial = sim.authorizer.evaluate(
    principal,
    [onRepository(sim, action, account, region, rest.join('/'))],
    token.region,
  );
  if (denial) throw new RegistryError(403, 'DENIED', denialMessage(denial));
}

/** The ECR API action a registry request stands for, as ECR's IAM documentation pairs them. */
function registryAction(path: string, method: string): string {
  if (/\/tags\/list$/.test(path)) return 'ListImages';
  if (/\/manifests\/[^/]+$/.test(path)) {
    return method === 'PUT' ? 'PutImage' : method === 'DELETE' ? 'BatchDeleteImage' : 'BatchGetImage';
  }
  if (/\/blobs\/uploads\/?$/.test(path)) return 'InitiateLayerUpload';
  if (/\/blobs\/uploads\/[^/]+$/.test(path))
    return method === 'PUT' ? 'CompleteLayerUpload' : 'UploadLayerPart';
  return method === 'HEAD' ? 'BatchCheckLayerAvailability' : 'GetDownloadUrlForLayer';
}

/** A GetDownloadUrlForLayer URL: `/v2/<name>/blobs/<digest>?X-Amz-Signature=…`, readable without basic auth. */
function presigned(sim: Simulator, url: URL, name: string): boolean {
  const signature = url.searchParams.get('X-Amz-Signature');
  if (!signature) return false;
  const grant = ecrState(sim).downloads.get(sha256(signature));
  const path = decodeURIComponent(url.pathname);
  if (!grant || grant.repoKey !== name || path !== `/v2/${name}/blobs/${grant.digest}`) {
    throw new RegistryError(
      403,
      'DENIED',
      'The request signature we calculated does not match the signature you provided.',
    );
  }
  if (sim.clock.now() >= grant.expiresAt) throw new RegistryError(403, 'DENIED', 'Request has expired');
  return true;
}

interface Route {
  re: RegExp;
  method?: string;
  run: (r: RegistryRequest, m: RegExpExecArray) => void | Promise<void>;
}

const ROUTES: Route[] = [
  { re: /^\/v2\/(.+)\/tags\/list$/, method: 'GET', run: (r) => listTags(r) },
  { re: /^\/v2\/(.+)\/manifests\/([^/]+)$/, run: (r, m) => handleManifest(r, m[2]!) },
  { re: /^\/v2\/(.+)\/blobs\/uploads\/?$/, method: 'POST', run: (r) => startUpload(r) },
  { re: /^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/, run: (r, m) => continueUpload(r, m[2]!) },
  { re: /^\/v2\/(.+)\/blobs\/(sha256:[^/]+)$/, run: (r, m) => handleBlob(r, m[2]!) },
];

async function handle(sim: Simulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = decodeURIComponent(url.pathname);
  if (path === '/v2' || path === '/v2/') {
    authenticate(sim, req, undefined);
    send(res, 200, { 'content-type': 'application/json; charset=utf-8' }, '{}');
    return;
  }
  for (const route of ROUTES) {
    const m = route.re.exec(path);
    if (!m || (route.method !== undefined && route.method !== req.method)) continue;
    const name = m[1]!;
    if (!presigned(sim, url, name)) {
      const token = authenticate(sim, req, name.split('/')[1]);
      authorize(sim, token, registryAction(path, req.method ?? 'GET'), name);
    }
    const repo = repositoryFromName(sim, name);
    await route.run({ sim, req, res, url, name, repo }, m);
    return;
  }
  throw new RegistryError(404, 'NOT_FOUND', `nothing is served at ${req.method ?? 'GET'} ${path}`);
}

export function registryRoute(sim: Simulator): HttpRoute {
  return {
    prefix: '/v2',
    async handle(req, res, url) {
      try {
        await handle(sim, req, res, url);
      } catch (err) {
        if (!(err instanceof RegistryError)) throw err;
        // Drain what the client is still sending so the connection stays usable for its next request.
        req.resume();
        sendRegistryError(res, err);
      }
    },
  };
}
