import { join } from 'node:path';
import { loadManifest, ManifestError, parseManifest, resolveEnvironment } from '../src/manifest';

const fixture = (name: string): string => join(__dirname, 'fixtures', 'manifest', name);

describe('loadManifest: the plans our users run', () => {
  it.each([
    [
      'city-data/deploy.yml',
      'prod',
      [
        ['legocity-prod-dashboard-service'],
        ['legocity-prod-proxy-service', 'legocity-prod-update-env-service'],
        ['legocity-prod-broker-service', 'legocity-prod-payload-service'],
      ],
    ],
    [
      'mobile-backend.yml',
      'prod',
      [['project-oky-ecs-api-task-service-1lehr9r5', 'project-oky-ecs-cms-task-service-smibyuqs']],
    ],
    ['api-and-workers.json', 'staging', [['app-api'], ['bullmq-workers']]],
    [
      'nine-services/deploy.yaml',
      'prod',
      [
        [
          'smartboard-svc-auth',
          'smartboard-svc-tenants',
          'smartboard-svc-datasets',
          'smartboard-svc-analytics',
          'smartboard-svc-dashboards',
          'smartboard-svc-realtime',
        ],
        ['smartboard-worker', 'smartboard-gateway'],
        ['smartboard-web'],
      ],
    ],
    ['cdk-backend.yml', 'prod', [['BackendStack-ServiceD69D759B-0zQkJh1yYv6S']]],
  ])('%s (%s) deploys in the planned waves', async (file, env, waves) => {
    const loaded = await loadManifest(fixture(file));
    const resolved = resolveEnvironment(loaded, env);
    expect(resolved.waves.map((w) => w.map((s) => s.service))).toEqual(waves);
  });
});

type Expected = [line: number, column: number, text: string];

describe('loadManifest: problems point to the line', () => {
  it.each<[string, Expected[]]>([
    [
      'schema-errors.yml',
      [
        [1, 10, 'version must be 1; got 2'],
        [3, 22, 'images.api.repository must be an ECR repository name like team/api'],
        [
          10,
          16,
          'services.api.migrations.timeout must be a duration like 90s, 20m or 1h30m (a bare number is seconds); got "ten minutes"',
        ],
        [12, 14, 'services.api.smoke[0].url must be an http:// or https:// URL'],
        [13, 24, 'services.api.smoke[0]["expect-status"] must be at most 599; got 700'],
        [14, 5, 'services.api: unknown property "replicas"; expected one of: description, task-definition'],
        [15, 3, 'services["Bad.Name"]: the name "Bad.Name" is not valid'],
        [
          19,
          17,
          'environments.prod["account-id"] must be text (a 12-digit AWS account id, in quotes); got 123456789012',
        ],
        [20, 13, 'environments.prod.region must be an AWS region like eu-west-1; got "Europe"'],
        [21, 14, 'environments.prod.rollout must be a list; got "api"'],
      ],
    ],
    [
      'semantic-errors.yml',
      [
        [
          6,
          38,
          'services.api.containers.sidecar names the image "otel", which is not under "images" (known: api)',
        ],
        [9, 13, '"env" is a built-in variable'],
        [16, 21, 'the role is in account 222222222222 but environment "staging" is account 111111111111'],
        [
          19,
          7,
          'environment "staging" configures the service "wroker", which is not under "services" (known: api, worker, cron)',
        ],
        [20, 5, 'rollout of "staging" leaves out cron'],
        [22, 10, 'rollout of "staging" lists "worker" twice: in wave 2 and in wave 1'],
        [22, 18, 'rollout wave 2 of "staging" names the service "web", which is not under "services"'],
        [
          23,
          22,
          'promotion names the environment "production", which is not under "environments" (known: staging)',
        ],
      ],
    ],
    [
      'template-errors.yml',
      [
        [
          4,
          14,
          'services.api.service: {{ stage }} has no value in environment "dev" (its variables: env, region, service)',
        ],
        [6, 15, 'services.api.secrets.DB_URL: the value of DB_URL has "/" but does not start with "/"'],
        [8, 12, 'services.api.environment.SHA: ${{ github.sha }} is a GitHub expression'],
        [14, 5, 'service "api" has no cluster in environment "prod"'],
      ],
    ],
    ['duplicate-keys.yml', [[4, 3, 'Map keys must be unique']]],
  ])('%s', async (name, expected) => {
    const file = fixture(join('invalid', name));
    const error: unknown = await loadManifest(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    const manifestError = error as ManifestError;
    expect(manifestError.input).toBe('manifest');
    const lines = manifestError.message.split('\n');
    expect(lines[0]).toBe(
      `Input "manifest": the deploy manifest ${file} has ${expected.length === 1 ? '1 problem' : `${expected.length} problems`}:`,
    );
    expect(lines).toHaveLength(expected.length + 1);
    expected.forEach(([line, column, text], i) => {
      expect(lines[i + 1]).toContain(`  ${file}:${line}:${column}: ${text}`);
    });
    expect(manifestError.problems.map((p) => p.position?.line)).toEqual(expected.map(([line]) => line));
  });

  it('names the manifest input when the file is missing', async () => {
    await expect(loadManifest('deploy/none.yml')).rejects.toThrow(
      'Input "manifest" names the manifest deploy/none.yml, which cannot be read: it does not exist.',
    );
  });

  it.each([
    ['', 'manifest:1:1: The manifest must be a map of names to values; got nothing'],
    ['version: 1\nservices: {}\nenvironments: {}', 'manifest:2:11: services must have at least 1 entry'],
    ['version: 1\nservices: { api: {} }', 'manifest:1:1: The manifest is missing "environments"'],
    [
      'version: 1\nservices: { api: {} }\nenvironments:\n  dev: { cluster: c }',
      'manifest:4:3: environments.dev is missing "region"',
    ],
    [
      'version: 1\nservices:\n  api:\n    migrations: { command: "npm run \'x" }\nenvironments: { dev: { region: eu-west-1, cluster: c } }',
      'manifest:4:28: services.api.migrations.command has an unclosed quote',
    ],
    [
      'version: 1\nservices: { api: {} }\nenvironments:\n  dev: { region: eu-west-1, cluster: c, services: { api: { migrations: true } } }',
      'manifest:4:72: environments.dev.services.api.migrations must be a map with "command", or false',
    ],
    [
      'version: 1\nservices:\n  api:\n    smoke: [{ url: "{{ base }}/health" }]\nenvironments:\n  dev: { region: eu-west-1, cluster: c, vars: { base: api.example } }',
      'manifest:4:20: services.api.smoke[0].url must be an http:// or https:// URL; it renders to "api.example/health"',
    ],
    [
      'version: 1\nservices:\n  api: { service: "api {{ env }}" }\nenvironments:\n  dev: { region: eu-west-1, cluster: c }',
      'manifest:3:19: the ECS service name "api dev" must be letters, digits, - and _ (at most 255), or an ARN',
    ],
    [
      'version: 1\nservices:\n  api: { cluster: c\nenvironments: {}\n',
      'manifest:4:1: Flow map in block collection must be sufficiently indented and end with a }',
    ],
  ])('%j → %s', (text, expected) => {
    expect(() => parseManifest(text)).toThrow(expected);
  });
});
