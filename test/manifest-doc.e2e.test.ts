import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import {
  parseManifest,
  type ResolvedEnvironment,
  resolveEnvironment,
  type ServiceDeploySpec,
} from '@ecs-delivery/shared/manifest';
import { matchExamples, type Handler } from './readme-examples';

/**
 * Every code block of docs/manifest.md goes through the manifest loader the actions use: the complete example
 * as it is; a fragment (`images:`, `services:`, `smoke:`, `environments:`) completed with the fewest keys a
 * manifest needs, shown beside it here; the TypeScript example run against the complete example.
 */

const FILE = 'docs/manifest.md';

interface DocExample extends Handler {
  run: (body: string) => void | Promise<void>;
}

function services(env: ResolvedEnvironment): Record<string, ServiceDeploySpec> {
  return Object.fromEntries(env.waves.flat().map((s) => [s.name, s]));
}

function load(text: string, environment: string): ResolvedEnvironment {
  return resolveEnvironment(parseManifest(text, { file: 'ecs.yml', baseDir: '/repo/deploy' }), environment);
}

/** The complete example, kept for the TypeScript example that loads it. */
let complete = '';

const HANDLERS: DocExample[] = [
  {
    file: FILE,
    match: 'name: legocity',
    run: (body) => {
      complete = body;
      const dev = load(body, 'dev');
      expect(dev.waves.map((w) => w.map((s) => s.name))).toEqual([
        ['dashboard'],
        ['proxy', 'update-env'],
        ['broker', 'payload'],
      ]);
      const payload = services(dev)['payload']!;
      expect(payload).toMatchObject({
        cluster: 'legocity-cluster',
        service: 'legocity-dev-payload-service',
        secrets: { PAYLOAD_DB_URL: '/legocity/dev/payload/db-url' },
        environmentVariables: { PORT: '3000' },
        images: { payload: { repository: 'legocity-payload' } },
      });
      expect(payload.smoke.map((c) => [c.url, c.expectStatus])).toEqual([
        ['https://admin.dev.city.example/admin', [200, 302]],
      ]);
      expect(services(load(body, 'prod'))['payload']!.service).toBe('legocity-prod-payload-service');
    },
  },
  {
    file: FILE,
    match: 'api: { repository: oky/api_en }',
    run: (body) => {
      const completion = [
        'version: 1',
        'services: { api: { containers: { api: api } }, cms: { containers: { cms: cms } } }',
        'environments: { prod: { region: eu-west-2, cluster: project-oky-ecs-cluster } }',
      ];
      const prod = services(load(`${body}\n${completion.join('\n')}`, 'prod'));
      expect(prod['api']!.images).toEqual({ api: expect.objectContaining({ repository: 'oky/api_en' }) });
      expect(prod['cms']!.images).toEqual({ cms: expect.objectContaining({ repository: 'oky/cms_en' }) });
    },
  },
  {
    file: FILE,
    match: 'svc-auth: &internal',
    run: (body) => {
      const completion = [
        'version: 1',
        'images: { svc-auth: { repository: smartboard/svc-auth }, svc-tenants: { repository: smartboard/svc-tenants } }',
        'environments: { dev: { region: eu-west-1, cluster: smartboard-dev } }',
      ];
      const tenants = services(load(`${completion.join('\n')}\n${body}`, 'dev'))['svc-tenants']!;
      expect(tenants).toMatchObject({
        service: 'smartboard-svc-tenants',
        taskDefinitionFile: join('/repo/deploy', 'taskdefs', 'svc-tenants.json'),
        migrations: { command: ['pnpm', 'db:migrate'], container: 'app', timeoutMs: 15 * 60_000 },
        images: { app: expect.objectContaining({ repository: 'smartboard/svc-tenants' }) },
        wave: 1,
      });
    },
  },
  {
    file: FILE,
    match: 'name: queue lag',
    run: (body) => {
      const completion = [
        'version: 1',
        'images: { api: { repository: shop/api } }',
        'environments: { dev: { region: eu-west-1, cluster: shop-dev, vars: { api_host: api.dev.shop.example } } }',
        'services:',
        '  api:',
        '    containers: { api: api }',
      ];
      const indented = body
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n');
      const api = services(load(`${completion.join('\n')}\n${indented}`, 'dev'))['api']!;
      expect(api.smoke).toEqual([
        expect.objectContaining({
          name: 'health',
          url: 'https://api.dev.shop.example/health',
          expectStatus: [200],
        }),
        expect.objectContaining({
          name: 'queue lag',
          url: 'https://api.dev.shop.example/health/queues',
          expectBody: '"ok":true',
          retries: 5,
          intervalMs: 10_000,
        }),
      ]);
    },
  },
  {
    file: FILE,
    match: 'project-oky-ecs-api-task-service-1lehr9r5',
    run: (body) => {
      const completion = [
        'version: 1',
        'images: { api: { repository: oky/api_en }, cms: { repository: oky/cms_en } }',
        'services: { api: { containers: { api: api } }, cms: { containers: { cms: cms } } }',
      ];
      const prod = load(`${completion.join('\n')}\n${body}`, 'prod');
      expect(prod).toMatchObject({
        accountId: '637423184246',
        region: 'eu-west-2',
        roleToAssume: 'arn:aws:iam::637423184246:role/oky-service-updater',
      });
      expect(prod.waves.flat().map((s) => [s.cluster, s.service])).toEqual([
        ['project-oky-ecs-cluster', 'project-oky-ecs-api-task-service-1lehr9r5'],
        ['project-oky-ecs-cluster', 'project-oky-ecs-cms-task-service-smibyuqs'],
      ]);
    },
  },
  {
    file: FILE,
    match: "const prod = resolveEnvironment(manifest, 'prod'",
    run: async (body) => {
      // In a checkout whose deploy/ecs.yml is the complete example.
      const checkout = mkdtempSync(join(tmpdir(), 'manifest-doc-'));
      mkdirSync(join(checkout, 'deploy'));
      writeFileSync(join(checkout, 'deploy', 'ecs.yml'), complete);
      const js = ts.transpileModule(body, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      // The example as written; the names it defines are read back after it ran.
      const example = new Function(
        'require',
        'exports',
        `return (async () => {\n${js}\nreturn { prod };\n})();`,
      ) as (r: NodeJS.Require, e: object) => Promise<{ prod: ResolvedEnvironment }>;
      const cwd = process.cwd();
      process.chdir(checkout);
      try {
        const { prod } = await example(require, {});
        expect(prod.waves.map((w) => w.map((s) => [s.name, s.service]))).toEqual([
          [['payload', 'legocity-prod-payload-service']],
        ]);
      } finally {
        process.chdir(cwd);
      }
    },
  },
];

const { runs, skipped, problems } = matchExamples([FILE], HANDLERS);

test('every code block of docs/manifest.md is run here, or says why not', () => {
  expect(problems).toEqual([]);
  expect(skipped.map((s) => s.reason)).toEqual(['the message a broken manifest gets, not an input']);
});

// In document order: the TypeScript example loads the complete example the first handler kept.
test.each(runs.map((r) => [r.example.where, r] as const))('%s', async (_where, { example, handler }) => {
  await handler.run(example.block.body);
});
