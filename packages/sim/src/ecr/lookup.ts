import type { Simulator } from '../core/simulator';

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
  /** The reference names the simulator's registry (or an ECR host): the image is there or it is not. */
  | { kind: 'ecr'; image: EcrImage | undefined; reason?: string }
  /** Another registry (Docker Hub, public.ecr.aws…): the simulator treats it as pullable. */
  | { kind: 'external' };

/**
 * Resolves an image reference (`host/acct/region/name:tag`, `…@sha256:…`, or an
 * `<acct>.dkr.ecr.<region>.amazonaws.com/name:tag` reference) against the simulator's ECR.
 */
export function lookupImage(_sim: Simulator, _ref: string): ImageLookup {
  return { kind: 'external' };
}
