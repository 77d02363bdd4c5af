import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import * as core from '@actions/core';
import { startSimulator, type RunningSimulator } from './oidc-helpers';
import { DEFAULT_OIDC_REQUEST_TOKEN, verifyGithubToken } from '../src/github';
import { fetchIdToken, jwtClaims } from './oidc-helpers';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: { oidc: { requestToken: 'seeded-token', repository: 'acme/shop', environment: 'dev' } },
  });
});
afterAll(() => sim.close());

describe('the GitHub OIDC token endpoint', () => {
  test('a token carries GitHub claims, and the sub follows environment > pull_request > ref', async () => {
    const cases: { context: Record<string, unknown>; sub: string }[] = [
      { context: { repository: 'acme/shop', environment: 'prod' }, sub: 'repo:acme/shop:environment:prod' },
      {
        context: { repository: 'acme/shop', event_name: 'pull_request' },
        sub: 'repo:acme/shop:pull_request',
      },
      {
        context: { repository: 'acme/shop', ref: 'refs/heads/feature-x' },
        sub: 'repo:acme/shop:ref:refs/heads/feature-x',
      },
      {
        context: { repository: 'acme/shop', ref: 'refs/tags/v1.2.0' },
        sub: 'repo:acme/shop:ref:refs/tags/v1.2.0',
      },
    ];
    cases.push(
      { context: { repository: 'acme/shop', eventName: 'pull_request' }, sub: 'repo:acme/shop:pull_request' },
      {
        context: {
          repository: 'acme/shop',
          immutable_subject: true,
          repository_owner_id: '7',
          repository_id: '42',
        },
        sub: 'repo:acme@7/shop@42:ref:refs/heads/main',
      },
      {
        context: {
          repository: 'acme/shop',
          environment: 'prod',
          job_workflow_ref: 'acme/platform/.github/workflows/deploy.yml@refs/heads/main',
          sub_claim_keys: ['repo', 'context', 'job_workflow_ref'],
        },
        sub: 'repo:acme/shop:environment:prod:job_workflow_ref:acme/platform/.github/workflows/deploy.yml@refs/heads/main',
      },
    );
    for (const { context, sub } of cases) {
      const claims = jwtClaims(await fetchIdToken(sim, context));
      expect(claims['sub']).toBe(sub);
    }

    const claims = jwtClaims(
      await fetchIdToken(sim, {
        repository: 'acme/shop',
        ref: 'refs/heads/main',
        sha: 'a'.repeat(40),
        environment: 'prod',
        job_workflow_ref: 'acme/platform/.github/workflows/deploy.yml@refs/tags/v2',
        run_id: '4242',
        actor: 'mona',
      }),
    );
    const now = Math.floor(sim.sim.clock.now() / 1000);
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      repository: 'acme/shop',
      repository_owner: 'acme',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      sha: 'a'.repeat(40),
      environment: 'prod',
      event_name: 'push',
      job_workflow_ref: 'acme/platform/.github/workflows/deploy.yml@refs/tags/v2',
      run_id: '4242',
      run_attempt: '1',
      actor: 'mona',
      runner_environment: 'github-hosted',
    });
    for (const key of [
      'repository_id',
      'repository_owner_id',
      'workflow',
      'workflow_ref',
      'run_number',
      'jti',
    ]) {
      expect(typeof claims[key]).toBe('string');
    }
    expect(claims['exp']).toBe((claims['iat'] as number) + 300);
    expect(Math.abs((claims['iat'] as number) - now)).toBeLessThan(5);
  });

  test('the audience defaults to the repository owner URL, as GitHub does', async () => {
    const res = await fetch(`${sim.url}/_github/oidc/token?api-version=2.0`, {
      headers: { Authorization: 'Bearer seeded-token' },
    });
    const claims = jwtClaims(((await res.json()) as { value: string }).value);
    expect(claims['aud']).toBe('https://github.com/acme');
    expect(claims['sub']).toBe('repo:acme/shop:environment:dev');
  });

  test('an oidc seed without a requestToken registers the default one', async () => {
    const other = await startSimulator({ seed: { oidc: { repository: 'acme/web', ref: 'refs/heads/dev' } } });
    try {
      const res = await fetch(`${other.url}/_github/oidc/token?api-version=2.0&audience=sts.amazonaws.com`, {
        headers: { Authorization: `Bearer ${DEFAULT_OIDC_REQUEST_TOKEN}` },
      });
      expect(jwtClaims(((await res.json()) as { value: string }).value)['sub']).toBe(
        'repo:acme/web:ref:refs/heads/dev',
      );
    } finally {
      await other.close();
    }
  });

  test("@actions/core's getIDToken gets a token with the runner's environment variables", async () => {
    const reg = await fetch(`${sim.url}/_sim/oidc/contexts`, {
      method: 'POST',
      body: JSON.stringify({ repository: 'acme/api', environment: 'staging' }),
    });
    const { requestToken, requestUrl } = (await reg.json()) as { requestToken: string; requestUrl: string };
    expect(requestUrl).toBe(`${sim.url}/_github/oidc/token?api-version=2.0`);
    process.env['ACTIONS_ID_TOKEN_REQUEST_URL'] = requestUrl;
    process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] = requestToken;
    // getIDToken prints ::debug:: and ::add-mask:: workflow commands; keep them out of the test output.
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const token = await core.getIDToken('sts.amazonaws.com');
      expect(jwtClaims(token)).toMatchObject({
        sub: 'repo:acme/api:environment:staging',
        aud: 'sts.amazonaws.com',
      });
    } finally {
      stdout.mockRestore();
      delete process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
      delete process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
    }
  });

  test('a request without a bearer token is 401 and one with an unknown token is 403', async () => {
    const url = `${sim.url}/_github/oidc/token?api-version=2.0&audience=sts.amazonaws.com`;
    const missing = await fetch(url);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { message: string }).message).toMatch(/bearer/i);
    const wrong = await fetch(url, { headers: { Authorization: 'Bearer not-a-request-token' } });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/id-token: write/);
  });

  test("the JWKS verifies the token's RS256 signature", async () => {
    const token = await fetchIdToken(sim, { repository: 'acme/shop' });
    const config = (await (
      await fetch(`${sim.url}/_github/oidc/.well-known/openid-configuration`)
    ).json()) as {
      issuer: string;
      jwks_uri: string;
      id_token_signing_alg_values_supported: string[];
    };
    expect(config.issuer).toBe('https://token.actions.githubusercontent.com');
    expect(config.id_token_signing_alg_values_supported).toEqual(['RS256']);
    const jwks = (await (await fetch(config.jwks_uri)).json()) as { keys: Record<string, string>[] };
    const [h, p, s] = token.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { kid: string; alg: string };
    expect(header.alg).toBe('RS256');
    const jwk = jwks.keys.find((k) => k['kid'] === header.kid)!;
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk['n']!, e: jwk['e']! }, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))).toBe(true);
    expect(verify('sha256', Buffer.from(`${h}.${p}x`), key, Buffer.from(s, 'base64url'))).toBe(false);
  });

  test('verifyGithubToken accepts its own tokens and refuses forged, garbled and expired ones', async () => {
    const token = await fetchIdToken(sim, { repository: 'acme/shop' });
    expect(verifyGithubToken(sim.sim, token)).toMatchObject({ claims: { repository: 'acme/shop' } });

    const [h, p] = token.split('.') as [string, string];
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), other).toString('base64url')}`;
    expect(verifyGithubToken(sim.sim, forged)).toMatchObject({ reason: 'signature' });
    expect(verifyGithubToken(sim.sim, 'not.a-jwt')).toMatchObject({ reason: 'malformed' });

    sim.sim.clock.advance(301_000);
    expect(verifyGithubToken(sim.sim, token)).toMatchObject({ reason: 'expired' });
  });
});
