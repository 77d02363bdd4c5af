import * as core from '@actions/core';
import {
  ConfigurationError,
  DIGEST_RE,
  environmentDefaults,
  type EnvironmentDefaults,
  getBooleanInput,
  getDurationInput,
  getEnumInput,
  getIntegerInput,
  getKeyValueInput,
  getListInput,
  getOptionalInput,
  getTargetInputs,
  maskSecret,
  TAG_RE,
  validateImageReference,
  type TargetInputs,
  workspaceFile,
} from '@ecs-delivery/shared';
import type { RollbackScope } from '@ecs-delivery/shared/ecs';
import { looksLikeRelease, parseCommand, parseRelease } from '@ecs-delivery/shared/manifest';
import { parseTargetedKey, secretValueFrom } from '@ecs-delivery/shared/taskdef';
import type { ServicePlan, ImageChoice } from './plan';

/** Every input of action.yml, validated, with the services to deploy worked out. */
export interface Inputs extends TargetInputs {
  /** `manifest` when a deploy manifest drives the run, else `single` (cluster + service). */
  mode: 'single' | 'manifest';
  /** The services, in waves (single mode: one wave of one). */
  waves: ServicePlan[][];
  wait: boolean;
  timeoutMs: number;
  rollbackOnFailure: boolean;
  rollbackTimeoutMs: number;
  rollbackScope: RollbackScope;
  dryRun: boolean;
  githubToken: string | undefined;
  /** With a manifest, its environment's `url`. */
  environmentUrl: string | undefined;
}

/** Inputs that describe one service; a manifest describes its services itself. */
const SINGLE_ONLY = [
  'cluster',
  'service',
  'task-definition',
  'environment-variables',
  'secrets',
  'migrate-command',
  'migrate-container',
  'desired-count',
];
/** Inputs that only mean something with a manifest. */
const MANIFEST_ONLY = ['environment', 'services', 'image-tag'];

const DURATION = { minMs: 1000 };

/** ECS runs at most 5,000 tasks per service (a quota that cannot be raised). */
const MAX_DESIRED_COUNT = 5000;

/** An environment variable's name: a letter or `_`, then letters, digits, `_`, `.` or `-`. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `environment-variables` lines, each name one a process can be given. */
function environmentInput(): Record<string, string> {
  const vars = getKeyValueInput('environment-variables');
  for (const key of Object.keys(vars)) {
    const { name } = parseTargetedKey(key);
    if (!ENV_NAME.test(name)) {
      refuse(
        'environment-variables',
        `names the variable ${JSON.stringify(name)}: a name is a letter or "_", then letters, digits, "_", "." or "-"`,
      );
    }
  }
  return vars;
}

function given(name: string): boolean {
  return core.getInput(name) !== '';
}

function refuse(name: string, why: string): never {
  throw new ConfigurationError(`Input "${name}" ${why}.`, { input: name });
}

/** Single mode: `container=image-ref` lines. */
function singleImages(): Record<string, ImageChoice> {
  const out: Record<string, ImageChoice> = {};
  for (const [container, ref] of Object.entries(getKeyValueInput('images'))) {
    if (ref === '') refuse('images', `gives no image for container "${container}"`);
    out[container] = {
      kind: 'ref',
      ref: validateImageReference(ref, 'images', `for container "${container}"`),
      input: 'images',
    };
  }
  return out;
}

/** Manifest mode: `image-name=ref`, where ref is a full reference, a tag or a `sha256:` digest. */
function manifestImageChoice(
  imageName: string,
  repository: string,
  value: string,
  input: string,
): ImageChoice {
  if (DIGEST_RE.test(value)) return { kind: 'repository', repository, digest: value, imageName, input };
  if (TAG_RE.test(value)) return { kind: 'repository', repository, tag: value, imageName, input };
  if (
    value.includes('/') &&
    (value.includes('@sha256:') || value.lastIndexOf(':') > value.lastIndexOf('/'))
  ) {
    return { kind: 'ref', ref: validateImageReference(value, input, `for image "${imageName}"`), input };
  }
  return refuse(
    input,
    `gives ${JSON.stringify(value)} for image "${imageName}": expected an image reference (<repositoryUri>@sha256:… or <repositoryUri>:<tag>), a tag or a sha256: digest`,
  );
}

