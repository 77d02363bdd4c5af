import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  COMMENT_LIMIT,
  commentMarker,
  fitComment,
  pullRequestNumber,
  upsertComment,
} from '../src/pr-comment';

/** The PR comment: found by its marker, trimmed to GitHub's limit with a note of what was cut. */
const section = (name: string, rows: number): { full: string; short: string } => ({
  full: [
    `### ${name}`,
    '',
    '| a | b |',
    '| --- | --- |',
    ...Array.from({ length: rows }, (_, i) => `| row ${i} | ${'x'.repeat(80)} |`),
  ].join('\n'),
  short: `### ${name}\n\n${rows} changes _(details cut)_`,
});

describe('trimming to the comment limit', () => {
  it('leaves a comment that fits as it is', () => {
    const text = fitComment('head', [section('A', 3)], 'foot');
    expect(text).toBe(['head', section('A', 3).full, 'foot'].join('\n'));
  });

  it('keeps whole sections while they fit, cuts the next at a line, shortens the rest and says so', () => {
    const sections = ['A', 'B', 'C', 'D'].map((n) => section(n, 300));
    const text = fitComment('head', sections, 'foot');
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(text.startsWith('head\n')).toBe(true);
    expect(text.endsWith('\nfoot')).toBe(true);
    expect(text).toContain(sections[0]!.full);
    expect(text).toContain(sections[1]!.full);
    expect(text).toContain('_… cut_');
    expect(text).toContain(sections[3]!.short);
    expect(text).toMatch(
      /Cut to fit GitHub's 65,536-character comment limit: 2 of 4 stack sections shortened, [\d,]+ characters left out/,
    );
  });

  it('holds for any number and size of sections', () => {
    for (const [count, rows] of [
      [1, 2000],
      [50, 40],
      [200, 5],
      [3, 700],
    ] as const) {
      const text = fitComment(
        'head',
        Array.from({ length: count }, (_, i) => section(`S${i}`, rows)),
        'foot',
        20_000,
      );
      expect([count, rows, text.length <= 20_000]).toEqual([count, rows, true]);
    }
  });
});

describe('the pull request and the marker', () => {
  it('reads the number of a pull_request event, and none of a push', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
    writeFileSync(path, JSON.stringify({ number: 7, pull_request: { number: 7 } }));
    expect(pullRequestNumber({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path })).toBe(7);
    expect(pullRequestNumber({ GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: path })).toBe(7);
    expect(pullRequestNumber({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path })).toBeUndefined();
  });

  it('is one per workflow, directory and stack set, whatever the order of the stacks', () => {
    const a = commentMarker('infra', 'infra', ['B', 'A']);
    expect(a).toBe(commentMarker('infra', 'infra', ['A', 'B']));
    expect(a).not.toBe(commentMarker('infra', 'infra', ['A']));
    expect(a).not.toBe(commentMarker('deploy', 'infra', ['A', 'B']));
    expect(commentMarker('x -->', '.', [])).toMatch(/^<!-- ecs-delivery\/cdk-deploy diff [0-9a-f]{16} -->$/);
  });
});

describe('upsertComment', () => {
  function fakeGithub(existing: { id: number; body: string }[]): { fetch: typeof fetch; calls: string[] } {
    const calls: string[] = [];
    const fake = (async (url: string | URL, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push(`${method} ${new URL(String(url)).pathname}`);
      if (method === 'GET') return new Response(JSON.stringify(existing), { status: 200 });
      const body = JSON.parse(String(init?.body)) as { body: string };
      return new Response(JSON.stringify({ id: method === 'POST' ? 99 : 2, body: body.body }), {
        status: method === 'POST' ? 201 : 200,
      });
    }) as typeof fetch;
    return { fetch: fake, calls };
  }
  const options = (f: typeof fetch) => ({
    token: 't',
    repository: 'acme/shop',
    apiUrl: 'http://gh',
    fetch: f,
  });

  it('edits the comment that carries the marker', async () => {
    const gh = fakeGithub([
      { id: 1, body: 'lgtm' },
      { id: 2, body: '<!-- m -->\nold' },
    ]);
    expect(await upsertComment(7, '<!-- m -->', '<!-- m -->\nnew', options(gh.fetch))).toMatchObject({
      id: 2,
      created: false,
    });
    expect(gh.calls).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      'PATCH /repos/acme/shop/issues/comments/2',
    ]);
  });

  it('creates one when none carries it', async () => {
    const gh = fakeGithub([{ id: 1, body: 'lgtm' }]);
    expect(await upsertComment(7, '<!-- m -->', '<!-- m -->\nnew', options(gh.fetch))).toMatchObject({
      id: 99,
      created: true,
    });
    expect(gh.calls).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments',
    ]);
  });
});
