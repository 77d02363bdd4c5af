import { AwsError } from './errors';
import { globMatch } from './glob';

/** What a task started from a matching image or command does. */
export interface TaskBehaviour {
  /** The essential container exits with this code `afterSeconds` after it started running. */
  exitCode?: number;
  afterSeconds?: number;
  /** Lines the container writes to its log (awslogs) once it runs. */
  logs?: string[];
  /** `fail`: the container's health check never passes. */
  healthCheck?: 'pass' | 'fail';
  /** Seconds spent in PENDING (pulling, starting) before RUNNING. */
  startSeconds?: number;
  /** The task never runs: it stops with this reason (e.g. a CannotPullContainerError message). */
  failToStart?: string;
}

/** What happens to a matching AWS call. Probabilities are 0..1. */
export interface FaultSpec {
  throttle?: number;
  error5xx?: number;
  latencyMs?: number;
  /** The connection is closed before the call is handled: nothing happened. */
  drop?: number;
  /** The call is handled (its changes made), then the connection is closed instead of answering. */
  loseResponse?: number;
  /**
   * The rule strikes at most this many calls (a drop, throttle, 5xx or lost answer it drew), then is spent: it
   * applies no more, as if removed. Without it a rule strikes for ever.
   */
  times?: number;
}

/** The faults a call can draw, in the order they are drawn; latency is added to every matching call. */
export type FaultKind = 'drop' | 'throttle' | 'error5xx' | 'loseResponse';
const FAULT_KINDS: readonly FaultKind[] = ['drop', 'throttle', 'error5xx', 'loseResponse'];
const FAULT_KEYS = new Set<string>([...FAULT_KINDS, 'latencyMs', 'times']);

/** Scan findings ECR reports for a matching image (DescribeImageScanFindings). */
export interface ScanBehaviour {
  findings?: { name: string; severity: string; description?: string; uri?: string }[];
  /** Seconds after the push until the scan is COMPLETE. */
  afterSeconds?: number;
}

