import type { IncomingMessage, ServerResponse } from 'node:http';
import { allowEverything, type Authorizer, type PermissionCheck } from './authorization';
import { CallLog } from './calls';
import { copyState } from './checkpoint';
import { SimClock } from './clock';
import { AwsError } from './errors';
import { CredentialStore, type Principal } from './identity';
import { everySecretResolves, type ExecutionSecrets } from './execution-secrets';
import { noLogSink, type LogSink } from './log-sink';
import { Scenario, seededRandom, type ScenarioRule } from './scenario';
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
  /**
   * The IAM permissions a call needs: its actions, resource ARNs and condition keys (the service's table in
   * `iam.ts`). Asked only for principals whose policies are evaluated; a call it answers undefined for needs
   * `<name>:<Action>` on `*`, and an empty list needs nothing (GetCallerIdentity).
   */
  permissions?: (ctx: CallContext, input: Record<string, unknown>) => PermissionCheck[] | undefined;
}

/** A non-AWS HTTP surface (the OCI registry, GitHub) served under a path prefix. */
export interface HttpRoute {
  prefix: string;
  /** When set, the route serves every request whose Host header it claims, whatever the path (the ECS fronts). */
  claimsHost?: (host: string) => boolean;
  /**
   * When set, the route serves every request it claims, before the host and prefix routes: S3 claims the requests
   * signed for service `s3`, whatever their path (path-style addressing puts the bucket first).
   */
  claims?: (req: IncomingMessage, url: URL) => boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): void | Promise<void>;
}

/**
 * Handles one top-level key of a seed document. It may answer something for the caller to learn (the `images`
 * key answers the digests it pushed); a seeder that throws makes the whole seed change nothing.
 */
export type Seeder = (data: unknown, sim: Simulator) => unknown;

/** What a seed answered, by seed key: only the keys whose seeder answers something (`images`). */
export type SeedAnswers = Record<string, unknown>;

export interface SimModule {
  name: string;
  install(sim: Simulator): void;
}

export interface SimulatorOptions {
  timeScale?: number;
  /** Seed for fault-injection randomness, so a run can be replayed. */
  randomSeed?: number;
}

interface Checkpoint {
  stores: Map<string, unknown>;
  rules: ScenarioRule[];
  issued: ReadonlyMap<string, string>;
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
  /** Where container output goes: CloudWatch Logs once the logs module is installed. */
  logSink: LogSink = noLogSink;
  /** Where ECS looks up a task's secrets: SSM and Secrets Manager once their modules are installed. */
  executionSecrets: ExecutionSecrets = everySecretResolves;
  /** Who may do what: IAM's permission policies once the STS module is installed. */
  authorizer: Authorizer = allowEverything;
  /** Base URL once listening, e.g. `http://127.0.0.1:4566`. */
  url = '';

  private stores = new Map<string, { value: unknown; create: () => unknown }>();
  private tickers: ((now: number) => void)[] = [];
  private seeders = new Map<string, Seeder>();
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
  onSeed(key: string, seeder: Seeder): void {
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

  /**
   * Applies a seed document all or nothing: when any entry is refused, the error names it and the simulator is
   * left exactly as it was before the call.
   */
  seed(doc: unknown): SeedAnswers {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw new AwsError('ValidationException', 'a seed must be a JSON object');
    }
    for (const key of Object.keys(doc)) {
      if (!this.seeders.has(key)) {
        throw new AwsError(
          'ValidationException',
          `unknown seed key "${key}"; known keys: ${[...this.seeders.keys()].sort().join(', ')}`,
        );
      }
    }
    const saved = this.checkpoint();
    const answers: SeedAnswers = {};
    try {
      // Seed in registration order so roles exist before what references them, clusters before services.
      for (const [key, seeder] of this.seeders) {
        const data = (doc as Record<string, unknown>)[key];
        if (data === undefined) continue;
        const answer = seeder(data, this);
        if (answer !== undefined) answers[key] = answer;
      }
    } catch (err) {
      this.restore(saved);
      throw err;
    }
    this.advance();
    return answers;
  }

  /** A copy of everything a seed can change: the stores, the scenario rules and the issued secrets. */
  private checkpoint(): Checkpoint {
    return {
      stores: new Map([...this.stores].map(([key, entry]) => [key, copyState(entry.value)])),
      rules: this.scenario.list(),
      issued: this.secrets.saved(),
    };
  }

  private restore(saved: Checkpoint): void {
    for (const [key, entry] of this.stores) {
      if (saved.stores.has(key)) entry.value = saved.stores.get(key);
      else this.stores.delete(key);
    }
    this.scenario.clear();
    this.scenario.add(saved.rules);
    this.secrets.restore(saved.issued);
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
