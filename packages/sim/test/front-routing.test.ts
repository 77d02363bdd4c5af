import { GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { DescribeClustersCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { pushImage, startSimulator, type RunningSimulator } from '../src';
import { ecrClient } from './ecr-helpers';
import { frontRequest, tally } from './front-helpers';

/** The HTTP front of ECS services: routing by Host (and path), answers per scenario rules, ALB-like errors. */

const API_HOST = 'api.shop.us-east-1.000000000000.ecs.sim';

const seed = {
  clusters: ['shop'],
  taskDefinitions: [
    {
      family: 'api',
      containerDefinitions: [{ name: 'api', image: 'registry.example.com/shop/api:v1', memory: 512 }],
    },
    {
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'registry.example.com/shop/web:v7', memory: 512 }],
    },
  ],
  services: [
    { cluster: 'shop', serviceName: 'api', taskDefinition: 'api', desiredCount: 2 },
    { cluster: 'shop', serviceName: 'web', taskDefinition: 'web', desiredCount: 1 },
  ],
};

let running: RunningSimulator;
beforeEach(async () => {
  running = await startSimulator({ timeScale: 1, seed });
});
afterEach(async () => {
  await running.close();
});

describe('routing', () => {
  it('answers on the default host from the running tasks, in turn, saying which task answered', async () => {
    const first = await frontRequest(running.url, API_HOST, '/');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json');
    expect(JSON.parse(first.body)).toEqual({
      status: 'ok',
      service: 'api',
      task: first.headers['x-sim-task'],
    });
    expect(first.headers['x-sim-image']).toBe('registry.example.com/shop/api:v1');
    expect(first.headers['x-sim-task-definition']).toMatch(/:task-definition\/api:1$/);

    const counts = await tally(running.url, API_HOST, '/anything', 10);
    expect([...counts.values()]).toEqual([5, 5]);
  });

  it('takes the short host form for the default account and region, any case, with a port', async () => {
    const answer = await frontRequest(running.url, `WEB.shop.ecs.sim:${new URL(running.url).port}`, '/');
    expect(answer.status).toBe(200);
    expect(answer.headers['x-sim-image']).toBe('registry.example.com/shop/web:v7');
  });

  it('routes seeded hosts by the longest path prefix, and answers 404 where no rule matches', async () => {
    running.sim.seed({
      fronts: [
        { host: 'shop.example.com', cluster: 'shop', service: 'web' },
        { host: 'shop.example.com', cluster: 'shop', service: 'api', pathPrefix: '/api/' },
        { host: 'admin.example.com', cluster: 'shop', service: 'api', pathPrefix: '/admin' },
      ],
    });
    const api = await frontRequest(running.url, 'shop.example.com', '/api/orders');
    expect(api.headers['x-sim-image']).toBe('registry.example.com/shop/api:v1');
    expect(api.headers['x-sim-front']).toBe('shop.example.com/api/');
    const web = await frontRequest(running.url, 'shop.example.com', '/index.html');
    expect(web.headers['x-sim-image']).toBe('registry.example.com/shop/web:v7');
    const none = await frontRequest(running.url, 'admin.example.com', '/');
    expect(none.status).toBe(404);
    expect(none.headers['x-sim-reason']).toBe('no front of host admin.example.com matches path /');
  });

  it('refuses a malformed front in a seed, naming the entry and the field', () => {
    expect(() => running.sim.seed({ fronts: [{ host: 'a.example.com', cluster: 'shop' }] })).toThrow(
      'seed.fronts[0] (a.example.com): service must be a non-empty string',
    );
    expect(() =>
      running.sim.seed({ fronts: [{ host: 'a.example.com', cluster: 'shop', service: 'api', weight: 1 }] }),
    ).toThrow('seed.fronts[0] (a.example.com): unknown key "weight"');
    expect(() =>
      running.sim.seed({ fronts: [{ host: '127.0.0.1', cluster: 'shop', service: 'api' }] }),
    ).toThrow(`seed.fronts[0] (127.0.0.1): host cannot be the simulator's own host "127.0.0.1"`);
  });

  it('leaves the AWS endpoint, the control API and unknown hosts alone', async () => {
    const ecs = new ECSClient({
      endpoint: running.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const out = await ecs.send(new DescribeClustersCommand({ clusters: ['shop'] }));
    expect(out.clusters?.[0]?.clusterName).toBe('shop');
    ecs.destroy();
    const health = await fetch(`${running.url}/_sim/health`);
    expect(health.status).toBe(200);
    const other = await frontRequest(running.url, 'api.example.org', '/_sim/health');
    expect(other.status).toBe(200);
    expect(other.headers['x-sim-task']).toBeUndefined();
  });
});

describe('no healthy target', () => {
  it('answers 503 like an ALB when the service runs no task, and when there is no such service', async () => {
    const ecs = new ECSClient({
      endpoint: running.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'web', desiredCount: 0 }));
    ecs.destroy();
    running.sim.clock.advance(10_000);
    const empty = await frontRequest(running.url, 'web.shop.ecs.sim', '/');
    expect(empty.status).toBe(503);
    expect(empty.headers.server).toBe('awselb/2.0');
    expect(empty.body).toContain('503 Service Temporarily Unavailable');
    expect(empty.headers['x-sim-reason']).toBe('service web has no running task');

    const missing = await frontRequest(running.url, 'nope.shop.ecs.sim', '/');
    expect(missing.status).toBe(503);
    expect(missing.headers['x-sim-reason']).toBe(
      'no ACTIVE ECS service shop/nope (account 000000000000, us-east-1)',
    );
  });
});

describe('scenario rules by image', () => {
  it('answers per rule: status, body, headers, latency, with per-path overrides', async () => {
    running.sim.scenario.add([
      {
        image: '*/shop/api:v1',
        http: {
          body: 'hello',
          headers: { 'x-app': 'api' },
          paths: {
            '/health/ready': { status: 500, body: '{"status":"db down"}' },
            '/slow/*': { latencyMs: 120 },
          },
        },
      },
    ]);
    const root = await frontRequest(running.url, API_HOST, '/');
    expect([root.status, root.body, root.headers['content-type'], root.headers['x-app']]).toEqual([
      200,
      'hello',
      'text/plain; charset=utf-8',
      'api',
    ]);
    const ready = await frontRequest(running.url, API_HOST, '/health/ready');
    expect([ready.status, ready.body]).toEqual([500, '{"status":"db down"}']);
    const slow = await frontRequest(running.url, API_HOST, '/slow/report');
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(115);
    const web = await frontRequest(running.url, 'web.shop.ecs.sim', '/health/ready');
    expect(web.status).toBe(200);
  });

  it('says on GET /version which image serves: the reference, its tag and the digest ECR resolved', async () => {
    const ecr = ecrClient(running.url);
    const auth = await ecr.send(new GetAuthorizationTokenCommand({}));
    ecr.destroy();
    const [username, password] = Buffer.from(auth.authorizationData![0]!.authorizationToken!, 'base64')
      .toString('utf8')
      .split(':') as [string, string];
    running.sim.seed({ repositories: [{ name: 'shop/cart' }] });
    const pushed = await pushImage({
      registryUrl: running.url,
      repository: '000000000000/us-east-1/shop/cart',
      tags: ['v3'],
      auth: { username, password },
    });
    const uri = `${new URL(running.url).host}/000000000000/us-east-1/shop/cart`;
    running.sim.seed({
      taskDefinitions: [
        { family: 'cart', containerDefinitions: [{ name: 'cart', image: `${uri}:v3`, memory: 512 }] },
      ],
      services: [{ cluster: 'shop', serviceName: 'cart', taskDefinition: 'cart', desiredCount: 1 }],
    });
    // A rule on the digest reference matches too: the front matches rules as ECS resolved the image.
    running.sim.scenario.add([{ image: `*@${pushed.digest}`, http: { headers: { 'x-by-digest': 'yes' } } }]);

    const version = await frontRequest(running.url, 'cart.shop.ecs.sim', '/version');
    expect(version.status).toBe(200);
    expect(JSON.parse(version.body)).toEqual({
      image: `${uri}:v3`,
      digest: pushed.digest,
      tag: 'v3',
      taskDefinition: expect.stringMatching(/:task-definition\/cart:1$/) as unknown,
    });
    expect(version.headers['x-sim-image-digest']).toBe(pushed.digest);
    expect(version.headers['x-by-digest']).toBe('yes');
  });
});
