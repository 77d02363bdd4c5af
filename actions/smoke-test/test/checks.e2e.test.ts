import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoSecrets } from '@ecs-delivery/testkit';
import {
  frontRequests,
  hostOf,
  reportOf,
  seedImage,
  seedServices,
  smokeTest,
  uriOf,
  useSim,
  visible,
} from './sim-helpers';

/** The action end to end against the simulator's HTTP fronts of ECS services. */

const sim = useSim();

async function seedShop(): Promise<string> {
  await sim().seed({ repositories: [{ name: 'shop/api' }] });
  const digest = await seedImage(sim(), 'shop/api', 'v1');
  await seedServices(
    sim(),
    {
      api: { image: `${uriOf(sim(), 'shop/api')}:v1` },
      web: { image: 'public.ecr.aws/nginx/nginx:1.27' },
    },
    {
      fronts: [
        { host: 'shop.example', cluster: 'shop', service: 'web' },
        { host: 'shop.example', pathPrefix: '/api', cluster: 'shop', service: 'api' },
      ],
    },
  );
  return digest;
}

/** The api image answers `/health/ready` with this (the other paths as usual). */
async function apiReadyAnswers(status: number, body: string, headers: Record<string, string>): Promise<void> {
  await sim().scenario([
    { image: '*/shop/api:*', http: { paths: { '/health/ready': { status, body, headers } } } },
  ]);
}

describe('a passing check set', () => {
  it('runs every check until healthy: Host routing, JSON paths, body text, a POST and the version', async () => {
    const digest = await seedShop();
    const url = sim().url;
    const checks = `
- name: api ready
  url: ${url}/health/ready
  headers: { Host: ${hostOf('api')} }
  json-equals: { $.status: ok, $.service: api }
- name: storefront
  url: ${url}/
  headers: { Host: shop.example }
  body-contains: '"service":"web"'
- name: orders through the storefront
  url: ${url}/api/orders
  method: POST
  headers: { Host: shop.example }
  body: { sku: 42 }
  status: 200-299
  json-equals: { $.service: api }
- name: api version
  url: ${url}/version
  headers: { Host: ${hostOf('api')} }
  expect-version: ${digest}
  max-latency: 10s
`;
    const run = await smokeTest(sim(), { checks });

    expect(run.annotations).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    const report = reportOf(run);
    expect(report.passed).toBe(true);
    expect(report.checks.map((c) => [c.name, c.verdict, c.host])).toEqual([
      ['api ready', 'passed', hostOf('api')],
      ['storefront', 'passed', 'shop.example'],
      ['orders through the storefront', 'passed', 'shop.example'],
      ['api version', 'passed', hostOf('api')],
    ]);
    for (const check of report.checks) {
      expect(check.consecutivePasses).toBe(2);
      expect(check.statuses).toEqual({ '200': check.attempts });
      expect(check.latencyMs).toBeDefined();
    }
    expect(report.checks[3]!.versionSeen).toContain(digest);

    expect(run.log).toContain(`storefront: GET ${url}/ (Host: shop.example); expects status 200-299`);
    expect(run.log).toContain('api ready: passed, 1 of 2 in a row');
    expect(run.log).toContain(`✓ api version: 2 attempt(s), 200 ×2`);
    expect(run.summary).toContain('Smoke test passed: 4 check(s) healthy 2 time(s) in a row');
    expect(run.summary).toContain('| Check | Attempts | Statuses | p50 | p95 | Version | Verdict |');
    expect(run.summary).toMatch(
      /\| orders through the storefront \| 2 \| 200 ×2 \| .+ \| .+ \| {2}\| ✅ passed \|/,
    );
    expect(run.summary).toContain(digest);
  });

  it('checks plain urls with the headers input sent along, and proves a tag with expect-version', async () => {
    await seedShop();
    const url = sim().url;
    const run = await smokeTest(sim(), {
      urls: `${url}/health/ready\n${url}/version`,
      headers: `Host: ${hostOf('api')}`,
      'expect-version': 'v1',
    });

    expect(run.exitCode).toBe(0);
    const report = reportOf(run);
    expect(report.checks.map((c) => [c.name, c.verdict])).toEqual([
      [`GET ${url}/health/ready`, 'passed'],
      [`GET ${url}/version`, 'passed'],
    ]);
    expect(report.checks[1]!.expectVersion).toBe('v1');
    expect(report.checks[1]!.versionSeen).toContain('v1');
  });

  it("runs the manifest's smoke checks of an environment, only for the services asked for", async () => {
    await seedShop();
    const cwd = mkdtempSync(join(tmpdir(), 'smoke-manifest-'));
    const manifest = readFileSync(join(__dirname, 'fixtures', 'shop.yml'), 'utf8');
    writeFileSync(join(cwd, 'shop.yml'), manifest.replaceAll('http://127.0.0.1:4566', sim().url));

    const run = await smokeTest(
      sim(),
      { manifest: 'shop.yml', environment: 'shop', services: 'api' },
      { cwd },
    );

    expect(run.exitCode).toBe(0);
    expect(reportOf(run).checks.map((c) => [c.name, c.verdict])).toEqual([
      ['api: ready', 'passed'],
      ['api: version', 'passed'],
    ]);
    expect(run.log).toContain('2 smoke check(s) from "manifest"');
  });
});

