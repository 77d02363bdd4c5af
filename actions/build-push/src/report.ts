import * as core from '@actions/core';
import {
  findingsAtOrAbove,
  type GateSeverity,
  heading,
  keyValueTable,
  markdownTable,
  type ScanFinding,
  writeSummary,
} from '@ecs-delivery/shared';
import { describeTagSettings, type RepositoryInfo, type ScanResult } from '@ecs-delivery/shared/ecr';

/** What one run did, for the outputs and the job summary. */
export interface Outcome {
  /** built: a build was pushed; promoted: tags were added to an existing image; skipped: all was there. */
  result: 'built' | 'promoted' | 'skipped';
  repo: RepositoryInfo;
  digest: string;
  tags: string[];
  /** Tags this run added or moved (for a build: all of them). */
  added: string[];
  sizeBytes: number | undefined;
  /** Promote mode: the source image as given. */
  source: string | undefined;
  /** Promote mode: blobs the target lacked. */
  copied: { mounted: number; copied: number; bytes: number } | undefined;
}

export interface ScanGate {
  threshold: GateSeverity;
  result: ScanResult;
  blocking: ScanFinding[];
}

export function evaluateGate(threshold: GateSeverity, result: ScanResult): ScanGate {
  return {
    threshold,
    result,
    blocking: result.status === 'complete' ? findingsAtOrAbove(result.findings, threshold) : [],
  };
}

export function gatePassed(gate: ScanGate): boolean {
  return gate.result.status === 'complete' && gate.blocking.length === 0;
}

/** The registry host: the part of the repositoryUri ECR returned before the first `/`. */
export function registryOf(uri: string): string {
  return uri.slice(0, uri.indexOf('/'));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]!}`;
}

export function setOutputs(outcome: Outcome): void {
  const { repo, digest, tags } = outcome;
  core.setOutput('image-ref', `${repo.uri}@${digest}`);
  core.setOutput('digest', digest);
  core.setOutput('image', `${repo.uri}:${tags[0]!}`);
  core.setOutput('tags', tags.join('\n'));
  core.setOutput('registry', registryOf(repo.uri));
  core.setOutput('pushed', String(outcome.result !== 'skipped' || outcome.added.length > 0));
}

function resultText(outcome: Outcome): string {
  switch (outcome.result) {
    case 'built':
      return 'built and pushed';
    case 'promoted':
      return `promoted from ${outcome.source ?? '?'}`;
    case 'skipped':
      return outcome.added.length > 0
        ? `skipped: the image was already there (moved ${outcome.added.join(', ')})`
        : 'skipped: every tag already names this digest';
  }
}

export function scanText(gate: ScanGate | undefined): string {
  if (gate === undefined) return 'not checked';
  const r = gate.result;
  if (r.status === 'timed_out') return `failed: the scan did not finish in time`;
  if (r.status === 'unavailable') return `failed: no scan result (${r.reason})`;
  const counts = Object.entries(r.counts)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  if (gate.blocking.length > 0)
    return `failed: ${gate.blocking.length} finding(s) at or above ${gate.threshold}`;
  return `passed: nothing at or above ${gate.threshold}${counts === '' ? '' : ` (${counts})`}`;
}

export function findingsTable(findings: readonly ScanFinding[]): string {
  return markdownTable(
    ['Severity', 'Finding', 'Package'],
    findings.map((f) => [f.severity, f.name, f.package ?? '']),
  );
}

export async function writeReport(outcome: Outcome, gate: ScanGate | undefined): Promise<void> {
  const copy = outcome.copied;
  const rows: [string, string][] = [
    ['Repository', `${outcome.repo.uri} (${describeTagSettings(outcome.repo)})`],
    ['Tags', outcome.tags.join(', ')],
    ['Digest', `\`${outcome.digest}\``],
    ['Size', outcome.sizeBytes === undefined ? 'unknown' : formatBytes(outcome.sizeBytes)],
    ['Result', resultText(outcome)],
  ];
  if (copy !== undefined && copy.mounted + copy.copied > 0) {
    rows.push(['Layers', `${copy.mounted} mounted, ${copy.copied} copied (${formatBytes(copy.bytes)})`]);
  }
  rows.push(['Scan', scanText(gate)]);
  const sections = [heading('build-push'), keyValueTable(rows, ['', ''])];
  if (gate !== undefined && gate.blocking.length > 0) sections.push(findingsTable(gate.blocking));
  await writeSummary(...sections);
}

/** A release: image name → `<repositoryUri>@sha256:…`, what deploys and later environments take. */
export function releaseOf(results: readonly { name: string; outcome: Outcome }[]): Record<string, string> {
  return Object.fromEntries(
    results.map(({ name, outcome }) => [name, `${outcome.repo.uri}@${outcome.digest}`]),
  );
}

/** Manifest mode: `release` and, for the first image, the outputs of one image. */
export function setReleaseOutputs(results: readonly { name: string; outcome: Outcome }[]): void {
  setOutputs(results[0]!.outcome);
  core.setOutput('release', JSON.stringify(releaseOf(results)));
  const pushed = results.some(({ outcome }) => outcome.result !== 'skipped' || outcome.added.length > 0);
  core.setOutput('pushed', String(pushed));
}

/** Manifest mode: one row per image. */
export async function writeReleaseReport(
  environment: string,
  results: readonly { name: string; outcome: Outcome; gate: ScanGate | undefined }[],
): Promise<void> {
  const rows = results.map(({ name, outcome, gate }) => [
    name,
    outcome.repo.uri,
    `\`${outcome.digest}\``,
    outcome.tags.join(', '),
    resultText(outcome),
    scanText(gate),
  ]);
  const sections = [
    heading(`build-push: ${results.length} image(s) for ${environment}`),
    markdownTable(['Image', 'Repository', 'Digest', 'Tags', 'Result', 'Scan'], rows),
  ];
  for (const { name, gate } of results) {
    if (gate !== undefined && gate.blocking.length > 0)
      sections.push(`**${name}**`, findingsTable(gate.blocking));
  }
  await writeSummary(...sections);
}
