import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DIGEST_RE } from '@ecs-delivery/shared';
import type { BuildOptions, ContainerCli } from './inputs';

/**
 * The command lines of the two container CLIs, as pure functions (the unit tests compare them exactly).
 * Credentials never appear in them: the password goes through stdin, the login lives in a private folder.
 */

/** The registry to log in to, as GetAuthorizationToken's proxyEndpoint gave it. */
export interface RegistryTarget {
  host: string;
  /** A plain-http endpoint (a local registry): podman must be told `--tls-verify=false`. */
  insecure: boolean;
}

/** The private folder holding this job's registry login: DOCKER_CONFIG for docker, an authfile for podman. */
export interface LoginConfig {
  cli: ContainerCli;
  dir: string;
}

export function authfileOf(config: LoginConfig): string {
  return join(config.dir, 'auth.json');
}

/**
 * The environment every command of `config.cli` runs with. Docker: DOCKER_CONFIG points at the private
 * folder, and BUILDX_CONFIG keeps buildx's builders where they were (docker/setup-buildx-action's builder
 * stays selected).
 */
export function cliEnv(config: LoginConfig, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (config.cli === 'podman') return {};
  const original = env['DOCKER_CONFIG'] ?? join(homedir(), '.docker');
  return { DOCKER_CONFIG: config.dir, BUILDX_CONFIG: env['BUILDX_CONFIG'] ?? join(original, 'buildx') };
}

/** The folder of CLI plugins (buildx) the private DOCKER_CONFIG must link to, when the user has one. */
export function dockerPluginsDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = join(env['DOCKER_CONFIG'] ?? join(homedir(), '.docker'), 'cli-plugins');
  return existsSync(dir) ? dir : undefined;
}

/**
 * The user's existing registry logins, to carry into the private configuration so that base images from
 * other registries (Docker Hub after docker/login-action) still pull: the docker config.json, or podman's
 * auth file. `undefined` when there is none.
 */
export function existingLogins(cli: ContainerCli, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates =
    cli === 'docker'
      ? [join(env['DOCKER_CONFIG'] ?? join(homedir(), '.docker'), 'config.json')]
      : [
          env['REGISTRY_AUTH_FILE'],
          env['XDG_RUNTIME_DIR'] && join(env['XDG_RUNTIME_DIR'], 'containers', 'auth.json'),
        ];
  return candidates.find(
    (file): file is string => typeof file === 'string' && file !== '' && existsSync(file),
  );
}

/**
 * The copy of the user's logins this job starts from: everything but a credential store or helper that
 * would take the registry password out of the private file (`credsStore`, a `credHelpers` entry for it).
 */
export function privateLogins(text: string, host: string): string | undefined {
  let config: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    config = { ...(parsed as Record<string, unknown>) };
  } catch {
    return undefined;
  }
  delete config['credsStore'];
  const helpers = config['credHelpers'];
  if (typeof helpers === 'object' && helpers !== null) {
    const rest = { ...(helpers as Record<string, unknown>) };
    delete rest[host];
    config['credHelpers'] = rest;
  }
  return JSON.stringify(config, null, 2);
}

function tlsArgs(registry: RegistryTarget): string[] {
  return registry.insecure ? ['--tls-verify=false'] : [];
}

/** `login --username AWS --password-stdin <host>`; the password is the command's stdin. */
export function loginArgs(config: LoginConfig, registry: RegistryTarget, username: string): string[] {
  if (config.cli === 'docker') return ['login', '--username', username, '--password-stdin', registry.host];
  return [
    'login',
    '--authfile',
    authfileOf(config),
    ...tlsArgs(registry),
    '--username',
    username,
    '--password-stdin',
    registry.host,
  ];
}

export function logoutArgs(config: LoginConfig, host: string): string[] {
  if (config.cli === 'docker') return ['logout', host];
  return ['logout', '--authfile', authfileOf(config), host];
}

/** A build, fully decided: references, labels (the OCI ones merged in), secret files. */
export interface BuildSpec {
  /** `<repositoryUri>:<tag>` for every tag. */
  refs: string[];
  options: BuildOptions;
  labels: Record<string, string>;
  /** Build secrets written to private files: `--secret id=<id>,src=<path>`. */
  secretFiles: { id: string; path: string }[];
  registry: RegistryTarget;
  login: LoginConfig;
  /** Where the CLI writes what it pushed: buildx's metadata file, podman's digest file. */
  resultFile: string;
}

