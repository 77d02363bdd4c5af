import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError, readActionDefaults, useActionDefaults } from '@ecs-delivery/shared';
import { getInputs, type Inputs } from '../src/inputs';

// The runner's defaults are action.yml's, and so are the action's.
useActionDefaults(readActionDefaults(join(__dirname, '..', 'action.yml')));

/** The inputs as the runner passes them (`INPUT_<NAME>`), read and validated before any request. */

const FIXTURES = join(__dirname, 'fixtures');
const MANIFEST = join(FIXTURES, 'shop.yml');
const CHECKS = readFileSync(join(FIXTURES, 'checks.yml'), 'utf8');

let stdout: string[] = [];
const saved = { ...process.env };

beforeEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...saved };
});

function withInputs(inputs: Record<string, string>): Promise<Inputs> {
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  return getInputs();
}

async function errorOf(inputs: Record<string, string>): Promise<ConfigurationError> {
  const err: unknown = await withInputs(inputs).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ConfigurationError))
    throw new Error(`expected a ConfigurationError, got ${String(err)}`);
  return err;
}

const url = 'https://lb.shop.example/health';

describe('bad inputs fail naming the input', () => {
  it.each<[string, Record<string, string>, RegExp]>([
    [
      'checks',
      {},
      /^No checks to run: give one of the inputs "checks" \(a YAML list\), "urls" or "manifest"/,
    ],
    ['urls', { checks: `- ${url}`, urls: url }, /^Inputs "checks" and "urls" are both given; give only one/],
    [
      'urls',
      { checks: `- ${url}`, urls: url, manifest: MANIFEST },
      /^Inputs "checks", "urls" and "manifest" are all/,
    ],
    ['checks', { checks: '- url: [unclosed' }, /^Input "checks" is not valid YAML: /],
    ['checks', { checks: `url: ${url}` }, /^Input "checks": checks must be a list of checks; got object/],
    ['checks', { checks: '[]' }, /^Input "checks": checks is empty: give at least one check\.$/],
    ['checks', { checks: '- url: not a url' }, /checks\[0\]\.url is not a valid URL: "not a url"/],
    [
      'checks',
      { checks: '- ftp://files.shop.example/' },
      /checks\[0\]\.url must be an http:\/\/ or https:\/\/ URL/,
    ],
    [
      'checks',
      { checks: `- { url: '${url}', status: 299-200 }` },
      /checks\[0\]\.status is invalid: "299-200" is an impossible range: 299 is above 200/,
    ],
    [
      'checks',
      { checks: `- { url: '${url}', status: 700 }` },
      /checks\[0\]\.status is invalid: "700" is not a status/,
    ],
    [
      'checks',
      { checks: `- { url: '${url}', expect: 200 }` },
      /checks\[0\] has an unknown key "expect"; known keys: name, url/,
    ],
    [
      'checks',
      { checks: `- { url: '${url}', method: FETCH }` },
      /checks\[0\]\.method must be one of GET, HEAD/,
    ],
    [
      'checks',
      { checks: `- { url: '${url}', json-equals: { '$.a[': 1 } }` },
      /checks\[0\]\.json-equals has an invalid JSON path "\$\.a\["/,
    ],
    [
      'checks',
      { checks: `- { url: '${url}', max-latency: soon }` },
      /checks\[0\]\.max-latency must be a duration/,
    ],
    [
      'checks',
      { checks: `- { url: '${url}', expect-version: true }` },
      /checks\[0\]\.expect-version is true, but input "expect-version" is not given/,
    ],
    [
      'checks',
      { checks: `- { url: '${url}', headers: { 'Bad Name': x } }` },
      /checks\[0\]\.headers has an invalid header name "Bad Name"/,
    ],
    [
      'urls',
      { urls: `${url}\nlb.shop.example/ready` },
      /^Input "urls": urls\[1\] is not a valid URL: "lb\.shop\.example\/ready"/,
    ],
    ['urls', { urls: ' , ' }, /^Input "urls" has no URL/],
    [
      'environment',
      { urls: url, environment: 'prod' },
      /^Input "environment" only applies with "manifest", but the checks come from "urls"\.$/,
    ],
    ['services', { checks: `- ${url}`, services: 'api' }, /^Input "services" only applies with "manifest"/],
    ['environment', { manifest: MANIFEST }, /^Input "environment" is required with "manifest"/],
    [
      'manifest',
      { manifest: 'missing.yml', environment: 'prod' },
      /^Input "manifest" names the manifest \/.*\/missing\.yml, which cannot be read: it does not exist\.$/,
    ],
    [
      'environment',
      { manifest: MANIFEST, environment: 'staging' },
      /^Input "environment" is "staging", which the manifest .* does not define; its environments are shop, prod\.$/,
    ],
    [
      'services',
      { manifest: MANIFEST, environment: 'prod', services: 'api\ncart' },
      /^Input "services" names "cart", not in the manifest/,
    ],
    [
      'manifest',
      { manifest: MANIFEST, environment: 'prod', services: 'worker' },
      /has no smoke checks for environment "prod" \(services worker\)/,
    ],
    [
      'headers',
      { urls: url, headers: 'Host api.shop.example' },
      /^Input "headers" line 1 must be a header, "Name: value" \(there is no ":"\)\.$/,
    ],
    [
      'headers',
      { urls: url, headers: 'Host: a\nhost: b' },
      /^Input "headers" sets the header "host" more than once\.$/,
    ],
    [
      'secret-headers',
      { urls: url, 'secret-headers': 'X-Tenant, Bad Name' },
      /^Input "secret-headers" must list header names; "Bad Name" is not one\.$/,
    ],
    [
      'version-endpoint',
      { urls: url, 'version-endpoint': '/v' },
      /^Input "version-endpoint" only applies with "expect-version"\.$/,
    ],
    [
      'version-endpoint',
      { urls: url, 'expect-version': 'v2', 'version-endpoint': 'version' },
      /must be a path starting with "\/"/,
    ],
    [
      'healthy-for',
      { urls: url, 'healthy-for': '0' },
      /^Input "healthy-for" must be a whole number from 1 to 100; got "0"\.$/,
    ],
    ['timeout', { urls: url, timeout: 'ten minutes' }, /^Input "timeout" must be a duration like 90s/],
    [
      'interval',
      { urls: url, interval: '10ms' },
      /^Input "interval" must be a duration of at least 100ms; got "10ms"\.$/,
    ],
    ['warm-up', { urls: url, 'warm-up': '2h' }, /^Input "warm-up" must be a duration of at most 30m/],
    [
      'request-timeout',
      { urls: url, 'request-timeout': 'never' },
      /^Input "request-timeout" must be a duration/,
    ],
  ])('input "%s": %j', async (input, inputs, message) => {
    const err = await errorOf(inputs);
    expect(err.input).toBe(input);
    expect(err.message).toContain(`"${input}"`);
    expect(err.message).toMatch(message);
  });

  it('never repeats a header value in a message, even for a malformed line', async () => {
    const err = await errorOf({ urls: url, headers: 'Authorization Bearer tok-41c9e2d7' });
    expect(err.message).not.toContain('tok-41c9e2d7');
  });
});

