import {
  FAILURES_NAMED,
  smokeFailureMessage,
  smokeLogLines,
  smokeSummary,
  type CheckReport,
  type SmokeReport,
} from '../src/smoke';

function check(overrides: Partial<CheckReport>): CheckReport {
  return {
    name: 'ready',
    method: 'GET',
    url: 'https://lb.example/ready',
    verdict: 'passed',
    attempts: 3,
    statuses: { '200': 3 },
    latencyMs: { p50: 12, p95: 40, max: 40 },
    consecutivePasses: 3,
    elapsedMs: 2000,
    reasons: [],
    ...overrides,
  };
}

function report(checks: CheckReport[]): SmokeReport {
  return {
    passed: checks.every((c) => c.verdict === 'passed'),
    checks,
    healthyFor: 3,
    timeoutMs: 60_000,
    elapsedMs: 2000,
  };
}

describe('smoke summary', () => {
  it('has no version column when no check expects a version', () => {
    expect(smokeSummary(report([check({})]))).toContain(
      '| Check | Attempts | Statuses | p50 | p95 | Verdict |\n| --- | --- | --- | --- | --- | --- |\n' +
        '| ready | 3 | 200 ×3 | 12ms | 40ms | ✅ passed |',
    );
  });

  it('shows the version each version check saw', () => {
    const summary = smokeSummary(
      report([check({}), check({ name: 'version', expectVersion: 'v2', versionSeen: 'sha256:abc (v2)' })]),
    );
    expect(summary).toContain('| Check | Attempts | Statuses | p50 | p95 | Version | Verdict |');
    expect(summary).toContain('| ready | 3 | 200 ×3 | 12ms | 40ms |  | ✅ passed |');
    expect(summary).toContain('| version | 3 | 200 ×3 | 12ms | 40ms | sha256:abc (v2) | ✅ passed |');
  });
});

describe('smoke log lines', () => {
  it('name the version a passing version check proved', () => {
    expect(smokeLogLines(report([check({ expectVersion: 'v2', versionSeen: 'sha256:abc (v2)' })]))).toEqual([
      '✓ ready: 3 attempt(s), 200 ×3, p50 12ms, p95 40ms, version sha256:abc (v2)',
    ]);
  });
});

describe('the step error', () => {
  it(`names at most ${FAILURES_NAMED} failed checks, each cut to a line, whatever their number`, () => {
    const failed = Array.from({ length: 100 }, (_, i) =>
      check({
        name: `check ${i}`,
        verdict: 'failed',
        reasons: [`the body does not contain "${'x'.repeat(5000)}"`],
      }),
    );
    const message = smokeFailureMessage(report(failed));
    expect(message).toMatch(/^Smoke test failed: 100 of 100 check\(s\) failed\. check 0: the body/);
    expect(message).toContain('check 9: ');
    expect(message).not.toContain('check 10: ');
    expect(message).toMatch(/ And 90 more: see the job summary\.$/);
    expect(message.length).toBeLessThan(2500);
  });
});
