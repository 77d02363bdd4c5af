import { sleep as realSleep, systemClock, type Clock, type Sleep } from '../poll/clock';
import { poll } from '../poll/poll';
import { formatDuration } from '../inputs/duration';
import { evaluateAnswer } from './evaluate';
import { sendHttpRequest } from './http';
import {
  answerSecrets,
  redactedExcerpt,
  redactHeaders,
  redactText,
  redactUrl,
  relevantHeaders,
} from './redact-http';
import type { HttpSender, SmokeCheck } from './types';
import { describeSeenVersion } from './version';

/** How a smoke test runs: budgets, pacing, and what it may not show. */
export interface SmokeRunOptions {
  /**
   * How long each check may take to become healthy, after the warm-up: the run's deadline too, by which every
   * request has ended (one still waiting then is cut off and counts as failed).
   */
  timeoutMs: number;
  /** Consecutive passes a check needs. */
  healthyFor: number;
  /** The wait between passes, and the first wait after a failure (failures back off from it). */
  intervalMs: number;
  /** Wait this long before the first request (a new deployment settling behind its load balancer). */
  warmUpMs?: number;
  /** Per-request timeout unless a check sets its own. */
  requestTimeoutMs: number;
  /** Header names whose values are secret, beyond the usual ones (Authorization, cookies, tokens). */
  secretHeaders?: readonly string[];
  /**
   * Values never to show (the secret header values, already masked in the log). The secrets answers carry
   * (Set-Cookie values, token headers) are added as they come, and redacted wherever the report repeats them.
   */
  secrets?: readonly string[];
  send?: HttpSender;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  signal?: AbortSignal;
  /** Called after every attempt, for progress lines. */
  onAttempt?: (check: SmokeCheck, attempt: AttemptSummary) => void;
}

/** What one attempt of a check saw, as the report may show it. */
export interface AttemptSummary {
  attempt: number;
  status?: number;
  error?: string;
  latencyMs?: number;
  passed: boolean;
  reasons: string[];
  consecutivePasses: number;
}

/** The failing answer a report shows: status, reasons, a trimmed body and the headers, redacted. */
export interface FailureDetail {
  status?: number;
  error?: string;
  reasons: string[];
  headers: Record<string, string>;
  bodyExcerpt: string;
}

export interface CheckReport {
  name: string;
  method: string;
  /** Redacted. */
  url: string;
  /** The Host header sent, if any. */
  host?: string;
  verdict: 'passed' | 'failed';
  attempts: number;
  /** Answers by status code; `error` counts requests that got no answer. */
  statuses: Record<string, number>;
  /** Percentiles over the attempts that got an answer. */
  latencyMs?: { p50: number; p95: number; max: number };
  consecutivePasses: number;
  elapsedMs: number;
  expectVersion?: string;
  /** The version the last answer named, when the check expects one. */
  versionSeen?: string;
  /** Why it failed, from its last failing attempt. */
  reasons: string[];
  failure?: FailureDetail;
}

export interface SmokeReport {
  passed: boolean;
  checks: CheckReport[];
  healthyFor: number;
  timeoutMs: number;
  elapsedMs: number;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function hostOf(check: SmokeCheck): string | undefined {
  return Object.entries(check.headers).find(([n]) => n.toLowerCase() === 'host')?.[1];
}

/**
 * The values a run redacts: those given, and the secrets of each answer a report keeps something of (the
 * last failure's, the last version's), so an answer of one check repeating another's cookie shows neither.
 * Only kept answers count, so a cookie that changes on every answer does not grow the list.
 */
class SecretBook {
  private readonly kept = new Map<string, readonly string[]>();

  constructor(private readonly given: readonly string[]) {}

  keep(key: string, secrets: readonly string[]): void {
    this.kept.set(key, secrets);
  }

