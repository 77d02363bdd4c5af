import * as core from '@actions/core';
import {
  ConfigurationError,
  getKeyValueInput,
  getListInput,
  getOptionalInput,
  workspaceFile,
} from '@ecs-delivery/shared';
import { type CheckDefaults, type ServiceChecks, type SmokeCheck } from '@ecs-delivery/shared/smoke';

/** Where the checks come from: exactly one of these inputs. */
export const CHECK_SOURCES = ['checks', 'urls', 'manifest'] as const;
export type CheckSource = (typeof CHECK_SOURCES)[number];

/** Inputs that only mean something with `manifest`. */
const MANIFEST_ONLY = ['environment', 'services', 'vars'] as const;

const given = (name: string): boolean => core.getInput(name) !== '';

function quoted(names: readonly string[]): string {
  const q = names.map((n) => `"${n}"`);
  return q.length <= 2 ? q.join(' and ') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]!}`;
}

/** The one input the checks come from; a ConfigurationError when none or several are given. */
export function checkSource(): CheckSource {
  const sources = CHECK_SOURCES.filter(given);
  const options = `"checks" (a YAML list), "urls" or "manifest" with "environment"`;
  if (sources.length === 0) {
    throw new ConfigurationError(`No checks to run: give one of the inputs ${options}.`, { input: 'checks' });
  }
  if (sources.length > 1) {
    const are = sources.length === 2 ? 'are both given' : 'are all given';
    throw new ConfigurationError(`Inputs ${quoted(sources)} ${are}; give only one of ${options}.`, {
      input: sources[1]!,
    });
  }
  const source = sources[0]!;
  if (source !== 'manifest') {
    const stray = MANIFEST_ONLY.find(given);
    if (stray !== undefined) {
      throw new ConfigurationError(
        `Input "${stray}" only applies with "manifest", but the checks come from "${source}".`,
        { input: stray },
      );
    }
  }
  return source;
}

async function manifestChecks(defaults: CheckDefaults): Promise<ServiceChecks[]> {
  const environment = getOptionalInput('environment');
  if (environment === undefined) {
    throw new ConfigurationError(
      'Input "environment" is required with "manifest": name the environment whose smoke checks run.',
      { input: 'environment' },
    );
  }
  const services = getListInput('services');
  const { loadManifest, resolveEnvironment, serviceChecks } = await import('./files');
  const path = workspaceFile(getOptionalInput('manifest')!, 'manifest');
  const loaded = await loadManifest(path, { input: 'manifest' });
  const vars = getKeyValueInput('vars');
  const env = resolveEnvironment(loaded, environment, { ...(services.length > 0 ? { services } : {}), vars });
  const byService = serviceChecks('manifest', env, defaults);
  if (byService.length === 0) {
    const names = env.waves.flat().map((s) => s.name);
    throw new ConfigurationError(
      `Input "manifest": ${path} has no smoke checks for environment "${environment}" (services ${names.join(', ')}); add a "smoke" list to a service.`,
      { input: 'manifest' },
    );
  }
  return byService;
}

/** The checks of the source input, parsed and validated; with a manifest, grouped by service. */
export async function readChecks(
  source: CheckSource,
  defaults: CheckDefaults,
): Promise<SmokeCheck[] | ServiceChecks[]> {
  switch (source) {
    case 'checks':
      return (await import('./files')).parseChecksYaml('checks', core.getInput('checks'), defaults);
    case 'urls': {
      const urls = getListInput('urls');
      if (urls.length === 0) {
        throw new ConfigurationError('Input "urls" has no URL; give one or more, one per line.', {
          input: 'urls',
        });
      }
      return (await import('./files')).checksFromUrls('urls', urls, defaults);
    }
    case 'manifest':
      return manifestChecks(defaults);
  }
}
