import {
  DescribeImageScanFindingsCommand,
  StartImageScanCommand,
  type DescribeImageScanFindingsCommandOutput,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import * as core from '@actions/core';
import { awsErrorCode, callAws } from '../errors/aws-operation-error';
import { systemClock, type Clock, type Sleep } from '../poll/clock';
import { poll } from '../poll/poll';
import { createProgressLine } from '../poll/progress';
import { getManifest, type RepositoryLocation } from './images';
import type { ScanFinding } from './severity';

export type ScanResult =
  | { status: 'complete'; findings: ScanFinding[]; counts: Record<string, number> }
  | { status: 'timed_out' }
  /** The scan cannot give findings: FAILED, UNSUPPORTED_IMAGE, FINDINGS_UNAVAILABLE, … */
  | { status: 'unavailable'; reason: string };

const DONE = new Set(['COMPLETE', 'ACTIVE']);
const WAITING = new Set(['IN_PROGRESS', 'PENDING']);

function findingsOf(out: DescribeImageScanFindingsCommandOutput): ScanFinding[] {
  const scan = out.imageScanFindings;
  const basic = (scan?.findings ?? []).map((f): ScanFinding => ({
    name: f.name ?? '(unnamed)',
    severity: f.severity ?? 'UNDEFINED',
    package: undefined,
    uri: f.uri,
  }));
  const enhanced = (scan?.enhancedFindings ?? []).map((f): ScanFinding => {
    const pkg = f.packageVulnerabilityDetails?.vulnerablePackages?.[0];
    return {
      name: f.packageVulnerabilityDetails?.vulnerabilityId ?? f.title ?? '(unnamed)',
      severity: f.severity ?? 'UNDEFINED',
      package:
        pkg === undefined ? undefined : [pkg.name, pkg.version].filter((p) => p !== undefined).join(' '),
      uri: f.packageVulnerabilityDetails?.sourceUrl,
    };
  });
  return [...basic, ...enhanced];
}

export interface WaitForScanOptions {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  clock?: Clock | undefined;
  sleep?: Sleep | undefined;
}

/**
 * Waits (bounded) for the scan of one image and returns all its findings. An image with no scan yet gets
 * one StartImageScan (what a repository without scan-on-push needs; enhanced scanning starts by itself).
 */
export async function waitForScan(
  ecr: ECRClient,
  repo: RepositoryLocation,
  digest: string,
  options: WaitForScanOptions,
): Promise<ScanResult> {
  const base = { repositoryName: repo.name, registryId: repo.registryId, imageId: { imageDigest: digest } };
  let started = false;
  const progress = createProgressLine();
  const result = await poll<ScanResult>({
    timeoutMs: options.timeoutMs,
    minDelayMs: 2000,
    maxDelayMs: 15_000,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    ...(options.sleep !== undefined ? { sleep: options.sleep } : {}),
    check: async () => {
      let out: DescribeImageScanFindingsCommandOutput;
      try {
        out = await callAws('ecr:DescribeImageScanFindings', () =>
          ecr.send(new DescribeImageScanFindingsCommand(base)),
        );
      } catch (err) {
        if (awsErrorCode(err) !== 'ScanNotFoundException') throw err;
        if (!started) {
          started = true;
          try {
            await callAws('ecr:StartImageScan', () => ecr.send(new StartImageScanCommand(base)));
            core.info(`Started a scan of ${digest}.`);
          } catch (startErr) {
            const code = awsErrorCode(startErr);
            if (code === 'UnsupportedImageTypeException') {
              return {
                done: true,
                value: { status: 'unavailable', reason: 'ECR cannot scan this image type' },
              };
            }
            // Enhanced scanning refuses manual scans (it scans on its own); keep waiting for its findings.
            if (code !== 'LimitExceededException' && code !== 'ValidationException') throw startErr;
          }
        }
        progress(`Waiting for the scan of ${digest} to start…`);
        return { done: false };
      }
      const status = out.imageScanStatus?.status ?? 'IN_PROGRESS';
      if (WAITING.has(status)) {
        progress(`Scan of ${digest}: ${status}…`);
        return { done: false };
      }
      if (!DONE.has(status)) {
        return {
          done: true,
          value: {
            status: 'unavailable',
            reason: `${status}: ${out.imageScanStatus?.description ?? ''}`.trim(),
          },
        };
      }
      const findings = findingsOf(out);
      let next = out.nextToken;
      while (next !== undefined) {
        const token = next;
        const page = await callAws('ecr:DescribeImageScanFindings', () =>
          ecr.send(new DescribeImageScanFindingsCommand({ ...base, nextToken: token })),
        );
        findings.push(...findingsOf(page));
        next = page.nextToken;
      }
      const counts: Record<string, number> = {};
      for (const [severity, n] of Object.entries(out.imageScanFindings?.findingSeverityCounts ?? {}))
        counts[severity] = n;
      return { done: true, value: { status: 'complete', findings, counts } };
    },
  });
  return result.outcome === 'done' ? result.value : { status: 'timed_out' };
}

/**
 * The digests ECR scans for an image: the image itself, or for an index (a multi-platform build) the
 * platform images it lists — attestation manifests (buildx provenance, `unknown/unknown`) are not images.
 */
export function scanTargets(manifest: string, digest: string): string[] {
  const parsed = JSON.parse(manifest) as {
    manifests?: { digest?: unknown; platform?: { os?: unknown }; annotations?: Record<string, unknown> }[];
  };
  if (!Array.isArray(parsed.manifests)) return [digest];
  return parsed.manifests
    .filter((m) => m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
    .filter((m) => m.platform?.os !== 'unknown')
    .flatMap((m) => (typeof m.digest === 'string' ? [m.digest] : []));
}

/**
 * {@link waitForScan} for what a deploy will run: a single image, or every platform image of an index, all
 * within one deadline. The findings add up; the first scan that times out or cannot give findings decides.
 */
export async function waitForImageScan(
  ecr: ECRClient,
  repo: RepositoryLocation,
  digest: string,
  options: WaitForScanOptions,
): Promise<ScanResult> {
  const image = await getManifest(ecr, repo, { digest });
  const targets = image === undefined ? [digest] : scanTargets(image.manifest, digest);
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + options.timeoutMs;
  const findings: ScanFinding[] = [];
  const counts: Record<string, number> = {};
  for (const target of targets) {
    const timeoutMs = Math.max(1, deadline - clock.now());
    const result = await waitForScan(ecr, repo, target, { ...options, timeoutMs });
    if (result.status === 'timed_out') return result;
    if (result.status === 'unavailable') {
      return targets.length === 1 ? result : { status: 'unavailable', reason: `${target}: ${result.reason}` };
    }
    findings.push(...result.findings);
    for (const [severity, n] of Object.entries(result.counts)) counts[severity] = (counts[severity] ?? 0) + n;
  }
  return { status: 'complete', findings, counts };
}
