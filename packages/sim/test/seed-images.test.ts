/**
 * The seed key `images`: synthetic images stored in seeded repositories as a push through the registry would
 * store them, answered with their digests (POST /_sim/seed's body, startSimulator's `seeded`).
 */
import { DescribeImagesCommand } from '@aws-sdk/client-ecr';
import { CreateClusterCommand, DescribeTasksCommand, RunTaskCommand, type Task } from '@aws-sdk/client-ecs';
import { LABEL_KEY, pushImage, type SeededImage } from '../src';
import { startEcr, stopEcr, type EcrFixture } from './ecr-helpers';
import { register, startHarness, stopHarness, subnets, waitFor, type Harness } from './ecs-helpers';

const REPOSITORIES = [
  { name: 'shop/api', imageTagMutability: 'IMMUTABLE', scanOnPush: true },
  { name: 'shop/web' },
  { name: 'shop/api', account: '111111111111', region: 'eu-west-1' },
];

let f: EcrFixture | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await stopEcr(f);
  await stopHarness(h);
  f = undefined;
  h = undefined;
});

async function seed(url: string, doc: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/_sim/seed`, { method: 'POST', body: JSON.stringify(doc) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('POST /_sim/seed answers each image with its digest; ECR and the registry show it under its tags', async () => {
  f = await startEcr({ seed: { repositories: REPOSITORIES } });
  const { status, body } = await seed(f.running.url, {
    images: [
      { repository: 'shop/api', tags: ['v1', 'abc123'] },
      { repository: 'shop/web', tags: ['v1'], label: 'web build 7' },
      { repository: 'shop/api', tags: ['v1'], account: '111111111111', region: 'eu-west-1', label: 'eu' },
    ],
  });
  expect(status).toBe(200);
  const images = body.images as SeededImage[];
  expect(body).toEqual({ seeded: true, images: expect.any(Array) as unknown });
  expect(images.map(({ digest: _d, ...rest }) => rest)).toEqual([
    { repository: 'shop/api', account: '000000000000', region: 'us-east-1', tags: ['v1', 'abc123'] },
    { repository: 'shop/web', account: '000000000000', region: 'us-east-1', tags: ['v1'] },
    { repository: 'shop/api', account: '111111111111', region: 'eu-west-1', tags: ['v1'] },
  ]);
  const digests = images.map((i) => i.digest);
  for (const d of digests) expect(d).toMatch(/^sha256:[a-f0-9]{64}$/);
  expect(new Set(digests).size).toBe(3);

  const described = await f.ecr.send(new DescribeImagesCommand({ repositoryName: 'shop/api' }));
  expect(described.imageDetails).toHaveLength(1);
  expect(described.imageDetails![0]).toMatchObject({
    imageDigest: digests[0],
    imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
    imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
  });
  expect(described.imageDetails![0]!.imageTags!.sort()).toEqual(['abc123', 'v1']);

  // The registry serves the manifest by tag and every blob it names, as after `podman push`.
  const authorization = await f.basic();
  const manifest = await fetch(`${f.running.url}/v2/${f.path('shop/web')}/manifests/v1`, {
    headers: { authorization },
  });
  expect(manifest.headers.get('docker-content-digest')).toBe(digests[1]);
  const doc = (await manifest.json()) as { config: { digest: string }; layers: { digest: string }[] };
  for (const digest of [doc.config.digest, ...doc.layers.map((l) => l.digest)]) {
    const blob = await fetch(`${f.running.url}/v2/${f.path('shop/web')}/blobs/${digest}`, {
      headers: { authorization },
    });
    expect(blob.status).toBe(200);
  }
  const config = (await (
    await fetch(`${f.running.url}/v2/${f.path('shop/web')}/blobs/${doc.config.digest}`, {
      headers: { authorization },
    })
  ).json()) as { config: { Labels: Record<string, string> } };
  expect(config.config.Labels).toEqual({ [LABEL_KEY]: 'web build 7' });
});

test('the same content gives the digest pushImage gives; a label or other files give another', async () => {
  f = await startEcr({ seed: { repositories: [{ name: 'shop/api' }, { name: 'shop/web' }] } });
  const pushed = await pushImage({
    registryUrl: f.running.url,
    repository: f.path('shop/web'),
    tags: ['pushed'],
    auth: await f.auth(),
    files: { 'app.txt': 'one' },
  });
  const { body } = await seed(f.running.url, {
    images: [
      { repository: 'shop/api', tags: ['same'], files: { 'app.txt': 'one' } },
      { repository: 'shop/api', tags: ['other-files'], files: { 'app.txt': 'two' } },
      { repository: 'shop/api', tags: ['labelled'], files: { 'app.txt': 'one' }, label: 'b' },
      { repository: 'shop/api', tags: ['by-default'] },
      { repository: 'shop/web', tags: ['by-default'] },
    ],
  });
  const [same, otherFiles, labelled, byDefault, webDefault] = (body.images as SeededImage[]).map(
    (i) => i.digest,
  );
  expect(same).toBe(pushed.digest);
  expect(new Set([same, otherFiles, labelled, byDefault]).size).toBe(4);
  // Without files or a label an image is pushImage's default image, the same in every repository.
  expect(webDefault).toBe(byDefault);
});

test('startSimulator answers the seed document`s images in `seeded`, and a task pulls a seeded image by tag', async () => {
  h = await startHarness(300, {
    repositories: [{ name: 'shop/api' }],
    images: [{ repository: 'shop/api', tags: ['v1'], label: 'v1' }],
  });
  expect(h.sim.seeded.images).toEqual([
    {
      repository: 'shop/api',
      account: '000000000000',
      region: 'us-east-1',
      tags: ['v1'],
      digest: expect.stringMatching(/^sha256:/) as unknown,
    },
  ]);
  await h.ecs.send(new CreateClusterCommand({ clusterName: 'jobs' }));
  const uri = `${h.sim.sim.host}/000000000000/us-east-1/shop/api`;
  const run = async (image: string): Promise<string> =>
    (
      await h!.ecs.send(
        new RunTaskCommand({
          cluster: 'jobs',
          taskDefinition: await register(h!.ecs, 'job', image),
          launchType: 'FARGATE',
          networkConfiguration: subnets,
        }),
      )
    ).tasks![0]!.taskArn!;
  const describe = async (arn: string): Promise<Task> =>
    (await h!.ecs.send(new DescribeTasksCommand({ cluster: 'jobs', tasks: [arn] }))).tasks![0]!;
  const seeded = await run(`${uri}:v1`);
  const missing = await run(`${uri}:v2`);
  const running = await waitFor('the seeded image to run', async () => {
    const t = await describe(seeded);
    return t.lastStatus === 'RUNNING' && t;
  });
  expect(running.containers![0]!.imageDigest).toBe(h.sim.seeded.images![0]!.digest);
  const stopped = await waitFor('the missing image to fail', async () => {
    const t = await describe(missing);
    return t.lastStatus === 'STOPPED' && t;
  });
  expect(stopped.stoppedReason).toMatch(/^CannotPullContainerError/);
});

