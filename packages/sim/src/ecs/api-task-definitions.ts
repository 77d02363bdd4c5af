import { AwsError } from '../core/errors';
import { readShape } from '../core/json-shapes';
import { Input, invalidParameter, type Json, nextTokenPaging, plainErrors } from '../core/request';
import type { ActionHandler } from '../core/simulator';
import { arnPrefix, tagsIn, toDate, type Region, type TaskDefinitionRecord } from './model';
import { checkImageReference } from './image-reference';
import { regionFor, requireTaskDefinition } from './resolve';
import { registerTaskDefinitionShape } from './task-definition-shape';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** RegisterTaskDefinition refuses a malformed member as a ClientException. */
export const clientErrors = plainErrors('ClientException');

function clientError(message: string): never {
  throw new AwsError('ClientException', message);
}

/** Fargate's task sizes: CPU units → allowed memory (MiB). */
const FARGATE_SIZES: Record<string, number[]> = {
  '256': [512, 1024, 2048],
  '512': range(1024, 4096, 1024),
  '1024': range(2048, 8192, 1024),
  '2048': range(4096, 16384, 1024),
  '4096': range(8192, 30720, 1024),
  '8192': range(16384, 61440, 4096),
  '16384': range(32768, 122880, 8192),
};

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** `1 vCPU` → `1024`, `2 GB` → `2048`: ECS stores and returns the numeric units. */
function normalizeSize(value: unknown, unit: RegExp, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return text;
  const m = new RegExp(`^(\\d*\\.?\\d+)\\s*${unit.source}$`, 'i').exec(text);
  if (!m) return clientError(`Invalid '${what}' setting for task.`);
  return String(Math.round(Number(m[1]) * 1024));
}

function normalizeContainer(c: Json, networkMode: string): Json {
  if (typeof c.name !== 'string' || c.name === '')
    return clientError('Container.name should not be null or empty.');
  if (!NAME.test(c.name)) return clientError(`Container name '${c.name}' contains invalid characters.`);
  if (typeof c.image !== 'string' || c.image === '') {
    return clientError('Container.image should not be null or empty.');
  }
  checkImageReference(c.image);
  const hc = c.healthCheck as Json | undefined;
  if (hc !== undefined) {
    if (!Array.isArray(hc.command) || hc.command.length === 0) {
      clientError(`Invalid setting for container '${c.name}'. healthCheck.command must not be empty.`);
    }
    const bounds: [string, number, number][] = [
      ['interval', 5, 300],
      ['timeout', 2, 120],
      ['retries', 1, 10],
      ['startPeriod', 0, 300],
    ];
    for (const [key, min, max] of bounds) {
      const v = hc[key];
      if (v !== undefined && (typeof v !== 'number' || v < min || v > max)) {
        clientError(
          `Invalid setting for container '${c.name}'. healthCheck.${key} must be between ${min} and ${max}.`,
        );
      }
    }
  }
  const portMappings = ((c.portMappings as Json[] | undefined) ?? []).map((p) => ({
    ...p,
    hostPort: p.hostPort ?? (networkMode === 'awsvpc' ? p.containerPort : undefined),
    protocol: p.protocol ?? 'tcp',
  }));
  return {
    ...c,
    cpu: c.cpu ?? 0,
    portMappings,
    essential: c.essential ?? true,
    environment: c.environment ?? [],
    mountPoints: c.mountPoints ?? [],
    volumesFrom: c.volumesFrom ?? [],
    systemControls: c.systemControls ?? [],
  };
}