/** What a task answers through its service's HTTP front (`src/front`), for one path or all of them. */
export interface HttpResponseBehaviour {
  status?: number;
  body?: string;
  /** Real milliseconds the task takes to answer. */
  latencyMs?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** What a task's HTTP front answers for a matching image; `paths` (exact paths or globs) override per path. */
export interface HttpBehaviour extends HttpResponseBehaviour {
  paths?: Record<string, HttpResponseBehaviour>;
}

/**
 * A CloudFormation resource that fails: matching resources (globs over the logical id, the resource type and the
 * stack name; all given ones must match) fail with `fail` as their reason, on `on` (default: any operation).
 */
export interface ResourceFailure {
  logicalId?: string;
  type?: string;
  stack?: string;
  fail: string;
  on?: 'create' | 'update' | 'delete' | 'any';
}

const RESOURCE_OPERATIONS = new Set(['create', 'update', 'delete', 'any']);

/**
 * Fargate capacity that is not there: tasks of a matching capacity provider (`FARGATE`, `FARGATE_SPOT`; a glob) in
 * matching clusters (a glob over the cluster name, default every cluster) cannot be placed, as when AWS answers
 * "Capacity is unavailable at this time".
 */
export interface CapacityOutage {
  provider: string;
  cluster?: string;
}

/**
 * How the deployment circuit breaker reads a task that stops after it reached RUNNING. AWS's pages disagree; by
 * default only a failed health check counts (the circuit breaker page's stage 2), and an essential container that
 * exits does not. `countExitsAfterRunning` is the other reading (the launch announcement's "task launches that do
 * not reach healthy RUNNING state"): an exit before the task was healthy for its deployment counts too.
 */
export interface CircuitBreakerReading {
  countExitsAfterRunning: boolean;
}

export interface ScenarioRule {
  /** Glob over the full image reference, `uri:tag` or `uri@sha256:…`. */
  image?: string;
  /** Glob over the container command joined with spaces. */
  command?: string;
  /** Glob over `service:Action`, e.g. `ecs:UpdateService` or `ecr:*`. */
  api?: string;
  task?: TaskBehaviour;
  fault?: FaultSpec;
  scan?: ScanBehaviour;
  http?: HttpBehaviour;
  /** A CloudFormation resource operation that fails (matched on its own fields, not on image/command/api). */
  resource?: ResourceFailure;
  /** Fargate capacity taken away (matched on its own fields). */
  capacity?: CapacityOutage;
  /** The other reading of the circuit breaker's documentation (a rule of its own). */
  circuitBreaker?: CircuitBreakerReading;
}

const RULE_KEYS = new Set([
  'image',
  'command',
  'api',
  'task',
  'fault',
  'scan',
  'http',
  'resource',
  'capacity',
  'circuitBreaker',
]);

function validateStandalone(rule: ScenarioRule, i: number): void {
  const fail = (message: string): never => {
    throw new AwsError('ValidationException', `rules[${i}].${message}`);
  };
  if (rule.capacity !== undefined) {
    const c = rule.capacity as unknown as Record<string, unknown>;
    if (typeof c !== 'object' || c === null || Array.isArray(c)) fail('capacity must be an object');
    for (const key of Object.keys(c)) {
      if (key !== 'provider' && key !== 'cluster') fail(`capacity has an unknown key "${key}"`);
    }
    if (typeof c['provider'] !== 'string' || !/^FARGATE/.test(c['provider']))
      fail('capacity needs "provider": FARGATE or FARGATE_SPOT (a glob)');
    if (c['cluster'] !== undefined && typeof c['cluster'] !== 'string')
      fail('capacity "cluster" must be a glob string');
  }
  if (rule.circuitBreaker !== undefined) {
    const c = rule.circuitBreaker as unknown as Record<string, unknown>;
    if (typeof c !== 'object' || c === null || Array.isArray(c)) fail('circuitBreaker must be an object');
    for (const key of Object.keys(c)) {
      if (key !== 'countExitsAfterRunning') fail(`circuitBreaker has an unknown key "${key}"`);
    }
    if (typeof c['countExitsAfterRunning'] !== 'boolean')
      fail('circuitBreaker needs "countExitsAfterRunning": true or false');
  }
}

function validateResourceFailure(value: unknown, i: number): void {
  const fail = (message: string): never => {
    throw new AwsError('ValidationException', `rules[${i}].resource ${message}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('must be an object');
  const spec = value as Record<string, unknown>;
  for (const key of Object.keys(spec)) {
    if (!['logicalId', 'type', 'stack', 'fail', 'on'].includes(key)) fail(`has an unknown key "${key}"`);
  }
  if (typeof spec['fail'] !== 'string' || spec['fail'].length === 0)
    fail('needs "fail", the reason, as a string');
  for (const key of ['logicalId', 'type', 'stack']) {
    if (spec[key] !== undefined && typeof spec[key] !== 'string') fail(`"${key}" must be a glob string`);
  }
  if (spec['on'] !== undefined && !RESOURCE_OPERATIONS.has(String(spec['on']))) {
    fail('"on" must be create, update, delete or any');
  }
}

function validateFault(value: unknown, i: number): void {
  const fail = (message: string): never => {
    throw new AwsError('ValidationException', `rules[${i}].fault ${message}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('must be an object');
  const spec = value as Record<string, unknown>;
  for (const key of Object.keys(spec)) if (!FAULT_KEYS.has(key)) fail(`has an unknown key "${key}"`);
  for (const kind of FAULT_KINDS) {
    const p = spec[kind];
    if (p !== undefined && (typeof p !== 'number' || !(p >= 0 && p <= 1)))
      fail(`"${kind}" must be a probability from 0 to 1`);
  }
  const latency = spec['latencyMs'];
  if (latency !== undefined && (typeof latency !== 'number' || !Number.isFinite(latency) || latency < 0))
    fail('"latencyMs" must be a number of milliseconds, 0 or more');
  const times = spec['times'];
  if (times !== undefined) {
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 1)
      fail('"times" must be a whole number, 1 or more');
    if (!FAULT_KINDS.some((kind) => typeof spec[kind] === 'number' && spec[kind] > 0))
      fail('"times" counts the calls the rule strikes: it needs drop, throttle, error5xx or loseResponse');
  }
}

export function validateRules(rules: unknown): ScenarioRule[] {
  if (!Array.isArray(rules)) throw new AwsError('ValidationException', 'rules must be an array');
  return rules.map((rule, i) => {
    if (typeof rule !== 'object' || rule === null) {
      throw new AwsError('ValidationException', `rules[${i}] must be an object`);
    }
    for (const key of Object.keys(rule)) {
      if (!RULE_KEYS.has(key))
        throw new AwsError('ValidationException', `rules[${i}] has an unknown key "${key}"`);
    }
    const r = rule as ScenarioRule;
    if (r.capacity !== undefined || r.circuitBreaker !== undefined) {
      validateStandalone(r, i);
      const others = Object.keys(r).filter((k) => k !== 'capacity' && k !== 'circuitBreaker');
      if (others.length > 0) {
        throw new AwsError(
          'ValidationException',
          `rules[${i}] with capacity or circuitBreaker takes no other keys (found "${others[0]!}")`,
        );
      }
      return r;
    }
    if (r.resource !== undefined) {
      validateResourceFailure(r.resource, i);
      if (r.image !== undefined || r.command !== undefined || r.api !== undefined) {
        throw new AwsError(
          'ValidationException',
          `rules[${i}] matches a resource on its own fields, not on image, command or api`,
        );
      }
      return r;
    }
    if (r.image === undefined && r.command === undefined && r.api === undefined) {
      throw new AwsError('ValidationException', `rules[${i}] must match on image, command or api`);
    }
    if (r.fault !== undefined) {
      validateFault(r.fault, i);
      if (r.api === undefined) {
        throw new AwsError('ValidationException', `rules[${i}].fault strikes calls: the rule needs "api"`);
      }
    }
    return r;
  });
}

/** A small seedable PRNG (mulberry32) so fault injection can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Scenario {
  private rules: ScenarioRule[] = [];
  /** How many calls each fault rule has struck, for `times` (kept across a refused seed's restore). */
  private strikes = new WeakMap<ScenarioRule, number>();
  random: () => number = Math.random;

  add(rules: ScenarioRule[]): void {
    this.rules.push(...rules);
  }

  clear(): void {
    this.rules = [];
  }

  list(): ScenarioRule[] {
    return [...this.rules];
  }

  /** The merged behaviour of every rule matching one of the container's image refs or its command. */
  taskBehaviour(imageRefs: string[], command: string | undefined): TaskBehaviour {
    const out: TaskBehaviour = {};
    for (const rule of this.rules) {
      if (!rule.task || !this.matchesContainer(rule, imageRefs, command)) continue;
      Object.assign(out, rule.task);
    }
    return out;
  }

  scanBehaviour(imageRefs: string[]): ScanBehaviour {
    const out: ScanBehaviour = {};
    for (const rule of this.rules) {
      if (rule.scan && rule.image !== undefined && imageRefs.some((ref) => globMatch(rule.image!, ref))) {
        Object.assign(out, rule.scan);
      }
    }
    return out;
  }

  httpBehaviour(imageRefs: string[]): HttpBehaviour {
    const out: HttpBehaviour = {};
    for (const rule of this.rules) {
      if (rule.http && rule.image !== undefined && imageRefs.some((ref) => globMatch(rule.image!, ref))) {
        Object.assign(out, rule.http);
      }
    }
    return out;
  }

  /** The merged fault spec of the rules matching `service:action` that are not spent. */
  fault(service: string, action: string): FaultSpec {
    const out: FaultSpec = {};
    for (const rule of this.faultRules(service, action)) Object.assign(out, rule.fault);
    return out;
  }

  /**
   * Draws the fault of one call of `service:action`: drop, throttle, error5xx, then loseResponse, each with the
   * probability the merged rules give it (the later rule wins a field), stopping at the first that strikes. The
   * strike counts against the rule that gave the probability, which is spent once it has struck `times` calls.
   */
  strike(service: string, action: string): FaultKind | undefined {
    const source = new Map<FaultKind, { probability: number; rule: ScenarioRule }>();
    for (const rule of this.faultRules(service, action)) {
      for (const kind of FAULT_KINDS) {
        const probability = rule.fault![kind];
        if (probability !== undefined) source.set(kind, { probability, rule });
      }
    }
    for (const kind of FAULT_KINDS) {
      const drawn = source.get(kind);
      if (!drawn?.probability || this.random() >= drawn.probability) continue;
      this.strikes.set(drawn.rule, (this.strikes.get(drawn.rule) ?? 0) + 1);
      return kind;
    }
    return undefined;
  }

  private faultRules(service: string, action: string): ScenarioRule[] {
    const name = `${service}:${action}`;
    return this.rules.filter(
      (rule) =>
        rule.fault !== undefined &&
        rule.api !== undefined &&
        globMatch(rule.api, name) &&
        (rule.fault.times === undefined || (this.strikes.get(rule) ?? 0) < rule.fault.times),
    );
  }

  /** Whether a capacity rule took the capacity provider away in this cluster. */
  capacityUnavailable(provider: string, cluster: string): boolean {
    return this.rules.some(
      (rule) =>
        rule.capacity !== undefined &&
        globMatch(rule.capacity.provider, provider) &&
        (rule.capacity.cluster === undefined || globMatch(rule.capacity.cluster, cluster)),
    );
  }

  /** Whether the circuit breaker counts an essential container's exit after RUNNING (the last rule decides). */
  countsExitsAfterRunning(): boolean {
    let counts = false;
    for (const rule of this.rules)
      if (rule.circuitBreaker) counts = rule.circuitBreaker.countExitsAfterRunning;
    return counts;
  }

  /** The reason a CloudFormation resource operation fails with, when a resource rule matches it. */
  resourceFailure(target: {
    stack: string;
    logicalId: string;
    type: string;
    operation: 'create' | 'update' | 'delete';
  }): string | undefined {
    let reason: string | undefined;
    for (const rule of this.rules) {
      const r = rule.resource;
      if (!r) continue;
      if (r.on !== undefined && r.on !== 'any' && r.on !== target.operation) continue;
      if (r.logicalId !== undefined && !globMatch(r.logicalId, target.logicalId)) continue;
      if (r.type !== undefined && !globMatch(r.type, target.type)) continue;
      if (r.stack !== undefined && !globMatch(r.stack, target.stack)) continue;
      reason = r.fail;
    }
    return reason;
  }

  private matchesContainer(rule: ScenarioRule, imageRefs: string[], command: string | undefined): boolean {
    if (rule.api !== undefined) return false;
    if (rule.image !== undefined && !imageRefs.some((ref) => globMatch(rule.image!, ref))) return false;
    if (rule.command !== undefined && (command === undefined || !globMatch(rule.command, command)))
      return false;
    return true;
  }
}
