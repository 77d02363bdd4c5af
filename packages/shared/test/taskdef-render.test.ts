import { join } from 'node:path';
import {
  findPlaceholders,
  loadTaskDefinitionFile,
  READ_ONLY_FIELDS,
  type RegisterTaskDefinitionInput,
  renderPlaceholders,
  renderTaskDefinition,
  type TaskDefinitionDocument,
} from '../src/taskdef';
import { configurationErrorOf as thrown } from './taskdef-helpers';

const fixture = (name: string): string => join(__dirname, 'fixtures', 'taskdef', name);
const VARS = { env: 'prod', region: 'eu-west-1' };

function container(def: RegisterTaskDefinitionInput, name: string) {
  const c = def.containerDefinitions?.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no container ${name}`);
  return c;
}

describe('placeholders', () => {
  it.each([
    ['{{ tag }}', 'v1'],
    ['{{tag}}-{{  tag  }}', 'v1-v1'],
    ['{{{{ tag }}', '{{ tag }}'],
    ['a }} b', 'a }} b'],
    ['{{ db.host }}:{{ account-id }}', 'db:123'],
  ])('%j renders to %j', (text, expected) => {
    expect(
      renderPlaceholders({ v: text }, { tag: 'v1', 'db.host': 'db', 'account-id': '123' }, { source: 'x' }),
    ).toEqual({
      v: expected,
    });
  });

  it('lists every missing name with where it is used, in one error', () => {
    const error = thrown(() =>
      renderPlaceholders(
        { a: ['{{ one }}', { b: '{{ two }} {{ one }}' }] },
        {},
        { source: 'task definition td.json' },
      ),
    );
    expect(error.message).toBe(
      [
        'The task definition td.json uses placeholders with no value in "vars": one, two.',
        '  - {{ one }} at a[0] has no value',
        '  - {{ two }} at a[1].b has no value',
        '  - {{ one }} at a[1].b has no value',
        'Give each one in "vars" as name=value.',
      ].join('\n'),
    );
    expect(error.input).toBe('vars');
  });

  it.each([
    ['${{ github.sha }}', 'looks like a GitHub expression'],
    ['{{ not valid! }}', 'is not a placeholder; write {{ name }}, or {{{{ for a literal'],
    ['{{ unclosed', 'is not a placeholder'],
  ])('refuses %j', (text, expected) => {
    expect(() => renderPlaceholders({ v: text }, { 'github.sha': 'x' }, { source: 'x' })).toThrow(expected);
  });

  it('finds placeholders without rendering them', () => {
    expect(findPlaceholders({ family: 'f-{{ env }}', c: [{ image: '{{ image }}' }] })).toEqual([
      { name: 'env', path: 'family' },
      { name: 'image', path: 'c[0].image' },
    ]);
  });
});

describe('renderTaskDefinition', () => {
  let template: TaskDefinitionDocument;
  beforeAll(async () => {
    template = await loadTaskDefinitionFile(fixture('web-template.json'));
  });

  it('renders placeholders, sets images and keeps meaningful empty values', () => {
    const out = renderTaskDefinition(template, { vars: VARS, images: { web: 'repo/web@sha256:abc' } });
    expect(out.family).toBe('shop-web-prod');
    const web = container(out, 'web');
    expect(web.image).toBe('repo/web@sha256:abc');
    expect(web.command).toEqual([]);
    expect(web.environment).toContainEqual({ name: 'EMPTY_ON_PURPOSE', value: '' });
    expect(web.environment).toContainEqual({ name: 'TEMPLATE_SYNTAX', value: '{{ not a placeholder }}' });
    expect(web.secrets).toEqual([{ name: 'DB_URL', valueFrom: '/shop/prod/db-url' }]);
    expect(web.logConfiguration?.options?.['awslogs-region']).toBe('eu-west-1');
    const otel = container(out, 'otel');
    expect(otel.essential).toBe(false);
    expect(otel.cpu).toBe(0);
  });

  it('does not change the base definition', () => {
    const before = JSON.stringify(template);
    renderTaskDefinition(template, { vars: VARS, images: { web: 'x:1' }, environment: { A: '1' } });
    expect(JSON.stringify(template)).toBe(before);
  });

  it('strips the read-only fields of a described definition and keeps user tags', async () => {
    const described = await loadTaskDefinitionFile(fixture('describe-output.json'));
    const out = renderTaskDefinition(described, { images: { api: 'repo/api:2025_05' } });
    for (const field of READ_ONLY_FIELDS) {
      expect(out).not.toHaveProperty(field);
    }
    expect(out.tags).toEqual([{ key: 'project', value: 'oky' }]);
    expect(out.enableFaultInjection).toBe(false);
    expect(out.volumes).toEqual([]);
    expect(container(out, 'api').environmentFiles).toHaveLength(1);
  });

  it('refuses an unknown container in images, listing the real ones', () => {
    const error = thrown(() => renderTaskDefinition(template, { vars: VARS, images: { api: 'x:1' } }));
    expect(error.message).toBe(
      'Input "images" names container "api", which the task definition does not have; its containers are "web", "otel".',
    );
    expect(error.input).toBe('images');
  });

  it('reports every unresolved placeholder with its path', () => {
    const error = thrown(() => renderTaskDefinition(template, { vars: { env: 'prod' } }));
    expect(error.message).toContain('no value in "vars": region.');
    expect(error.message).toContain('containerDefinitions[0].logConfiguration.options["awslogs-region"]');
  });

  it('leaves a live definition alone when placeholders are off', () => {
    const live = {
      family: 'f',
      containerDefinitions: [{ name: 'a', image: 'x', environment: [{ name: 'T', value: '{{ x }}' }] }],
    };
    const out = renderTaskDefinition(live, { placeholders: false });
    expect(container(out, 'a').environment).toEqual([{ name: 'T', value: '{{ x }}' }]);
  });

  describe('environment and secrets', () => {
    const base: TaskDefinitionDocument = {
      family: 'f',
      containerDefinitions: [
        { name: 'init', image: 'i', essential: false },
        {
          name: 'app',
          image: 'a',
          environment: [
            { name: 'MODE', value: 'old' },
            { name: 'KEEP', value: '1' },
          ],
          secrets: [{ name: 'TOKEN', valueFrom: '/old/token' }],
        },
        { name: 'sidecar', image: 's' },
      ],
    };

    it('upserts into the first essential container by default, in place', () => {
      const out = renderTaskDefinition(base, {
        environment: { MODE: 'new', ADDED: 'x' },
        secrets: { API_KEY: '/app/prod/api-key' },
      });
      expect(container(out, 'app').environment).toEqual([
        { name: 'MODE', value: 'new' },
        { name: 'KEEP', value: '1' },
        { name: 'ADDED', value: 'x' },
      ]);
      expect(container(out, 'app').secrets).toEqual([
        { name: 'TOKEN', valueFrom: '/old/token' },
        { name: 'API_KEY', valueFrom: '/app/prod/api-key' },
      ]);
      expect(container(out, 'init').environment).toBeUndefined();
      expect(container(out, 'sidecar').environment).toBeUndefined();
    });

    it('targets a named container with container:NAME and every container with *:NAME', () => {
      const out = renderTaskDefinition(base, { environment: { 'sidecar:PORT': '9000', '*:TZ': 'UTC' } });
      expect(container(out, 'sidecar').environment).toEqual([
        { name: 'PORT', value: '9000' },
        { name: 'TZ', value: 'UTC' },
      ]);
      expect(container(out, 'init').environment).toEqual([{ name: 'TZ', value: 'UTC' }]);
      expect(container(out, 'app').environment).toContainEqual({ name: 'TZ', value: 'UTC' });
    });

    it('moves a name between plain variables and secrets', () => {
      const out = renderTaskDefinition(base, {
        secrets: { MODE: '/app/mode' },
        environment: { TOKEN: 'public' },
      });
      const app = container(out, 'app');
      expect(app.environment).toEqual([
        { name: 'KEEP', value: '1' },
        { name: 'TOKEN', value: 'public' },
      ]);
      expect(app.secrets).toEqual([{ name: 'MODE', valueFrom: '/app/mode' }]);
    });

    it('builds parameter ARNs when told the account and region', () => {
      const out = renderTaskDefinition(base, {
        secrets: {
          A: '/app/prod/a',
          B: 'plain-name',
          C: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/x-AbCdEf',
        },
        arnContext: { region: 'eu-west-1', accountId: '123456789012' },
      });
      expect(container(out, 'app').secrets?.slice(1)).toEqual([
        { name: 'A', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/prod/a' },
        { name: 'B', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/plain-name' },
        { name: 'C', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/x-AbCdEf' },
      ]);
    });

    it.each([
      [{ secrets: { DB: 'postgres://user:hunter2@db/app' } }, 'is not an SSM parameter name'],
      [{ secrets: { DB: 'prod/dougust/database-url' } }, 'Secrets Manager secrets need their ARN'],
      [{ secrets: { DB: 'arn:aws:s3:::bucket/key' } }, 'is an ARN of neither SSM nor Secrets Manager'],
      [{ secrets: { 'nope:DB': '/x' } }, 'names container "nope" (in "nope:DB")'],
      [{ environment: { 'app:': 'x' } }, 'has no variable name'],
      [
        { environment: { DB: 'x' }, secrets: { DB: '/x' } },
        'DB is given both in "environment-variables" and in "secrets"',
      ],
    ])('refuses %j', (options, expected) => {
      const error = thrown(() => renderTaskDefinition(base, options));
      expect(error.message).toContain(expected);
      expect(error.message).not.toContain('hunter2');
    });
  });

  it('needs no var for an image placeholder the images input replaces', async () => {
    const worker = await loadTaskDefinitionFile(fixture('worker.yaml'));
    expect(
      container(renderTaskDefinition(worker, { images: { worker: 'w@sha256:1' } }), 'worker').image,
    ).toBe('w@sha256:1');
    expect(() => renderTaskDefinition(worker, {})).toThrow('no value in "vars": image.');
  });

  it('takes values from inputs literally, never as templates', () => {
    const out = renderTaskDefinition(template, { vars: VARS, environment: { GREETING: 'hi {{ env }}' } });
    expect(container(out, 'web').environment).toContainEqual({ name: 'GREETING', value: 'hi {{ env }}' });
  });

  it('turns YAML numbers in environment values into strings', async () => {
    const worker = await loadTaskDefinitionFile(fixture('worker.yaml'));
    const out = renderTaskDefinition(worker, { vars: { image: 'w:1' } });
    expect(container(out, 'worker').environment).toEqual([{ name: 'CONCURRENCY', value: '5' }]);
  });
});
