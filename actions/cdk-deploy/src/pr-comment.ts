import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** GitHub refuses an issue or pull-request comment longer than this. */
export const COMMENT_LIMIT = 65_536;

/** The pull request a run is for: its number, from the event payload of a pull_request(_target) run. */
export function pullRequestNumber(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const event = env['GITHUB_EVENT_NAME'] ?? '';
  if (!/^pull_request(_target|_review|_review_comment)?$/.test(event)) return undefined;
  const path = env['GITHUB_EVENT_PATH'];
  if (path === undefined || path === '') return undefined;
  try {
    const payload = JSON.parse(readFileSync(path, 'utf8')) as {
      pull_request?: { number?: unknown };
      number?: unknown;
    };
    const n = payload.pull_request?.number ?? payload.number;
    return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The hidden marker that finds this workflow's comment for this stack set on later runs: one comment per
 * workflow, app directory and stack set. Hashed, so no name can close the HTML comment early.
 */
export function commentMarker(workflow: string, workingDirectory: string, stacks: readonly string[]): string {
  const key = JSON.stringify([workflow, workingDirectory, [...stacks].sort()]);
  const id = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return `<!-- ecs-delivery/cdk-deploy diff ${id} -->`;
}

/** One stack's part of the comment: the whole text, and one line that stands for it when it does not fit. */
export interface CommentSection {
  full: string;
  short: string;
}

/**
 * Fits a comment into `limit` characters (UTF-16 units, never fewer than GitHub counts): the head, as many
 * stack sections in full as fit, the next one cut at a line, the rest by their one-line form, a note of what
 * was cut, then the foot.
 */
export function fitComment(
  head: string,
  sections: readonly CommentSection[],
  foot: string,
  limit = COMMENT_LIMIT,
): string {
  const join = (parts: readonly string[]): string => parts.join('\n');
  const whole = join([head, ...sections.map((s) => s.full), foot]);
  if (whole.length <= limit) return whole;
  const note = (shortened: number, chars: number): string =>
    `> [!NOTE]\n> Cut to fit GitHub's ${limit.toLocaleString('en-US')}-character comment limit: ` +
    `${shortened} of ${sections.length} stack sections shortened, ${chars.toLocaleString('en-US')} characters ` +
    'left out. The job summary of the run has the whole diff.\n';
  for (let kept = sections.length - 1; kept >= 0; kept--) {
    const full = sections.slice(0, kept).map((s) => s.full);
    const short = sections.slice(kept + 1).map((s) => s.short);
    const next = sections[kept]!;
    const build = (cut: string): string => {
      const body = [head, ...full, cut, ...short];
      return join([...body, note(sections.length - kept, whole.length - join([...body, foot]).length), foot]);
    };
    const shortest = build(next.short);
    if (shortest.length > limit) continue;
    // Room left: as many whole lines of the next section as fit, else its one line.
    const room = limit - shortest.length + next.short.length - 20;
    const lines: string[] = [];
    let size = 0;
    for (const line of next.full.split('\n')) {
      if (size + line.length + 1 > room) break;
      lines.push(line);
      size += line.length + 1;
    }
    const partial = lines.length > 1 ? build(`${join(lines)}\n_… cut_`) : shortest;
    return partial.length <= limit ? partial : shortest;
  }
  // A head or foot alone over the limit (no sane stack set): cut hard rather than fail the comment.
  return `${whole.slice(0, limit - 1)}…`;
}

export interface CommentsOptions {
  token: string;
  /** Default `GITHUB_REPOSITORY`. */
  repository?: string | undefined;
  /** Default `GITHUB_API_URL`, else the public API. */
  apiUrl?: string | undefined;
  fetch?: typeof fetch;
}

interface CommentView {
  id: number;
  body?: string;
  html_url?: string;
}

/**
 * The one comment of a marker on a pull request: created the first time, edited in place after (the
 * oldest comment with the marker wins, so a race that made two still edits one).
 */
export async function upsertComment(
  issue: number,
  marker: string,
  body: string,
  options: CommentsOptions,
): Promise<{ id: number; created: boolean; url: string | undefined }> {
  const api = (options.apiUrl ?? process.env['GITHUB_API_URL'] ?? 'https://api.github.com').replace(
    /\/+$/,
    '',
  );
  const repository = options.repository ?? process.env['GITHUB_REPOSITORY'] ?? '';
  if (!/^[^/\s]+\/[^/\s]+$/.test(repository))
    throw new Error('GITHUB_REPOSITORY is not set: a pull-request comment needs the owner/repo.');
  const doFetch = options.fetch ?? fetch;
  const request = async <T>(method: string, url: string, payload?: unknown): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      const res = await doFetch(url, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          'user-agent': 'ecs-delivery',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
      const text = await res.text();
      if (res.ok) return (text === '' ? {} : JSON.parse(text)) as T;
      if (res.status >= 500 && attempt < 2) continue;
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // not JSON: keep the text
      }
      throw new Error(`GitHub ${method} ${new URL(url).pathname} answered ${res.status}: ${message}`);
    }
  };
  const base = `${api}/repos/${repository}/issues`;
  let found: CommentView | undefined;
  for (let page = 1; page <= 30 && found === undefined; page++) {
    const list = await request<CommentView[]>('GET', `${base}/${issue}/comments?per_page=100&page=${page}`);
    found = list.find((c) => c.body?.includes(marker) === true);
    if (list.length < 100) break;
  }
  if (found !== undefined) {
    const updated = await request<CommentView>('PATCH', `${base}/comments/${found.id}`, { body });
    return { id: updated.id ?? found.id, created: false, url: updated.html_url };
  }
  const created = await request<CommentView>('POST', `${base}/${issue}/comments`, { body });
  return { id: created.id, created: true, url: created.html_url };
}
