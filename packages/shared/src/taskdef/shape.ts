/**
 * The JSON types RegisterTaskDefinition's input fixes (ECS API reference: RegisterTaskDefinition,
 * ContainerDefinition), checked in a task-definition file before anything is sent: a field of the wrong type is
 * a problem naming its JSON path (`containerDefinitions[0].essential must be true or false, not "yes"`).
 * Task-level `cpu` and `memory` may be written as YAML numbers (the renderer makes them strings).
 * Members not listed are not checked (AWS adds fields; ECS checks them). Placeholders render to text, so one
 * where a number or a boolean belongs is a problem too; the task-level `cpu` and `memory` (strings) are checked
 * for their form once rendered.
 */
type Shape =
  | 'string'
  /** A string, or a number or boolean the renderer turns into one (environment values written in YAML). */
  | 'text'
  /** Task-level cpu or memory: a string, or a YAML number the renderer turns into one. */
  | 'size'
  | 'integer'
  | 'boolean'
  | { list: Shape }
  | { map: Shape }
  | { structure: Record<string, Shape> };

const strings: Shape = { list: 'string' };
const nameValues: Shape = { list: { structure: { name: 'string', value: 'text' } } };
const nameValueFroms: Shape = { list: { structure: { name: 'string', valueFrom: 'string' } } };

const containerDefinition: Shape = {
  structure: {
    name: 'string',
    image: 'string',
    repositoryCredentials: { structure: { credentialsParameter: 'string' } },
    cpu: 'integer',
    memory: 'integer',
    memoryReservation: 'integer',
    links: strings,
    portMappings: {
      list: {
        structure: {
          containerPort: 'integer',
          hostPort: 'integer',
          protocol: 'string',
          name: 'string',
          appProtocol: 'string',
          containerPortRange: 'string',
        },
      },
    },
    essential: 'boolean',
    restartPolicy: {
      structure: {
        enabled: 'boolean',
        ignoredExitCodes: { list: 'integer' },
        restartAttemptPeriod: 'integer',
      },
    },
    entryPoint: strings,
    command: strings,
    environment: nameValues,
    environmentFiles: { list: { structure: { value: 'string', type: 'string' } } },
    mountPoints: {
      list: { structure: { sourceVolume: 'string', containerPath: 'string', readOnly: 'boolean' } },
    },
    volumesFrom: { list: { structure: { sourceContainer: 'string', readOnly: 'boolean' } } },
    secrets: nameValueFroms,
    dependsOn: { list: { structure: { containerName: 'string', condition: 'string' } } },
    startTimeout: 'integer',
    stopTimeout: 'integer',
    versionConsistency: 'string',
    hostname: 'string',
    user: 'string',
    workingDirectory: 'string',
    disableNetworking: 'boolean',
    privileged: 'boolean',
    readonlyRootFilesystem: 'boolean',
    dnsServers: strings,
    dnsSearchDomains: strings,
    extraHosts: { list: { structure: { hostname: 'string', ipAddress: 'string' } } },
    dockerSecurityOptions: strings,
    interactive: 'boolean',
    pseudoTerminal: 'boolean',
    dockerLabels: { map: 'string' },
    ulimits: { list: { structure: { name: 'string', softLimit: 'integer', hardLimit: 'integer' } } },
    logConfiguration: {
      structure: { logDriver: 'string', options: { map: 'string' }, secretOptions: nameValueFroms },
    },
    healthCheck: {
      structure: {
        command: strings,
        interval: 'integer',
        timeout: 'integer',
        retries: 'integer',
        startPeriod: 'integer',
      },
    },
    systemControls: { list: { structure: { namespace: 'string', value: 'string' } } },
    firelensConfiguration: { structure: { type: 'string', options: { map: 'string' } } },
    credentialSpecs: strings,
  },
};

const taskDefinition: Shape = {
  structure: {
    family: 'string',
    taskRoleArn: 'string',
    executionRoleArn: 'string',
    networkMode: 'string',
    containerDefinitions: { list: containerDefinition },
    volumes: { list: { structure: { name: 'string', configuredAtLaunch: 'boolean' } } },
    placementConstraints: { list: { structure: { type: 'string', expression: 'string' } } },
    requiresCompatibilities: strings,
    cpu: 'size',
    memory: 'size',
    tags: { list: { structure: { key: 'string', value: 'string' } } },
    pidMode: 'string',
    ipcMode: 'string',
    ephemeralStorage: { structure: { sizeInGiB: 'integer' } },
    runtimePlatform: { structure: { cpuArchitecture: 'string', operatingSystemFamily: 'string' } },
    enableFaultInjection: 'boolean',
  },
};

