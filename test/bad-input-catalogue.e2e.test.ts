import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CLUSTER,
  expectNoSecrets,
  mutatingSince,
  actionsSince,
  runAction,
  seedServices,
  startSim,
  type SimHandle,
} from '@ecs-delivery/testkit';

/**
 * The catalogue of bad input: each case runs an action's built bundle against the simulator, where a service
 * `web` runs in cluster `shop`, and must exit 1 with one "Configuration error" annotation that names the input,
 * make no AWS call that changes anything, and show no secret. Cases refused while the inputs are read make no
 * AWS call at all. Each run's duration is printed: bench/ holds the figures, tests never assert timings.
 */
interface Case {
  action: 'deploy-ecs' | 'rollback' | 'smoke-test' | 'build-push' | 'cdk-deploy';
  what: string;
  inputs: Record<string, string>;
  /** The input the error must name. */
  input: string;
  /** Refused after reading AWS (a preflight), not while reading the inputs. */
  preflight?: true;
}

const TOKEN = 'ghs_catalogueToken0123456789abcdef';
/** A secret each run is given, which no output may show. */
const SECRET_INPUT: Record<Case['action'], Record<string, string>> = {
  'deploy-ecs': { 'github-token': TOKEN },
  rollback: { 'github-token': TOKEN },
  'smoke-test': { headers: `Authorization: Bearer ${TOKEN}` },
  'build-push': { secrets: `NPM_TOKEN=${TOKEN}` },
  'cdk-deploy': { 'github-token': TOKEN },
};
const MANIFEST = 'deploy/ecs.yml';
const one = { cluster: CLUSTER, service: 'web' };

/** The files the cases name, in the runs' workspace. */
const GOOD_TASK_DEFINITION = {
  family: 'web',
  containerDefinitions: [{ name: 'web', image: 'nginx:1.27', essential: true, memory: 512 }],
};
/** The good task definition with its container changed. */
const withContainer = (change: Record<string, unknown>): string =>
  JSON.stringify({
    ...GOOD_TASK_DEFINITION,
    containerDefinitions: [{ ...GOOD_TASK_DEFINITION.containerDefinitions[0], ...change }],
  });
