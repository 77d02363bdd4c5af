import { AwsError } from '../core/errors';
import type { ActionHandler, Simulator } from '../core/simulator';
import { Input, validationErrors } from '../core/request';
import { paginate, repositoryOf, requiredImageId } from './request';
import {
  imageNotFound,
  imageRefs,
  type Repository,
  resolveImage,
  showImageId,
  type StoredImage,
} from './store';

const SCAN_QUOTA_MS = 24 * 3600 * 1000;

interface ScanView {
  status: 'IN_PROGRESS' | 'COMPLETE';
  completedAt: number;
  findings: { name: string; severity: string; description?: string; uri?: string }[];
}

/** The state of an image's scan at `now`: findings come from the scenario's `scan` rules for the image. */
export function scanView(
  sim: Simulator,
  repo: Repository,
  image: StoredImage,
  now: number,
): ScanView | undefined {
  if (image.scanStartedAt === undefined) return undefined;
  const behaviour = sim.scenario.scanBehaviour(imageRefs(sim, repo, image.digest));
  const completedAt = image.scanStartedAt + (behaviour.afterSeconds ?? 0) * 1000;
  return {
    status: now >= completedAt ? 'COMPLETE' : 'IN_PROGRESS',
    completedAt,
    findings: behaviour.findings ?? [],
  };
}

function severityCounts(findings: ScanView['findings']): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}

function statusOf(view: ScanView): { status: string; description: string } {
  return view.status === 'COMPLETE'
    ? { status: 'COMPLETE', description: 'The scan was completed successfully.' }
    : { status: 'IN_PROGRESS', description: 'The scan is in progress.' };
}

/** The `imageScanStatus` and `imageScanFindingsSummary` members of an ImageDetail. */
export function scanSummary(
  sim: Simulator,
  repo: Repository,
  image: StoredImage,
  now: number,
): Record<string, unknown> {
  const view = scanView(sim, repo, image, now);
  if (!view) return {};
  return {
    imageScanStatus: statusOf(view),
    ...(view.status === 'COMPLETE'
      ? {
          imageScanFindingsSummary: {
            imageScanCompletedAt: new Date(view.completedAt),
            vulnerabilitySourceUpdatedAt: new Date(view.completedAt),
            findingSeverityCounts: severityCounts(view.findings),
          },
        }
      : {}),
  };
}

export const scanActions: Record<string, ActionHandler> = {
  DescribeImageScanFindings(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const id = requiredImageId(input);
    const image = resolveImage(repo, id);
    if (!image) throw imageNotFound(repo, id);
    const view = scanView(ctx.sim, repo, image, ctx.now);
    if (!view) {
      throw new AwsError(
        'ScanNotFoundException',
        `Image scan does not exist for the image with '${showImageId(id)}' in the repository with name '${repo.name}' in the registry with id '${repo.account}'`,
      );
    }
    const base = {
      registryId: repo.account,
      repositoryName: repo.name,
      imageId: { imageDigest: image.digest, ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}) },
      imageScanStatus: statusOf(view),
    };
    if (view.status !== 'COMPLETE') return base;
    const { page, nextToken } = paginate(view.findings, input);
    return {
      ...base,
      imageScanFindings: {
        imageScanCompletedAt: new Date(view.completedAt),
        vulnerabilitySourceUpdatedAt: new Date(view.completedAt),
        findingSeverityCounts: severityCounts(view.findings),
        findings: page.map((f) => ({ ...f, attributes: [] })),
      },
      ...(nextToken ? { nextToken } : {}),
    };
  },

  StartImageScan(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const id = requiredImageId(input);
    const image = resolveImage(repo, id);
    if (!image) throw imageNotFound(repo, id);
    if (image.artifactMediaType === undefined) {
      throw new AwsError(
        'UnsupportedImageTypeException',
        'The image type is not supported for image scanning.',
      );
    }
    if (image.scanStartedAt !== undefined && ctx.now - image.scanStartedAt < SCAN_QUOTA_MS) {
      throw new AwsError(
        'LimitExceededException',
        'The scan quota per image has been exceeded. Wait and try again.',
      );
    }
    image.scanStartedAt = ctx.now;
    return {
      registryId: repo.account,
      repositoryName: repo.name,
      imageId: { imageDigest: image.digest, ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}) },
      imageScanStatus: { status: 'IN_PROGRESS', description: 'The scan is in progress.' },
    };
  },
};
