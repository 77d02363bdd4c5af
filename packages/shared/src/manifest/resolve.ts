import { resolve as resolvePath } from 'node:path';
import { ConfigurationError } from '../errors/configuration-error';
import { arnParts } from '../inputs/arn';
import { parseDuration } from '../inputs/duration';
import { checkTemplateString, renderTemplateString } from '../taskdef/placeholders';
import { secretValueFrom } from '../taskdef/targets';
import { parseCommand } from './command';
import { ManifestError, formatPath, type ManifestProblem, type PathSegment } from './source';
import type {
  ContainerImage,
  LoadedManifest,
  MigrationSpec,
  ResolvedEnvironment,
  ServiceDeploySpec,
  ServiceSmokeCheck,
} from './spec';
import type { Manifest, ManifestEnvironment, ManifestSmokeCheck, Scalar } from './types';
import { messageOf } from '../runner/describe-error';

/** What ECS accepts as a cluster or service name. */
const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;

const str = (v: Scalar): string => String(v);

function durationMs(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value * 1000 : parseDuration(value);
}

/** Defined entries only (for exactOptionalPropertyTypes). */
function compact<T extends object>(object: { [K in keyof T]-?: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** The promotion order: `promotion`, or the order the environments are written in. */
export function promotionOrder(manifest: Manifest): string[] {
  return manifest.promotion ?? Object.keys(manifest.environments);
}

/** Where one resolved service deploys, for the check that no environment deploys into another's cluster. */
interface ClusterUse {
  env: string;
  region: string;
  account: string | undefined;
  /** The cluster's name (the last part of an ARN). */
  cluster: string;
  /** Where the cluster came from; `environments.<env>.cluster` makes the environment its owner. */
  path: PathSegment[];
  envLevel: boolean;
}

/** An ECS `<kind>/<name>` resource (a service's may also name its cluster: `service/<cluster>/<name>`). */
const ECS_RESOURCE = /^(cluster|service)\/(?:[A-Za-z0-9_-]+\/)?([A-Za-z0-9_-]+)$/;

/** An ECS cluster or service ARN: its region, account, kind and name. */
function ecsArn(text: string): { region: string; account: string; kind: string; name: string } | undefined {
  const arn = arnParts(text);
  const resource = arn?.service === 'ecs' ? ECS_RESOURCE.exec(arn.resource) : null;
  return arn === undefined || resource === null
    ? undefined
    : { region: arn.region, account: arn.account, kind: resource[1]!, name: resource[2]! };
}

class Resolver {
  readonly problems: ManifestProblem[] = [];
  readonly clusterUses: ClusterUse[] = [];

  /** The environment being resolved, named in messages. */
  private envName = '';

  constructor(
    private readonly loaded: LoadedManifest,
    /** Values given at run time (an action's `vars` input): they win over the manifest's own vars. */
    private readonly overrides: Readonly<Record<string, string>> = {},
  ) {}

  private problem(path: PathSegment[], message: string, key = false): void {
    this.problems.push(this.loaded.source.problem(path, message, { key }));
  }

  /** Renders a template found at `path`; problems are collected and `undefined` returned. */
  private render(text: string, vars: Record<string, string>, path: PathSegment[]): string | undefined {
    const found = checkTemplateString(text, vars, formatPath(path));
    if (found.length === 0) {
      return renderTemplateString(text, vars, { source: 'manifest', path: formatPath(path) });
    }
    for (const p of found) {
      const what =
        p.reason === 'missing'
          ? `${p.text} has no value in environment "${this.envName}" (its variables: ${Object.keys(vars).sort().join(', ')})`
          : p.reason === 'github-expression'
            ? `${p.text} is a GitHub expression, which GitHub does not expand in this file; write a {{ name }} placeholder and give its value in vars`
            : `${JSON.stringify(p.text)} is not a placeholder; write {{ name }}, or {{{{ for a literal "{{"`;
      this.problem(path, `${formatPath(path)}: ${what}`);
    }
    return undefined;
  }

  private renderMap(
    layers: [Record<string, Scalar> | undefined, PathSegment[]][],
    vars: Record<string, string>,
  ): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [record, path] of layers) {
      for (const [k, v] of Object.entries(record ?? {}))
        out[k] = this.render(str(v), vars, [...path, k]) ?? '';
    }
    return out;
  }

  service(envName: string, name: string, wave: number): ServiceDeploySpec | undefined {
    const { manifest, baseDir } = this.loaded;
    const env = manifest.environments[envName]!;
    const svc = manifest.services[name]!;
    this.envName = envName;
    const ovr = env.services?.[name] ?? {};
    const envPath: PathSegment[] = ['environments', envName];
    const svcPath: PathSegment[] = ['services', name];
    const ovrPath: PathSegment[] = [...envPath, 'services', name];
    const before = this.problems.length;

    const builtins = compact<Record<string, string>>({
      env: envName,
      service: name,
      region: env.region,
      'account-id': env['account-id'],
    });
    const envVars = this.renderMap([[env.vars, [...envPath, 'vars']]], builtins);
    const vars = {
      ...envVars,
      ...this.renderMap(
        [
          [svc.vars, [...svcPath, 'vars']],
          [ovr.vars, [...ovrPath, 'vars']],
        ],
        { ...builtins, ...envVars },
      ),
      ...this.overrides,
      ...builtins,
    };
    const pick = <K extends 'cluster' | 'service' | 'task-definition'>(
      key: K,
    ): [string, PathSegment[]] | undefined => {
      if (ovr[key] !== undefined) return [ovr[key], [...ovrPath, key]];
      if (svc[key] !== undefined) return [svc[key], [...svcPath, key]];
      return undefined;
    };
    const clusterAt =
      pick('cluster') ??
      (env.cluster === undefined
        ? undefined
        : ([env.cluster, [...envPath, 'cluster']] as [string, PathSegment[]]));
    if (clusterAt === undefined) {
      this.problem(
        envPath,
        `service "${name}" has no cluster in environment "${envName}": set environments.${envName}.cluster or a cluster for the service`,
      );
    }
    const cluster = clusterAt === undefined ? undefined : this.render(clusterAt[0], vars, clusterAt[1]);
    const serviceAt = pick('service');
    const service = serviceAt === undefined ? name : this.render(serviceAt[0], vars, serviceAt[1]);
    for (const [what, value, at] of [
      ['cluster', cluster, clusterAt?.[1]],
      ['service', service, serviceAt?.[1] ?? svcPath],
    ] as const) {
      if (value === undefined || at === undefined) continue;
      if (!value.startsWith('arn:')) {
        if (!ECS_NAME.test(value)) {
          this.problem(
            [...at],
            `the ECS ${what} name ${JSON.stringify(value)} must be letters, digits, - and _ (at most 255), or an ARN`,
          );
        }
        continue;
      }
      const arn = ecsArn(value);
      if (arn === undefined || arn.kind !== what) {
        this.problem(
          [...at],
          `${JSON.stringify(value)} is not an ECS ${what} ARN (arn:aws:ecs:<region>:<account>:${what}/<name>)`,
        );
      } else if (arn.region !== env.region) {
        this.problem(
          [...at],
          `the ${what} ${value} is in region ${arn.region}, but environment "${envName}" is region ${env.region}`,
        );
      } else if (env['account-id'] !== undefined && arn.account !== env['account-id']) {
        this.problem(
          [...at],
          `the ${what} ${value} is in account ${arn.account}, but environment "${envName}" is account ${env['account-id']}`,
        );
      }
    }
    if (cluster !== undefined && clusterAt !== undefined) {
      const arn = ecsArn(cluster);
      this.clusterUses.push({
        env: envName,
        region: arn?.region ?? env.region,
        account: arn?.account ?? env['account-id'],
        cluster: arn?.name ?? cluster,
        path: clusterAt[1],
        envLevel: clusterAt[1].length === 3 && clusterAt[1][2] === 'cluster',
      });
    }
    const tdAt = pick('task-definition');
    const taskDefinition = tdAt === undefined ? undefined : this.render(tdAt[0], vars, tdAt[1]);

    const images: Record<string, ContainerImage> = {};
    for (const [container, image] of Object.entries(svc.containers ?? {})) {
      const repository = manifest.images?.[image]?.repository;
      if (repository !== undefined) images[container] = { image, repository };
    }
    const environmentVariables = this.renderMap(
      [
        [svc.environment, [...svcPath, 'environment']],
        [ovr.environment, [...ovrPath, 'environment']],
      ],
      vars,
    );
    const secretLayers: [Record<string, Scalar> | undefined, PathSegment[]][] = [
      [svc.secrets, [...svcPath, 'secrets']],
      [ovr.secrets, [...ovrPath, 'secrets']],
    ];
    const secrets = this.renderMap(secretLayers, vars);
    for (const [layer, path] of secretLayers) {
      for (const key of Object.keys(layer ?? {})) {
        const value = secrets[key];
        if (value === undefined || value === '') continue;
        try {
          secretValueFrom(key, value, 'manifest');
        } catch (error) {
          this.problem(
            [...path, key],
            `${formatPath([...path, key])}: ${messageOf(error).replace(/^Input "manifest": /, '')}`,
          );
        }
      }
    }

    const migrationsAt: [PathSegment[], typeof svc.migrations] =
      ovr.migrations === false
        ? [ovrPath, undefined]
        : ovr.migrations !== undefined
          ? [[...ovrPath, 'migrations'], ovr.migrations]
          : [[...svcPath, 'migrations'], svc.migrations];
    const migrations = this.migrations(migrationsAt[1], migrationsAt[0], vars);
    const smokeAt: [ManifestSmokeCheck[], PathSegment[]] =
      ovr.smoke !== undefined ? [ovr.smoke, [...ovrPath, 'smoke']] : [svc.smoke ?? [], [...svcPath, 'smoke']];
    const smoke = smokeAt[0].map((check, i) => this.smoke(check, [...smokeAt[1], i], vars));

    if (this.problems.length > before || cluster === undefined || service === undefined) return undefined;
    return compact<ServiceDeploySpec>({
      name,
      environment: envName,
      wave,
      cluster,
      service,
      region: env.region,
      accountId: env['account-id'],
      roleToAssume: env['role-to-assume'],
      taskDefinitionFile: taskDefinition === undefined ? undefined : resolvePath(baseDir, taskDefinition),
      images,
      environmentVariables,
      secrets,
      vars,
      migrations,
      smoke,
      desiredCount: ovr['desired-count'] ?? svc['desired-count'],
      timeoutMs: durationMs(ovr.timeout ?? svc.timeout),
    });
  }

  private migrations(
    m: { command: string | string[]; container?: string; timeout?: string | number } | undefined,
    path: PathSegment[],
    vars: Record<string, string>,
  ): MigrationSpec | undefined {
    if (m === undefined) return undefined;
    const raw = typeof m.command === 'string' ? parseCommand(m.command) : m.command;
    if (raw === undefined) {
      this.problem([...path, 'command'], `${formatPath([...path, 'command'])} has an unclosed quote`);
      return undefined;
    }
    const command = raw.map(
      (arg, i) =>
        this.render(
          arg,
          vars,
          typeof m.command === 'string' ? [...path, 'command'] : [...path, 'command', i],
        ) ?? '',
    );
    return compact<MigrationSpec>({ command, container: m.container, timeoutMs: durationMs(m.timeout) });
  }

  private smoke(
    check: ManifestSmokeCheck,
    path: PathSegment[],
    vars: Record<string, string>,
  ): ServiceSmokeCheck {
    const rendered = this.render(check.url, vars, [...path, 'url']);
    const url = rendered ?? check.url;
    if (rendered !== undefined && !/^https?:\/\/[^/\s]/.test(rendered)) {
      const where = formatPath([...path, 'url']);
      this.problem(
        [...path, 'url'],
        `${where} must be an http:// or https:// URL; it renders to ${JSON.stringify(rendered)}`,
      );
    }
    const status = check['expect-status'];
    return compact<ServiceSmokeCheck>({
      name: check.name ?? url,
      type: check.type ?? 'http',
      url,
      method: check.method ?? 'GET',
      headers: this.renderMap([[check.headers, [...path, 'headers']]], vars),
      body: check.body === undefined ? undefined : this.render(check.body, vars, [...path, 'body']),
      expectStatus: status === undefined ? [200] : Array.isArray(status) ? status : [status],
      expectBody:
        check['expect-body'] === undefined
          ? undefined
          : this.render(check['expect-body'], vars, [...path, 'expect-body']),
      timeoutMs: durationMs(check.timeout),
      retries: check.retries,
      intervalMs: durationMs(check.interval),
    });
  }

  /** The enabled services of an environment in waves, in manifest order within a wave. */
  waves(env: ManifestEnvironment): string[][] {
    const enabled = (name: string): boolean => env.services?.[name]?.enabled !== false;
    if (env.rollout !== undefined)
      return env.rollout.map((wave) => wave.filter(enabled)).filter((w) => w.length > 0);
    const byWave = new Map<number, string[]>();
    for (const [name, svc] of Object.entries(this.loaded.manifest.services)) {
      if (!enabled(name)) continue;
      const wave = env.services?.[name]?.wave ?? svc.wave ?? 1;
      byWave.set(wave, [...(byWave.get(wave) ?? []), name]);
    }
    return [...byWave.entries()].sort(([a], [b]) => a - b).map(([, names]) => names);
  }

  /** `url`, rendered with the environment's variables (no service's). */
  private environmentUrl(envName: string, env: ManifestEnvironment): string | undefined {
    if (env.url === undefined) return undefined;
    const path: PathSegment[] = ['environments', envName];
    const builtins = compact<Record<string, string>>({
      env: envName,
      region: env.region,
      'account-id': env['account-id'],
    });
    // The environment's vars are checked (and their problems reported) with each service's.
    const reported = this.problems.length;
    const envVars = this.renderMap([[env.vars, [...path, 'vars']]], builtins);
    this.problems.length = reported;
    return this.render(env.url, { ...envVars, ...this.overrides, ...builtins }, [...path, 'url']);
  }

  environment(envName: string, filter?: readonly string[]): ResolvedEnvironment {
    const { manifest } = this.loaded;
    const env = manifest.environments[envName]!;
    const waves = this.waves(env)
      .map((names) => names.filter((n) => filter === undefined || filter.includes(n)))
      .filter((names) => names.length > 0)
      .map((names, i) =>
        names
          .map((n) => this.service(envName, n, i + 1))
          .filter((s): s is ServiceDeploySpec => s !== undefined),
      );
    const targets = new Map<string, string>();
    for (const spec of waves.flat()) {
      const key = `${spec.region}/${spec.cluster}/${spec.service}`;
      const other = targets.get(key);
      if (other !== undefined) {
        this.problem(
          ['services', spec.name],
          `services "${other}" and "${spec.name}" both deploy to ECS service ${spec.service} in cluster ${spec.cluster} in environment "${envName}"`,
          true,
        );
      }
      targets.set(key, spec.name);
    }
    const order = promotionOrder(manifest);
    const at = order.indexOf(envName);
    return compact<ResolvedEnvironment>({
      name: envName,
      region: env.region,
      accountId: env['account-id'],
      roleToAssume: env['role-to-assume'],
      githubEnvironment: env['github-environment'] ?? envName,
      url: this.environmentUrl(envName, env),
      previous: at > 0 ? order[at - 1] : undefined,
      waves,
    });
  }
}

