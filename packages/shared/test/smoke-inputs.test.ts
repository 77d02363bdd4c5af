import { ConfigurationError } from '../src';
import {
  checksFromUrls,
  parseChecksYaml,
  parseHeaderLines,
  parseHeaderNames,
  relevantHeaders,
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
      parseHeaderLines('headers', 'Host: api.example\n\n# a comment\nX-Forwarded-For:  10.0.0.1:443 \r\n'),
    ).toEqual({ Host: 'api.example', 'X-Forwarded-For': '10.0.0.1:443' });
  });

  it.each([
    ['Authorization Bearer tok-41c9e2d7', /line 1 must be a header, "Name: value" \(there is no ":"\)/],
    ['Host: a\nBad Name tok-41c9e2d7: x', /line 2 must be a header, "Name: value", with a name of letters/],
    ['Host: a\nHOST: b', /sets the header "HOST" more than once/],
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

  it("keeps a URL's credentials out of a check's default name", () => {
    const [check] = parseChecksYaml('checks', '- https://ops:pw-5d2c91@lb.example/x?api_key=k-1&page=2');
    expect(check!.name).toBe('GET https://***@lb.example/x?api_key=***&page=2');
    expect(check!.url).toBe('https://ops:pw-5d2c91@lb.example/x?api_key=k-1&page=2');
  });

  it.each([
    ['https://ops:pw%2F5d@lb.example/', ['pw%2F5d', 'pw/5d']],
    ['https://ghp_token123@lb.example/', ['ghp_token123']],
    ['https://lb.example/x?access_token=t-9&page=2', ['t-9']],
    ['https://lb.example/x', []],
  ])('finds the credentials of %s to mask', (url, secrets) => {
    expect(urlSecrets(url)).toEqual(secrets);
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
  ])('refuses %s without showing the value', (headers, message) => {
    const err = errorOf(() => parseChecksYaml('checks', `- url: https://a.example/\n  ${headers}`));
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('tok-41c9e2d7');
  });
});
