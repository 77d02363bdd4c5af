import { type GithubFixture, list, obj, startGithub } from './github-rest-helpers';

let gh: GithubFixture | undefined;
afterEach(async () => {
  await gh?.running.close();
  gh = undefined;
});

const REPO = '/repos/acme/shop';

test('create, list, update and delete a pull request comment', async () => {
  gh = await startGithub();
  const created = await gh.call('POST', `${REPO}/issues/42/comments`, {
    body: '### Deploy plan\n\n| a | b |',
  });
  expect(created.status).toBe(201);
  const c = obj(created);
  const id = String(c['id']);
  expect(c).toMatchObject({
    body: '### Deploy plan\n\n| a | b |',
    url: `${gh.api}${REPO}/issues/comments/${id}`,
    issue_url: `${gh.api}${REPO}/issues/42`,
    html_url: `https://github.com/acme/shop/issues/42#issuecomment-${id}`,
    user: { login: 'github-actions[bot]' },
  });
  await gh.call('POST', `${REPO}/issues/42/comments`, { body: 'second' });
  await gh.call('POST', `${REPO}/issues/7/comments`, { body: 'elsewhere' });
  expect(list(await gh.call('GET', `${REPO}/issues/42/comments`)).map((x) => x['body'])).toEqual([
    '### Deploy plan\n\n| a | b |',
    'second',
  ]);

  const updated = await gh.call('PATCH', `${REPO}/issues/comments/${id}`, { body: 'updated plan' });
  expect(updated.status).toBe(200);
  expect(obj(updated)['body']).toBe('updated plan');
  expect(obj(await gh.call('GET', `${REPO}/issues/comments/${id}`))['body']).toBe('updated plan');

  expect((await gh.call('DELETE', `${REPO}/issues/comments/${id}`)).status).toBe(204);
  expect((await gh.call('PATCH', `${REPO}/issues/comments/${id}`, { body: 'x' })).status).toBe(404);
  expect((await gh.call('PATCH', `/repos/acme/other/issues/comments/${id}`, { body: 'x' })).status).toBe(404);
  expect(list(await gh.call('GET', `${REPO}/issues/42/comments`)).map((x) => x['body'])).toEqual(['second']);
});

test('a comment body holds at most 65,536 characters', async () => {
  gh = await startGithub();
  expect((await gh.call('POST', `${REPO}/issues/1/comments`, { body: 'x'.repeat(65_536) })).status).toBe(201);
  const tooLong = await gh.call('POST', `${REPO}/issues/1/comments`, { body: 'x'.repeat(65_537) });
  expect(tooLong.status).toBe(422);
  expect(obj(tooLong)).toMatchObject({
    message: 'Validation Failed',
    errors: [
      { resource: 'IssueComment', field: 'body', message: 'body is too long (maximum is 65536 characters)' },
    ],
    documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  });
  const id = String(obj(await gh.call('POST', `${REPO}/issues/1/comments`, { body: 'short' }))['id']);
  expect((await gh.call('PATCH', `${REPO}/issues/comments/${id}`, { body: 'y'.repeat(65_537) })).status).toBe(
    422,
  );
  expect((await gh.call('POST', `${REPO}/issues/1/comments`, {})).status).toBe(422);
  expect((await gh.call('POST', `${REPO}/issues/1/comments`, { body: 'x' }, null)).status).toBe(401);
});
