import type { CallRecord, ScenarioRule } from '@ecs-delivery/sim';
import { startSimulator } from '@ecs-delivery/sim';

export interface StartSimOptions {
  timeScale?: number;
  /** A seed document, as `POST /_sim/seed` takes. */
  seed?: unknown;
  randomSeed?: number;
  /** Use this simulator instead of starting one (default: `process.env.ECS_DELIVERY_SIM_URL`). */
  url?: string;
}

/** What `POST /_sim/oidc/contexts` returns: the two variables the runner sets for `id-token: write`. */
export interface OidcRequest {
  requestToken: string;
  requestUrl: string;
}

export interface CallFilter {
  service?: string;
  action?: string;
  /** Real epoch ms: only calls made since then. */
  since?: number;
}

/** A running simulator, driven only through its HTTP control API so it can as well be an external one. */
export interface SimHandle {
  url: string;
  /** True when this handle started the simulator in-process (stop() then shuts it down). */
  owned: boolean;
  seed(doc: unknown): Promise<void>;
  /** Adds scenario rules (they add up; later wins). */
  scenario(rules: ScenarioRule[] | unknown[]): Promise<void>;
  clearScenario(): Promise<void>;
  calls(filter?: CallFilter): Promise<CallRecord[]>;
  state(): Promise<Record<string, unknown>>;
  reset(): Promise<void>;
  clock(change?: {
    timeScale?: number;
    advanceSeconds?: number;
  }): Promise<{ now: string; timeScale: number }>;
  /**
   * Every secret value the simulator has issued or holds (STS secret keys and session tokens, ECR registry
   * passwords and tokens, GitHub OIDC tokens and request tokens, SecureString parameters, Secrets Manager
   * values): pass them to expectNoSecrets to prove a run printed none, masked by the action or not.
   */
  issuedSecrets(): Promise<string[]>;
  /** Registers an OIDC context (repository, ref, environment, …) and returns the runner's request URL and token. */
  oidcContext(context: Record<string, unknown>): Promise<OidcRequest>;
  stop(): Promise<void>;
}

async function control<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body !== undefined
      ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`simulator ${method} ${path} answered ${res.status}: ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/**
 * Starts the simulator in-process on a free 127.0.0.1 port, or attaches to `ECS_DELIVERY_SIM_URL` (or
 * `options.url`) when set; an attached simulator is reset first, then seeded, so tests start from the same state.
 */
export async function startSim(options: StartSimOptions = {}): Promise<SimHandle> {
  const external = options.url ?? process.env.ECS_DELIVERY_SIM_URL;
  let url: string;
  let close: (() => Promise<void>) | undefined;
  if (external) {
    url = external.replace(/\/+$/, '');
    await control(url, 'POST', '/_sim/reset');
    if (options.timeScale !== undefined)
      await control(url, 'POST', '/_sim/clock', { timeScale: options.timeScale });
    if (options.seed !== undefined) await control(url, 'POST', '/_sim/seed', options.seed);
  } else {
    const running = await startSimulator({
      port: 0,
      ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
      ...(options.randomSeed !== undefined ? { randomSeed: options.randomSeed } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
    url = running.url;
    close = running.close;
  }

  return {
    url,
    owned: close !== undefined,
    seed: async (doc) => {
      await control(url, 'POST', '/_sim/seed', doc);
    },
    scenario: async (rules) => {
      await control(url, 'POST', '/_sim/scenario', { rules });
    },
    clearScenario: async () => {
      await control(url, 'DELETE', '/_sim/scenario');
    },
    calls: (filter = {}) => {
      const query = new URLSearchParams();
      if (filter.service !== undefined) query.set('service', filter.service);
      if (filter.action !== undefined) query.set('action', filter.action);
      if (filter.since !== undefined) query.set('since', String(filter.since));
      const qs = query.toString();
      return control<CallRecord[]>(url, 'GET', `/_sim/calls${qs ? `?${qs}` : ''}`);
    },
    state: () => control<Record<string, unknown>>(url, 'GET', '/_sim/state'),
    reset: async () => {
      await control(url, 'POST', '/_sim/reset');
    },
    clock: (change) =>
      change === undefined ? control(url, 'GET', '/_sim/clock') : control(url, 'POST', '/_sim/clock', change),
    issuedSecrets: async () =>
      (await control<{ kind: string; value: string }[]>(url, 'GET', '/_sim/secrets')).map((s) => s.value),
    oidcContext: (context) => control<OidcRequest>(url, 'POST', '/_sim/oidc/contexts', context),
    stop: async () => {
      if (close) await close();
    },
  };
}