function requiresAttributes(containers: Json[], body: Json): Json[] {
  const names = new Set<string>(['com.amazonaws.ecs.capability.docker-remote-api.1.18']);
  if (body.networkMode === 'awsvpc') names.add('ecs.capability.task-eni');
  if (body.taskRoleArn) names.add('com.amazonaws.ecs.capability.task-iam-role');
  for (const c of containers) {
    const log = c.logConfiguration as Json | undefined;
    if (log?.logDriver === 'awslogs') {
      names.add('com.amazonaws.ecs.capability.logging-driver.awslogs');
      if (body.executionRoleArn) names.add('ecs.capability.execution-role-awslogs');
      names.add('com.amazonaws.ecs.capability.docker-remote-api.1.19');
    }
    if (c.healthCheck) names.add('ecs.capability.container-health-check');
    if (typeof c.image === 'string' && /\.dkr\.ecr\.|\/\d{12}\/[a-z0-9-]+\//.test(c.image)) {
      names.add('com.amazonaws.ecs.capability.ecr-auth');
      if (body.executionRoleArn) names.add('ecs.capability.execution-role-ecr-pull');
    }
    if (c.secrets) names.add('ecs.capability.secrets.asm.environment-variables');
  }
  return [...names].map((name) => ({ name }));
}

/** ECS's limit on a task definition, counted over the request as JSON (tags aside). */
const MAX_TASK_DEFINITION_BYTES = 65_536;

function checkSize(raw: Json): void {
  const length = Buffer.byteLength(JSON.stringify({ ...raw, tags: undefined }), 'utf8');
  if (length > MAX_TASK_DEFINITION_BYTES) {
    clientError(`Actual length: '${length}'. Max allowed length is '${MAX_TASK_DEFINITION_BYTES}' bytes.`);
  }
}

