import * as core from '@actions/core';
import {
  ConfigurationError,
  environmentDefaults,
  type EnvironmentDefaults,
  getBooleanInput,
  getDurationInput,
  getListInput,
  getOptionalInput,
  getTargetInputs,
  maskSecret,
  type TargetInputs,
  workspaceFile,
} from '@ecs-delivery/shared';
import { parseTarget, PREVIOUS_SUCCESSFUL, type RollbackTarget } from './target';

/** One service to put back. */
export interface ServiceToRollBack {
  /** How logs and the summary name it: the manifest's service name, else the ECS service name. */
  label: string;
  cluster: string;
  service: string;
}

/** Every input of action.yml, validated, with the services worked out. */
export interface Inputs extends TargetInputs {
  /** `manifest` when a deploy manifest names the services, else `single` (cluster + service). */
  mode: 'single' | 'manifest';
  services: ServiceToRollBack[];
  to: RollbackTarget;
  reason: string | undefined;
  wait: boolean;
  timeoutMs: number;
  dryRun: boolean;
  /** `to` may name a task definition of another family than the current one. */
  allowOtherFamily: boolean;
  githubToken: string | undefined;
}

function given(name: string): boolean {
  return core.getInput(name) !== '';
}

function refuse(name: string, why: string): never {
  throw new ConfigurationError(`Input "${name}" ${why}.`, { input: name });
}

function singleService(): ServiceToRollBack {
  const cluster = getOptionalInput('cluster');
  const service = getOptionalInput('service');
  if (cluster === undefined || service === undefined) {
    const missing = cluster === undefined ? 'cluster' : 'service';
    throw new ConfigurationError(
      `Input "${missing}" is required (with "cluster" and "service" for one service, or "manifest" and "environment" for a release).`,
      { input: missing },
    );
  }
  return { label: service, cluster, service };
}

interface ManifestServices {
  services: ServiceToRollBack[];
  environment: EnvironmentDefaults;
}

async function manifestServices(manifestPath: string): Promise<ManifestServices> {
  const environment = getOptionalInput('environment');
  if (environment === undefined)
    refuse('environment', 'is required with "manifest": name the environment to roll back');
  const path = workspaceFile(manifestPath, 'manifest');
  // Loaded only in this mode: the manifest reader brings its schema validator along.
  const { loadManifest, resolveEnvironment } = await import('./files');
  const loaded = await loadManifest(path, { input: 'manifest' });
  const filter = getListInput('services');
  const env = resolveEnvironment(loaded, environment, filter.length > 0 ? { services: filter } : {});
  return {
    services: env.waves.flat().map((s) => ({ label: s.name, cluster: s.cluster, service: s.service })),
    environment: environmentDefaults(env),
  };
}

/**
 * Reads and validates every input — and the manifest it names — before any AWS call: a bad one is a
 * ConfigurationError naming it.
 */
export async function getInputs(): Promise<Inputs> {
  const githubToken = getOptionalInput('github-token');
  maskSecret(githubToken);
  const manifest = getOptionalInput('manifest');
  const mode = manifest === undefined ? 'single' : 'manifest';
  if (mode === 'manifest') {
    const wrong = ['cluster', 'service'].find(given);
    if (wrong !== undefined) {
      refuse(
        wrong,
        'names one service and cannot be combined with "manifest" (the manifest names the services); give either "cluster" and "service", or "manifest" and "environment"',
      );
    }
  } else {
    const wrong = ['environment', 'services'].find(given);
    if (wrong !== undefined) refuse(wrong, 'only applies with "manifest"');
  }
  const to = parseTarget(getOptionalInput('to'));
  if (mode === 'manifest' && to.kind !== 'previous-successful') {
    refuse(
      'to',
      `must be "${PREVIOUS_SUCCESSFUL}" with "manifest": each service of a release goes back to its own last successful deployment. To put one service on a given task definition or image, use "cluster" and "service"`,
    );
  }
  const base = {
    to,
    reason: getOptionalInput('reason'),
    wait: getBooleanInput('wait'),
    timeoutMs: getDurationInput('timeout', { required: true, minMs: 1000 }),
    dryRun: getBooleanInput('dry-run'),
    allowOtherFamily: getBooleanInput('allow-other-family'),
    githubToken,
  };
  if (manifest === undefined)
    return { ...base, mode: 'single', services: [singleService()], ...getTargetInputs() };
  const found = await manifestServices(manifest);
  return { ...base, mode: 'manifest', services: found.services, ...getTargetInputs(found.environment) };
}
