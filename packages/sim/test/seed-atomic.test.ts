/**
 * Seeding is all or nothing: a document with one bad entry changes nothing (resources, scenario rules, issued
 * secrets), and the error names the entry, `seed.<key>[<index>] (<name>): …`, so a person can find it.
 */
import { DescribeServicesCommand, ListServicesCommand } from '@aws-sdk/client-ecs';
import { startSimulator } from '../src/index';
import { startHarness, stopHarness, type Harness } from './ecs-helpers';

/** What is already there before each bad seed: a steady service, a repository with an image, a rule. */
const BEFORE = {
  repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE' }],
  images: [{ repository: 'shop/api', tags: ['v1'] }],
  clusters: ['dev'],
  taskDefinitions: [
    { family: 'api', memory: '512', containerDefinitions: [{ name: 'api', image: 'nginx:1.27' }] },
  ],
  services: [{ cluster: 'dev', serviceName: 'api', taskDefinition: 'api', desiredCount: 1 }],
  rules: [{ api: 'ecr:*', fault: { latencyMs: 1 } }],
};

const TASK_DEFINITION = {
  family: 'web',
  containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 256 }],
};

const CASES: [string, Record<string, unknown>, string, string][] = [
  [
    'a service whose task definition is not registered, after a good one',
    {
      clusters: ['prod'],
      taskDefinitions: [TASK_DEFINITION],
      services: [
        { cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 2 },
        { cluster: 'prod', serviceName: 'api', taskDefinition: 'api-v2', desiredCount: 1 },
      ],
    },
    'ClientException',
    'seed.services[1] (api): taskDefinition "api-v2" is not registered',
  ],
  [
    'a container without memory',
    {
      logGroups: ['/ecs/web'],
      taskDefinitions: [
        TASK_DEFINITION,
        { family: 'worker', containerDefinitions: [{ name: 'worker', image: 'nginx:1.27' }] },
      ],
    },
    'ClientException',
    'seed.taskDefinitions[1] (worker): container "worker" needs memory or memoryReservation (or a task-level memory)',
  ],
  [
    'a service on a cluster that does not exist',
    { services: [{ cluster: 'staging', serviceName: 'api', taskDefinition: 'api' }] },
    'ClusterNotFoundException',
    'seed.services[0] (api): cluster "staging" does not exist in account 000000000000, region us-east-1',
  ],
  [
    'an image for a repository that was never seeded',
    {
      repositories: [{ name: 'shop/web' }],
      images: [
        { repository: 'shop/web', tags: ['v1'] },
        { repository: 'shop/worker', tags: ['v1'] },
      ],
    },
    'RepositoryNotFoundException',
    'seed.images[1] (shop/worker): repository "shop/worker" does not exist in account 000000000000, region us-east-1; seed it under "repositories"',
  ],
  [
    'another image under an immutable tag',
    {
      images: [
        { repository: 'shop/api', tags: ['v2'] },
        { repository: 'shop/api', tags: ['v1'], label: 'b' },
      ],
    },
    'ImageTagAlreadyExistsException',
    'seed.images[1] (shop/api): tag "v1" already names',
  ],
  [
    'a bad rule after OIDC, parameters and secrets (which would have handed out secret values)',
    {
      oidc: { repository: 'acme/shop', ref: 'refs/heads/main', requestToken: 'seeded-request-token' },
      parameters: [{ name: '/shop/prod/db-password', value: 'hunter2', type: 'SecureString' }],
      secrets: [{ name: 'shop/prod/db', value: { password: 'hunter2' } }],
      rules: [{ image: '*', task: { exitCode: 1 } }, { task: { exitCode: 1 } }],
    },
    'ValidationException',
    'seed.rules[1] must match on image, command or api',
  ],
  [
    'a role without a trust policy',
    { roles: [{ name: 'deploy', trustPolicy: { Statement: [] } }, { name: 'build' }] },
    'ValidationException',
    'seed.roles[1] (build): role arn:aws:iam::000000000000:role/build needs a trustPolicy',
  ],
  [
    'a list that is not a list',
    { logGroups: ['/ecs/web'], clusters: ['prod'], services: { serviceName: 'web' } },
    'ValidationException',
    'seed.services must be an array',
  ],
];

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

async function get(path: string): Promise<unknown> {
  return (await fetch(`${h!.sim.url}${path}`)).json();
}

/**
 * Everything a seed may change, as the control API shows it; less what moves with the clock on its own (the
 * clock, and how far each region's ECS model has run).
 */
async function observable(): Promise<unknown> {
  const text = await (await fetch(`${h!.sim.url}/_sim/state`)).text();
  const state = JSON.parse(text, (key, value: unknown) =>
    key === 'clock' || key === 'modelTime' ? undefined : value,
  ) as unknown;
  return { state, rules: await get('/_sim/scenario'), secrets: await get('/_sim/secrets') };
}

test.each(CASES)('%s: refused, naming the entry, and nothing changes', async (_name, doc, code, message) => {
  h = await startHarness(1, BEFORE);
  const before = await observable();

  const res = await fetch(`${h.sim.url}/_sim/seed`, { method: 'POST', body: JSON.stringify(doc) });
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: string; message: string };
  expect(body.error).toBe(code);
  expect(body.message.startsWith(message)).toBe(true);

  expect(await observable()).toEqual(before);
  // What was there still works: the seeded service is described as before, and nothing else appeared.
  expect((await h.ecs.send(new ListServicesCommand({ cluster: 'dev' }))).serviceArns).toHaveLength(1);
  const [api] = (await h.ecs.send(new DescribeServicesCommand({ cluster: 'dev', services: ['api'] })))
    .services!;
  expect(api).toMatchObject({ status: 'ACTIVE', runningCount: 1 });
});

test('the same document, once fixed, seeds everything in it', async () => {
  h = await startHarness(1, BEFORE);
  const doc = CASES[0]![1];
  const services = (doc.services as Record<string, unknown>[]).map((s) =>
    s.taskDefinition === 'api-v2' ? { ...s, taskDefinition: 'web' } : s,
  );
  const res = await fetch(`${h.sim.url}/_sim/seed`, {
    method: 'POST',
    body: JSON.stringify({ ...doc, services }),
  });
  expect(res.status).toBe(200);
  const listed = await h.ecs.send(new ListServicesCommand({ cluster: 'prod' }));
  expect(listed.serviceArns!.map((arn) => arn.split('/').pop()).sort()).toEqual(['api', 'web']);
});

test('startSimulator refuses a bad seed with the named error', async () => {
  await expect(startSimulator({ seed: { clusters: ['dev', { account: '111111111111' }] } })).rejects.toThrow(
    'seed.clusters[1]: a cluster needs a name',
  );
});
