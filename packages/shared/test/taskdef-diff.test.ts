import {
  diffTaskDefinitions,
  formatDiffMarkdown,
  formatDiffText,
  type TaskDefinitionDocument,
} from '../src/taskdef';

const before: TaskDefinitionDocument = {
  family: 'api',
  cpu: '256',
  memory: '512',
  taskRoleArn: 'arn:aws:iam::123456789012:role/api',
  containerDefinitions: [
    {
      name: 'api',
      image: 'repo/api:1',
      essential: true,
      environment: [
        { name: 'MODE', value: 'a' },
        { name: 'OLD', value: 'x' },
      ],
      secrets: [
        { name: 'DB_URL', valueFrom: '/api/prod/db-url' },
        { name: 'GONE', valueFrom: '/api/prod/gone' },
      ],
      portMappings: [{ containerPort: 3000 }],
    },
    { name: 'old-sidecar', image: 'side:1', essential: false },
  ],
};

const after: TaskDefinitionDocument = {
  family: 'api',
  cpu: '512',
  memory: '512',
  taskRoleArn: 'arn:aws:iam::123456789012:role/api-v2',
  containerDefinitions: [
    {
      name: 'api',
      image: 'repo/api@sha256:bbbb',
      memory: 400,
      environment: [
        { name: 'MODE', value: 'b' },
        { name: 'NEW', value: 'tok3n-value' },
      ],
      secrets: [
        { name: 'DB_URL', valueFrom: '/api/prod/db-url-v2' },
        { name: 'TOKEN', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:token-AbCdEf' },
      ],
      portMappings: [{ containerPort: 3001 }],
    },
    { name: 'otel', image: 'otel:1', essential: false },
  ],
};

describe('diffTaskDefinitions', () => {
  const changes = diffTaskDefinitions(before, after, { digests: { 'repo/api:1': 'sha256:aaaa' } });

  it('lists images with digests, variables, secrets by reference, sizes, containers and other fields', () => {
    expect(changes).toEqual([
      {
        kind: 'image',
        container: 'api',
        before: 'repo/api:1',
        after: 'repo/api@sha256:bbbb',
        beforeDigest: 'sha256:aaaa',
        afterDigest: 'sha256:bbbb',
      },
      { kind: 'resources', container: 'api', field: 'memory', after: '400' },
      { kind: 'environment', container: 'api', name: 'MODE', change: 'changed', before: 'a', after: 'b' },
      { kind: 'environment', container: 'api', name: 'NEW', change: 'added', after: 'tok3n-value' },
      { kind: 'environment', container: 'api', name: 'OLD', change: 'removed', before: 'x' },
      {
        kind: 'secret',
        container: 'api',
        name: 'DB_URL',
        change: 'changed',
        before: '/api/prod/db-url',
        after: '/api/prod/db-url-v2',
      },
      {
        kind: 'secret',
        container: 'api',
        name: 'TOKEN',
        change: 'added',
        after: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:token-AbCdEf',
      },
      { kind: 'secret', container: 'api', name: 'GONE', change: 'removed', before: '/api/prod/gone' },
      {
        kind: 'field',
        container: 'api',
        field: 'portMappings',
        before: '[{"containerPort":3000}]',
        after: '[{"containerPort":3001}]',
      },
      { kind: 'container', container: 'otel', change: 'added' },
      { kind: 'image', container: 'otel', after: 'otel:1' },
      { kind: 'field', container: 'otel', field: 'essential', after: 'false' },
      { kind: 'container', container: 'old-sidecar', change: 'removed' },
      { kind: 'resources', field: 'cpu', before: '256', after: '512' },
      {
        kind: 'field',
        field: 'taskRoleArn',
        before: '"arn:aws:iam::123456789012:role/api"',
        after: '"arn:aws:iam::123456789012:role/api-v2"',
      },
    ]);
  });

  it('reports nothing for definitions that differ only by defaults', () => {
    const withDefaults = structuredClone(before);
    withDefaults.containerDefinitions![0]!.cpu = 0;
    withDefaults.containerDefinitions![0]!.environment!.reverse();
    expect(diffTaskDefinitions(before, withDefaults)).toEqual([]);
  });

  it('describes a first deploy as everything added', () => {
    const first = diffTaskDefinitions(undefined, before);
    expect(first).toContainEqual({ kind: 'image', container: 'api', after: 'repo/api:1' });
    expect(first).toContainEqual({
      kind: 'environment',
      container: 'api',
      name: 'MODE',
      change: 'added',
      after: 'a',
    });
  });

  it('renders the log text', () => {
    expect(formatDiffText(changes).split('\n')).toEqual([
      '~ image [api]: repo/api:1 (sha256:aaaa) → repo/api@sha256:bbbb',
      '~ memory [api]: (none) → 400',
      '~ environment MODE [api]: a → b',
      '+ environment NEW [api]: tok3n-value',
      '- environment OLD [api] (was x)',
      '~ secret DB_URL [api]: /api/prod/db-url → /api/prod/db-url-v2',
      '+ secret TOKEN [api]: arn:aws:secretsmanager:eu-west-1:123456789012:secret:token-AbCdEf',
      '- secret GONE [api] (was /api/prod/gone)',
      '~ portMappings [api]: [{"containerPort":3000}] → [{"containerPort":3001}]',
      '+ container otel',
      '~ image [otel]: (none) → otel:1',
      '~ essential [otel]: (none) → false',
      '- container old-sidecar',
      '~ cpu: 256 → 512',
      '~ taskRoleArn: "arn:aws:iam::123456789012:role/api" → "arn:aws:iam::123456789012:role/api-v2"',
    ]);
    expect(formatDiffText([])).toBe('No changes.');
  });

  it('renders a Markdown table for the job summary, redacting what it is told to', () => {
    const md = formatDiffMarkdown(changes, { redact: ['tok3n-value'] });
    const lines = md.split('\n');
    expect(lines[0]).toBe('| Change | Container | Before | After |');
    expect(lines).toContain('| environment MODE (changed) | api | `a` | `b` |');
    expect(lines).toContain('| environment NEW (added) | api |  | `***` |');
    expect(lines).toContain('| cpu | (task) | `256` | `512` |');
    expect(md).not.toContain('tok3n-value');
    expect(formatDiffMarkdown([])).toBe('No changes to the task definition.');
  });
});