describe('valid inputs', () => {
  it('reads a full check set, with the headers input sent along unless a check sets the same header', async () => {
    const inputs = await withInputs({
      checks: CHECKS,
      headers: 'Host: default.shop.example\nAccept: application/json',
      'expect-version': 'sha256:abc',
    });
    expect(inputs.source).toBe('checks');
    expect(inputs.checks.map((c) => c.name)).toEqual([
      'api ready',
      'login',
      'GET https://lb.shop.example/health/live',
      'GET https://lb.shop.example/build',
      'version of default.shop.example',
    ]);
    const [ready, login, live, build] = inputs.checks;
    expect(ready).toMatchObject({
      method: 'GET',
      headers: { Accept: 'application/json', Host: 'api.shop.example', 'X-Request-Source': 'smoke' },
      status: [
        { min: 200, max: 200 },
        { min: 204, max: 204 },
      ],
      maxLatencyMs: 800,
    });
    expect(ready!.jsonEquals.map((j) => [j.path, j.value])).toEqual([
      ['$.status', 'ok'],
      ['$.checks[0].name', 'db'],
    ]);
    expect(login).toMatchObject({
      method: 'POST',
      body: '{"user":"smoke"}',
      status: [{ min: 200, max: 299 }],
      bodyContains: ['welcome', 'smoke'],
      requestTimeoutMs: 3000,
      intervalMs: 2000,
      retries: 4,
    });
    expect(live!.headers).toEqual({ Host: 'default.shop.example', Accept: 'application/json' });
    expect(build).toMatchObject({ expectVersion: 'sha256:abc', versionPath: { path: '$.build.image' } });
    // The third check goes to another target (its Host comes from the headers input), which gets its own.
    expect(inputs.addedVersionChecks).toEqual(['version of default.shop.example']);
    expect(inputs).toMatchObject({
      healthyFor: 3,
      timeoutMs: 300_000,
      intervalMs: 5000,
      warmUpMs: 0,
      requestTimeoutMs: 10_000,
    });
  });

  it('masks secret header values and URL credentials before anything else is printed', async () => {
    const inputs = await withInputs({
      urls: 'https://ops:pw-5d2c91@lb.shop.example/health?api_key=key-0e7f3a',
      headers: 'Authorization: Bearer tok-41c9e2d7\nX-Tenant: tenant-93ab\nHost: api.shop.example',
      'secret-headers': 'x-tenant',
    });
    const masks = stdout.join('').match(/^::add-mask::.*$/gm) ?? [];
    expect(masks).toEqual([
      '::add-mask::Bearer tok-41c9e2d7',
      '::add-mask::tok-41c9e2d7',
      '::add-mask::tenant-93ab',
      '::add-mask::pw-5d2c91',
      '::add-mask::key-0e7f3a',
    ]);
    expect(stdout.join('')).not.toMatch(/api\.shop\.example/);
    expect(inputs.secrets).toEqual(expect.arrayContaining(['tok-41c9e2d7', 'tenant-93ab', 'pw-5d2c91']));
    expect(inputs.checks[0]!.name).toBe('GET https://***@lb.shop.example/health?api_key=***');
  });

  it('adds a version check for every target (origin and Host) that has none', async () => {
    const inputs = await withInputs({
      checks: CHECKS,
      'expect-version': 'v2',
      'version-endpoint': '/meta/version',
    });
    expect(inputs.addedVersionChecks).toEqual(['version of lb.shop.example']);
    expect(inputs.checks.at(-1)).toMatchObject({
      url: 'https://lb.shop.example/meta/version',
      expectVersion: 'v2',
    });
  });

  it("reads the manifest's smoke checks of one environment, named by service", async () => {
    const inputs = await withInputs({ manifest: MANIFEST, environment: 'prod', 'healthy-for': '1' });
    expect(inputs.source).toBe('manifest');
    expect(inputs.healthyFor).toBe(1);
    expect(inputs.checks.map((c) => [c.name, c.url, c.headers['Host']])).toEqual([
      ['api: ready', 'https://shop.example/health/ready', 'api.prod.ecs.sim'],
      ['api: version', 'https://shop.example/version', 'api.prod.ecs.sim'],
      ['web: home', 'https://shop.example/', 'web.prod.ecs.sim'],
    ]);
  });
});
