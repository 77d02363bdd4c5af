import type { ResolvedEnvironment, ServiceSmokeCheck } from '../manifest/spec';
import { assertCheckCount, checksFromList, type CheckDefaults } from './parse';
import type { SmokeCheck } from './types';

/**
 * The smoke checks of a resolved environment, service by service: each check is named `<service>: <name>`
 * and read with the same rules (and messages) as the `checks` input.
 */
export function checksFromEnvironment(
  input: string,
  env: ResolvedEnvironment,
  defaults: CheckDefaults = {},
): SmokeCheck[] {
  return serviceChecks(input, env, defaults).flatMap((s) => s.checks);
}

/** One service's smoke checks, and the manifest images its containers run (in the manifest's order). */
export interface ServiceChecks {
  service: string;
  images: string[];
  checks: SmokeCheck[];
}

/** The smoke checks of a resolved environment, per service (services without checks left out). */
export function serviceChecks(
  input: string,
  env: ResolvedEnvironment,
  defaults: CheckDefaults = {},
): ServiceChecks[] {
  const result: ServiceChecks[] = [];
  const specs = env.waves.flat().filter((spec) => spec.smoke.length > 0);
  // Counted before any is read: the limit is on them all together.
  assertCheckCount(
    input,
    specs.reduce((n, spec) => n + spec.smoke.length, 0),
    `environment "${env.name}"`,
    'choose fewer services with "services", or split them across steps',
  );
  for (const spec of specs) {
    const raw = spec.smoke.map((c) => toRaw(spec.name, c));
    result.push({
      service: spec.name,
      images: Object.values(spec.images).map((i) => i.image),
      checks: checksFromList(input, raw, defaults, `services.${spec.name}.smoke`),
    });
  }
  return result;
}

function toRaw(service: string, check: ServiceSmokeCheck): Record<string, unknown> {
  return {
    name: `${service}: ${check.name}`,
    url: check.url,
    method: check.method,
    headers: check.headers,
    ...(check.body !== undefined ? { body: check.body } : {}),
    status: check.expectStatus,
    ...(check.expectBody !== undefined ? { 'body-contains': check.expectBody } : {}),
    ...(check.timeoutMs !== undefined ? { timeout: `${check.timeoutMs}ms` } : {}),
    ...(check.intervalMs !== undefined ? { interval: `${check.intervalMs}ms` } : {}),
    ...(check.retries !== undefined ? { retries: check.retries } : {}),
  };
}
