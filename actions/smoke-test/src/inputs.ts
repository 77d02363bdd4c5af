import * as core from '@actions/core';
import {
  ConfigurationError,
  getDurationInput,
  getIntegerInput,
  getListInput,
  getOptionalInput,
  maskSecret,
} from '@ecs-delivery/shared';
import { looksLikeRelease, parseRelease, type Release } from '@ecs-delivery/shared/manifest';
import {
  applyExpectVersion,
  parseHeaderLines,
  parseHeaderNames,
  secretHeaderValues,
  type ServiceChecks,
  type SmokeCheck,
  urlSecrets,
} from '@ecs-delivery/shared/smoke';
import { checkSource, readChecks, type CheckSource } from './check-sources';

/** Every input of action.yml, validated. */
export interface Inputs {
  /** The input the checks came from. */
  source: CheckSource;
  /** Every check to run, those `expect-version` added included. */
  checks: SmokeCheck[];
  expectVersion: string | undefined;
  /** The names of the checks `expect-version` added (targets that had no version check). */
  addedVersionChecks: string[];
  healthyFor: number;
  timeoutMs: number;
  intervalMs: number;
  warmUpMs: number;
  requestTimeoutMs: number;
  secretHeaders: string[];
  /** Header values and URL credentials that must never show; masked as soon as they were read. */
  secrets: string[];
}

function readVersionEndpoint(expectVersion: string | undefined): string {
  const endpoint = getOptionalInput('version-endpoint');
  if (endpoint === undefined) return '/version';
  if (expectVersion === undefined) {
    throw new ConfigurationError('Input "version-endpoint" only applies with "expect-version".', {
      input: 'version-endpoint',
    });
  }
  if (!/^\/[^\s?#]*$/.test(endpoint)) {
    throw ConfigurationError.invalidInput('version-endpoint', 'a path starting with "/"', endpoint);
  }
  return endpoint;
}

/** Masks what must never print, and returns it for the reports' redaction. */
function maskSecrets(values: readonly string[], into: Set<string>): void {
  for (const value of values) {
    if (into.has(value)) continue;
    maskSecret(value);
    into.add(value);
  }
}

function isGrouped(read: SmokeCheck[] | ServiceChecks[]): read is ServiceChecks[] {
  return read.length > 0 && 'service' in read[0]!;
}

/** `expect-version` as a release: only with a manifest, whose services name the images. */
function readRelease(text: string, source: string): Release {
  if (source !== 'manifest') {
    throw new ConfigurationError(
      'Input "expect-version" is a release (a JSON object of images), which only applies with "manifest"; give one version (a digest, a tag or an image reference) for other checks.',
      { input: 'expect-version' },
    );
  }
  return parseRelease(text, 'expect-version');
}

/** A service proves the release's image its first container runs (services of other images prove nothing). */
function versionOf(group: ServiceChecks, release: Release): string | undefined {
  const image = group.images.find((i) => Object.hasOwn(release, i));
  return image === undefined ? undefined : release[image];
}

/** Reads and validates every input before any request: a bad one is a ConfigurationError naming it. */
export async function getInputs(): Promise<Inputs> {
  const secrets = new Set<string>();
  const secretHeaders = parseHeaderNames('secret-headers', getListInput('secret-headers'));
  const headers = parseHeaderLines('headers', core.getInput('headers'));
  maskSecrets(secretHeaderValues(headers, secretHeaders), secrets);

  const source = checkSource();
  const expectVersion = getOptionalInput('expect-version');
  const versionEndpoint = readVersionEndpoint(expectVersion);
  const pacing = {
    healthyFor: getIntegerInput('healthy-for', { required: true, min: 1, max: 100 }),
    timeoutMs: getDurationInput('timeout', { required: true, minMs: 1000, maxMs: 6 * 3_600_000 }),
    intervalMs: getDurationInput('interval', { required: true, minMs: 100, maxMs: 10 * 60_000 }),
    warmUpMs: getDurationInput('warm-up', { required: true, minMs: 0, maxMs: 30 * 60_000 }),
    requestTimeoutMs: getDurationInput('request-timeout', {
      required: true,
      minMs: 100,
      maxMs: 10 * 60_000,
    }),
  };

  const release =
    expectVersion !== undefined && looksLikeRelease(expectVersion)
      ? readRelease(expectVersion, source)
      : undefined;
  const read = await readChecks(source, {
    headers,
    ...(expectVersion !== undefined && release === undefined ? { expectVersion } : {}),
  });
  const parsed = isGrouped(read) ? read.flatMap((g) => g.checks) : read;
  for (const check of parsed) {
    maskSecrets([...secretHeaderValues(check.headers, secretHeaders), ...urlSecrets(check.url)], secrets);
  }
  // One version for every target, or with a release each service's own image.
  const groups =
    release !== undefined && isGrouped(read) ? read : [{ service: '', images: [], checks: parsed }];
  const checks: SmokeCheck[] = [];
  const added: SmokeCheck[] = [];
  for (const group of groups) {
    const expected = release === undefined ? expectVersion : versionOf(group, release);
    const applied =
      expected === undefined
        ? { checks: group.checks, added: [] }
        : applyExpectVersion(group.checks, expected, versionEndpoint);
    checks.push(...applied.checks);
    added.push(...applied.added);
  }

  return {
    source,
    checks,
    expectVersion,
    addedVersionChecks: added.map((c) => c.name),
    ...pacing,
    secretHeaders,
    secrets: [...secrets],
  };
}
