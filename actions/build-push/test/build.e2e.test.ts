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
    const since = Date.now() + 1;

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
    expectNoSecrets(run, [...run.masks, ...(await sim().issuedSecrets())]);
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

describe('build mode, the login', () => {
  it('logs in with the registry password, fails naming container-cli when the CLI is missing, and prints no secret', async () => {
    await sim().seed({ repositories: [{ name: 'shop/api' }] });
    const run = await build({
      repository: 'shop/api',
      tags: 'v1',
      secrets: 'NPM_TOKEN=npm_e2eSecret,with,commas',
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([
      expect.objectContaining({
        title: 'Configuration error',
        message:
          'Configuration error: Input "container-cli" is podman, but podman is not installed on this runner.',
      }),
    ]);
    expect(run.log).toContain(`Log in to ${new URL(sim().url).host}`);
    const held = (await (await fetch(`${sim().url}/_sim/secrets`)).json()) as {
      kind: string;
      value: string;
    }[];
    // The registry password and token this run was given were masked before use.
    expect((await sim().calls({ action: 'GetAuthorizationToken' })).map((c) => c.status)).toEqual([200]);
    const registry = held.filter((s) => s.kind.startsWith('ecr:')).map((s) => s.value);
    expect(registry).toHaveLength(2);
    for (const secret of registry) expect(run.masks).toContain(secret);
    expect(run.masks).toContain('npm_e2eSecret,with,commas');
    // Nothing the simulator holds was printed: the registry secrets, nor the AWS session the step ran with.
    expectNoSecrets(run, [...run.masks, ...(await sim().issuedSecrets())]);
  });
});

describe('bad inputs', () => {
  /** [case, inputs, the annotation, values that must be masked and never shown] */
  const cases: [string, Record<string, string>, RegExp, string[]?][] = [
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
    [
      'a secret line without "="',
      { repository: 'shop/api', secrets: 'NPM_TOKEN=abc123\nsecretTail987' },
      /^Configuration error: Input "secrets" line 2 has no "=": write one KEY=value entry per line\.$/,
      ['abc123', 'secretTail987'],
    ],
    [
      'a secret with an invalid id',
      { repository: 'shop/api', secrets: 'NPM TOKEN=tokenWithSpaceId42' },
      /^Configuration error: Input "secrets" line 1: the key must be an id of letters, digits/,
      ['tokenWithSpaceId42'],
    ],
    [
      'a secret id given twice',
      { repository: 'shop/api', secrets: 'NPM_TOKEN=firstValue111\nNPM_TOKEN=secondValue222' },
      /^Configuration error: Input "secrets" line 2 sets the same key as line 1\.$/,
      ['firstValue111', 'secondValue222'],
    ],
    [
      'another bad input beside a one-line secret with commas',
      { repository: 'Shop API', secrets: 'NPM_TOKEN=abc123,secretTail987' },
      /Input "repository" must be an ECR repository name/,
      ['abc123,secretTail987'],
    ],
  ];

  it.each(cases)(
    'fails on %s, naming the input, and pushes nothing',
    async (_name, inputs, message, secrets = []) => {
      await sim().seed({ repositories: [{ name: 'shop/api' }] });
      const since = Date.now() + 1;
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
      for (const secret of secrets) expect(run.masks).toContain(secret);
      expectNoSecrets(run, [...run.masks, ...secrets, ...(await sim().issuedSecrets())]);
    },
  );
});
