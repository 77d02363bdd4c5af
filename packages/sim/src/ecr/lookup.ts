import type { Simulator } from '../core/simulator';
import { findRepository, tagsOf } from './store';

/** An image in the simulator's ECR, as ECS resolves a task definition's image reference. */
export interface EcrImage {
  account: string;
  region: string;
  repositoryName: string;
  /** `sha256:…` */
  digest: string;
  tags: string[];
}

export type ImageLookup =
  /**
   * The reference names the simulator's registry (or an ECR host): the image is there or it is not. When it is
   * not, `reason` is what a pull failure says after `CannotPullContainerError: `.
   */
  | { kind: 'ecr'; image: EcrImage | undefined; reason?: string }
  /** Another registry (Docker Hub, public.ecr.aws…): the simulator treats it as pullable. */
  | { kind: 'external' };

interface ParsedRef {
  account: string;
  region: string;
  repositoryName: string;
  tag: string;
  digest: string | undefined;
  /** The reference with its implied `:latest` made explicit. */
  canonical: string;
}

const ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

function simHosts(sim: Simulator): string[] {
  if (!sim.url) return [];
  const { host, port } = new URL(sim.url);
  return [host, `localhost:${port}`, `127.0.0.1:${port}`];
}

/** Splits `name[:tag][@sha256:…]`; the tag defaults to `latest`. */
function splitNameTagDigest(rest: string): { name: string; tag: string; digest: string | undefined } {
  const at = rest.indexOf('@');
  const digest = at >= 0 ? rest.slice(at + 1) : undefined;
  const nameTag = at >= 0 ? rest.slice(0, at) : rest;
  const colon = nameTag.lastIndexOf(':');
  const hasTag = colon > nameTag.lastIndexOf('/');
  return {
    name: hasTag ? nameTag.slice(0, colon) : nameTag,
    tag: hasTag ? nameTag.slice(colon + 1) : 'latest',
    digest,
  };
}

export function parseEcrRef(sim: Simulator, ref: string): ParsedRef | undefined {
  const slash = ref.indexOf('/');
  if (slash < 0) return undefined;
  const host = ref.slice(0, slash);
  const rest = ref.slice(slash + 1);
  let account: string;
  let region: string;
  let path: string;
  const ecr = ECR_HOST.exec(host);
  if (ecr) {
    [account, region, path] = [ecr[1]!, ecr[2]!, rest];
  } else if (simHosts(sim).includes(host)) {
    const m = /^(\d{12})\/([a-z0-9-]+)\/(.+)$/.exec(rest);
    if (!m) return undefined;
    [account, region, path] = [m[1]!, m[2]!, m[3]!];
  } else {
    return undefined;
  }
  const { name, tag, digest } = splitNameTagDigest(path);
  const prefix = ref.slice(0, ref.length - path.length) + name;
  return {
    account,
    region,
    repositoryName: name,
    tag,
    digest,
    canonical: digest !== undefined ? `${prefix}@${digest}` : `${prefix}:${tag}`,
  };
}

/**
 * Resolves an image reference (`host/acct/region/name:tag`, `…@sha256:…`, or an
 * `<acct>.dkr.ecr.<region>.amazonaws.com/name:tag` reference) against the simulator's ECR.
 */
export function lookupImage(sim: Simulator, ref: string): ImageLookup {
  const parsed = parseEcrRef(sim, ref);
  if (!parsed) return { kind: 'external' };
  const notFound = {
    kind: 'ecr' as const,
    image: undefined,
    reason: `pull image manifest has been retried 5 time(s): failed to resolve ref ${parsed.canonical}: ${parsed.canonical}: not found`,
  };
  const repo = findRepository(sim, parsed.account, parsed.region, parsed.repositoryName);
  if (!repo) return notFound;
  const digest = parsed.digest ?? repo.tags.get(parsed.tag);
  if (digest === undefined || !repo.images.has(digest)) return notFound;
  return {
    kind: 'ecr',
    image: {
      account: repo.account,
      region: repo.region,
      repositoryName: repo.name,
      digest,
      tags: tagsOf(repo, digest),
    },
  };
}