/** `secrets` lines: each a reference of a form ECS takes (checked here, before anything is loaded). */
function secretsInput(): Record<string, string> {
  const secrets = getKeyValueInput('secrets');
  for (const [key, value] of Object.entries(secrets))
    secretValueFrom(parseTargetedKey(key).name, value, 'secrets');
  return secrets;
}

async function singlePlan(timeoutMs: number): Promise<ServicePlan[][]> {
  const cluster = getOptionalInput('cluster');
  const service = getOptionalInput('service');
  if (cluster === undefined || service === undefined) {
    const missing = cluster === undefined ? 'cluster' : 'service';
    throw new ConfigurationError(
      `Input "${missing}" is required (with "cluster" and "service" for one service, or "manifest" and "environment" for a release).`,
      { input: missing },
    );
  }
  const file = getOptionalInput('task-definition');
  const path = file === undefined ? undefined : workspaceFile(file, 'task-definition');
  const taskDefinition =
    path === undefined
      ? undefined
      : await (await import('./files')).loadTaskDefinitionFile(path, { input: 'task-definition' });
  const commandText = getOptionalInput('migrate-command');
  const command = commandText === undefined ? undefined : parseCommand(commandText);
  if (commandText !== undefined && (command === undefined || command.length === 0)) {
    refuse(
      'migrate-command',
      `cannot be split into arguments (check its quotes): ${JSON.stringify(commandText)}`,
    );
  }
  const migrateContainer = getOptionalInput('migrate-container');
  if (migrateContainer !== undefined && command === undefined)
    refuse('migrate-container', 'only applies with "migrate-command"');
  const migrateTimeoutMs = getDurationInput('migrate-timeout', { required: true, ...DURATION });
  const desiredCount = getIntegerInput('desired-count', { min: 0, max: MAX_DESIRED_COUNT });
  return [
    [
      {
        label: service,
        cluster,
        service,
        wave: 1,
        ...(path !== undefined ? { taskDefinitionFile: path } : {}),
        ...(taskDefinition !== undefined ? { taskDefinition } : {}),
        images: singleImages(),
        environment: environmentInput(),
        secrets: secretsInput(),
        vars: getKeyValueInput('vars'),
        ...(command !== undefined
          ? {
              migration: {
                command,
                ...(migrateContainer !== undefined ? { container: migrateContainer } : {}),
                timeoutMs: migrateTimeoutMs,
              },
            }
          : {}),
        ...(desiredCount !== undefined ? { desiredCount } : {}),
        timeoutMs,
        inputs: {
          taskDefinition: 'task-definition',
          images: 'images',
          environment: 'environment-variables',
          secrets: 'secrets',
          vars: 'vars',
        },
      },
    ],
  ];
}