const PLACEHOLDER = /\{\{\s*[A-Za-z_][A-Za-z0-9_.-]*\s*\}\}/;

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…"` : text;
}

const EXPECTED: Record<'string' | 'text' | 'size' | 'integer' | 'boolean', string> = {
  string: 'a string',
  text: 'a string',
  size: 'a string',
  integer: 'a whole number',
  boolean: 'true or false',
};

/** The ways `value` at `path` does not fit `shape`; at most `limit` of them. */
function check(value: unknown, shape: Shape, path: string, out: string[], limit: number): void {
  if (out.length >= limit || value === null || value === undefined) return;
  if (typeof shape === 'string') {
    const fits =
      shape === 'string'
        ? typeof value === 'string'
        : shape === 'text'
          ? ['string', 'number', 'boolean'].includes(typeof value)
          : shape === 'size'
            ? ['string', 'number'].includes(typeof value)
            : shape === 'integer'
              ? typeof value === 'number' && Number.isInteger(value)
              : typeof value === 'boolean';
    if (!fits) out.push(`${path} must be ${EXPECTED[shape]}, not ${shown(value)}`);
    return;
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) {
      out.push(`${path} must be a list, not ${shown(value)}`);
      return;
    }
    value.forEach((item, i) => check(item, shape.list, `${path}[${i}]`, out, limit));
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    out.push(`${path} must be an object, not ${shown(value)}`);
    return;
  }
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    const memberShape = 'map' in shape ? shape.map : shape.structure[key];
    if (memberShape !== undefined)
      check(member, memberShape, path === '' ? key : `${path}.${key}`, out, limit);
  }
}

/** Task-level `cpu` as ECS takes it: CPU units (`256`) or vCPUs (`1 vCPU`, `0.25 vcpu`). */
const TASK_CPU = /^(?:\d+|\d+(?:\.\d+)?\s*vcpu)$/i;
/** Task-level `memory` as ECS takes it: MiB (`512`) or GB (`1GB`, `0.5 gb`). */
const TASK_MEMORY = /^(?:\d+|\d+(?:\.\d+)?\s*gb)$/i;

/**
 * What in a task-definition document does not fit RegisterTaskDefinition's input: wrong JSON types by path, and
 * task-level `cpu`/`memory` that are neither units nor `vCPU`/`GB`. Empty when it fits.
 */
export function taskDefinitionShapeProblems(doc: unknown, limit = 5): string[] {
  const out: string[] = [];
  check(doc, taskDefinition, '', out, limit);
  if (typeof doc === 'object' && doc !== null) {
    const given = doc as { cpu?: unknown; memory?: unknown };
    const cpu = typeof given.cpu === 'number' ? String(given.cpu) : given.cpu;
    const memory = typeof given.memory === 'number' ? String(given.memory) : given.memory;
    if (
      typeof cpu === 'string' &&
      !PLACEHOLDER.test(cpu) &&
      !TASK_CPU.test(cpu.trim()) &&
      out.length < limit
    ) {
      out.push(`cpu must be CPU units (like "256") or vCPUs (like "0.25 vCPU"), not ${shown(cpu)}`);
    }
    if (
      typeof memory === 'string' &&
      !PLACEHOLDER.test(memory) &&
      !TASK_MEMORY.test(memory.trim()) &&
      out.length < limit
    ) {
      out.push(`memory must be MiB (like "512") or GB (like "1GB"), not ${shown(memory)}`);
    }
  }
  return out;
}

/** JSON paths of string values holding a GitHub expression, `${{ … }}`, which GitHub never expands in a file. */
export function githubExpressionPaths(value: unknown, path = '', out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (/\$\{\{(?!\{\{)/.test(value)) out.push(path === '' ? '(the document)' : path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => githubExpressionPaths(item, `${path}[${i}]`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      githubExpressionPaths(member, path === '' ? key : `${path}.${key}`, out);
    }
  }
  return out;
}
