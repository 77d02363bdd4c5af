import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoSecrets } from '@ecs-delivery/testkit';
import { frontRequests, hostOf, reportOf, seedServices, smokeTest, useSim, visible } from './sim-helpers';

/** The limits of the bundled action against the simulator: bad input refused, a deadline, secrets redacted by value. */

const sim = useSim();
const TOKEN = 'tok-0a9b8c7d';

async function seedApi(): Promise<void> {
  await seedServices(sim(), { api: { image: 'public.ecr.aws/shop/api:v1' } });
}

const many = (n: number): string[] => Array.from({ length: n }, (_, i) => `${sim().url}/health/${i}`);

/** A copy of the shop manifest whose api service has `count` smoke checks. */
function manifestWith(count: number): string {
  const cwd = mkdtempSync(join(tmpdir(), 'smoke-limits-'));
  const shop = readFileSync(join(__dirname, 'fixtures', 'shop.yml'), 'utf8');
  const smoke = Array.from(
    { length: count },
    (_, i) =>
      `      - name: c${i}\n        url: '{{ front }}/health/${i}'\n        headers: { Host: 'api.{{ env }}.ecs.sim' }`,
  ).join('\n');
  const api = /( {2}api:\n {4}containers: \{ api: api \}\n {4}smoke:\n)(?: {6}.*\n)+/;
  writeFileSync(
    join(cwd, 'shop.yml'),
    shop.replace(api, `$1${smoke}\n`).replaceAll('http://127.0.0.1:4566', sim().url),
  );
  return cwd;
}

// First: the simulator's answer to the cut-off request is still due while the other tests run.
describe('the deadline', () => {
  it('ends the step by warm-up + timeout, cutting off a request still waiting', async () => {
    await seedApi();
    await sim().scenario([{ image: '*/shop/api:*', http: { paths: { '/slow': { latencyMs: 4000 } } } }]);
    const run = await smokeTest(sim(), {
      checks: `- name: slow\n  url: ${sim().url}/slow\n  headers: { Host: ${hostOf('api')} }\n  timeout: 60s`,
      timeout: '1s',
      'request-timeout': '10m',
    });

    expect(run.exitCode).toBe(1);
    // The answer would come after 4 s: the request is cut off at the 1 s deadline.
    expect(run.durationMs).toBeLessThan(3500);
    const [slow] = reportOf(run).checks;
    expect(slow).toMatchObject({ verdict: 'failed', attempts: 1 });
    expect(slow!.reasons).toEqual(['no answer: no answer before the 1s timeout ran out']);
    expect(run.annotations.map((a) => a.message)).toEqual([
      'Smoke test failed: 1 of 1 check(s) failed. slow: no answer: no answer before the 1s timeout ran out.',
    ]);
  });
});

describe('bad inputs fail before any request, naming the input, showing no secret', () => {
  it.each<[string, () => Record<string, string>, RegExp]>([
    [
      'checks',
      () => ({
        checks: many(101)
          .map((u) => `- ${u}`)
          .join('\n'),
      }),
      /^Configuration error: Input "checks": checks has 101 checks; at most 100 run in one step/,
    ],
    [
      'urls',
      () => ({ urls: many(1000).join('\n') }),
      /^Configuration error: Input "urls": urls has 1000 checks; at most 100 run in one step/,
    ],
    [
      'headers',
      () => ({
        urls: `${sim().url}/health/ready`,
        headers: `Host: ${hostOf('api')}\nX-Trace: a\r\nInjected: b`,
      }),
      /Input "headers" line 2: the value of "X-Trace" must be one line of text, without CR, LF/,
    ],
    [
      'checks',
      () => ({
        checks: `- url: ${sim().url}/health/ready\n  headers: { Host: ${hostOf('api')}, X-Trace: "a\\r\\nInjected: b" }`,
      }),
      /Input "checks": checks\[0\]\.headers\.X-Trace must be one line of text, without CR, LF/,
    ],
  ])('input "%s"', async (input, inputs, message) => {
    await seedApi();
    const run = await smokeTest(sim(), { headers: `Authorization: Bearer ${TOKEN}`, ...inputs() });

    expect(run.exitCode).toBe(1);
    expect(run.durationMs).toBeLessThan(10_000);
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]!.title).toBe('Configuration error');
    expect(run.annotations[0]!.message).toContain(`"${input}"`);
    expect(run.annotations[0]!.message).toMatch(message);
    expect(run.outputs).toEqual({});
    expect(await frontRequests(sim(), 'api')).toBe(0);
    expect(visible(run)).not.toContain('smoke check(s) from');
    expectNoSecrets(run, [TOKEN]);
  });

  it('input "manifest" with more than 100 checks of its services together', async () => {
    await seedApi();
    const run = await smokeTest(
      sim(),
      { manifest: 'shop.yml', environment: 'shop', headers: `Authorization: Bearer ${TOKEN}` },
      { cwd: manifestWith(100) },
    );

    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message)).toEqual([
      'Configuration error: Input "manifest": environment "shop" has 101 checks; at most 100 run in one step: choose fewer services with "services", or split them across steps.',
    ]);
    expect(await frontRequests(sim(), 'api')).toBe(0);
    expectNoSecrets(run, [TOKEN]);
  });
});

describe('secrets an answer carries', () => {
  it('are redacted wherever they show up again: the body, the reasons, another check, the summary, the outputs', async () => {
    await seedApi();
    const cookie = 'srv-cookie-91ab3';
    const token = 'resp-tok-28c4d1';
    await sim().scenario([
      {
        image: '*/shop/api:*',
        http: {
          paths: {
            '/login': {
              status: 401,
              body: `{"error":"expired","echo":"${cookie}","again":"session=${cookie}","trace":"${token}","sent":"${TOKEN}"}`,
              headers: { 'set-cookie': `session=${cookie}; Path=/; HttpOnly`, 'x-request-token': token },
            },
            '/profile': { status: 500, body: `the cookie was ${cookie}, the token ${token}` },
          },
        },
      },
    ]);
    const run = await smokeTest(sim(), {
      headers: `Host: ${hostOf('api')}\nAuthorization: Bearer ${TOKEN}`,
      checks: `
- name: login
  url: ${sim().url}/login
  json-equals: { $.echo: none }
- name: profile
  url: ${sim().url}/profile
`,
      timeout: '2s',
    });

    expect(run.exitCode).toBe(1);
    expectNoSecrets(run, [cookie, token, TOKEN]);
    const [login, profile] = reportOf(run).checks;
    expect(login!.failure!.headers).toMatchObject({ 'set-cookie': '***', 'x-request-token': '***' });
    expect(login!.failure!.bodyExcerpt).toBe(
      '{"error":"expired","echo":"***","again":"session=***","trace":"***","sent":"***"}',
    );
    expect(login!.reasons).toContain('$.echo is "***", expected "none"');
    expect(profile!.failure!.bodyExcerpt).toBe('the cookie was ***, the token ***');
    expect(run.log).toContain('login: not yet (HTTP 401): status 401, expected 200-299; $.echo is "***"');
    expect(run.summary).toContain('the cookie was ***, the token ***');
    expect(run.annotations[0]!.message).toContain('login: status 401, expected 200-299');
  });
});
