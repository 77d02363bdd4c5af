import { AwsError } from '../core/errors';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/identity';
import { seedEntries } from '../core/seed-entries';
import type { Simulator } from '../core/simulator';

/** The ECS service a front sends its traffic to. */
export interface FrontTarget {
  account: string;
  region: string;
  cluster: string;
  service: string;
}

/** A seeded front: a host (and optionally a path prefix) routed to one service, like an ALB listener rule. */
export interface SeededFront extends FrontTarget {
  host: string;
  pathPrefix?: string;
}

interface FrontState {
  fronts: SeededFront[];
  /** Round-robin position per service (`account/region/cluster/service`). */
  cursors: Map<string, number>;
}

export function frontState(sim: Simulator): FrontState {
  return sim.store<FrontState>('fronts', () => ({ fronts: [], cursors: new Map() }));
}

/** The suffix of every default front host. */
export const DEFAULT_HOST_SUFFIX = '.ecs.sim';

/** `<service>.<cluster>.<region>.<account>.ecs.sim`: the host every ECS service answers on. */
export function defaultFrontHost(target: FrontTarget): string {
  return `${target.service}.${target.cluster}.${target.region}.${target.account}${DEFAULT_HOST_SUFFIX}`.toLowerCase();
}

/** The Host header without its port, lower-cased (host names compare case-insensitively). */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

/**
 * The service a default host names: `<service>.<cluster>.<region>.<account>.ecs.sim`, or the short
 * `<service>.<cluster>.ecs.sim` for the default account and region.
 */
export function parseDefaultHost(host: string): FrontTarget | undefined {
  if (!host.endsWith(DEFAULT_HOST_SUFFIX)) return undefined;
  const labels = host.slice(0, -DEFAULT_HOST_SUFFIX.length).split('.');
  if (labels.some((l) => l === '')) return undefined;
  if (labels.length === 2) {
    return { service: labels[0]!, cluster: labels[1]!, region: DEFAULT_REGION, account: DEFAULT_ACCOUNT };
  }
  if (labels.length === 4 && /^\d{12}$/.test(labels[3]!)) {
    return { service: labels[0]!, cluster: labels[1]!, region: labels[2]!, account: labels[3]! };
  }
  return undefined;
}

/** Hosts that always mean the simulator itself, never a front. */
function isSimulatorHost(sim: Simulator, host: string): boolean {
  if (host === 'localhost' || host === '127.0.0.1' || host === '[::1]') return true;
  return sim.url !== '' && host === new URL(sim.url).hostname;
}

/** Whether a request's Host header names a front (a default host or a seeded one). */
export function isFrontHost(sim: Simulator, header: string): boolean {
  const host = hostName(header);
  if (host === '' || isSimulatorHost(sim, host)) return false;
  return host.endsWith(DEFAULT_HOST_SUFFIX) || frontState(sim).fronts.some((f) => f.host === host);
}

export type RouteResult =
  | { kind: 'service'; target: FrontTarget; front: string }
  | { kind: 'no-rule'; host: string }
  | { kind: 'unknown-host'; host: string };

/** The service behind a host and path: the seeded front with the longest matching path prefix, else the default host. */
export function routeRequest(sim: Simulator, header: string, path: string): RouteResult {
  const host = hostName(header);
  const seeded = frontState(sim).fronts.filter((f) => f.host === host);
  if (seeded.length > 0) {
    const match = seeded
      .filter((f) => f.pathPrefix === undefined || path.startsWith(f.pathPrefix))
      .sort((a, b) => (b.pathPrefix?.length ?? 0) - (a.pathPrefix?.length ?? 0))[0];
    if (!match) return { kind: 'no-rule', host };
    const { host: _host, pathPrefix, ...target } = match;
    return { kind: 'service', target, front: pathPrefix === undefined ? host : `${host}${pathPrefix}` };
  }
  const target = parseDefaultHost(host);
  return target ? { kind: 'service', target, front: host } : { kind: 'unknown-host', host };
}

const FRONT_KEYS = new Set(['host', 'cluster', 'service', 'account', 'region', 'pathPrefix']);
const HOST_RE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

function fail(message: string): never {
  throw new AwsError('ValidationException', message);
}

/** Seed key `fronts`: `[{host, cluster, service, account?, region?, pathPrefix?}]`. */
export function seedFronts(data: unknown, sim: Simulator): void {
  const added = seedEntries('fronts', data, (entry): SeededFront => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      fail('a front must be an object');
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!FRONT_KEYS.has(key)) fail(`unknown key "${key}"`);
    }
    const text = (key: string, required: boolean): string | undefined => {
      const v = e[key];
      if (v === undefined && !required) return undefined;
      if (typeof v !== 'string' || v === '') fail(`${key} must be a non-empty string`);
      return v;
    };
    const host = text('host', true)!.toLowerCase();
    if (!HOST_RE.test(host)) fail(`host must be a host name like api.example.com; got "${host}"`);
    if (isSimulatorHost(sim, host)) fail(`host cannot be the simulator's own host "${host}"`);
    const account = text('account', false) ?? DEFAULT_ACCOUNT;
    if (!/^\d{12}$/.test(account)) fail('account must be a 12-digit account id');
    const pathPrefix = text('pathPrefix', false);
    if (pathPrefix !== undefined && !pathPrefix.startsWith('/')) {
      fail('pathPrefix must start with "/"');
    }
    return {
      host,
      cluster: text('cluster', true)!,
      service: text('service', true)!,
      account,
      region: text('region', false) ?? DEFAULT_REGION,
      ...(pathPrefix !== undefined ? { pathPrefix } : {}),
    };
  });
  const state = frontState(sim);
  for (const front of added) {
    // Seeding the same host and prefix again re-points it.
    state.fronts = state.fronts.filter((f) => f.host !== front.host || f.pathPrefix !== front.pathPrefix);
    state.fronts.push(front);
  }
}