/** Validates a RegisterTaskDefinition request as ECS does and returns the stored body. */
export function buildTaskDefinition(request: Input): { family: string; body: Json } {
  const input = request.nested(readShape(request.raw, registerTaskDefinitionShape) as Json);
  checkSize(input.raw);
  const family = input.required('family');
  if (!NAME.test(family)) clientError('Family contains invalid characters.');
  const containers = input.objects('containerDefinitions');
  if (!containers || containers.length === 0) return clientError('Container list cannot be empty.');
  const requires = input.strings('requiresCompatibilities') ?? [];
  const fargate = requires.includes('FARGATE');
  const networkMode = input.str('networkMode') ?? (fargate ? undefined : 'bridge');
  const cpu = normalizeSize(input.raw.cpu, /vcpu/, 'cpu');
  const memory = normalizeSize(input.raw.memory, /gb/, 'memory');
  const executionRoleArn = input.str('executionRoleArn');
  if (fargate) {
    if (networkMode !== 'awsvpc') clientError("Fargate only supports network mode 'awsvpc'.");
    if (cpu === undefined) clientError("Fargate requires that 'cpu' be defined at the task level.");
    if (memory === undefined) clientError("Fargate requires that 'memory' be defined at the task level.");
    if (!FARGATE_SIZES[cpu]?.includes(Number(memory))) {
      clientError(`No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory.`);
    }
  }
  const names = new Set<string>();
  const normalized = containers.map((c) => {
    const out = normalizeContainer(c, networkMode ?? 'awsvpc');
    const name = out.name as string;
    if (names.has(name)) clientError(`Duplicate container name '${name}'.`);
    names.add(name);
    if (!fargate && memory === undefined && out.memory === undefined && out.memoryReservation === undefined) {
      clientError(
        `Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
      );
    }
    const log = out.logConfiguration as Json | undefined;
    if (fargate && log?.logDriver === 'awslogs' && executionRoleArn === undefined) {
      clientError(
        'Fargate requires task definition to have execution role ARN to support log driver awslogs.',
      );
    }
    return out;
  });
  if (!normalized.some((c) => c.essential === true)) {
    clientError('Task definition must have at least one essential container.');
  }
  const compatibilities = ['EC2'];
  if (networkMode === 'awsvpc' && cpu !== undefined && memory !== undefined) compatibilities.push('FARGATE');
  const body: Json = {
    ...input.raw,
    family,
    containerDefinitions: normalized,
    networkMode,
    cpu,
    memory,
    volumes: input.raw.volumes ?? [],
    placementConstraints: input.raw.placementConstraints ?? [],
    requiresCompatibilities: input.raw.requiresCompatibilities,
    compatibilities,
  };
  delete body.tags;
  body.requiresAttributes = requiresAttributes(normalized, body);
  return { family, body };
}

export function registerTaskDefinition(
  r: Region,
  input: Input,
  now: number,
  registeredBy: string | undefined,
): TaskDefinitionRecord {
  const { family, body } = buildTaskDefinition(input);
  const tags = tagsIn(input.objects('tags'), (m) => input.fail(m));
  const revisions = r.families.get(family) ?? [];
  r.families.set(family, revisions);
  const revision = revisions.length + 1;
  const arn = `${arnPrefix(r)}:task-definition/${family}:${revision}`;
  const record: TaskDefinitionRecord = {
    arn,
    family,
    revision,
    status: 'ACTIVE',
    body: { ...body, taskDefinitionArn: arn, revision, ...(registeredBy ? { registeredBy } : {}) },
    registeredAt: now,
    tags,
  };
  revisions.push(record);
  return record;
}

export function taskDefinitionOut(td: TaskDefinitionRecord): Json {
  return {
    ...td.body,
    status: td.status,
    registeredAt: toDate(td.registeredAt),
    deregisteredAt: toDate(td.deregisteredAt),
  };
}

const RegisterTaskDefinition: ActionHandler = (ctx, raw) => {
  const td = registerTaskDefinition(
    regionFor(ctx),
    new Input(raw, clientErrors),
    ctx.now,
    ctx.principal?.arn,
  );
  return { taskDefinition: taskDefinitionOut(td), tags: td.tags };
};

const DescribeTaskDefinition: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const td = requireTaskDefinition(regionFor(ctx), input.required('taskDefinition'));
  const withTags = (input.strings('include') ?? []).includes('TAGS');
  return { taskDefinition: taskDefinitionOut(td), ...(withTags ? { tags: td.tags } : {}) };
};

function statusFilter(input: Input, allowAll: boolean): string {
  const status = input.str('status') ?? 'ACTIVE';
  const allowed = allowAll ? ['ACTIVE', 'INACTIVE', 'ALL'] : ['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'];
  if (!allowed.includes(status)) input.fail(`Invalid status: ${status}`);
  return status;
}

const ListTaskDefinitions: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const family = input.str('familyPrefix');
  const status = statusFilter(input, false);
  const sort = input.str('sort') ?? 'ASC';
  const all = [...regionFor(ctx).families.entries()]
    .filter(([name]) => family === undefined || name === family)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([, revisions]) => revisions.filter((td) => td.status === status).map((td) => td.arn));
  if (sort === 'DESC') all.reverse();
  const { page, nextToken } = input.page(all, nextTokenPaging('maxResults', 100, 100));
  return { taskDefinitionArns: page, nextToken };
};

const ListTaskDefinitionFamilies: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const prefix = input.str('familyPrefix') ?? '';
  const status = statusFilter(input, true);
  const families = [...regionFor(ctx).families.entries()]
    .filter(([name, revisions]) => {
      if (!name.startsWith(prefix)) return false;
      const active = revisions.some((td) => td.status === 'ACTIVE');
      return status === 'ALL' || (status === 'ACTIVE' ? active : !active);
    })
    .map(([name]) => name)
    .sort();
  const { page, nextToken } = input.page(families, nextTokenPaging('maxResults', 100, 100));
  return { families: page, nextToken };
};

const DeregisterTaskDefinition: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const ref = input.required('taskDefinition');
  if (!/:\d+$/.test(ref)) {
    input.fail('The specified task definition identifier is invalid. Specify a valid revision number.');
  }
  const td = requireTaskDefinition(regionFor(ctx), ref);
  if (td.status === 'ACTIVE') {
    td.status = 'INACTIVE';
    td.deregisteredAt = ctx.now;
  }
  return { taskDefinition: taskDefinitionOut(td) };
};

export const taskDefinitionActions: Record<string, ActionHandler> = {
  RegisterTaskDefinition,
  DescribeTaskDefinition,
  ListTaskDefinitions,
  ListTaskDefinitionFamilies,
  DeregisterTaskDefinition,
};
