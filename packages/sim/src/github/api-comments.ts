import {
  notFound,
  paginate,
  requiredString,
  type RestRequest,
  type RestResponse,
  validationFailed,
} from './api-http';
import { commentView, githubState, type IssueCommentRecord, nextId, sameRepository } from './store';

/** An issue or pull request comment holds at most 65,536 characters. */
export const MAX_COMMENT_BODY = 65_536;

const repositoryOf = (req: RestRequest): string => `${req.params[0]}/${req.params[1]}`;

function bodyOf(req: RestRequest): string {
  const body = requiredString(req.body, 'body');
  if (body.trim() === '') throw validationFailed('IssueComment', 'body', "body can't be blank");
  if ([...body].length > MAX_COMMENT_BODY) {
    throw validationFailed(
      'IssueComment',
      'body',
      `body is too long (maximum is ${MAX_COMMENT_BODY} characters)`,
    );
  }
  return body;
}

function commentOf(req: RestRequest): IssueCommentRecord {
  const c = githubState(req.sim).comments.get(Number(req.params[2]));
  if (!c || !sameRepository(c.repository, repositoryOf(req))) throw notFound();
  return c;
}

function issueNumber(req: RestRequest): number {
  const n = Number(req.params[2]);
  if (!Number.isSafeInteger(n) || n < 1) throw notFound();
  return n;
}

/** POST /repos/{owner}/{repo}/issues/{issue_number}/comments (pull requests are issues here too). */
export function createIssueComment(req: RestRequest): RestResponse {
  const comment: IssueCommentRecord = {
    id: nextId(req.sim),
    repository: repositoryOf(req),
    issueNumber: issueNumber(req),
    body: bodyOf(req),
    createdAt: req.now,
    updatedAt: req.now,
  };
  githubState(req.sim).comments.set(comment.id, comment);
  return { status: 201, body: commentView(req.apiUrl, comment) };
}

/** GET /repos/{owner}/{repo}/issues/{issue_number}/comments: oldest first, `since` filters on updated_at. */
export function listIssueComments(req: RestRequest): RestResponse {
  const repository = repositoryOf(req);
  const n = issueNumber(req);
  const since = req.query.get('since');
  const sinceMs = since !== null ? Date.parse(since) : Number.NaN;
  const all = [...githubState(req.sim).comments.values()]
    .filter((c) => sameRepository(c.repository, repository) && c.issueNumber === n)
    .filter((c) => Number.isNaN(sinceMs) || c.updatedAt >= sinceMs)
    .sort((a, b) => a.id - b.id);
  const { page, headers } = paginate(req, `/repos/${repository}/issues/${n}/comments`, all);
  return { status: 200, body: page.map((c) => commentView(req.apiUrl, c)), headers };
}

/** GET /repos/{owner}/{repo}/issues/comments/{comment_id} */
export function getIssueComment(req: RestRequest): RestResponse {
  return { status: 200, body: commentView(req.apiUrl, commentOf(req)) };
}

/** PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} */
export function updateIssueComment(req: RestRequest): RestResponse {
  const comment = commentOf(req);
  comment.body = bodyOf(req);
  comment.updatedAt = req.now;
  return { status: 200, body: commentView(req.apiUrl, comment) };
}

/** DELETE /repos/{owner}/{repo}/issues/comments/{comment_id} */
export function deleteIssueComment(req: RestRequest): RestResponse {
  const comment = commentOf(req);
  githubState(req.sim).comments.delete(comment.id);
  return { status: 204 };
}
