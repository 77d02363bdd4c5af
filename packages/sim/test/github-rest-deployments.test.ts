import { tokenFingerprint } from '../src/github';
import { type GithubFixture, list, obj, startGithub, TOKEN } from './github-rest-helpers';

let gh: GithubFixture | undefined;
afterEach(async () => {
  await gh?.running.close();
  gh = undefined;
});

const REPO = '/repos/acme/shop';

test('create a deployment, post statuses, list both with GitHub shapes', async () => {
  gh = await startGithub();
  const created = await gh.call('POST', `${REPO}/deployments`, {
    ref: 'main',
    environment: 'staging',
    description: 'api sha256:abc',
    auto_merge: false,
    required_contexts: [],
    payload: { digest: 'sha256:abc' },
    transient_environment: false,
  });
  expect(created.status).toBe(201);
  const d = obj(created);
  expect(d).toMatchObject({
    url: `${gh.api}${REPO}/deployments/${String(d['id'])}`,
    ref: 'main',
    task: 'deploy',
    environment: 'staging',
    original_environment: 'staging',
    description: 'api sha256:abc',
    payload: { digest: 'sha256:abc' },
    transient_environment: false,
    production_environment: false,
    statuses_url: `${gh.api}${REPO}/deployments/${String(d['id'])}/statuses`,
    repository_url: `${gh.api}${REPO}`,
    creator: { login: 'github-actions[bot]', type: 'Bot' },
  });
  expect(d['id']).toEqual(expect.any(Number));
  expect(d['sha']).toMatch(/^[0-9a-f]{40}$/);
  expect(d['created_at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(created.headers.get('x-github-request-id')).toBeTruthy();

  const statusesUrl = `${REPO}/deployments/${String(d['id'])}/statuses`;
  const inProgress = await gh.call('POST', statusesUrl, { state: 'in_progress', description: 'rolling out' });
  expect(inProgress.status).toBe(201);
  const success = await gh.call('POST', statusesUrl, {
    state: 'success',
    description: 'steady',
    environment_url: 'https://staging.shop.example',
    log_url: 'https://github.com/acme/shop/actions/runs/1',
  });
  expect(obj(success)).toMatchObject({
    state: 'success',
    description: 'steady',
    environment: 'staging',
    environment_url: 'https://staging.shop.example',
    log_url: 'https://github.com/acme/shop/actions/runs/1',
    target_url: 'https://github.com/acme/shop/actions/runs/1',
    deployment_url: `${gh.api}${REPO}/deployments/${String(d['id'])}`,
    url: `${gh.api}${statusesUrl}/${String(obj(success)['id'])}`,
  });

  const statuses = await gh.call('GET', statusesUrl);
  expect(list(statuses).map((s) => s['state'])).toEqual(['success', 'in_progress']);
  const one = await gh.call('GET', `${statusesUrl}/${String(obj(inProgress)['id'])}`);
  expect(obj(one)['state']).toBe('in_progress');

  await gh.call('POST', `${REPO}/deployments`, { ref: 'v2', environment: 'prod' });
  const sha = '0123456789abcdef0123456789abcdef01234567';
  await gh.call('POST', `${REPO}/deployments`, { ref: sha, environment: 'staging' });
  const staging = await gh.call('GET', `${REPO}/deployments?environment=staging`);
  expect(list(staging).map((x) => x['ref'])).toEqual([sha, 'main']);
  expect(list(staging)[0]!['sha']).toBe(sha);
  expect(list(await gh.call('GET', `${REPO}/deployments?ref=v2`)).map((x) => x['environment'])).toEqual([
    'prod',
  ]);
  expect(list(await gh.call('GET', `${REPO}/deployments?sha=${sha}`))).toHaveLength(1);
  expect(list(await gh.call('GET', '/repos/ACME/Shop/deployments'))).toHaveLength(3);
  expect(list(await gh.call('GET', '/repos/acme/other/deployments'))).toEqual([]);

  const paged = await gh.call('GET', `${REPO}/deployments?per_page=2`);
  expect(list(paged)).toHaveLength(2);
  expect(paged.headers.get('link')).toContain('rel="next"');
});

test('a new successful deployment marks the previous one of its environment inactive', async () => {
  gh = await startGithub();
  const ids: number[] = [];
  for (const ref of ['v1', 'v2']) {
    const d = obj(await gh.call('POST', `${REPO}/deployments`, { ref, environment: 'prod' }));
    ids.push(Number(d['id']));
    await gh.call('POST', `${REPO}/deployments/${String(d['id'])}/statuses`, { state: 'success' });
  }
  const first = list(await gh.call('GET', `${REPO}/deployments/${ids[0]}/statuses`));
  expect(first.map((s) => s['state'])).toEqual(['inactive', 'success']);
  const second = list(await gh.call('GET', `${REPO}/deployments/${ids[1]}/statuses`));
  expect(second.map((s) => s['state'])).toEqual(['success']);

  // An active deployment cannot be deleted while others share its environment; an inactive one can.
  expect((await gh.call('DELETE', `${REPO}/deployments/${ids[1]}`)).status).toBe(422);
  expect((await gh.call('DELETE', `${REPO}/deployments/${ids[0]}`)).status).toBe(204);
  expect((await gh.call('GET', `${REPO}/deployments/${ids[0]}`)).status).toBe(404);
});

test.each([
  ['no ref', { environment: 'prod' }, 422, 'Invalid request.\n\n"ref" wasn\'t supplied.'],
  [
    'a non-boolean auto_merge',
    { ref: 'main', auto_merge: 'yes' },
    422,
    /auto_merge', "yes" is not a boolean/,
  ],
  ['a body that is not JSON', '{ref: main', 400, 'Problems parsing JSON'],
] as const)('creating a deployment with %s fails', async (_what, body, status, message) => {
  gh = await startGithub();
  const reply = await gh.call('POST', `${REPO}/deployments`, body);
  expect(reply.status).toBe(status);
  expect(obj(reply)['message']).toMatch(message);
  expect(obj(reply)['documentation_url']).toBe(
    'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
  );
});

test('statuses are validated: state, a 140-character description, an unknown deployment', async () => {
  gh = await startGithub();
  const d = obj(await gh.call('POST', `${REPO}/deployments`, { ref: 'main' }));
  expect(d['environment']).toBe('production');
  expect(d['production_environment']).toBe(true);
  const url = `${REPO}/deployments/${String(d['id'])}/statuses`;

  const badState = await gh.call('POST', url, { state: 'done' });
  expect(badState.status).toBe(422);
  expect(obj(badState)['message']).toContain('"done" is not one of');
  const long = await gh.call('POST', url, { state: 'failure', description: 'x'.repeat(141) });
  expect(long.status).toBe(422);
  expect(obj(long)).toMatchObject({
    message: 'Validation Failed',
    errors: [{ resource: 'DeploymentStatus', field: 'description', code: 'custom' }],
  });
  expect((await gh.call('POST', url, { state: 'failure', description: 'x'.repeat(140) })).status).toBe(201);

  for (const path of [
    `${REPO}/deployments/999999/statuses`,
    `/repos/acme/other/deployments/${String(d['id'])}`,
  ]) {
    const missing = await gh.call('GET', path);
    expect(missing.status).toBe(404);
    expect(obj(missing)['message']).toBe('Not Found');
  }
  // The environment of a status may move the deployment.
  const moved = await gh.call('POST', url, { state: 'success', environment: 'prod-eu' });
  expect(obj(moved)['environment']).toBe('prod-eu');
  expect(obj(await gh.call('GET', `${REPO}/deployments/${String(d['id'])}`))['environment']).toBe('prod-eu');
});

test('a token is required; its use is recorded by fingerprint, never in clear', async () => {
  gh = await startGithub();
  const none = await gh.call('GET', `${REPO}/deployments`, undefined, null);
  expect(none.status).toBe(401);
  expect(obj(none)['message']).toBe('Requires authentication');
  const basic = await gh.call('GET', `${REPO}/deployments`, undefined, 'Basic dXNlcjpwdw==');
  expect(basic.status).toBe(401);
  expect(obj(basic)['message']).toBe('Bad credentials');
  expect((await gh.call('GET', `${REPO}/deployments`, undefined, `token ${TOKEN}`)).status).toBe(200);
  expect((await gh.call('POST', `${REPO}/deployments`, { ref: 'main' })).status).toBe(201);

  const state = (await (await fetch(`${gh.running.url}/_sim/state`)).json()) as {
    github: {
      deployments: Record<string, unknown>;
      requests: { operation: string; status: number; token?: string }[];
    };
  };
  expect(Object.keys(state.github.deployments)).toHaveLength(1);
  expect(state.github.requests.map((r) => [r.operation, r.status, r.token])).toEqual([
    ['ListDeployments', 401, undefined],
    ['ListDeployments', 401, undefined],
    ['ListDeployments', 200, tokenFingerprint(TOKEN)],
    ['CreateDeployment', 201, tokenFingerprint(TOKEN)],
  ]);
  expect(JSON.stringify(state)).not.toContain(TOKEN);

  const calls = (await (await fetch(`${gh.running.url}/_sim/calls?service=github`)).json()) as {
    action: string;
  }[];
  expect(calls.map((c) => c.action)).toEqual([
    'ListDeployments',
    'ListDeployments',
    'ListDeployments',
    'CreateDeployment',
  ]);
  expect((await gh.call('GET', '/repos/acme/shop/pulls')).status).toBe(404);
});

test('scenario faults apply to GitHub operations too', async () => {
  gh = await startGithub();
  await fetch(`${gh.running.url}/_sim/scenario`, {
    method: 'POST',
    body: JSON.stringify({ rules: [{ api: 'github:CreateDeploymentStatus', fault: { error5xx: 1 } }] }),
  });
  const d = obj(await gh.call('POST', `${REPO}/deployments`, { ref: 'main' }));
  const failed = await gh.call('POST', `${REPO}/deployments/${String(d['id'])}/statuses`, {
    state: 'success',
  });
  expect(failed.status).toBe(502);
  expect(list(await gh.call('GET', `${REPO}/deployments/${String(d['id'])}/statuses`))).toEqual([]);

  await fetch(`${gh.running.url}/_sim/scenario`, {
    method: 'POST',
    body: JSON.stringify({ rules: [{ api: 'github:ListDeployments', fault: { throttle: 1 } }] }),
  });
  const limited = await gh.call('GET', `${REPO}/deployments`);
  expect(limited.status).toBe(403);
  expect(limited.headers.get('retry-after')).toBe('1');
  expect(obj(limited)['message']).toMatch(/secondary rate limit/);
});