async function manifestPlan(
  manifestPath: string,
  timeoutMs: number,
): Promise<{ waves: ServicePlan[][]; environment: EnvironmentDefaults; url: string | undefined }> {
  const environment = getOptionalInput('environment');
  if (environment === undefined)
    refuse('environment', 'is required with "manifest": name the environment to deploy');
  const path = workspaceFile(manifestPath, 'manifest');
  const { loadManifest, loadTaskDefinitionFile, resolveEnvironment } = await import('./files');
  const loaded = await loadManifest(path, { input: 'manifest' });
  const filter = getListInput('services');
  const vars = getKeyValueInput('vars');
  const env = resolveEnvironment(loaded, environment, {
    ...(filter.length > 0 ? { services: filter } : {}),
    vars,
  });
  const images = loaded.manifest.images ?? {};
  const imagesText = core.getInput('images');
  const given = looksLikeRelease(imagesText)
    ? parseRelease(imagesText, 'images')
    : getKeyValueInput('images');
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(images, name)) {
      refuse(
        'images',
        `names the image "${name}", which the manifest does not define (its images: ${Object.keys(images).join(', ') || 'none'})`,
      );
    }
  }
  const imageTag = getOptionalInput('image-tag');
  if (imageTag !== undefined && !TAG_RE.test(imageTag))
    refuse('image-tag', `must be an image tag; got ${JSON.stringify(imageTag)}`);
  const waves: ServicePlan[][] = [];
  for (const wave of env.waves) {
    const plans: ServicePlan[] = [];
    for (const spec of wave) {
      const choices: Record<string, ImageChoice> = {};
      for (const [container, { image, repository }] of Object.entries(spec.images)) {
        const value = given[image];
        if (value !== undefined) choices[container] = manifestImageChoice(image, repository, value, 'images');
        else if (imageTag !== undefined)
          choices[container] = manifestImageChoice(image, repository, imageTag, 'image-tag');
      }
      const taskDefinition =
        spec.taskDefinitionFile === undefined
          ? undefined
          : await loadTaskDefinitionFile(workspaceFile(spec.taskDefinitionFile, 'manifest'), {
              input: 'manifest',
            });
      plans.push({
        label: spec.name,
        cluster: spec.cluster,
        service: spec.service,
        wave: spec.wave,
        ...(spec.taskDefinitionFile !== undefined ? { taskDefinitionFile: spec.taskDefinitionFile } : {}),
        ...(taskDefinition !== undefined ? { taskDefinition } : {}),
        images: choices,
        environment: spec.environmentVariables,
        secrets: spec.secrets,
        vars: { ...spec.vars, ...vars },
        ...(spec.migrations !== undefined
          ? {
              migration: {
                command: spec.migrations.command,
                ...(spec.migrations.container !== undefined ? { container: spec.migrations.container } : {}),
                timeoutMs:
                  spec.migrations.timeoutMs ??
                  getDurationInput('migrate-timeout', { required: true, ...DURATION }),
              },
            }
          : {}),
        ...(spec.desiredCount !== undefined ? { desiredCount: spec.desiredCount } : {}),
        timeoutMs: spec.timeoutMs ?? timeoutMs,
        inputs: {
          taskDefinition: 'manifest',
          images: 'images',
          environment: 'manifest',
          secrets: 'manifest',
          vars: 'vars',
        },
      });
    }
    waves.push(plans);
  }
  return {
    waves,
    environment: environmentDefaults(env),
    url: env.url,
  };
}

/**
 * Reads and validates every input — and the task-definition files and manifest they name — before any AWS
 * call: a bad one is a ConfigurationError naming it.
 */
export async function getInputs(): Promise<Inputs> {
  const githubToken = getOptionalInput('github-token');
  maskSecret(githubToken);
  const manifest = getOptionalInput('manifest');
  const mode = manifest === undefined ? 'single' : 'manifest';
  const wrong = (mode === 'manifest' ? SINGLE_ONLY : MANIFEST_ONLY).find(given);
  if (wrong !== undefined) {
    refuse(
      wrong,
      mode === 'manifest'
        ? 'describes one service and cannot be combined with "manifest" (the manifest describes its services)'
        : 'only applies with "manifest"',
    );
  }
  const timeoutMs = getDurationInput('timeout', { required: true, ...DURATION });
  const base = {
    wait: getBooleanInput('wait'),
    timeoutMs,
    rollbackOnFailure: getBooleanInput('rollback-on-failure'),
    rollbackTimeoutMs: getDurationInput('rollback-timeout', { required: true, ...DURATION }),
    rollbackScope: getEnumInput('rollback-scope', ['release', 'service'] as const, { required: true }),
    dryRun: getBooleanInput('dry-run'),
    githubToken,
  };
  if (mode === 'single') {
    return {
      ...base,
      mode,
      waves: await singlePlan(timeoutMs),
      environmentUrl: undefined,
      ...getTargetInputs(),
    };
  }
  const plan = await manifestPlan(manifest!, timeoutMs);
  return { ...base, mode, waves: plan.waves, environmentUrl: plan.url, ...getTargetInputs(plan.environment) };
}