/** Resolves every environment, collecting the problems (for the loader's checks). */
export function checkAllEnvironments(loaded: LoadedManifest): ManifestProblem[] {
  const resolver = new Resolver(loaded);
  for (const env of Object.keys(loaded.manifest.environments)) resolver.environment(env);
  return [...resolver.problems, ...crossEnvironmentClusters(loaded, resolver.clusterUses)];
}

/**
 * A service sent into a cluster another environment owns (names as `environments.<env>.cluster`) is refused:
 * a dev deploy must not land in prod by an override. Environments share a cluster only by each naming it as
 * their own `cluster`. Clusters in two known, different accounts are different clusters.
 */
function crossEnvironmentClusters(loaded: LoadedManifest, uses: readonly ClusterUse[]): ManifestProblem[] {
  const same = (a: ClusterUse, b: ClusterUse): boolean =>
    a.region === b.region &&
    a.cluster === b.cluster &&
    (a.account === undefined || b.account === undefined || a.account === b.account);
  const problems: ManifestProblem[] = [];
  const reported = new Set<string>();
  for (const use of uses) {
    if (use.envLevel) continue;
    const owner = uses.find((o) => o.envLevel && o.env !== use.env && same(o, use));
    if (owner === undefined) continue;
    if (uses.some((o) => o.envLevel && o.env === use.env && same(o, use))) continue;
    const where = formatPath(use.path);
    if (reported.has(where)) continue;
    reported.add(where);
    problems.push(
      loaded.source.problem(
        use.path,
        `${where} sends a service of environment "${use.env}" into cluster ${use.cluster}, which is environment "${owner.env}"'s (environments.${owner.env}.cluster); environments share a cluster only when each names it as its own cluster`,
      ),
    );
  }
  return problems;
}