const MANIFEST_HEAD = [
  'version: 1',
  'name: shop',
  'images:',
  '  web: { repository: shop/web }',
  'services:',
  '  web: { containers: { web: web } }',
  'environments:',
].join('\n');
const FILES: Record<string, string> = {
  'web.json': JSON.stringify(GOOD_TASK_DEFINITION),
  'trailing-comma.json': '{ "family": "web", "containerDefinitions": [], }',
  'huge.json': JSON.stringify({ ...GOOD_TASK_DEFINITION, pad: 'x'.repeat(70 * 1024) }),
  'no-family.json': JSON.stringify({ containerDefinitions: GOOD_TASK_DEFINITION.containerDefinitions }),
  'containers-not-a-list.json': JSON.stringify({ family: 'web', containerDefinitions: { name: 'web' } }),
  'workflow-expression.json': JSON.stringify({
    ...GOOD_TASK_DEFINITION,
    containerDefinitions: [{ name: 'web', image: '${{ env.IMAGE }}', essential: true, memory: 512 }],
  }),
  'unresolved-alias.yaml': 'family: web\ncontainerDefinitions: *containers\n',
  'list.json': '[1, 2, 3]',
  'essential-yes.json': withContainer({ essential: 'yes' }),
  'container-memory-text.json': withContainer({ memory: '512' }),
  'port-as-text.json': withContainer({ portMappings: [{ containerPort: '80' }] }),
  'command-as-text.json': withContainer({ command: 'npm start' }),
  'health-check-list.json': withContainer({ healthCheck: ['CMD', 'true'] }),
  'environment-map.json': withContainer({ environment: { NODE_ENV: 'production' } }),
  'log-option-number.json': withContainer({
    logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 7 } },
  }),
  'task-memory-lots.json': JSON.stringify({ ...GOOD_TASK_DEFINITION, memory: 'lots' }),
  'task-cpu-fast.json': JSON.stringify({ ...GOOD_TASK_DEFINITION, cpu: 'fast' }),
  'compatibilities-text.json': JSON.stringify({
    ...GOOD_TASK_DEFINITION,
    requiresCompatibilities: 'FARGATE',
  }),
  'volumes-object.json': JSON.stringify({ ...GOOD_TASK_DEFINITION, volumes: { name: 'data' } }),
  'deploy/service-account-arn.yml': `${MANIFEST_HEAD}\n  dev: { region: us-east-1, account-id: '000000000000', cluster: shop, services: { web: { service: 'arn:aws:ecs:us-east-1:999999999999:service/shop/web' } } }\n`,
  'storage-text.json': JSON.stringify({ ...GOOD_TASK_DEFINITION, ephemeralStorage: { sizeInGiB: '21' } }),
  'expression.yaml':
    'family: web\ncontainerDefinitions:\n  - name: web\n    image: "repo:${{ github.sha }}"\n',
  'deploy/region-arn.yml': `${MANIFEST_HEAD}\n  dev: { region: us-east-1, cluster: 'arn:aws:ecs:eu-west-1:000000000000:cluster/shop' }\n`,
  'deploy/account-arn.yml': `${MANIFEST_HEAD}\n  dev: { region: us-east-1, account-id: '000000000000', cluster: 'arn:aws:ecs:us-east-1:999999999999:cluster/shop' }\n`,
  'deploy/service-as-cluster.yml': `${MANIFEST_HEAD}\n  dev: { region: us-east-1, cluster: 'arn:aws:ecs:us-east-1:000000000000:service/shop/web' }\n`,
  'deploy/into-prod.yml': `${MANIFEST_HEAD}\n  dev: { region: us-east-1, cluster: shop-dev, services: { web: { cluster: shop } } }\n  prod: { region: us-east-1, cluster: shop }\n`,
  'deploy/file-outside.yml': `${MANIFEST_HEAD.replace('  web: { containers: { web: web } }', "  web: { containers: { web: web }, task-definition: '../../outside/web.json' }")}\n  dev: { region: us-east-1, cluster: shop }\n`,
  'deploy/smoke-forever.yml': `${MANIFEST_HEAD.replace('  web: { containers: { web: web } }', "  web: { containers: { web: web }, smoke: [{ url: 'https://shop.example/', timeout: 5h }] }")}\n  dev: { region: us-east-1, cluster: shop }\n`,
  'deploy/ecs.yml': `${MANIFEST_HEAD}\n  dev: { region: us-east-1, cluster: shop }\n`,
  'deploy/bad-yaml.yml': `${MANIFEST_HEAD}\n  dev: { region: us-east-1, cluster: shop\n`,
  'deploy/unknown-key.yml': `${MANIFEST_HEAD}\n  dev: { region: us-east-1, cluster: shop, clutser: x }\n`,
  'deploy/long-name.yml': `${MANIFEST_HEAD.replace('name: shop', `name: ${'n'.repeat(200)}`)}\n  dev: { region: us-east-1, cluster: shop }\n`,
  'deploy/alias-bomb.yml': [
    'version: 1',
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    '',
  ].join('\n'),
  'deploy/bad-region.yml': `${MANIFEST_HEAD}\n  dev: { region: Frankfurt, cluster: shop }\n`,
  'deploy/bad-role.yml': `${MANIFEST_HEAD}\n  dev: { region: us-east-1, cluster: shop, role-to-assume: 'arn:aws:iam::1:user/x' }\n`,
  'deploy/unknown-template.yml': `${MANIFEST_HEAD}\n  dev: { region: us-east-1, cluster: '{{ nope }}' }\n`,
  'deploy/huge.yml': `${MANIFEST_HEAD}\n  dev: { region: us-east-1, cluster: shop }\n# ${'x'.repeat(1_100_000)}\n`,
};
/** The runs' workspace, and beside it (`../outside`) files of the runner that are not the workspace's. */
const base = mkdtempSync(join(tmpdir(), 'bad-input-catalogue-'));
const workspace = join(base, 'workspace');
for (const [path, text] of Object.entries(FILES)) {
  mkdirSync(join(workspace, path, '..'), { recursive: true });
  writeFileSync(join(workspace, path), text);
}
/** Files on the runner but outside the workspace (and RUNNER_TEMP), and links in the workspace that lead there. */
const outside = mkdtempSync(join(tmpdir(), 'bad-input-outside-'));
writeFileSync(join(outside, 'web.json'), FILES['web.json']!);
writeFileSync(join(outside, 'ecs.yml'), FILES['deploy/ecs.yml']!);
writeFileSync(join(outside, 'Dockerfile'), 'FROM scratch\n');
symlinkSync(join(outside, 'web.json'), join(workspace, 'linked.json'));
symlinkSync(outside, join(workspace, 'linked-dir'));
mkdirSync(join(base, 'outside'), { recursive: true });
writeFileSync(join(base, 'outside', 'web.json'), FILES['web.json']!);
writeFileSync(join(base, 'outside', 'ecs.yml'), FILES['deploy/ecs.yml']!);
const OTHER_ACCOUNT = 'arn:aws:ecs:us-east-1:999999999999';
const OTHER_REGION = 'arn:aws:ecs:eu-west-1:000000000000';
const dev = { manifest: MANIFEST, environment: 'dev' };
const many = (n: number, make: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => make(i)).join('\n');