export interface BuildCommands {
  build: string[];
  /** podman pushes separately (the first reference; the other tags are added by digest with PutImage). */
  push: string[] | undefined;
  /** Given options this CLI cannot honour, said as warnings. */
  warnings: string[];
}

function pairs(flag: string, map: Record<string, string>): string[] {
  return Object.entries(map).flatMap(([k, v]) => [flag, `${k}=${v}`]);
}

function common(spec: BuildSpec, platforms: string[], cache: string[]): string[] {
  const o = spec.options;
  return [
    ...(o.file !== undefined ? ['--file', o.file] : []),
    ...(o.target !== undefined ? ['--target', o.target] : []),
    ...(platforms.length > 0 ? ['--platform', platforms.join(',')] : []),
    ...pairs('--build-arg', o.buildArgs),
    ...pairs('--label', spec.labels),
    ...spec.secretFiles.flatMap((s) => ['--secret', `id=${s.id},src=${s.path}`]),
    ...cache,
    ...spec.refs.flatMap((ref) => ['--tag', ref]),
  ];
}

function dockerCommands(spec: BuildSpec): BuildCommands {
  const o = spec.options;
  const cache = [
    ...o.cacheFrom.flatMap((c) => ['--cache-from', c]),
    ...o.cacheTo.flatMap((c) => ['--cache-to', c]),
  ];
  return {
    build: [
      'buildx',
      'build',
      ...common(spec, o.platforms, cache),
      '--metadata-file',
      spec.resultFile,
      '--push',
      o.context,
    ],
    push: undefined,
    warnings: [],
  };
}

function podmanCommands(spec: BuildSpec): BuildCommands {
  const o = spec.options;
  const warnings: string[] = [];
  let platforms = o.platforms;
  if (platforms.length > 1) {
    warnings.push(
      `podman builds one platform per image here: "platforms" lists ${platforms.join(', ')}; building ${platforms[0]!} only (use container-cli: docker for a multi-platform image).`,
    );
    platforms = platforms.slice(0, 1);
  }
  // podman's cache is a repository (`--cache-from <repo>` with --layers); buildx's `type=…` backends it cannot use.
  const usable = (c: string): boolean => !c.includes('=');
  for (const [name, list] of [
    ['cache-from', o.cacheFrom],
    ['cache-to', o.cacheTo],
  ] as const) {
    const ignored = list.filter((c) => !usable(c));
    if (ignored.length > 0)
      warnings.push(`podman cannot use the buildx cache ${ignored.join(', ')} ("${name}"): ignored.`);
  }
  const from = o.cacheFrom.filter(usable);
  const to = o.cacheTo.filter(usable);
  const cache =
    from.length + to.length > 0
      ? ['--layers', ...from.flatMap((c) => ['--cache-from', c]), ...to.flatMap((c) => ['--cache-to', c])]
      : [];
  const auth = ['--authfile', authfileOf(spec.login), ...tlsArgs(spec.registry)];
  const first = spec.refs[0]!;
  return {
    build: ['build', ...auth, ...common(spec, platforms, cache), o.context],
    push: ['push', ...auth, '--digestfile', spec.resultFile, first],
    warnings,
  };
}

export function buildCommands(cli: ContainerCli, spec: BuildSpec): BuildCommands {
  return cli === 'docker' ? dockerCommands(spec) : podmanCommands(spec);
}

/** The digest the CLI wrote: buildx's metadata file (`containerimage.digest`) or podman's digest file. */
export function parseResultFile(cli: ContainerCli, text: string): string | undefined {
  if (cli === 'podman') {
    const digest = text.trim();
    return DIGEST_RE.test(digest) ? digest : undefined;
  }
  try {
    const metadata = JSON.parse(text) as Record<string, unknown>;
    const digest = metadata['containerimage.digest'];
    return typeof digest === 'string' && DIGEST_RE.test(digest) ? digest : undefined;
  } catch {
    return undefined;
  }
}

/** The OCI labels from the run's context: where the source is, which commit, when. */
export function ociLabels(env: NodeJS.ProcessEnv, now: Date): Record<string, string> {
  const labels: Record<string, string> = {};
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  if (env['GITHUB_REPOSITORY'])
    labels['org.opencontainers.image.source'] = `${server}/${env['GITHUB_REPOSITORY']}`;
  if (env['GITHUB_SHA']) labels['org.opencontainers.image.revision'] = env['GITHUB_SHA'];
  labels['org.opencontainers.image.created'] = now.toISOString();
  return labels;
}
