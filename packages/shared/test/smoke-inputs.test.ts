import { ConfigurationError } from '../src';
import type { ResolvedEnvironment } from '../src/manifest';
import {
  answerSecrets,
  checksFromList,
  checksFromUrls,
  MAX_CHECKS,
  parseChecksYaml,
  parseHeaderLines,
  parseHeaderNames,
  redactedExcerpt,
  relevantHeaders,
  secretHeaderValues,
  serviceChecks,
  urlSecrets,
} from '../src/smoke';

function errorOf(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigurationError);
    return err as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('the headers input', () => {
  it('reads "Name: value" lines, keeping colons in values and skipping blanks and comments', () => {
    expect(
      parseHeaderLines('headers', 'Host: api.example\n\n# a comment\nX-Forwarded-For:  10.0.0.1:443 \n'),
    ).toEqual({ Host: 'api.example', 'X-Forwarded-For': '10.0.0.1:443' });
  });

  it.each([
    ['Authorization Bearer tok-41c9e2d7', /line 1 must be a header, "Name: value" \(there is no ":"\)/],
    ['Host: a\nBad Name tok-41c9e2d7: x', /line 2 must be a header, "Name: value", with a name of letters/],
    ['Host: a\nHOST: b', /sets the header "HOST" more than once/],
    // A CR is no line break here (the runner's YAML makes every line break LF): it came from a value.
    [
      'X-Trace: a\r\nInjected: tok-41c9e2d7',
      /^Input "headers" line 1: the value of "X-Trace" must be one line of text, without CR, LF or other control characters\.$/,
    ],
    ['Host: a\nX-Trace: a\rInjected: tok-41c9e2d7', /line 2: the value of "X-Trace" must be one line/],
    ['X-Trace: tok-41c9e2d7\u0000', /line 1: the value of "X-Trace" must be one line/],
  ])('refuses %j without repeating any value', (text, message) => {
    const err = errorOf(() => parseHeaderLines('headers', text));
    expect(err.input).toBe('headers');
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('tok-41c9e2d7');
  });

  it('checks header names', () => {
    expect(parseHeaderNames('secret-headers', ['X-Tenant'])).toEqual(['X-Tenant']);
    expect(errorOf(() => parseHeaderNames('secret-headers', ['X Tenant'])).message).toBe(
      'Input "secret-headers" must list header names; "X Tenant" is not one.',
    );
  });
});

describe('urls and names', () => {
  it('points at the entry of a bad URL', () => {
    expect(errorOf(() => checksFromUrls('urls', ['https://a.example/', 'a.example/x'])).message).toBe(
      'Input "urls": urls[1] is not a valid URL: "a.example/x" (give an absolute http:// or https:// URL).',
    );
  });

  it.each([
    ['https://ops:pw-5d2c91@lb example/', 'is not a valid URL: "https://***@lb example/"'],
    [
      'ftp://ops:pw-5d2c91@lb.example/?access_token=pw-5d2c91',
      'got "ftp://***@lb.example/?access_token=***"',
    ],
  ])('quotes a bad URL without its credentials: %s', (url, shown) => {
    const err = errorOf(() => checksFromUrls('urls', [url]));
    expect(err.message).toContain(shown);
    expect(err.message).not.toContain('pw-5d2c91');
  });

  it("keeps a URL's credentials out of a check's default name", () => {
    const [check] = parseChecksYaml('checks', '- https://ops:pw-5d2c91@lb.example/x?api_key=k-1&page=2');
    expect(check!.name).toBe('GET https://***@lb.example/x?api_key=***&page=2');
    expect(check!.url).toBe('https://ops:pw-5d2c91@lb.example/x?api_key=k-1&page=2');
  });

  it.each([
    ['https://ops:pw%2F5d@lb.example/', ['pw%2F5d', 'pw/5d']],
    ['https://ghp_token123@lb.example/', ['ghp_token123']],
    ['https://lb.example/x?access_token=t-9&page=2', ['t-9']],
    ['https://lb.example/x?access_token=t%2F9', ['t/9', 't%2F9']],
    ['https://lb.example/x', []],
  ])('finds the credentials of %s to mask', (url, secrets) => {
    expect(urlSecrets(url)).toEqual(secrets);
  });
});

describe('bounds of a check', () => {
  it.each([
    ['- { url: https://a.example/, timeout: 2h }', 'checks[0].timeout must be at most 1h; got string "2h"'],
    [
      '- { url: https://a.example/, interval: 99999h }',
      'checks[0].interval must be at most 1h; got string "99999h"',
    ],
    [
      `- { url: https://a.example/, name: ${'n'.repeat(201)} }`,
      'checks[0].name must be at most 200 characters; got 201',
    ],
  ])('refuses %s', (yaml, problem) => {
    expect(errorOf(() => parseChecksYaml('checks', yaml)).message).toContain(problem);
  });

  it('takes an hour, and a name of 200 characters', () => {
    const [check] = parseChecksYaml(
      'checks',
      `- { url: https://a.example/, timeout: 1h, name: ${'n'.repeat(200)} }`,
    );
    expect(check!.requestTimeoutMs).toBe(3_600_000);
  });
});

describe('relevant headers', () => {
  it('leaves out framing and connection housekeeping', () => {
    expect(
      relevantHeaders({
        date: 'Tue, 01 Dec 2026 17:00:00 GMT',
        'content-type': 'text/html',
        'content-length': '12',
        connection: 'close',
        'retry-after': '5',
        server: 'awselb/2.0',
      }),
    ).toEqual({ 'content-type': 'text/html', 'retry-after': '5', server: 'awselb/2.0' });
  });
});

