import { arnParts } from '../inputs/arn';
import type { ManifestProblem, ManifestSource } from './source';
import type { Manifest } from './types';

/** Variable names every template gets; a manifest cannot redefine them. */
export const BUILTIN_VARS = ['env', 'service', 'region', 'account-id'] as const;

function list(names: Iterable<string>): string {
  const all = [...names];
  return all.length === 0 ? '(none)' : all.join(', ');
}

/**
 * The checks a schema cannot make: names that must refer to something (images, services, environments),
 * services placed in two waves or in none, reserved variable names, a role in another account than the
 * environment's. Returns every problem, positioned.
 */
export function checkManifestSemantics(manifest: Manifest, source: ManifestSource): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const services = Object.keys(manifest.services);
  const images = Object.keys(manifest.images ?? {});
  const environments = Object.keys(manifest.environments);

  const checkVars = (vars: Record<string, unknown> | undefined, path: (string | number)[]): void => {
    for (const name of Object.keys(vars ?? {})) {
      if ((BUILTIN_VARS as readonly string[]).includes(name)) {
        problems.push(
          source.problem(
            [...path, name],
            `"${name}" is a built-in variable (${BUILTIN_VARS.join(', ')}) and cannot be set`,
            { key: true },
          ),
        );
      }
    }
  };

  for (const [name, service] of Object.entries(manifest.services)) {
    for (const [container, image] of Object.entries(service.containers ?? {})) {
      if (!images.includes(image)) {
        problems.push(
          source.problem(
            ['services', name, 'containers', container],
            `services.${name}.containers.${container} names the image "${image}", which is not under "images" (known: ${list(images)})`,
          ),
        );
      }
    }
    checkVars(service.vars, ['services', name, 'vars']);
  }

  for (const [envName, env] of Object.entries(manifest.environments)) {
    const base = ['environments', envName];
    checkVars(env.vars, [...base, 'vars']);
    for (const [name, override] of Object.entries(env.services ?? {})) {
      if (!services.includes(name)) {
        problems.push(
          source.problem(
            [...base, 'services', name],
            `environment "${envName}" configures the service "${name}", which is not under "services" (known: ${list(services)})`,
            { key: true },
          ),
        );
      }
      checkVars(override.vars, [...base, 'services', name, 'vars']);
    }
    const role = env['role-to-assume'];
    const roleArn = role === undefined ? undefined : arnParts(role);
    const roleAccount = roleArn?.service === 'iam' && roleArn.region === '' ? roleArn.account : undefined;
    if (roleAccount !== undefined && env['account-id'] !== undefined && roleAccount !== env['account-id']) {
      problems.push(
        source.problem(
          [...base, 'role-to-assume'],
          `the role is in account ${roleAccount} but environment "${envName}" is account ${env['account-id']}`,
        ),
      );
    }
    if (env.rollout !== undefined) {
      const placed = new Map<string, number>();
      env.rollout.forEach((wave, w) =>
        wave.forEach((name, i) => {
          const path = [...base, 'rollout', w, i];
          if (!services.includes(name)) {
            problems.push(
              source.problem(
                path,
                `rollout wave ${w + 1} of "${envName}" names the service "${name}", which is not under "services" (known: ${list(services)})`,
              ),
            );
          } else if (placed.has(name)) {
            const first = placed.get(name)!;
            const where = first === w ? 'earlier in the same wave' : `in wave ${first + 1}`;
            problems.push(
              source.problem(
                path,
                `rollout of "${envName}" lists "${name}" twice: in wave ${w + 1} and ${where}`,
              ),
            );
          } else {
            placed.set(name, w);
          }
        }),
      );
      const missing = services.filter((s) => !placed.has(s) && env.services?.[s]?.enabled !== false);
      if (missing.length > 0) {
        problems.push(
          source.problem(
            [...base, 'rollout'],
            `rollout of "${envName}" leaves out ${list(missing)}; add each to a wave, or set services.<name>.enabled: false in this environment`,
            { key: true },
          ),
        );
      }
    }
  }

  (manifest.promotion ?? []).forEach((name, i) => {
    if (!environments.includes(name)) {
      problems.push(
        source.problem(
          ['promotion', i],
          `promotion names the environment "${name}", which is not under "environments" (known: ${list(environments)})`,
        ),
      );
    }
  });
  return problems;
}
