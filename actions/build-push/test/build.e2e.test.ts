import { expectNoSecrets, runAction } from '@ecs-delivery/testkit';
import { seedImage, uriOf, visible, useSim } from './sim-helpers';

/**
 * The build path end to end, up to the point where a container CLI would run: everything here must be
 * decided before any build. The runs use container-cli: podman with a PATH that has no podman, so a build
 * that started by mistake would fail loudly.
 */

const SHA = '0123456789abcdef0123456789abcdef01234567';
const SHORT = SHA.slice(0, 12);
const NO_CLI = { PATH: '/nonexistent' };

const sim = useSim();

function build(inputs: Record<string, string>): ReturnType<typeof runAction> {
  return runAction('build-push', {
    sim: sim(),
    env: NO_CLI,
    inputs: { 'container-cli': 'podman', ...inputs },
  });
}

function expectNoBuild(run: Awaited<ReturnType<typeof runAction>>): void {
  expect(run.log).not.toContain('[command]');
  expect(run.log).not.toMatch(/Build with|Log in to/);
}

describe('build mode, before the build', () => {
  it('skips the build and the push when every tag already names one digest (the default tag is the short SHA)', async () => {
    await sim().seed({ repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE' }] });
    const digest = await seedImage(sim(), 'shop/api', [SHORT]);
    const since = Date.now();

    const run = await build({ repository: 'shop/api' });
    expect(run.annotations).toEqual([]);
    expect(run.exitCode).toBe(0);
    expectNoBuild(run);
    expect(run.log).toContain(`Every tag already names ${digest}: skipping the build and the push.`);
    const uri = uriOf(sim(), 'shop/api');
    expect(run.outputs).toEqual({
      'image-ref': `${uri}@${digest}`,
      digest,
      image: `${uri}:${SHORT}`,
      tags: SHORT,
      registry: new URL(sim().url).host,
      pushed: 'false',
    });
    expect(run.summary).toContain('skipped: every tag already names this digest');
    expect(run.summary).toContain('IMMUTABLE');
    const actions = (await sim().calls({ service: 'ecr', since })).map((c) => c.action);
    expect(actions).not.toContain('GetAuthorizationToken');
    expect(actions).not.toContain('PutImage');
    expect(run.postRan).toBe(true);
    expect(run.postExitCode).toBe(0);
    expectNoSecrets(run, run.masks);
  });

  it('fails before building when the tags name two different images, saying which tag and which digest', async () => {
    await sim().seed({ repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE' }] });
    const a = await seedImage(sim(), 'shop/api', ['v1'], { content: 'one\n' });
    const b = await seedImage(sim(), 'shop/api', ['build-7'], { content: 'two\n' });

    const run = await build({ repository: 'shop/api', tags: 'v1\nbuild-7' });
    expect(run.exitCode).toBe(1);
    expectNoBuild(run);
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]!.message).toBe(
      `Configuration error: Tag "build-7" already exists in shop/api on digest ${b}, but tag "v1" is on ${a}: ` +
        'these tags name different images, so no single build can own them.',
    );
  });

  it('fails before building when one tag exists and another does not', async () => {
    await sim().seed({ repositories: [{ name: 'shop/api' }] });
    const digest = await seedImage(sim(), 'shop/api', [SHORT]);

    const run = await build({ repository: 'shop/api', tags: `${SHORT}\nrelease-3` });
    expect(run.exitCode).toBe(1);
    expectNoBuild(run);
    expect(run.annotations[0]!.message).toContain(
      `Tag "${SHORT}" already exists in shop/api on digest ${digest}, but "release-3" does not`,
    );
  });

  it('refuses "latest" into an IMMUTABLE repository before building, naming the tag and the setting', async () => {
    await sim().seed({ repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE' }] });

    const run = await build({ repository: 'shop/api', tags: `${SHORT}\nlatest` });
    expect(run.exitCode).toBe(1);
    expectNoBuild(run);
    expect(run.annotations[0]!.message).toContain(
      'Tag "latest" is a moving tag, but repository shop/api is IMMUTABLE',
    );
    expect(run.annotations[0]!.title).toBe('Configuration error');
  });

  it('lets "latest" move when an IMMUTABLE_WITH_EXCLUSION filter exempts it: it is moved onto the existing image', async () => {
    await sim().seed({
      repositories: [
        {
          name: 'shop/api',
          imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
          exclusions: ['lat*'],
        },
      ],
    });
    await seedImage(sim(), 'shop/api', ['latest'], { content: 'old\n' });
    const digest = await seedImage(sim(), 'shop/api', [SHORT], { content: 'new\n' });

    const run = await build({ repository: 'shop/api', tags: `${SHORT}\nlatest` });
    expect(run.annotations).toEqual([]);
    expectNoBuild(run);
    expect(run.outputs.digest).toBe(digest);
    expect(run.outputs.pushed).toBe('true');
    expect(run.summary).toContain('moved latest');
    expect(run.log).toContain(
      `${SHORT} already name ${digest}: skipping the build and the push; moving latest onto it.`,
    );
    expect(visible(run)).not.toContain('Tag "latest" is a moving tag');
  });

  it('fails the scan gate on a HIGH finding, with a table of the findings', async () => {
    await sim().seed({
      repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE', scanOnPush: true }],
    });
    const digest = await seedImage(sim(), 'shop/api', [SHORT]);
    await sim().scenario([
      {
        image: '*/shop/api@sha256:*',
        scan: {
          findings: [
            { name: 'CVE-2026-0001', severity: 'HIGH' },
            { name: 'CVE-2026-0002', severity: 'LOW' },
            { name: 'CVE-2026-0003', severity: 'CRITICAL' },
          ],
        },
      },
    ]);

    const run = await build({ repository: 'shop/api', 'fail-on-severity': 'high' });
    expect(run.exitCode).toBe(1);
    expectNoBuild(run);
    expect(run.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        title: 'Image scan gate',
        message: 'The image scan failed: 2 finding(s) at or above HIGH.',
      }),
    ]);
    // Outputs still name the image, for later steps that report on it.
    expect(run.outputs.digest).toBe(digest);
    expect(run.summary).toContain('| CRITICAL | CVE-2026-0003 |  |');
    expect(run.summary).toContain('| HIGH | CVE-2026-0001 |  |');
    expect(run.summary).not.toContain('CVE-2026-0002');
    expect(run.log).toContain('CRITICAL CVE-2026-0003');
  });

  it('passes the scan gate when nothing reaches the threshold', async () => {
    await sim().seed({ repositories: [{ name: 'shop/api', scanOnPush: true }] });
    await seedImage(sim(), 'shop/api', [SHORT]);
    await sim().scenario([
      { image: '*/shop/api*', scan: { findings: [{ name: 'CVE-2026-0009', severity: 'MEDIUM' }] } },
    ]);

    const run = await build({ repository: 'shop/api', 'fail-on-severity': 'HIGH' });
    expect(run.annotations).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('passed: nothing at or above HIGH (1 MEDIUM)');
  });
});

describe('bad inputs', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'an unknown repository',
      { repository: 'shop/nope' },
      /Input "repository" names repository "shop\/nope", which does not exist/,
    ],
    [
      'a malformed repository',
      { repository: 'Shop API' },
      /Input "repository" must be an ECR repository name/,
    ],
    [
      'a source-image without digest or tag',
      { repository: 'shop/api', 'source-image': 'shop/api' },
      /Input "source-image" must be an image/,
    ],
    [
      'a source-image with a short digest',
      { repository: 'shop/api', 'source-image': 'shop/api@sha256:abc' },
      /Input "source-image" must be an image/,
    ],
    [
      'a tag with invalid characters',
      { repository: 'shop/api', tags: 'v1/beta' },
      /Input "tags" has an invalid tag "v1\/beta"/,
    ],
    [
      'a tag longer than 128 characters',
      { repository: 'shop/api', tags: 'a'.repeat(129) },
      /Input "tags" has an invalid tag .*at most 128 characters/,
    ],
    ['empty tags', { repository: 'shop/api', tags: ' , ' }, /Input "tags" has no tags/],
    [
      'an unknown container-cli',
      { repository: 'shop/api', 'container-cli': 'nerdctl' },
      /Input "container-cli" must be one of "docker", "podman"; got "nerdctl"/,
    ],
    [
      'an unknown scan threshold',
      { repository: 'shop/api', 'fail-on-severity': 'SEVERE' },
      /Input "fail-on-severity" must be one of/,
    ],
    [
      'a build option in promote mode',
      { repository: 'shop/api', 'source-image': 'shop/api:v1', platforms: 'linux/arm64' },
      /Input "platforms" is a build option/,
    ],
  ];

  it.each(cases)('fails on %s, naming the input, and pushes nothing', async (_name, inputs, message) => {
    await sim().seed({ repositories: [{ name: 'shop/api' }] });
    const since = Date.now();
    const run = await runAction('build-push', {
      sim: sim(),
      env: NO_CLI,
      inputs: { 'container-cli': 'podman', ...inputs },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]!.title).toBe('Configuration error');
    expect(run.annotations[0]!.message).toMatch(message);
    expectNoBuild(run);
    const actions = (await sim().calls({ since })).map((c) => c.action);
    expect(actions.filter((a) => a !== 'GetCallerIdentity' && a !== 'DescribeRepositories')).toEqual([]);
  });
});