describe('a failing check', () => {
  it('fails the step when /health/ready answers 500, reporting the status, the body and the headers', async () => {
    await seedShop();
    await apiReadyAnswers(500, '{"status":"error","db":"down"}', { 'retry-after': '5' });
    const url = sim().url;
    const run = await smokeTest(sim(), {
      checks: `
- name: api ready
  url: ${url}/health/ready
  headers: { Host: ${hostOf('api')} }
- name: storefront
  url: ${url}/
  headers: { Host: shop.example }
`,
      timeout: '2s',
    });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.passed).toBe('false');
    const report = reportOf(run);
    expect(report.passed).toBe(false);
    const [ready, storefront] = report.checks;
    expect(storefront!.verdict).toBe('passed');
    expect(ready!.verdict).toBe('failed');
    expect(ready!.attempts).toBeGreaterThan(1);
    expect(ready!.statuses).toEqual({ '500': ready!.attempts });
    expect(ready!.reasons).toContain('status 500, expected 200-299');
    expect(ready!.failure).toMatchObject({
      status: 500,
      bodyExcerpt: '{"status":"error","db":"down"}',
      headers: expect.objectContaining({ 'retry-after': '5', 'x-sim-front': hostOf('api') }),
    });

    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]).toMatchObject({ level: 'error', title: 'Smoke test failed' });
    expect(run.annotations[0]!.message).toBe(
      'Smoke test failed: 1 of 2 check(s) failed. api ready: status 500, expected 200-299.',
    );
    expect(run.log).toContain('api ready: not yet (HTTP 500): status 500, expected 200-299 (attempt 1)');
    expect(run.log).toContain('    body: {"status":"error","db":"down"}');
    expect(run.summary).toContain('Smoke test failed: 1 of 2 check(s) failed');
    expect(run.summary).toContain('### ❌ api ready');
    expect(run.summary).toContain('| Status | 500 |');
    expect(run.summary).toContain('| retry-after | 5 |');
    expect(run.summary).toContain('{"status":"error","db":"down"}');
    expect(run.summary).toMatch(/\| storefront \| \d+ \| 200 ×\d+ \| .+ \| ✅ passed \|/);
  });

  it('never shows a secret header, a URL credential, or the cookies and tokens an answer carries', async () => {
    await seedShop();
    await apiReadyAnswers(503, '{"error":"down","token":"body-tok-77c1e0","note":"Bearer hdr-tok-5b3a9f"}', {
      'set-cookie': 'session=srv-cookie-91ab3',
      'x-request-token': 'resp-tok-28c4d1',
    });
    const front = new URL(sim().url);
    const request = {
      bearer: 'tok-3f9a1c77e2',
      tenant: 'tenant-7d1e55aa',
      apiKey: 'key-81b0c2d4',
      cookie: 'sid=cookie-5e2a9b',
      password: 'url-pass-4c2e',
      query: 'q-tok-6d1f08',
    };
    const run = await smokeTest(sim(), {
      headers: `Authorization: Bearer ${request.bearer}\nX-Tenant: ${request.tenant}`,
      'secret-headers': 'X-Tenant',
      checks: `
- url: http://ops:${request.password}@${front.host}/health/ready?access_token=${request.query}
  headers: { Host: ${hostOf('api')}, X-Api-Key: ${request.apiKey}, Cookie: '${request.cookie}' }
- name: version
  url: ${front.origin}/version
  headers: { Host: ${hostOf('api')} }
`,
      timeout: '1s',
    });

    expect(run.exitCode).toBe(1);
    expect(run.masks).toEqual(expect.arrayContaining(Object.values(request)));
    const answered = ['body-tok-77c1e0', 'hdr-tok-5b3a9f', 'srv-cookie-91ab3', 'resp-tok-28c4d1'];
    expectNoSecrets(run, [...Object.values(request), ...answered]);
    const report = reportOf(run);
    expect(report.checks[0]!.name).toBe(`GET http://***@${front.host}/health/ready?access_token=***`);
    expect(report.checks[0]!.failure!.headers).toMatchObject({
      'set-cookie': '***',
      'x-request-token': '***',
    });
    expect(run.summary).toContain('| set-cookie | *** |');
    expect(run.summary).toContain('"token":"***"');
    expect(report.checks[1]!.verdict).toBe('passed');
  });
});

describe('bad inputs', () => {
  it.each([
    ['checks', { checks: '- url: [unclosed' }, /^Configuration error: Input "checks" is not valid YAML/],
    [
      'checks',
      { checks: '- url: http://127.0.0.1/\n  status: 299-200' },
      /checks\[0\]\.status is invalid: "299-200" is an impossible range/,
    ],
    ['urls', { urls: 'http://127.0.0.1/ok\nnot a url' }, /Input "urls": urls\[1\] is not a valid URL/],
    ['checks', {}, /No checks to run: give one of the inputs "checks"/],
  ])('fail before any request when input "%s" is wrong', async (input, inputs, message) => {
    await seedShop();
    const run = await smokeTest(sim(), {
      headers: `Host: ${hostOf('api')}\nAuthorization: Bearer tok-0a9b8c7d`,
      ...inputs,
    });

    expect(run.exitCode).toBe(1);
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]!.title).toBe('Configuration error');
    expect(run.annotations[0]!.message).toContain(`"${input}"`);
    expect(run.annotations[0]!.message).toMatch(message);
    expect(run.outputs).toEqual({});
    expect(await frontRequests(sim(), 'api')).toBe(0);
    expect(visible(run)).not.toContain('smoke check(s) from');
    expectNoSecrets(run, ['tok-0a9b8c7d']);
  });
});