/** Options for {@link resolveEnvironment}. */
export interface ResolveOptions {
  /** Deploy only these services (manifest names); the rollout order is kept. */
  services?: readonly string[];
  /** Input names for messages (defaults `environment` and `services`). */
  inputs?: { environment?: string; services?: string };
  /** Placeholder values given at run time (an action's `vars` input); they win over the manifest's vars. */
  vars?: Readonly<Record<string, string>>;
}

/**
 * The deploy plan for one environment: its waves, each a list of fully resolved service specs (cluster,
 * service, region, account, role, task-definition file, images, environment, secrets, migrations, smoke
 * checks). Services disabled in the environment are left out.
 *
 * @throws ConfigurationError for an unknown environment or service name (listing the valid ones), or a
 *   service disabled in this environment; ManifestError when a template cannot be rendered.
 */
export function resolveEnvironment(
  loaded: LoadedManifest,
  environment: string,
  options: ResolveOptions = {},
): ResolvedEnvironment {
  const { manifest } = loaded;
  const envInput = options.inputs?.environment ?? 'environment';
  const svcInput = options.inputs?.services ?? 'services';
  const env = Object.hasOwn(manifest.environments, environment)
    ? manifest.environments[environment]
    : undefined;
  if (env === undefined) {
    throw new ConfigurationError(
      `Input "${envInput}" is "${environment}", which the manifest ${loaded.file} does not define; its environments are ${Object.keys(manifest.environments).join(', ')}.`,
      { input: envInput },
    );
  }
  if (options.services !== undefined) {
    const known = Object.keys(manifest.services);
    const unknown = options.services.filter((s) => !known.includes(s));
    if (unknown.length > 0) {
      throw new ConfigurationError(
        `Input "${svcInput}" names ${unknown.map((s) => `"${s}"`).join(', ')}, not in the manifest ${loaded.file}; its services are ${known.join(', ')}.`,
        { input: svcInput },
      );
    }
    const disabled = options.services.filter((s) => env.services?.[s]?.enabled === false);
    if (disabled.length > 0) {
      throw new ConfigurationError(
        `Input "${svcInput}" names ${disabled.map((s) => `"${s}"`).join(', ')}, which environment "${environment}" does not deploy (enabled: false).`,
        { input: svcInput },
      );
    }
  }
  const resolver = new Resolver(loaded, options.vars);
  const resolved = resolver.environment(environment, options.services);
  if (resolver.problems.length > 0) throw new ManifestError(loaded.file, resolver.problems);
  return resolved;
}