  all(extra: readonly string[] = []): string[] {
    return [...new Set([...this.given, ...[...this.kept.values()].flat(), ...extra])];
  }
}

/** Per check: what its reasons, failure and version show, each redacted by value. */
function redactReport(report: CheckReport, secrets: readonly string[]): CheckReport {
  const text = (t: string): string => redactText(t, secrets);
  const failure = report.failure;
  return {
    ...report,
    name: text(report.name),
    url: text(report.url),
    ...(report.host !== undefined ? { host: text(report.host) } : {}),
    ...(report.versionSeen !== undefined ? { versionSeen: text(report.versionSeen) } : {}),
    reasons: report.reasons.map(text),
    ...(failure !== undefined
      ? {
          failure: {
            ...failure,
            ...(failure.error !== undefined ? { error: text(failure.error) } : {}),
            reasons: failure.reasons.map(text),
            headers: Object.fromEntries(Object.entries(failure.headers).map(([n, v]) => [n, text(v)])),
            bodyExcerpt: text(failure.bodyExcerpt),
          },
        }
      : {}),
  };
}

async function runCheck(
  check: SmokeCheck,
  key: string,
  options: SmokeRunOptions,
  clock: Clock,
  deadline: number,
  book: SecretBook,
): Promise<CheckReport> {
  const send = options.send ?? sendHttpRequest;
  const secrets = options.secrets ?? [];
  const secretHeaders = options.secretHeaders ?? [];
  const started = clock.now();
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let consecutive = 0;
  let lastFailure: FailureDetail | undefined;
  let versionSeen: string[] | undefined;
  let failures = 0;
  let sent = 0;
  const interval = check.intervalMs ?? options.intervalMs;
  const requestTimeoutMs = check.requestTimeoutMs ?? options.requestTimeoutMs;

  const result = await poll<boolean>({
    deadline,
    minDelayMs: interval,
    maxDelayMs: Math.max(interval, Math.min(30_000, interval * 8)),
    clock,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    check: async () => {
      // No request starts that could not end by the deadline, and none outlives it.
      const left = deadline - clock.now();
      if (left <= 0) return { done: false };
      const attempt = ++sent;
      const timeoutMs = Math.min(requestTimeoutMs, left);
      let summary: AttemptSummary;
      try {
        const answer = await send({
          url: check.url,
          method: check.method,
          headers: check.headers,
          ...(check.body !== undefined ? { body: check.body } : {}),
          timeoutMs,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1;
        latencies.push(answer.latencyMs);
        const carried = answerSecrets(answer.headers, secretHeaders);
        const shown = book.all(carried);
        const evaluation = evaluateAnswer(check, answer);
        const reasons = evaluation.reasons.map((r) => redactText(r, shown));
        if (evaluation.versionSeen !== undefined) {
          versionSeen = evaluation.versionSeen;
          book.keep(`${key} version`, carried);
        }
        consecutive = evaluation.passed ? consecutive + 1 : 0;
        if (!evaluation.passed) {
          book.keep(`${key} failure`, carried);
          lastFailure = {
            status: answer.status,
            reasons,
            headers: redactHeaders(relevantHeaders(answer.headers), secretHeaders, shown),
            bodyExcerpt: redactedExcerpt(answer.body, shown),
          };
        }
        summary = {
          attempt,
          status: answer.status,
          latencyMs: answer.latencyMs,
          passed: evaluation.passed,
          reasons,
          consecutivePasses: consecutive,
        };
      } catch (err) {
        if (options.signal?.aborted === true) throw err;
        const cutOff = timeoutMs < requestTimeoutMs && clock.now() >= deadline;
        // A request the run's deadline cut short says nothing new about the service: after a first attempt it
        // is not counted, so the report keeps what the last whole attempt saw as the reason.
        if (cutOff && attempt > 1) {
          sent--;
          return { done: false };
        }
        const error = cutOff
          ? `no answer before the ${formatDuration(options.timeoutMs)} timeout ran out`
          : redactText(err instanceof Error ? err.message : String(err), book.all());
        statuses.error = (statuses.error ?? 0) + 1;
        consecutive = 0;
        lastFailure = { error, reasons: [`no answer: ${error}`], headers: {}, bodyExcerpt: '' };
        summary = { attempt, error, passed: false, reasons: lastFailure.reasons, consecutivePasses: 0 };
      }
      options.onAttempt?.(check, summary);
      if (consecutive >= options.healthyFor) return { done: true, value: true };
      if (!summary.passed) failures++;
      if (check.retries !== undefined && failures > check.retries) return { done: true, value: false };
      // Between passes wait the interval; after a failure the poller backs off.
      return consecutive > 0 ? { done: false, nextDelayMs: interval } : { done: false };
    },
  });

  const sorted = [...latencies].sort((a, b) => a - b);
  const passed = result.outcome === 'done' && result.value;
  const reasons = passed ? [] : [...(lastFailure?.reasons ?? [])];
  if (!passed && result.outcome === 'done') {
    reasons.push(`gave up after ${failures} failed attempt(s) (retries: ${check.retries ?? 0})`);
  } else if (!passed && consecutive > 0) {
    reasons.unshift(
      `passed ${consecutive} time(s) in a row, not the ${options.healthyFor} needed, before the ${formatDuration(options.timeoutMs)} timeout`,
    );
  }
  const host = hostOf(check);
  return {
    name: redactText(check.name, secrets),
    method: check.method,
    url: redactUrl(check.url, secrets),
    ...(host !== undefined ? { host } : {}),
    verdict: passed ? 'passed' : 'failed',
    attempts: sent,
    statuses,
    ...(sorted.length > 0
      ? {
          latencyMs: {
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            max: sorted[sorted.length - 1]!,
          },
        }
      : {}),
    consecutivePasses: consecutive,
    elapsedMs: clock.now() - started,
    ...(check.expectVersion !== undefined ? { expectVersion: check.expectVersion } : {}),
    ...(versionSeen !== undefined ? { versionSeen: describeSeenVersion(versionSeen) } : {}),
    reasons,
    ...(!passed && lastFailure !== undefined ? { failure: lastFailure } : {}),
  };
}

/**
 * Runs every check at once until each has passed `healthyFor` times in a row or its timeout passes, after an
 * optional warm-up. Never throws for a failing check: the report says what failed (cancellation rejects).
 */
export async function runSmokeChecks(
  checks: readonly SmokeCheck[],
  options: SmokeRunOptions,
): Promise<SmokeReport> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const started = clock.now();
  if ((options.warmUpMs ?? 0) > 0) await sleep(options.warmUpMs!, options.signal);
  const deadline = clock.now() + options.timeoutMs;
  const book = new SecretBook(options.secrets ?? []);
  const reports = await Promise.all(
    checks.map((check, i) => runCheck(check, String(i), options, clock, deadline, book)),
  );
  // Again with every answer's secrets: one check's answer may repeat what another's carried.
  const secrets = book.all();
  return {
    passed: reports.every((r) => r.verdict === 'passed'),
    checks: reports.map((r) => redactReport(r, secrets)),
    healthyFor: options.healthyFor,
    timeoutMs: options.timeoutMs,
    elapsedMs: clock.now() - started,
  };
}
