import * as core from '@actions/core';
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@ecs-delivery/shared';
import type { RegistryAuth } from '@ecs-delivery/shared/ecr';
import type { CommandOptions, CommandRunner } from '@ecs-delivery/shared/exec';
import {
  authfileOf,
  buildCommands,
  cliEnv,
  dockerPluginsDir,
  existingLogins,
  loginArgs,
  ociLabels,
  parseResultFile,
  privateLogins,
  type LoginConfig,
} from './container-cli';
import type { Inputs } from './inputs';
import { saveLoginStates, type LoginState } from './state';

export interface BuildDeps {
  exec: CommandRunner;
  now: () => Date;
}

export interface Built {
  /** The manifest digest the CLI reports it pushed. */
  digest: string;
}

/** Runs one CLI command, turning "not installed" into a message about the `container-cli` input. */
async function cli(
  deps: BuildDeps,
  config: LoginConfig,
  args: string[],
  options: CommandOptions = {},
): Promise<void> {
  try {
    await deps.exec(config.cli, args, { ...options, env: { ...cliEnv(config), ...options.env } });
  } catch (err) {
    if (err instanceof Error && /Unable to locate executable|ENOENT/.test(err.message)) {
      throw new ConfigurationError(
        `Input "container-cli" is ${config.cli}, but ${config.cli} is not installed on this runner.`,
        {
          input: 'container-cli',
          cause: err,
        },
      );
    }
    throw err;
  }
}

/** buildx is a plugin: without it `docker buildx build` fails with a confusing "unknown flag". */
async function requireBuildx(deps: BuildDeps, config: LoginConfig): Promise<void> {
  let ok: boolean;
  try {
    const result = await deps.exec('docker', ['buildx', 'version'], {
      env: cliEnv(config),
      silent: true,
      ignoreReturnCode: true,
    });
    ok = result.exitCode === 0;
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new ConfigurationError(
      'Input "container-cli" is docker, but docker buildx is not installed on this runner: add ' +
        'docker/setup-buildx-action before this step, or use container-cli: podman.',
      { input: 'container-cli' },
    );
  }
}

/**
 * A folder only this job can read, under RUNNER_TEMP, for the registry login and the build secrets. It
 * starts from the user's other logins, so base images from other registries still pull.
 */
async function privateDir(cli: LoginConfig['cli'], host: string): Promise<string> {
  const dir = await mkdtemp(join(process.env['RUNNER_TEMP'] || tmpdir(), `ecs-delivery-${cli}-`));
  await chmod(dir, 0o700);
  if (cli === 'docker') {
    // A private DOCKER_CONFIG would hide the user's CLI plugins (buildx installed by setup-buildx-action).
    const plugins = dockerPluginsDir();
    if (plugins !== undefined) await symlink(plugins, join(dir, 'cli-plugins'));
  }
  const existing = existingLogins(cli);
  const copy = existing === undefined ? undefined : privateLogins(await readFile(existing, 'utf8'), host);
  if (copy !== undefined) {
    const file = cli === 'docker' ? join(dir, 'config.json') : authfileOf({ cli, dir });
    await writeFile(file, copy, { mode: 0o600 });
  }
  return dir;
}

/**
 * Logs in to the registry (password through stdin, into a private folder the post step removes), builds
 * with the chosen CLI, pushes every reference and returns the digest the CLI wrote.
 */
export async function loginBuildAndPush(
  inputs: Inputs,
  uri: string,
  auth: RegistryAuth,
  deps: BuildDeps,
  logins: LoginState[] = [],
): Promise<Built> {
  const dir = await privateDir(inputs.containerCli, auth.host);
  const login: LoginConfig = { cli: inputs.containerCli, dir };
  // Saved at once, with the run's earlier logins: the post step removes every one, whatever fails next.
  logins.push({ cli: login.cli, dir, host: auth.host, logout: inputs.logout });
  saveLoginStates(logins);
  const registry = { host: auth.host, insecure: auth.insecure };

  await core.group(`Log in to ${auth.host}`, () =>
    cli(deps, login, loginArgs(login, registry, auth.username), {
      input: auth.password,
      secrets: [auth.password],
    }),
  );

  if (!inputs.logout) {
    // The login stays for later steps of the job: point them at it.
    core.exportVariable(
      login.cli === 'docker' ? 'DOCKER_CONFIG' : 'REGISTRY_AUTH_FILE',
      login.cli === 'docker' ? dir : authfileOf(login),
    );
  }

  if (login.cli === 'docker') await requireBuildx(deps, login);

  const secretFiles: { id: string; path: string }[] = [];
  for (const [id, value] of Object.entries(inputs.build.secrets)) {
    const path = join(dir, `secret-${id}`);
    await writeFile(path, value, { mode: 0o600 });
    secretFiles.push({ id, path });
  }
  const resultFile = join(dir, inputs.containerCli === 'docker' ? 'metadata.json' : 'digest');
  const commands = buildCommands(login.cli, {
    refs: inputs.tags.map((tag) => `${uri}:${tag}`),
    options: inputs.build,
    labels: { ...ociLabels(process.env, deps.now()), ...inputs.build.labels },
    secretFiles,
    registry,
    login,
    resultFile,
  });
  for (const warning of commands.warnings) core.warning(warning);
  const secrets = [auth.password, ...Object.values(inputs.build.secrets)];

  try {
    await core.group(`Build with ${login.cli}`, () => cli(deps, login, commands.build, { secrets }));
    const push = commands.push;
    if (push !== undefined) {
      await core.group(`Push ${uri}:${inputs.tags[0]!}`, () => cli(deps, login, push, { secrets }));
    }
  } finally {
    // The secrets were for the build only.
    for (const file of secretFiles) await rm(file.path, { force: true });
  }

  const text = await readFile(resultFile, 'utf8').catch(() => '');
  const digest = parseResultFile(login.cli, text);
  if (digest === undefined) {
    throw new Error(
      `${login.cli} finished but wrote no image digest to ${resultFile}; cannot tell what was pushed.`,
    );
  }
  return { digest };
}