const CASES: Case[] = [
  // deploy-ecs
  {
    action: 'deploy-ecs',
    what: 'a duration in words',
    inputs: { ...one, timeout: 'soon' },
    input: 'timeout',
  },
  {
    action: 'deploy-ecs',
    what: 'a duration past any run',
    inputs: { ...one, timeout: '99999999999999999h' },
    input: 'timeout',
  },
  {
    action: 'deploy-ecs',
    what: 'a rollback timeout under a second',
    inputs: { ...one, 'rollback-timeout': '10ms' },
    input: 'rollback-timeout',
  },
  {
    action: 'deploy-ecs',
    what: 'an unknown rollback scope',
    inputs: { ...one, 'rollback-scope': 'all' },
    input: 'rollback-scope',
  },
  {
    action: 'deploy-ecs',
    what: 'a desired count past ECS',
    inputs: { ...one, 'desired-count': '99999999999' },
    input: 'desired-count',
  },
  {
    action: 'deploy-ecs',
    what: 'a negative desired count',
    inputs: { ...one, 'desired-count': '-1' },
    input: 'desired-count',
  },
  {
    action: 'deploy-ecs',
    what: 'a fractional desired count',
    inputs: { ...one, 'desired-count': '1.5' },
    input: 'desired-count',
  },
  {
    action: 'deploy-ecs',
    what: 'a boolean it cannot read',
    inputs: { ...one, wait: 'maybe' },
    input: 'wait',
  },
  {
    action: 'deploy-ecs',
    what: 'dry-run as a word',
    inputs: { ...one, 'dry-run': 'perhaps' },
    input: 'dry-run',
  },
  {
    action: 'deploy-ecs',
    what: 'an image that is no reference',
    inputs: { ...one, images: 'web=not a valid image ref!!' },
    input: 'images',
  },
  {
    action: 'deploy-ecs',
    what: 'an image with a control character',
    inputs: { ...one, images: 'web=shop/web:v1\u0007' },
    input: 'images',
  },
  {
    action: 'deploy-ecs',
    what: 'an image of 10,000 characters',
    inputs: { ...one, images: `web=shop/${'a'.repeat(10_000)}:v1` },
    input: 'images',
  },
  {
    action: 'deploy-ecs',
    what: 'an upper-case repository',
    inputs: { ...one, images: 'web=123456789012.dkr.ecr.us-east-1.amazonaws.com/Shop/Web:v1' },
    input: 'images',
  },
  {
    action: 'deploy-ecs',
    what: 'an empty tag',
    inputs: { ...one, images: 'web=shop/web:' },
    input: 'images',
  },
  {
    action: 'deploy-ecs',
    what: 'a short digest',
    inputs: { ...one, images: 'web=shop/web@sha256:abc' },
    input: 'images',
  },
  {
    action: 'deploy-ecs',
    what: 'a tag of 200 characters',
    inputs: { ...one, images: `web=shop/web:${'t'.repeat(200)}` },
    input: 'images',
  },
  {
    action: 'deploy-ecs',
    what: 'an image line without a container',
    inputs: { ...one, images: 'shop/web:v1' },
    input: 'images',
  },
  {
    action: 'deploy-ecs',
    what: 'an environment variable name with a space',
    inputs: { ...one, 'environment-variables': '1BAD NAME=x' },
    input: 'environment-variables',
  },
  {
    action: 'deploy-ecs',
    what: 'a migration with an open quote',
    inputs: { ...one, 'migrate-command': 'npm run "migrate' },
    input: 'migrate-command',
  },
  {
    action: 'deploy-ecs',
    what: 'a migration container without a migration',
    inputs: { ...one, 'migrate-container': 'web' },
    input: 'migrate-container',
  },
  {
    action: 'deploy-ecs',
    what: 'a secret given as its value',
    inputs: { ...one, secrets: 'DB_PASSWORD=hunter2 with spaces' },
    input: 'secrets',
  },
  {
    action: 'deploy-ecs',
    what: 'a region with path characters',
    inputs: { ...one, 'aws-region': 'us-east-1/../x' },
    input: 'aws-region',
  },
  {
    action: 'deploy-ecs',
    what: 'a region that is a city',
    inputs: { ...one, 'aws-region': 'Frankfurt' },
    input: 'aws-region',
  },
  {
    action: 'deploy-ecs',
    what: 'a user ARN for a role',
    inputs: { ...one, 'role-to-assume': 'arn:aws:iam::123456789012:user/ci' },
    input: 'role-to-assume',
  },
  {
    action: 'deploy-ecs',
    what: 'a role of account 0',
    inputs: { ...one, 'role-to-assume': 'arn:aws:iam::0:role/deploy' },
    input: 'role-to-assume',
  },
  {
    action: 'deploy-ecs',
    what: 'a session shorter than STS allows',
    inputs: { ...one, 'role-duration-seconds': '60' },
    input: 'role-duration-seconds',
  },
  {
    action: 'deploy-ecs',
    what: 'a task-definition file that is not there',
    inputs: { ...one, 'task-definition': 'nope.json' },
    input: 'task-definition',
  },
  { action: 'deploy-ecs', what: 'no service', inputs: { cluster: CLUSTER }, input: 'service' },
  { action: 'deploy-ecs', what: 'no cluster', inputs: { service: 'web' }, input: 'cluster' },
  {
    action: 'deploy-ecs',
    what: 'a manifest-only input alone',
    inputs: { ...one, environment: 'prod' },
    input: 'environment',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest that is not there',
    inputs: { manifest: 'deploy/nope.yml', environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest with one-service inputs',
    inputs: { manifest: MANIFEST, environment: 'dev', cluster: CLUSTER },
    input: 'cluster',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest without an environment',
    inputs: { manifest: MANIFEST },
    input: 'environment',
  },
  {
    action: 'deploy-ecs',
    what: 'a cluster that is not there',
    inputs: { cluster: 'nope', service: 'web' },
    input: 'cluster',
    preflight: true,
  },
  {
    action: 'deploy-ecs',
    what: 'a service that is not there',
    inputs: { cluster: CLUSTER, service: 'nope' },
    input: 'service',
    preflight: true,
  },
  {
    action: 'deploy-ecs',
    what: 'an image for a container the service does not have',
    inputs: { ...one, images: 'api=nginx:1.27' },
    input: 'images',
    preflight: true,
  },
  {
    action: 'deploy-ecs',
    what: 'a task-definition file with a trailing comma',
    inputs: { ...one, 'task-definition': 'trailing-comma.json' },
    input: 'task-definition',
  },
  {
    action: 'deploy-ecs',
    what: 'a task-definition file over 64 KiB',
    inputs: { ...one, 'task-definition': 'huge.json' },
    input: 'task-definition',
  },
  {
    action: 'deploy-ecs',
    what: 'a task definition without a family',
    inputs: { ...one, 'task-definition': 'no-family.json' },
    input: 'task-definition',
  },
  {
    action: 'deploy-ecs',
    what: 'container definitions that are no list',
    inputs: { ...one, 'task-definition': 'containers-not-a-list.json' },
    input: 'task-definition',
  },
  {
    action: 'deploy-ecs',
    what: 'a workflow expression in a task-definition file',
    inputs: { ...one, 'task-definition': 'workflow-expression.json' },
    input: 'task-definition',
    preflight: true,
  },
  {
    action: 'deploy-ecs',
    what: 'a YAML alias without its anchor',
    inputs: { ...one, 'task-definition': 'unresolved-alias.yaml' },
    input: 'task-definition',
  },
  {
    action: 'deploy-ecs',
    what: 'a task definition that is a list',
    inputs: { ...one, 'task-definition': 'list.json' },
    input: 'task-definition',
  },
  {
    action: 'deploy-ecs',
    what: 'a task-definition path that is a directory',
    inputs: { ...one, 'task-definition': 'deploy' },
    input: 'task-definition',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest that is not YAML',
    inputs: { ...dev, manifest: 'deploy/bad-yaml.yml' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest with a misspelt key',
    inputs: { ...dev, manifest: 'deploy/unknown-key.yml' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest name of 200 characters',
    inputs: { ...dev, manifest: 'deploy/long-name.yml' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: 'a YAML alias bomb',
    inputs: { ...dev, manifest: 'deploy/alias-bomb.yml' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest over 1 MiB',
    inputs: { ...dev, manifest: 'deploy/huge.yml' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: "a manifest environment's region that is a city",
    inputs: { ...dev, manifest: 'deploy/bad-region.yml' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: "a manifest environment's role that is a user",
    inputs: { ...dev, manifest: 'deploy/bad-role.yml' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest template without a value',
    inputs: { ...dev, manifest: 'deploy/unknown-template.yml' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: 'an image the manifest does not define',
    inputs: { ...dev, images: 'api=v1' },
    input: 'images',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest image value of no form',
    inputs: { ...dev, images: 'web=not a tag' },
    input: 'images',
  },
  {
    action: 'deploy-ecs',
    what: 'an image tag that is no tag',
    inputs: { ...dev, 'image-tag': '-v1' },
    input: 'image-tag',
  },
  {
    action: 'deploy-ecs',
    what: 'a service the manifest does not have',
    inputs: { ...dev, services: 'nope' },
    input: 'services',
  },
  {
    action: 'deploy-ecs',
    what: 'an environment the manifest does not have',
    inputs: { ...dev, environment: 'qa' },
    input: 'environment',
  },
  {
    action: 'deploy-ecs',
    what: 'a release that is not JSON of images',
    inputs: { ...dev, images: '{"web": 42}' },
    input: 'images',
  },
  {
    action: 'rollback',
    what: 'a manifest without an environment',
    inputs: { manifest: MANIFEST },
    input: 'environment',
  },
  {
    action: 'rollback',
    what: 'a manifest environment it does not have',
    inputs: { manifest: MANIFEST, environment: 'qa' },
    input: 'environment',
  },
  {
    action: 'smoke-test',
    what: 'a manifest environment it does not have',
    inputs: { manifest: MANIFEST, environment: 'qa' },
    input: 'environment',
  },
  {
    action: 'build-push',
    what: 'a manifest environment it does not have',
    inputs: { manifest: MANIFEST, environment: 'qa' },
    input: 'environment',
  },
  // rollback
  { action: 'rollback', what: 'a target of no known form', inputs: { ...one, to: 'yesterday' }, input: 'to' },
  {
    action: 'rollback',
    what: 'a service ARN as the target',
    inputs: { ...one, to: 'arn:aws:ecs:us-east-1:000000000000:service/shop/web' },
    input: 'to',
  },
  {
    action: 'rollback',
    what: 'an image target without an image',
    inputs: { ...one, to: 'web=' },
    input: 'to',
  },
  {
    action: 'rollback',
    what: 'an image target with a bad container name',
    inputs: { ...one, to: 'we b=shop/web:v1' },
    input: 'to',
  },
  {
    action: 'rollback',
    what: 'an image target without a tag',
    inputs: { ...one, to: '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web' },
    input: 'to',
  },
  { action: 'rollback', what: 'a duration in words', inputs: { ...one, timeout: 'never' }, input: 'timeout' },
  { action: 'rollback', what: 'a boolean it cannot read', inputs: { ...one, wait: 'maybe' }, input: 'wait' },
  { action: 'rollback', what: 'no service', inputs: { cluster: CLUSTER }, input: 'service' },
  {
    action: 'rollback',
    what: 'a region that is a city',
    inputs: { ...one, 'aws-region': 'Paris' },
    input: 'aws-region',
  },
  {
    action: 'rollback',
    what: 'a target revision that is not there',
    inputs: { ...one, to: 'web:99' },
    input: 'to',
    preflight: true,
  },
  {
    action: 'rollback',
    what: 'a target of another family',
    inputs: { ...one, to: 'other:1' },
    input: 'to',
    preflight: true,
  },
  // smoke-test
  { action: 'smoke-test', what: 'no checks at all', inputs: {}, input: 'checks' },
  {
    action: 'smoke-test',
    what: 'a duration in words',
    inputs: { urls: 'http://127.0.0.1:9/health', timeout: 'soon' },
    input: 'timeout',
  },
  {
    action: 'smoke-test',
    what: 'a healthy-for of 0',
    inputs: { urls: 'http://127.0.0.1:9/health', 'healthy-for': '0' },
    input: 'healthy-for',
  },
  {
    action: 'smoke-test',
    what: 'an interval of a millisecond',
    inputs: { urls: 'http://127.0.0.1:9/health', interval: '1ms' },
    input: 'interval',
  },
  {
    action: 'smoke-test',
    what: 'a URL of another scheme',
    inputs: { urls: 'ftp://127.0.0.1/health' },
    input: 'urls',
  },
  {
    action: 'smoke-test',
    what: '1,000 checks',
    inputs: { urls: many(1000, (i) => `http://127.0.0.1:9/c${i}`) },
    input: 'urls',
  },
  {
    action: 'smoke-test',
    what: 'a header value with CR LF',
    inputs: { urls: 'http://127.0.0.1:9/health', headers: 'X-Trace: a\r\nInjected: b' },
    input: 'headers',
  },
  // build-push
  {
    action: 'build-push',
    what: 'a tag docker refuses',
    inputs: { repository: 'shop/api', tags: 'bad tag!' },
    input: 'tags',
  },
  {
    action: 'build-push',
    what: '2,000 tags',
    inputs: { repository: 'shop/api', tags: many(2000, (i) => `t${i}`) },
    input: 'tags',
  },
  {
    action: 'build-push',
    what: 'a context that is not there',
    inputs: { repository: 'shop/api', context: 'nope' },
    input: 'context',
  },
  {
    action: 'build-push',
    what: 'a Dockerfile that is not there',
    inputs: { repository: 'shop/api', file: 'Nopefile' },
    input: 'file',
  },
  {
    action: 'build-push',
    what: 'a platform without its OS',
    inputs: { repository: 'shop/api', platforms: 'amd64' },
    input: 'platforms',
  },
  {
    action: 'build-push',
    what: 'an upper-case repository',
    inputs: { repository: 'Shop/API' },
    input: 'repository',
  },
  {
    action: 'build-push',
    what: 'a source image without tag or digest',
    inputs: { repository: 'shop/api', 'source-image': 'shop/api' },
    input: 'source-image',
  },
  {
    action: 'build-push',
    what: 'a container CLI it does not drive',
    inputs: { repository: 'shop/api', 'container-cli': 'buildah' },
    input: 'container-cli',
  },
  {
    action: 'build-push',
    what: 'a scan timeout under ten seconds',
    inputs: { repository: 'shop/api', 'scan-timeout': '1s' },
    input: 'scan-timeout',
  },
  {
    action: 'build-push',
    what: 'a severity that is none',
    inputs: { repository: 'shop/api', 'fail-on-severity': 'SCARY' },
    input: 'fail-on-severity',
  },
  {
    action: 'build-push',
    what: 'a manifest-only input alone',
    inputs: { repository: 'shop/api', environment: 'dev' },
    input: 'environment',
  },
  // Task-definition files whose fields RegisterTaskDefinition would refuse: named by their JSON path.
  ...(
    [
      ['a container essential "yes"', 'essential-yes.json'],
      ['a container memory in quotes', 'container-memory-text.json'],
      ['a container port in quotes', 'port-as-text.json'],
      ['a command that is a string', 'command-as-text.json'],
      ['a health check that is a list', 'health-check-list.json'],
      ['environment variables as a map', 'environment-map.json'],
      ['a log option that is a number', 'log-option-number.json'],
      ['a task memory of "lots"', 'task-memory-lots.json'],
      ['a task cpu of "fast"', 'task-cpu-fast.json'],
      ['compatibilities that are a string', 'compatibilities-text.json'],
      ['an ephemeral storage size in quotes', 'storage-text.json'],
      ['volumes that are an object', 'volumes-object.json'],
      ['a workflow expression in a YAML task definition', 'expression.yaml'],
    ] as const
  ).map(([what, file]): Case => ({
    action: 'deploy-ecs',
    what,
    inputs: { ...one, 'task-definition': file },
    input: 'task-definition',
  })),
  // Files outside the workspace: an absolute path, a way up, a link to a file or through a folder.
  ...(
    [
      ['an absolute path outside the workspace', () => join(outside, 'web.json')],
      ['a way up out of the workspace', () => '../outside/web.json'],
      ['a link to a file outside', () => 'linked.json'],
      ['a path through a linked folder', () => 'linked-dir/web.json'],
    ] as const
  ).flatMap(([what, path]): Case[] => [
    {
      action: 'deploy-ecs',
      what: `task-definition: ${what}`,
      inputs: { ...one, 'task-definition': path() },
      input: 'task-definition',
    },
  ]),
  {
    action: 'deploy-ecs',
    what: 'a manifest outside the workspace',
    inputs: { manifest: join(outside, 'ecs.yml'), environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: "a manifest service's task-definition file outside the workspace",
    inputs: { manifest: 'deploy/file-outside.yml', environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest cluster ARN of another region',
    inputs: { manifest: 'deploy/region-arn.yml', environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest cluster ARN of another account',
    inputs: { manifest: 'deploy/account-arn.yml', environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest cluster that is a service ARN',
    inputs: { manifest: 'deploy/service-as-cluster.yml', environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'deploy-ecs',
    what: 'a manifest service ARN of another account',
    inputs: { manifest: 'deploy/service-account-arn.yml', environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'rollback',
    what: 'a manifest a way up out of the workspace',
    inputs: { manifest: '../outside/ecs.yml', environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'smoke-test',
    what: 'a manifest through a linked folder',
    inputs: { manifest: 'linked-dir/ecs.yml', environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'build-push',
    what: 'a Dockerfile a way up out of the workspace',
    inputs: { repository: 'shop/api', file: '../outside/web.json' },
    input: 'file',
  },
  {
    action: 'deploy-ecs',
    what: "a dev service sent into prod's cluster",
    inputs: { manifest: 'deploy/into-prod.yml', environment: 'dev' },
    input: 'manifest',
  },
  // ARNs of another account or region: refused right after authentication (its STS calls only).
  {
    action: 'deploy-ecs',
    what: 'a cluster ARN of another account',
    inputs: { cluster: `${OTHER_ACCOUNT}:cluster/shop`, service: 'web' },
    input: 'cluster',
    preflight: true,
  },
  {
    action: 'deploy-ecs',
    what: 'a cluster ARN of another region',
    inputs: { cluster: `${OTHER_REGION}:cluster/shop`, service: 'web' },
    input: 'cluster',
    preflight: true,
  },
  {
    action: 'deploy-ecs',
    what: 'a service ARN of another account',
    inputs: { cluster: CLUSTER, service: `${OTHER_ACCOUNT}:service/shop/web` },
    input: 'service',
    preflight: true,
  },
  {
    action: 'deploy-ecs',
    what: 'a secret value pasted for its parameter',
    inputs: { ...one, secrets: 'DB_PASSWORD=hunter2-plain-value' },
    input: 'secrets',
    preflight: true,
  },
  {
    action: 'rollback',
    what: 'a target ARN of another account',
    inputs: { ...one, to: `${OTHER_ACCOUNT}:task-definition/web:1` },
    input: 'to',
    preflight: true,
  },
  {
    action: 'rollback',
    what: 'a target ARN of another region',
    inputs: { ...one, to: `${OTHER_REGION}:task-definition/web:1` },
    input: 'to',
    preflight: true,
  },
  {
    action: 'rollback',
    what: 'a cluster ARN of another account',
    inputs: { cluster: `${OTHER_ACCOUNT}:cluster/shop`, service: 'web' },
    input: 'cluster',
    preflight: true,
  },
  {
    action: 'rollback',
    what: 'a manifest outside the workspace',
    inputs: { manifest: join(outside, 'ecs.yml'), environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'rollback',
    what: 'a manifest through a linked folder',
    inputs: { manifest: 'linked-dir/ecs.yml', environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'smoke-test',
    what: 'a manifest outside the workspace',
    inputs: { manifest: join(outside, 'ecs.yml'), environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'smoke-test',
    what: 'a manifest smoke check of five hours',
    inputs: { manifest: 'deploy/smoke-forever.yml', environment: 'dev' },
    input: 'manifest',
  },
  {
    action: 'smoke-test',
    what: 'a check timeout of two hours',
    inputs: { checks: '- { url: https://shop.example/, timeout: 2h }' },
    input: 'checks',
  },
  {
    action: 'smoke-test',
    what: 'a check interval past any run',
    inputs: { checks: '- { url: https://shop.example/, interval: 99999h }' },
    input: 'checks',
  },
  {
    action: 'smoke-test',
    what: 'a check name of 500 characters',
    inputs: { checks: `- { url: https://shop.example/, name: ${'n'.repeat(500)} }` },
    input: 'checks',
  },
  {
    action: 'build-push',
    what: 'a context outside the workspace',
    inputs: { repository: 'shop/api', context: outside },
    input: 'context',
  },
  {
    action: 'build-push',
    what: 'a context through a link',
    inputs: { repository: 'shop/api', context: 'linked-dir' },
    input: 'context',
  },
  {
    action: 'build-push',
    what: 'a Dockerfile outside the workspace',
    inputs: { repository: 'shop/api', file: join(outside, 'Dockerfile') },
    input: 'file',
  },
  {
    action: 'build-push',
    what: 'a manifest outside the workspace',
    inputs: { manifest: join(outside, 'ecs.yml'), environment: 'dev' },
    input: 'manifest',
  },
  // cdk-deploy: everything is refused before the CDK toolkit (and the AWS SDK) is even loaded.
  ...(
    [
      ['a mode that is none', { mode: 'apply' }, 'mode'],
      ['an app of two lines', { app: 'node app.js\nrm -rf /' }, 'app'],
      ['an app directory without manifest.json', { app: 'deploy' }, 'app'],
      ['a working directory that is none', { 'working-directory': 'infra' }, 'working-directory'],
      ['a working directory outside the workspace', { 'working-directory': '../..' }, 'working-directory'],
      ['a stack pattern with a space', { stacks: 'Shop Infra' }, 'stacks'],
      ['a context line without =', { context: 'prod' }, 'context'],
      ['a parameter name with a dash', { parameters: 'desired-count=1' }, 'parameters'],
      ['a parameter of no stack name', { parameters: '9lives:Count=1' }, 'parameters'],
      ['a tag in the aws: prefix', { tags: 'aws:owner=me' }, 'tags'],
      ['approve-broadening as a word', { 'approve-broadening': 'maybe' }, 'approve-broadening'],
      ['bootstrap with a diff', { mode: 'diff', bootstrap: 'true' }, 'bootstrap'],
      ['parameters with synth', { mode: 'synth', parameters: 'Version=1' }, 'parameters'],
      ['a region that is none', { 'aws-region': 'Frankfurt' }, 'aws-region'],
      ['a role that is a user', { 'role-to-assume': 'arn:aws:iam::123456789012:user/x' }, 'role-to-assume'],
      ['a session under 15 minutes', { 'role-duration-seconds': '60' }, 'role-duration-seconds'],
      ['an outputs file that is a directory', { 'outputs-file': 'deploy' }, 'outputs-file'],
    ] as const
  ).map(([what, inputs, input]): Case => ({
    action: 'cdk-deploy',
    what,
    inputs: { app: 'node app.js', ...inputs },
    input,
  })),
];

let sim: SimHandle;
beforeAll(async () => {
  sim = await startSim({ timeScale: 60 });
  await seedServices(sim, [{ name: 'web', tags: ['v1'] }]);
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

describe('every bad input is refused before anything changes, naming the input', () => {
  it('the catalogue covers every action', () => {
    expect(new Set(CASES.map((c) => c.action))).toEqual(
      new Set(['deploy-ecs', 'rollback', 'smoke-test', 'build-push', 'cdk-deploy']),
    );
  });

  it.each(CASES.map((c) => [`${c.action}: ${c.what}`, c] as const))('%s', async (_name, c) => {
    const since = Date.now() + 1;
    const run = await runAction(c.action, {
      sim,
      inputs: { ...SECRET_INPUT[c.action], ...c.inputs },
      cwd: workspace,
      iamPolicy: false,
    });
    process.stdout.write(`catalogue ${c.action} ${c.what}: ${run.durationMs} ms\n`);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect({ exit: run.exitCode, errors: errors.length }).toEqual({ exit: 1, errors: 1 });
    expect(errors[0]!.title).toBe('Configuration error');
    // Named as `Input "<name>"`, or among the inputs that would do (`give one of the inputs "checks", …`).
    expect(errors[0]!.message).toContain(`"${c.input}"`);
    expect(await mutatingSince(sim, since)).toEqual([]);
    if (c.preflight !== true) expect(await actionsSince(sim, since)).toEqual([]);
    expectNoSecrets(run, [TOKEN, 'hunter2', ...run.masks]);
  });
});
