import { formatDuration } from '../inputs/duration';
import { evaluateJsonPath, jsonEqual } from './json-path';
import { formatStatusRanges, statusMatches } from './status';
import type { HttpAnswer, SmokeCheck } from './types';
import { describeSeenVersion, versionMatches, versionsInBody } from './version';

/** What one answer means for its check. */
export interface Evaluation {
  passed: boolean;
  /** Why it did not pass, one line each (empty when it passed). */
  reasons: string[];
  /** The versions the answer named, when the check expects one. */
  versionSeen?: string[];
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Judges one answer against every expectation of its check. */
export function evaluateAnswer(check: SmokeCheck, answer: HttpAnswer): Evaluation {
  const reasons: string[] = [];
  if (!statusMatches(check.status, answer.status)) {
    reasons.push(`status ${answer.status}, expected ${formatStatusRanges(check.status)}`);
  }
  for (const needle of check.bodyContains) {
    if (!answer.body.includes(needle)) reasons.push(`the body does not contain ${short(needle)}`);
  }
  if (check.jsonEquals.length > 0) {
    let json: unknown;
    let parsed = true;
    try {
      json = JSON.parse(answer.body);
    } catch {
      parsed = false;
      reasons.push('the body is not JSON, so its JSON paths cannot be checked');
    }
    if (parsed) {
      for (const { path, segments, value } of check.jsonEquals) {
        const at = evaluateJsonPath(json, segments);
        if (!at.found) reasons.push(`${path} is missing, expected ${short(value)}`);
        else if (!jsonEqual(at.value, value))
          reasons.push(`${path} is ${short(at.value)}, expected ${short(value)}`);
      }
    }
  }
  if (check.maxLatencyMs !== undefined && answer.latencyMs > check.maxLatencyMs) {
    reasons.push(
      `answered in ${formatDuration(answer.latencyMs)}, over the ${formatDuration(check.maxLatencyMs)} allowed`,
    );
  }
  let versionSeen: string[] | undefined;
  if (check.expectVersion !== undefined) {
    versionSeen = versionsInBody(answer.body, check.versionPath?.segments);
    const expected = check.expectVersion;
    if (!versionSeen.some((v) => versionMatches(expected, v))) {
      reasons.push(`version ${describeSeenVersion(versionSeen)} answered, expected ${expected}`);
    }
  }
  return { passed: reasons.length === 0, reasons, ...(versionSeen !== undefined ? { versionSeen } : {}) };
}
