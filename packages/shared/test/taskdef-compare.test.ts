import { sameTaskDefinition, type TaskDefinitionDocument } from '../src/taskdef';

/** A rendered definition as our renderer produces it. */
const rendered: TaskDefinitionDocument = {
  family: 'shop-web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/shop-execution',
  containerDefinitions: [
    {
      name: 'web',
      image: 'repo/web@sha256:aaa',
      portMappings: [{ containerPort: 8080 }],
      environment: [
        { name: 'B', value: '2' },
        { name: 'A', value: '1' },
      ],
      secrets: [{ name: 'DB_URL', valueFrom: '/shop/prod/db-url' }],
      healthCheck: { command: ['CMD', 'true'] },
      environmentFiles: [
        { type: 's3', value: 'arn:aws:s3:::cfg/one.env' },
        { type: 's3', value: 'arn:aws:s3:::cfg/two.env' },
      ],
    },
    { name: 'otel', image: 'otel:1', essential: false },
  ],
  tags: [
    { key: 'team', value: 'shop' },
    { key: 'app', value: 'web' },
  ],
};

/** What DescribeTaskDefinition (include TAGS) returns for it: defaults filled in, read-only fields, reordering. */
const live: TaskDefinitionDocument = {
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-web:4',
  revision: 4,
  status: 'ACTIVE',
  family: 'shop-web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  compatibilities: ['EC2', 'FARGATE'],
  requiresAttributes: [{ name: 'ecs.capability.task-eni' }],
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/shop-execution',
  volumes: [],
  placementConstraints: [],
  enableFaultInjection: false,
  registeredAt: new Date('2026-01-01T00:00:00Z'),
  registeredBy: 'arn:aws:sts::123456789012:assumed-role/deploy/gha',
  containerDefinitions: [
    {
      name: 'web',
      image: 'repo/web@sha256:aaa',
      cpu: 0,
      essential: true,
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
      environment: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
      secrets: [{ name: 'DB_URL', valueFrom: '/shop/prod/db-url' }],
      healthCheck: { command: ['CMD', 'true'], interval: 30, timeout: 5, retries: 3 },
      environmentFiles: [
        { type: 's3', value: 'arn:aws:s3:::cfg/one.env' },
        { type: 's3', value: 'arn:aws:s3:::cfg/two.env' },
      ],
      mountPoints: [],
      volumesFrom: [],
      systemControls: [],
    },
    {
      name: 'otel',
      image: 'otel:1',
      essential: false,
      cpu: 0,
      portMappings: [],
      environment: [],
      mountPoints: [],
      volumesFrom: [],
    },
  ],
  tags: [
    { key: 'app', value: 'web' },
    { key: 'aws:cloudformation:stack-name', value: 'shop' },
    { key: 'team', value: 'shop' },
  ],
};

type Edit = (d: TaskDefinitionDocument) => void;
const web = (d: TaskDefinitionDocument) => d.containerDefinitions![0]!;
const otel = (d: TaskDefinitionDocument) => d.containerDefinitions![1]!;

function edited(edit: Edit): TaskDefinitionDocument {
  const copy = structuredClone(rendered);
  edit(copy);
  return copy;
}

describe('sameTaskDefinition', () => {
  it('treats a re-render of the live definition as the same (no new revision)', () => {
    expect(sameTaskDefinition(rendered, live)).toBe(true);
  });

  it.each<[string, Edit]>([
    ['task size written in vCPU and GB', (d) => Object.assign(d, { cpu: '0.25 vCPU', memory: '0.5 GB' })],
    ['role given by name', (d) => (d.executionRoleArn = 'shop-execution')],
    ['environment in another order', (d) => web(d).environment!.reverse()],
    ['tags in another order', (d) => d.tags!.reverse()],
    ['explicit essential: true and cpu: 0', (d) => Object.assign(web(d), { essential: true, cpu: 0 })],
    [
      'empty lists instead of missing fields',
      (d) => Object.assign(d, { volumes: [], placementConstraints: [] }),
    ],
    ['null for a missing field', (d) => Object.assign(web(d), { user: null })],
  ])('still the same with %s', (_, edit) => {
    expect(sameTaskDefinition(edited(edit), live)).toBe(true);
  });

  it.each<[string, Edit]>([
    ['another image', (d) => (web(d).image = 'repo/web@sha256:bbb')],
    ['an image by tag instead of digest', (d) => (web(d).image = 'repo/web:latest')],
    ['a changed variable', (d) => (web(d).environment![0]!.value = '3')],
    ['an empty variable value', (d) => (web(d).environment![0]!.value = '')],
    ['an added variable', (d) => web(d).environment!.push({ name: 'C', value: '' })],
    ['a removed variable', (d) => web(d).environment!.pop()],
    ['another secret reference', (d) => (web(d).secrets![0]!.valueFrom = '/shop/staging/db-url')],
    [
      'a secret moved to a plain variable',
      (d) => {
        web(d).secrets = [];
        web(d).environment!.push({ name: 'DB_URL', value: '/shop/prod/db-url' });
      },
    ],
    ['more CPU', (d) => (d.cpu = '512')],
    ['container memory set', (d) => (web(d).memory = 512)],
    ['a sidecar made essential', (d) => (otel(d).essential = true)],
    ['a non-default health-check interval', (d) => (web(d).healthCheck!.interval = 10)],
    ['another port', (d) => (web(d).portMappings![0]!.containerPort = 9090)],
    ['UDP', (d) => (web(d).portMappings![0]!.protocol = 'udp')],
    ['env files in another order', (d) => web(d).environmentFiles!.reverse()],
    ['containers in another order', (d) => d.containerDefinitions!.reverse()],
    ['a removed container', (d) => d.containerDefinitions!.pop()],
    ['a changed tag', (d) => (d.tags![0]!.value = 'other')],
    ['no tags', (d) => delete d.tags],
    ['another role', (d) => (d.executionRoleArn = 'arn:aws:iam::123456789012:role/other')],
    [
      'the same role name in another account',
      (d) => (d.executionRoleArn = 'arn:aws:iam::999999999999:role/shop-execution'),
    ],
    [
      'a role name with a path',
      (d) => (d.executionRoleArn = 'arn:aws:iam::123456789012:role/ecs/shop-execution'),
    ],
    ['a command', (d) => (web(d).command = ['node', 'server.js'])],
    ['a different network mode', (d) => (d.networkMode = 'bridge')],
    ['fault injection on', (d) => (d.enableFaultInjection = true)],
  ])('differs with %s', (_, edit) => {
    expect(sameTaskDefinition(edited(edit), live)).toBe(false);
  });
});
