import { FakeClock } from '../src';
import {
  checksFromList,
  runSmokeChecks,
  smokeFailureMessage,
  smokeLogLines,
  smokeSummary,
  type HttpAnswer,
  type HttpSender,
} from '../src/smoke';
import type { HttpRequestSpec } from '../src/smoke/types';

/** runSmokeChecks with a scripted server and a fake clock: what a report may show, and when a run ends. */

function answer(status: number, body: string, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers, body, latencyMs: 4, truncated: false };
}

const pacing = { healthyFor: 2, intervalMs: 1000, requestTimeoutMs: 5000 };

describe('secrets an answer carries', () => {
  const cookie = 'srv-cookie-91ab3';
  const token = 'resp-tok-28c4d1';
  const request = 'tok-3f9a1c77e2';

  it('are redacted wherever the report repeats them: the body, the reasons, the version, another check', async () => {
    const checks = checksFromList('checks', [
      {
        name: 'login',
        url: 'https://lb.example/login',
        'json-equals': { '$.echo': 'none' },
        'expect-version': 'v2',
        'version-path': '$.echo',
      },
      { name: 'profile', url: 'https://lb.example/profile' },
    ]);
    const send: HttpSender = (spec) =>
      Promise.resolve(
        spec.url.endsWith('/login')
          ? answer(401, `{"echo":"${cookie}","again":"session=${cookie}","t":"${token}","r":"${request}"}`, {
              'set-cookie': `session=${cookie}; Path=/; HttpOnly`,
              'x-request-token': token,
            })
          : answer(500, `the cookie was ${cookie}, the token ${token}`),
      );
    const clock = new FakeClock(1_000);
    const progress: string[] = [];
    const report = await runSmokeChecks(checks, {
      ...pacing,
      timeoutMs: 3000,
      secrets: [request],
      send,
      clock,
      sleep: clock.sleep,
      onAttempt: (c, a) => progress.push(`${c.name}: ${a.reasons.join('; ')}`),
    });

    const shown = [
      JSON.stringify(report),
      smokeSummary(report),
      smokeLogLines(report).join('\n'),
      smokeFailureMessage(report),
      progress.join('\n'),
    ];
    for (const text of shown) {
      for (const secret of [cookie, token, request]) expect(text).not.toContain(secret);
    }
    const [login, profile] = report.checks;
    expect(login!.failure!.headers).toEqual({ 'set-cookie': '***', 'x-request-token': '***' });
    expect(login!.failure!.bodyExcerpt).toBe('{"echo":"***","again":"session=***","t":"***","r":"***"}');
    expect(login!.reasons).toContain('$.echo is "***", expected "none"');
    expect(login!.versionSeen).toBe('***');
    // The other check's body repeats what the first one's answer carried.
    expect(profile!.failure!.bodyExcerpt).toBe('the cookie was ***, the token ***');
  });
});

describe('the deadline of a run', () => {
  it('cuts a request still waiting at warm-up + timeout, and starts none after it', async () => {
    const clock = new FakeClock(0);
    const sent: { at: number; timeoutMs: number }[] = [];
    // A server that never answers: each request waits out its timeout.
    const send: HttpSender = (spec: HttpRequestSpec) => {
      sent.push({ at: clock.now(), timeoutMs: spec.timeoutMs });
      clock.advance(spec.timeoutMs);
      return Promise.reject(new Error(`no answer within ${spec.timeoutMs}ms`));
    };
    const checks = checksFromList('checks', [{ name: 'slow', url: 'https://lb.example/', timeout: '60s' }]);
    const report = await runSmokeChecks(checks, {
      ...pacing,
      timeoutMs: 25_000,
      warmUpMs: 5000,
      send,
      clock,
      sleep: clock.sleep,
      random: () => 0,
    });

    expect(clock.now()).toBe(30_000);
    expect(sent[0]).toEqual({ at: 5000, timeoutMs: 25_000 });
    expect(sent.every((s) => s.at + s.timeoutMs <= 30_000)).toBe(true);
    expect(report.checks[0]).toMatchObject({
      verdict: 'failed',
      attempts: sent.length,
      reasons: ['no answer: no answer before the 25s timeout ran out'],
    });
  });

  it('gives each request what is left of the run when that is less than its own timeout', async () => {
    const clock = new FakeClock(0);
    const timeouts: number[] = [];
    // Answers after 3 s, unless the request gives up sooner.
    const send: HttpSender = (spec) => {
      timeouts.push(spec.timeoutMs);
      clock.advance(Math.min(3000, spec.timeoutMs));
      return spec.timeoutMs < 3000
        ? Promise.reject(new Error('no answer'))
        : Promise.resolve(answer(503, 'starting'));
    };
    const checks = checksFromList('checks', ['https://lb.example/']);
    const report = await runSmokeChecks(checks, {
      ...pacing,
      timeoutMs: 10_000,
      send,
      clock,
      sleep: clock.sleep,
      random: () => 0,
    });

    expect(timeouts[0]).toBe(5000);
    expect(timeouts.at(-1)).toBeLessThan(3000);
    expect(clock.now()).toBe(10_000);
    // The request the deadline cut short is not counted: the report says what the service answered.
    expect(report.checks[0]).toMatchObject({
      verdict: 'failed',
      attempts: timeouts.length - 1,
      statuses: { '503': timeouts.length - 1 },
      reasons: ['status 503, expected 200-299'],
    });
  });
});
