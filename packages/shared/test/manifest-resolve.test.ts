import { join } from 'node:path';
import {
  type LoadedManifest,
  loadManifest,
  parseCommand,
  parseManifest,
  promotionOrder,
  resolveEnvironment,
} from '../src/manifest';
import { configurationErrorOf as thrown } from './taskdef-helpers';

const dir = join(__dirname, 'fixtures', 'manifest');

let cityData: LoadedManifest;
let apiAndWorkers: LoadedManifest;
let nine: LoadedManifest;
beforeAll(async () => {
  cityData = await loadManifest(join(dir, 'city-data', 'deploy.yml'));
  apiAndWorkers = await loadManifest(join(dir, 'api-and-workers.json'));
  nine = await loadManifest(join(dir, 'nine-services', 'deploy.yaml'));
});

describe('resolveEnvironment', () => {
  it('resolves a service fully: names, account, role, files, images, config, smoke checks', () => {
    const prod = resolveEnvironment(cityData, 'prod');
    expect(prod).toMatchObject({
      name: 'prod',
      region: 'eu-west-1',
      accountId: '111111111111',
      githubEnvironment: 'prod',
      previous: 'dev',
    });
    const payload = prod.waves[2]!.find((s) => s.name === 'payload');
    expect(payload).toEqual({
      name: 'payload',
      environment: 'prod',
      wave: 3,
      cluster: 'legocity-cluster',
      service: 'legocity-prod-payload-service',
      region: 'eu-west-1',
      accountId: '111111111111',
      roleToAssume: 'arn:aws:iam::111111111111:role/legocity-deploy',
      taskDefinitionFile: join(dir, 'city-data', 'taskdefs', 'payload.json'),
      images: { payload: { image: 'payload', repository: 'legocity-payload' } },
      environmentVariables: { PORT: '3000' },
      secrets: { PAYLOAD_DB_URL: '/legocity/prod/payload/db-url', BROKER_URL: '/legocity/prod/broker/url' },
      vars: {
        public_host: 'city.example',
        admin_host: 'admin.city.example',
        env: 'prod',
        service: 'payload',
        region: 'eu-west-1',
        'account-id': '111111111111',
      },
      smoke: [
        {
          name: 'admin login page',
          type: 'http',
          url: 'https://admin.city.example/admin',
          method: 'GET',
          headers: {},
          expectStatus: [200, 302],
        },
      ],
    });
  });

  it('applies per-environment overrides and fills secret ARNs from built-in variables', () => {
    const prod = resolveEnvironment(apiAndWorkers, 'prod');
    const api = prod.waves[0]![0]!;
    expect(api).toMatchObject({
      cluster: 'mobilytics-prod',
      desiredCount: 2,
      timeoutMs: 45 * 60_000,
      migrations: { command: ['npx', 'prisma', 'migrate', 'deploy'], container: 'api', timeoutMs: 600_000 },
      environmentVariables: { NODE_ENV: 'production', 'otel:OTEL_SERVICE_NAME': 'app-api' },
      secrets: {
        DATABASE_URL:
          'arn:aws:secretsmanager:eu-central-1:222222222203:secret:/mobilytics/prod/app-api/database-url',
      },
    });
    expect(api.smoke[1]).toEqual({
      name: 'queue lag',
      type: 'http',
      url: 'https://api.mobilytics.com/health/queues',
      method: 'GET',
      headers: {},
      expectStatus: [200],
      expectBody: '"ok":true',
      retries: 5,
      intervalMs: 10_000,
    });
    expect(prod).toMatchObject({ githubEnvironment: 'production', previous: 'staging' });
    expect(resolveEnvironment(apiAndWorkers, 'dev').previous).toBeUndefined();
  });

  it('gives each service of a shared block its own files and migrations', () => {
    const wave = resolveEnvironment(nine, 'prod').waves[0]!;
    expect(wave.map((s) => s.taskDefinitionFile)).toEqual(
      ['svc-auth', 'svc-tenants', 'svc-datasets', 'svc-analytics', 'svc-dashboards', 'svc-realtime'].map(
        (n) => join(dir, 'nine-services', 'taskdefs', `${n}.json`),
      ),
    );
    expect(wave[0]!.migrations).toEqual({
      command: ['pnpm', 'db:migrate'],
      container: 'app',
      timeoutMs: 900_000,
    });
  });

  it('filters services, keeping the rollout order and dropping empty waves', () => {
    const waves = resolveEnvironment(cityData, 'dev', { services: ['payload', 'dashboard'] }).waves;
    expect(waves.map((w) => w.map((s) => [s.name, s.wave]))).toEqual([[['dashboard', 1]], [['payload', 2]]]);
  });

  it.each([
    [
      () => resolveEnvironment(cityData, 'qa'),
      'environment',
      'Input "environment" is "qa", which the manifest',
      'its environments are dev, prod.',
    ],
    [
      () => resolveEnvironment(cityData, 'dev', { services: ['cms', 'proxy', 'api'] }),
      'services',
      'Input "services" names "cms", "api", not in the manifest',
      'its services are broker, payload, proxy, dashboard, update-env.',
    ],
  ])('refuses unknown names, listing the valid ones', (fn, input, start, end) => {
    const error = thrown(fn);
    expect(error.input).toBe(input);
    expect(error.message).toContain(start);
    expect(error.message.endsWith(end)).toBe(true);
  });

  describe('per-environment switches', () => {
    const text = `
version: 1
services:
  api: { migrations: { command: [migrate] }, wave: 2 }
  worker: {}
  cron: { wave: 3 }
environments:
  dev:
    region: eu-west-1
    cluster: dev
    services:
      cron: { enabled: false }
      api: { migrations: false, wave: 1, cluster: api-only }
  prod:
    region: eu-west-1
    cluster: prod
`;
    const loaded = parseManifest(text, { file: 'deploy.yml', baseDir: '/repo' });

    it('orders by wave numbers, skips disabled services, turns migrations off', () => {
      const dev = resolveEnvironment(loaded, 'dev');
      expect(dev.waves.map((w) => w.map((s) => `${s.cluster}/${s.service}`))).toEqual([
        ['api-only/api', 'dev/worker'],
      ]);
      expect(dev.waves[0]![0]!.migrations).toBeUndefined();
      expect(dev.waves[0]![0]!.taskDefinitionFile).toBeUndefined();
      const prod = resolveEnvironment(loaded, 'prod');
      expect(prod.waves.map((w) => w.map((s) => s.name))).toEqual([['worker'], ['api'], ['cron']]);
      expect(prod.waves[1]![0]!.migrations).toEqual({ command: ['migrate'] });
    });

    it('refuses to deploy a service the environment turned off', () => {
      expect(() => resolveEnvironment(loaded, 'dev', { services: ['cron'] })).toThrow(
        'Input "services" names "cron", which environment "dev" does not deploy (enabled: false).',
      );
    });

    it('uses the environments order for promotion unless given', () => {
      expect(promotionOrder(loaded.manifest)).toEqual(['dev', 'prod']);
      expect(resolveEnvironment(loaded, 'prod').previous).toBe('dev');
    });
  });

  it('refuses two services deploying to the same ECS service', () => {
    const text =
      'version: 1\nservices:\n  a: { service: same }\n  b: { service: same }\nenvironments:\n  dev: { region: eu-west-1, cluster: c }\n';
    expect(() => parseManifest(text)).toThrow(
      'manifest:4:3: services "a" and "b" both deploy to ECS service same in cluster c in environment "dev"',
    );
  });
});

