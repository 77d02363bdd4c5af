import { randomBytes, randomUUID } from 'node:crypto';
import { AwsError } from '../core/errors';
import type { ActionHandler, CallContext } from '../core/simulator';
import { Input, validationErrors } from '../core/request';
import { nonEmptyStrings, repositoryOf } from './request';
import { countTransfer, ecrState, repoKey, type Repository, sha256 } from './store';

/**
 * The layer half of ECR's API (what the ECR proxy uses, and what a tool copying layers between repositories
 * without the registry protocol uses): check, upload in parts, complete, and a download URL.
 */

/** How long a GetDownloadUrlForLayer URL works. */
const DOWNLOAD_TTL_MS = 3600 * 1000;
const PART_SIZE = 10 * 1024 * 1024;

function upload(ctx: CallContext, repo: Repository, input: Input) {
  const uploadId = input.required('uploadId');
  const session = ecrState(ctx.sim).uploads.get(uploadId);
  if (!session || session.repoKey !== repoKey(repo.account, repo.region, repo.name)) {
    throw new AwsError(
      'UploadNotFoundException',
      `Upload with id '${uploadId}' does not exist in the repository with name '${repo.name}' in the registry with id '${repo.account}'`,
    );
  }
  return session;
}

export const layerActions: Record<string, ActionHandler> = {
  BatchCheckLayerAvailability(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const blobs = ecrState(ctx.sim).blobs;
    const layers: unknown[] = [];
    const failures: unknown[] = [];
    for (const layerDigest of nonEmptyStrings(input, 'layerDigests')) {
      const bytes = repo.blobs.has(layerDigest) ? blobs.get(layerDigest) : undefined;
      if (bytes) layers.push({ layerDigest, layerAvailability: 'AVAILABLE', layerSize: bytes.length });
      else
        failures.push({
          layerDigest,
          failureCode: 'MissingLayerDigest',
          failureReason: 'Could not find layer',
        });
    }
    return { layers, failures };
  },

  InitiateLayerUpload(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const id = randomUUID();
    ecrState(ctx.sim).uploads.set(id, {
      id,
      repoKey: repoKey(repo.account, repo.region, repo.name),
      chunks: [],
      size: 0,
    });
    return { uploadId: id, partSize: PART_SIZE };
  },

  UploadLayerPart(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const session = upload(ctx, repo, input);
    const blob = Buffer.from(input.required('layerPartBlob'), 'base64');
    countTransfer(ctx.sim, 'blobBytesReceived', blob.length);
    const first = Number(input.raw.partFirstByte);
    const last = Number(input.raw.partLastByte);
    if (first !== session.size || last - first + 1 !== blob.length) {
      throw new AwsError(
        'InvalidLayerPartException',
        `The layer part bytes ${first}-${last} do not continue the upload '${session.id}' at byte ${session.size}`,
      );
    }
    session.chunks.push(blob);
    session.size += blob.length;
    return {
      registryId: repo.account,
      repositoryName: repo.name,
      uploadId: session.id,
      lastByteReceived: session.size - 1,
    };
  },

  CompleteLayerUpload(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const session = upload(ctx, repo, input);
    const [expected] = nonEmptyStrings(input, 'layerDigests');
    const state = ecrState(ctx.sim);
    if (session.size === 0) {
      throw new AwsError('EmptyUploadException', `The upload '${session.id}' contains no layer parts`);
    }
    const bytes = Buffer.concat(session.chunks);
    const actual = sha256(bytes);
    state.uploads.delete(session.id);
    if (actual !== expected) {
      throw new AwsError(
        'InvalidLayerException',
        `The computed digest ${actual} does not match the layer digest ${expected}`,
      );
    }
    if (repo.blobs.has(actual)) {
      throw new AwsError(
        'LayerAlreadyExistsException',
        `The layer with digest '${actual}' already exists in the repository with name '${repo.name}' in the registry with id '${repo.account}'`,
      );
    }
    if (!state.blobs.has(actual)) state.blobs.set(actual, bytes);
    repo.blobs.add(actual);
    return { registryId: repo.account, repositoryName: repo.name, uploadId: session.id, layerDigest: actual };
  },

  GetDownloadUrlForLayer(ctx, raw) {
    const input = new Input(raw, validationErrors);
    const repo = repositoryOf(ctx, input);
    const layerDigest = input.required('layerDigest');
    if (!repo.blobs.has(layerDigest)) {
      throw new AwsError(
        'LayersNotFoundException',
        `Layers with digests '[${layerDigest}]' are not found in the repository with name '${repo.name}' in the registry with id '${repo.account}'`,
      );
    }
    // Like S3's pre-signed URL: it needs no other credentials, and it expires.
    const token = randomBytes(24).toString('base64url');
    ecrState(ctx.sim).downloads.set(sha256(token), {
      repoKey: repoKey(repo.account, repo.region, repo.name),
      digest: layerDigest,
      expiresAt: ctx.now + DOWNLOAD_TTL_MS,
    });
    const path = `/v2/${repoKey(repo.account, repo.region, repo.name)}/blobs/${layerDigest}`;
    return { downloadUrl: `${ctx.sim.url}${path}?X-Amz-Signature=${token}`, layerDigest };
  },
};