describe('the checks input', () => {
  it.each([
    '- url: https://a.example/\n  headers: { Authorization: Bearer tok-41c9e2d7 }}',
    '- url: https://a.example/\n  headers: { Authorization: "Bearer tok-41c9e2d7 }',
    '- url: https://a.example/\n  headers: [Authorization: Bearer tok-41c9e2d7] ]',
  ])('says where YAML is malformed without quoting it: %j', (text) => {
    const err = errorOf(() => parseChecksYaml('checks', text));
    expect(err.message).toMatch(/^Input "checks" is not valid YAML: .* at line \d+, column \d+$/);
    expect(err.message).not.toContain('tok-41c9e2d7');
    expect(err.cause).toBeUndefined();
  });
});

describe('check headers', () => {
  it.each([
    [
      'headers: "Authorization: Bearer tok-41c9e2d7"',
      /checks\[0\]\.headers must be a map of header names to values; got string\.$/,
    ],
    [
      'headers: { Authorization: { Bearer: tok-41c9e2d7 } }',
      /checks\[0\]\.headers\.Authorization must be text; got a map\.$/,
    ],
    [
      'headers: { Authorization: [Bearer, tok-41c9e2d7] }',
      /checks\[0\]\.headers\.Authorization must be text; got a list\.$/,
    ],
    [
      'headers: { X-Trace: "a\\r\\nInjected: tok-41c9e2d7" }',
      /^Input "checks": checks\[0\]\.headers\.X-Trace must be one line of text, without CR, LF or other control characters\.$/,
    ],
    ['headers: { X-Trace: "tok-41c9e2d7\\ninjected" }', /checks\[0\]\.headers\.X-Trace must be one line/],
    ['headers: { X-Trace: "a\\rtok-41c9e2d7" }', /checks\[0\]\.headers\.X-Trace must be one line/],
  ])('refuses %s without showing the value', (headers, message) => {
    const err = errorOf(() => parseChecksYaml('checks', `- url: https://a.example/\n  ${headers}`));
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('tok-41c9e2d7');
  });
});

describe('how many checks', () => {
  const list = (n: number): string[] => Array.from({ length: n }, (_, i) => `https://lb.example/${i}`);

  it(`runs up to ${MAX_CHECKS}`, () => {
    expect(MAX_CHECKS).toBe(100);
    expect(checksFromList('checks', list(MAX_CHECKS))).toHaveLength(MAX_CHECKS);
    expect(checksFromUrls('urls', list(MAX_CHECKS))).toHaveLength(MAX_CHECKS);
  });

  it.each([
    [
      'checks',
      () =>
        parseChecksYaml(
          'checks',
          list(4000)
            .map((u) => `- ${u}`)
            .join('\n'),
        ),
      'checks has 4000',
    ],
    ['urls', () => checksFromUrls('urls', list(101)), 'urls has 101'],
  ])('refuses more from input "%s", naming it', (input, read, what) => {
    const err = errorOf(read);
    expect(err.input).toBe(input);
    expect(err.message).toBe(
      `Input "${input}": ${what} checks; at most 100 run in one step: split them across steps.`,
    );
  });

  it("counts a manifest's checks of every service together", () => {
    const service = (name: string, n: number): unknown => ({
      name,
      images: { app: { image: name } },
      smoke: list(n).map((url, i) => ({
        name: `c${i}`,
        url,
        method: 'GET',
        headers: {},
        expectStatus: [200],
      })),
    });
    const env = {
      name: 'prod',
      waves: [[service('api', 60)], [service('web', 41)]],
    } as unknown as ResolvedEnvironment;
    const err = errorOf(() => serviceChecks('manifest', env));
    expect(err.input).toBe('manifest');
    expect(err.message).toBe(
      'Input "manifest": environment "prod" has 101 checks; at most 100 run in one step: choose fewer services with "services", or split them across steps.',
    );
  });
});

describe('secret values', () => {
  it('finds the credential of a scheme and the values of cookies, as a whole and alone', () => {
    expect(
      secretHeaderValues({
        Authorization: 'Bearer tok-41c9e2d7',
        Cookie: 'sid=cookie-5e2a9b; lang=en',
        Host: 'api.example',
      }),
    ).toEqual(['Bearer tok-41c9e2d7', 'tok-41c9e2d7', 'sid=cookie-5e2a9b; lang=en', 'cookie-5e2a9b']);
  });

  it("finds each Set-Cookie value of an answer, however the lines were joined, and its token headers'", () => {
    const headers = {
      'set-cookie':
        'session=srv-cookie-91ab3; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly, csrf=csrf-77d0e1; Secure, lang=en',
      'x-request-token': 'resp-tok-28c4d1',
      'x-auth-mode': 'on',
      'content-type': 'application/json',
    };
    const found = answerSecrets(headers);
    expect(found).toEqual(expect.arrayContaining(['srv-cookie-91ab3', 'csrf-77d0e1', 'resp-tok-28c4d1']));
    // Short values are no credential: replacing them everywhere would garble the report.
    expect(found).not.toContain('en');
    expect(found).not.toContain('on');
    expect(found.some((v) => v.includes('Oct 2026') && !v.includes('='))).toBe(false);
  });

  it('redacts a body before cutting it, so no cut leaves the start of a secret', () => {
    const secret = 'srv-cookie-91ab3';
    const body = `${'x'.repeat(495)}${secret} and more`;
    expect(redactedExcerpt(body, [secret])).toBe(`${'x'.repeat(495)}*** a…`);
    const long = `${' '.repeat(70_000)}${secret}`;
    expect(redactedExcerpt(`${' '.repeat(65_530)}${secret}${long}`, [secret])).not.toContain('srv-');
  });
});
