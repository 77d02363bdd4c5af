import { CallBudget, FakeClock } from '@ecs-delivery/shared';
import { checksFromList, type HttpAnswer, type HttpSender } from '@ecs-delivery/shared/smoke';
import type { Inputs } from '../src/inputs';
import { describeCheck, progressPrinter } from '../src/report';
import { run } from '../src/run';

/** run() with a scripted server and a fake clock: what the log says while checks retry, and how it ends. */

let stdout: string[] = [];

beforeEach(() => {
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
  delete process.env['GITHUB_STEP_SUMMARY'];
  delete process.env['GITHUB_OUTPUT'];
});

afterEach(() => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
});

const log = (): string[] => stdout.join('').split('\n');

function answer(status: number, body = '{"status":"ok"}'): HttpAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body, latencyMs: 4, truncated: false };
}

/** A server answering each request with the next entry (the last one repeats). */
function scripted(...answers: HttpAnswer[]): HttpSender {
  let i = 0;
  return () => Promise.resolve(answers[Math.min(i++, answers.length - 1)]!);
}

function inputsFor(checks: unknown[], overrides: Partial<Inputs> = {}): Inputs {
  return {
    source: 'checks',
    checks: checksFromList('checks', checks),
    expectVersion: undefined,
    addedVersionChecks: [],
    healthyFor: 2,
    timeoutMs: 60_000,
    intervalMs: 1000,
    warmUpMs: 0,
    requestTimeoutMs: 5000,
    secretHeaders: [],
    secrets: [],
    ...overrides,
  };
}

const signal = new AbortController().signal;
const context = { phase: 'main' as const, signal, budget: new CallBudget(signal) };

describe('run', () => {
  it('retries until the check passes healthy-for times in a row, saying each change once', async () => {
    const clock = new FakeClock(1_000_000);
    const inputs = inputsFor([{ name: 'ready', url: 'https://lb.example/ready' }]);
    const report = await run(inputs, context, {
      send: scripted(answer(503), answer(503), answer(503), answer(200), answer(200)),
      clock,
      sleep: clock.sleep,
      random: () => 0.5,
    });

    expect(report.passed).toBe(true);
    expect(report.checks[0]).toMatchObject({ attempts: 5, statuses: { '503': 3, '200': 2 } });
    expect(process.exitCode).toBeUndefined();
    expect(log().filter((l) => l.startsWith('ready: '))).toEqual([
      'ready: GET https://lb.example/ready; expects status 200-299',
      'ready: not yet (HTTP 503): status 503, expected 200-299 (attempt 1)',
      'ready: passed, 1 of 2 in a row (attempt 4)',
      'ready: healthy, 2 pass(es) in a row (attempt 5)',
    ]);
    expect(log()).toContain('Smoke test passed: 1 check(s) healthy.');
  });

  it('fails the step with one error naming each failing check and why', async () => {
    const clock = new FakeClock(1_000_000);
    const inputs = inputsFor(
      [
        { name: 'ready', url: 'https://lb.example/ready' },
        { name: 'version', url: 'https://lb.example/version', 'expect-version': 'v2' },
      ],
      { timeoutMs: 10_000 },
    );
    const report = await run(inputs, context, {
      send: scripted(answer(200, '{"tag":"v1"}')),
      clock,
      sleep: clock.sleep,
      random: () => 0.5,
    });

    expect(report.passed).toBe(false);
    expect(process.exitCode).toBe(1);
    expect(log()).toContain(
      '::error title=Smoke test failed::Smoke test failed: 1 of 2 check(s) failed. version: version v1 answered, expected v2.',
    );
  });

  it('waits for the warm-up before the first request', async () => {
    const clock = new FakeClock(1_000_000);
    const sentAt: number[] = [];
    const send: HttpSender = () => {
      sentAt.push(clock.now());
      return Promise.resolve(answer(200));
    };
    const inputs = inputsFor([{ url: 'https://lb.example/ready' }], { warmUpMs: 30_000, healthyFor: 1 });
    await run(inputs, context, { send, clock, sleep: clock.sleep });

    expect(log()).toContain('Warming up: waiting 30s first.');
    expect(sentAt).toEqual([1_030_000]);
  });

  it('repeats an unchanged failure after 30 s, so a long wait still shows signs of life', () => {
    const clock = new FakeClock(0);
    const lines: string[] = [];
    const progress = progressPrinter(3, { print: (l) => lines.push(l), clock });
    const [check] = checksFromList('checks', [{ name: 'ready', url: 'https://lb.example/ready' }]);
    const failure = {
      passed: false,
      status: 500,
      reasons: ['status 500, expected 200-299'],
      consecutivePasses: 0,
    };
    for (let attempt = 1; attempt <= 4; attempt++) {
      progress(check!, { ...failure, attempt });
      clock.advance(12_000);
    }
    expect(lines).toEqual([
      'ready: not yet (HTTP 500): status 500, expected 200-299 (attempt 1)',
      'ready: not yet (HTTP 500): status 500, expected 200-299 (attempt 4)',
    ]);
  });
});

describe('describeCheck', () => {
  it('shows the request and what must come back, but no header value other than Host', () => {
    const [check] = checksFromList('checks', [
      {
        name: 'login',
        url: 'https://ops:pw-5d2c91@lb.example/session?token=t-81c2',
        method: 'POST',
        headers: { Host: 'api.example', 'X-Api-Key': 'key-0e7f3a', 'X-Trace': 'trace-9' },
        status: [200, 204],
        'body-contains': 'welcome',
        'json-equals': { '$.user.id': 7 },
        'max-latency': '2s',
        'expect-version': 'sha256:abc',
        'version-path': '$.build',
      },
    ]);
    const line = describeCheck(check!, ['pw-5d2c91', 't-81c2']);
    expect(line).toBe(
      'login: POST https://***@lb.example/session?token=*** (Host: api.example); ' +
        'expects status 200, 204, body contains "welcome", $.user.id = 7, within 2s, version sha256:abc at $.build',
    );
    expect(line).not.toMatch(/key-0e7f3a|trace-9/);
  });
});