describe('the clusters a manifest sends services to', () => {
  const manifest = (
    dev: string,
    prod = 'prod: { region: eu-west-1, account-id: "111111111111", cluster: shop-prod }',
  ): string => `version: 1\nservices:\n  api: {}\n  worker: {}\nenvironments:\n  ${dev}\n  ${prod}\n`;

  it("refuses a service sent into another environment's cluster, naming both environments", () => {
    const text = manifest(
      'dev: { region: eu-west-1, account-id: "111111111111", cluster: shop-dev, services: { api: { cluster: shop-prod } } }',
    );
    expect(() => parseManifest(text)).toThrow(
      'environments.dev.services.api.cluster sends a service of environment "dev" into cluster shop-prod, which is environment "prod"\'s (environments.prod.cluster)',
    );
  });

  it('allows a cluster both environments name as their own, and one of the same name in another account', () => {
    expect(() =>
      parseManifest(manifest('dev: { region: eu-west-1, account-id: "111111111111", cluster: shop-prod }')),
    ).not.toThrow();
    expect(() =>
      parseManifest(
        manifest(
          'dev: { region: eu-west-1, account-id: "222222222222", cluster: shop-dev, services: { api: { cluster: shop-prod } } }',
        ),
      ),
    ).not.toThrow();
  });

  it.each([
    [
      'arn:aws:ecs:us-east-1:111111111111:cluster/shop-dev',
      'the cluster arn:aws:ecs:us-east-1:111111111111:cluster/shop-dev is in region us-east-1, but environment "dev" is region eu-west-1',
    ],
    [
      'arn:aws:ecs:eu-west-1:999999999999:cluster/shop-dev',
      'the cluster arn:aws:ecs:eu-west-1:999999999999:cluster/shop-dev is in account 999999999999, but environment "dev" is account 111111111111',
    ],
    [
      'arn:aws:ecs:eu-west-1:111111111111:service/shop-dev/api',
      '"arn:aws:ecs:eu-west-1:111111111111:service/shop-dev/api" is not an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)',
    ],
  ])('refuses a cluster ARN of another region or account, or not a cluster: %s', (arn, problem) => {
    const text = manifest(`dev: { region: eu-west-1, account-id: "111111111111", cluster: "${arn}" }`);
    expect(() => parseManifest(text)).toThrow(problem);
  });

  it('takes a cluster ARN of its own account and region, and finds its owner by name', () => {
    const arn = 'arn:aws:ecs:eu-west-1:111111111111:cluster/shop-prod';
    expect(() =>
      parseManifest(manifest(`dev: { region: eu-west-1, account-id: "111111111111", cluster: "${arn}" }`)),
    ).not.toThrow();
    expect(() =>
      parseManifest(
        manifest(
          `dev: { region: eu-west-1, account-id: "111111111111", cluster: shop-dev, services: { worker: { cluster: "${arn}" } } }`,
        ),
      ),
    ).toThrow('into cluster shop-prod, which is environment "prod"\'s');
  });
});

describe('parseCommand', () => {
  it.each([
    ['npm run migrate', ['npm', 'run', 'migrate']],
    ['  sh -c "echo \\"hi\\" && exit 3"  ', ['sh', '-c', 'echo "hi" && exit 3']],
    ["python manage.py 'migrate --noinput'", ['python', 'manage.py', 'migrate --noinput']],
    ['a\\ b c', ['a b', 'c']],
    ['x ""', ['x', '']],
    ['"unclosed', undefined],
    ['   ', undefined],
  ])('%j → %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});
