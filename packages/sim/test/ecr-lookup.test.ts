import { lookupImage } from '../src/ecr/lookup';
import { pushImage, type PushedImage } from '../src';
import { startEcr, stopEcr, type EcrFixture } from './ecr-helpers';

let f: EcrFixture;
let latest: PushedImage;
let v1: PushedImage;

beforeAll(async () => {
  f = await startEcr({
    seed: {
      repositories: [
        { name: 'shop/api' },
        { name: 'prod/web', account: '123456789012', region: 'eu-west-1' },
      ],
    },
  });
  const auth = await f.auth();
  latest = await pushImage({
    registryUrl: f.running.url,
    repository: f.path('shop/api'),
    tags: ['latest'],
    auth,
    files: { a: '1' },
  });
  v1 = await pushImage({
    registryUrl: f.running.url,
    repository: f.path('shop/api'),
    tags: ['v1', 'stable'],
    auth,
    files: { a: '2' },
  });
});
afterAll(() => stopEcr(f));

describe('lookupImage', () => {
  test('resolves the simulator host form by tag, by digest, and `latest` when no tag is given', () => {
    const host = f.running.sim.host;
    const uri = `${host}/000000000000/us-east-1/shop/api`;
    const cases: [string, string][] = [
      [`${uri}:v1`, v1.digest],
      [`${uri}`, latest.digest],
      [`${uri}@${v1.digest}`, v1.digest],
      [`${uri}:ignored@${latest.digest}`, latest.digest],
    ];
    for (const [ref, digest] of cases) {
      const found = lookupImage(f.running.sim, ref);
      expect(found).toEqual({
        kind: 'ecr',
        image: expect.objectContaining({
          account: '000000000000',
          region: 'us-east-1',
          repositoryName: 'shop/api',
          digest,
        }),
      });
    }
    const tagged = lookupImage(f.running.sim, `${uri}:v1`);
    expect(tagged.kind === 'ecr' && tagged.image?.tags.sort()).toEqual(['stable', 'v1']);
  });

  test('the ECR host form resolves against the account and region it names', () => {
    const found = lookupImage(f.running.sim, '000000000000.dkr.ecr.us-east-1.amazonaws.com/shop/api:v1');
    expect(found.kind === 'ecr' && found.image?.digest).toBe(v1.digest);
    const elsewhere = lookupImage(f.running.sim, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/prod/web:v1');
    expect(elsewhere).toEqual({
      kind: 'ecr',
      image: undefined,
      reason:
        'pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.eu-west-1.amazonaws.com/prod/web:v1: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/prod/web:v1: not found',
    });
  });

  test.each([
    ['a missing tag', ':v404'],
    ['a missing digest', `@sha256:${'0'.repeat(64)}`],
  ])('%s in a known repository is an ECR image that cannot be pulled', (_label, suffix) => {
    const found = lookupImage(
      f.running.sim,
      `${f.running.sim.host}/000000000000/us-east-1/shop/api${suffix}`,
    );
    expect(found).toMatchObject({
      kind: 'ecr',
      image: undefined,
      reason: expect.stringContaining('not found'),
    });
  });

  test('a missing repository is an ECR image that cannot be pulled; the implied tag shows as :latest', () => {
    const found = lookupImage(f.running.sim, `${f.running.sim.host}/000000000000/us-east-1/nope`);
    expect(found).toMatchObject({ kind: 'ecr', image: undefined });
    expect(found.kind === 'ecr' && found.reason).toContain('/000000000000/us-east-1/nope:latest: not found');
  });

  test.each([
    'nginx:1.27',
    'docker.io/library/nginx',
    'public.ecr.aws/docker/library/redis:7',
    'ghcr.io/acme/app@sha256:abc',
    '127.0.0.1:1/000000000000/us-east-1/shop/api:v1',
  ])('%s is another registry', (ref) => {
    expect(lookupImage(f.running.sim, ref)).toEqual({ kind: 'external' });
  });
});
