import type { IncomingMessage, ServerResponse } from 'node:http';
import { CallLog } from './calls';
import { SimClock } from './clock';
import { AwsError } from './errors';
import { CredentialStore, type Principal } from './identity';
import { Scenario, seededRandom } from './scenario';
import { SecretLedger } from './secrets';

/** What a handler of one AWS action is given. */
export interface CallContext {
  sim: Simulator;
  service: string;
  action: string;
  account: string;
  region: string;
  /** Undefined only for the actions a service declares unsigned (AssumeRoleWithWebIdentity). */
  principal: Principal | undefined;
  requestId: string;
  /** Simulator time, epoch ms. */
  now: number;
}

/** Handlers get the decoded request and return the response object; throw AwsError for AWS errors. */
export type ActionHandler = (ctx: CallContext, input: Record<string, unknown>) => unknown;

export interface AwsService {
  /** The SigV4 signing name, and `service` in `/_sim/calls`: ecs, ecr, sts, logs, ssm, secretsmanager… */
  name: string;
  protocol: 'json' | 'query';
  /** awsJson: the X-Amz-Target prefix, e.g. `AmazonEC2ContainerServiceV20141113`. */
  targetPrefix?: string;
  /** awsJson: the content type version, `1.1` (ECS, ECR, Logs, SSM, Secrets Manager) or `1.0`. */
  jsonVersion?: '1.0' | '1.1';
  /** awsQuery: the response namespace, e.g. `https://sts.amazonaws.com/doc/2011-06-15/`. */
  xmlNamespace?: string;
  /** Actions that take no SigV4 signature (STS AssumeRoleWithWebIdentity). */
  unsignedActions?: string[];
  actions: Record<string, ActionHandler>;
}

/** A non-AWS HTTP surface (the OCI registry, GitHub) served under a path prefix. */
export interface HttpRoute {
  prefix: string;
  /** When set, the route serves every request whose Host header it claims, whatever the path (the ECS fronts). */
  claimsHost?: (host: string) => boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): void | Promise<void>;
}

export interface SimModule {
  name: string;
  install(sim: Simulator): void;
}

export interface SimulatorOptions {
  timeScale?: number;
  /** Seed for fault-injection randomness, so a run can be replayed. */
  randomSeed?: number;
}

/**
 * The simulator's state and registries. Modules (sts, ecr, ecs, logs, github…) install their AWS services,
 * HTTP routes, seed handlers and clock tickers here; the HTTP server dispatches to them.
 */
export class Simulator {
  readonly clock: SimClock;
  readonly calls = new CallLog();
  readonly scenario = new Scenario();
  readonly credentials = new CredentialStore();
  /** Every secret value handed out or held, for `GET /_sim/secrets`; never part of snapshot(). */
  readonly secrets = new SecretLedger();
  readonly services = new Map<string, AwsService>();
  readonly routes: HttpRoute[] = [];
  /** Base URL once listening, e.g. `http://127.0.0.1:4566`. */
  url = '';

  private stores = new Map<string, { value: unknown; create: () => unknown }>();
  private tickers: ((now: number) => void)[] = [];
  private seeders = new Map<string, (data: unknown, sim: Simulator) => void>();
  private advancing = false;

  constructor(options: SimulatorOptions = {}) {
    this.clock = new SimClock(options.timeScale ?? 1);
    if (options.randomSeed !== undefined) this.scenario.random = seededRandom(options.randomSeed);
  }

  /** Host and port as an image reference uses them, e.g. `127.0.0.1:4566`. */
  get host(): string {
    return new URL(this.url).host;
  }

  addService(service: AwsService): void {
    this.services.set(service.name, service);
  }

  addRoute(route: HttpRoute): void {
    this.routes.push(route);
  }

  /** A module's state, created on first use and thrown away by reset(). */
  store<T>(key: string, create: () => T): T {
    let entry = this.stores.get(key);
    if (!entry) {
      entry = { value: create(), create };
      this.stores.set(key, entry);
    }
    return entry.value as T;
  }

  /** Called with the clock's time before every request, so behaviour advances with the simulator clock. */
  onAdvance(ticker: (now: number) => void): void {
    this.tickers.push(ticker);
  }

  /** Registers the handler of one top-level key of a seed document (`roles`, `repositories`, …). */
  onSeed(key: string, seeder: (data: unknown, sim: Simulator) => void): void {
    if (this.seeders.has(key)) throw new Error(`seed key "${key}" is handled twice`);
    this.seeders.set(key, seeder);
  }

  advance(): void {
    if (this.advancing) return;
    this.advancing = true;
    try {
      const now = this.clock.now();
      for (const tick of this.tickers) tick(now);
    } finally {
      this.advancing = false;
    }
  }

  seed(doc: unknown): void {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw new AwsError('ValidationException', 'a seed must be a JSON object');
    }
    const entries = Object.entries(doc);
    for (const [key] of entries) {
      if (!this.seeders.has(key)) {
        throw new AwsError(
          'ValidationException',
          `unknown seed key "${key}"; known keys: ${[...this.seeders.keys()].sort().join(', ')}`,
        );
      }
    }
    // Seed in registration order so roles exist before what references them, clusters before services.
    for (const [key, seeder] of this.seeders) {
      const data = (doc as Record<string, unknown>)[key];
      if (data !== undefined) seeder(data, this);
    }
    this.advance();
  }

  reset(): void {
    for (const entry of this.stores.values()) entry.value = entry.create();
    this.calls.clear();
    this.scenario.clear();
    this.credentials.clear();
    this.secrets.clear();
  }

  /** Everything the simulator holds, as plain JSON (Maps become objects, Sets arrays). */
  snapshot(): unknown {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of this.stores) out[key] = entry.value;
    return JSON.parse(
      JSON.stringify(
        { ...out, rules: this.scenario.list(), clock: { now: new Date(this.clock.now()).toISOString() } },
        (_k, v: unknown) => {
          if (v instanceof Map) return Object.fromEntries(v);
          if (v instanceof Set) return [...v];
          if (v instanceof Uint8Array) return `<${v.byteLength} bytes>`;
          return v;
        },
      ),
    );
  }
}