test.each([
  [
    { repository: 'shop/api', tags: ['v1'], digest: 'sha256:0' },
    'unknown key "digest"; an image takes repository, tags, account, region, files, label, config',
  ],
  [{ tags: ['v1'] }, 'an image needs a string "repository"'],
  [{ repository: 'shop/api', tags: 'v1' }, '"tags" must be a list of strings'],
  [{ repository: 'shop/api', tags: ['-v1'] }, '"-v1" is not a valid image tag'],
  [{ repository: 'shop/api', files: { 'a.txt': 1 } }, '"files" must map paths to string contents'],
  [{ repository: 'shop/api', label: 7 }, '"label" must be a string'],
])('refuses a malformed image entry, naming it (%#)', async (entry, message) => {
  f = await startEcr({ seed: { repositories: [{ name: 'shop/api' }] } });
  const { status, body } = await seed(f.running.url, {
    images: [{ repository: 'shop/api', tags: ['ok'] }, entry],
  });
  expect(status).toBe(400);
  const where = 'repository' in entry ? 'seed.images[1] (shop/api)' : 'seed.images[1]';
  expect(body).toMatchObject({ error: 'ValidationException', message: `${where}: ${message}` });
  const listed = await f.ecr.send(new DescribeImagesCommand({ repositoryName: 'shop/api' }));
  expect(listed.imageDetails).toEqual([]);
});
