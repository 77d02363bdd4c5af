import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDocumentedPolicies, REPO_ROOT, startSim, type SimHandle } from '@ecs-delivery/testkit';
import {
  deliver,
  ENVIRONMENTS,
  EXAMPLE,
  iamRoles,
  images,
  parameterNames,
  pushRelease,
  running,
  seedCityData,
  SERVICES,
  WAVES,
  type Delivery,
  type Environment,
  type Running,
} from './city-data.system';

/** A commit's SHA, stable for a release. */
const commit = (release: string): string =>
  createHash('sha1').update(`example-city/legocity ${release}`).digest('hex');

const PREVIOUS = commit('2026.11');
const GOOD = commit('2026.12');
const CMS_CRASH = commit('2026.12.1');

/** A parameter reference as a task definition holds it (a name or an ARN), as its name. */
const parameterName = (valueFrom: string): string =>
  valueFrom.replace(/^arn:aws:ssm:[^:]+:\d+:parameter/, '');

/** The secrets the manifest gives each service, by variable → the parameter's path under `/legocity/<env>/`. */
const SECRETS: Record<string, Record<string, string>> = {
  broker: { BROKER_WRITE_KEY: 'broker/write-key/env' },
  payload: { PAYLOAD_DB_URL: 'payload/db-url', BROKER_URL: 'broker/url' },
  proxy: { BROKER_URL: 'broker/url' },
  dashboard: {},
  'update-env': {
    BROKER_URL: 'broker/url',
    BROKER_WRITE_KEY: 'broker/write-key/env',
    WEATHER_API_KEY: 'external/weather/api-key',
  },
};

/** The names of the checks a smoke-test step ran, from its `report` output. */
function smokeChecks(delivery: Delivery, env: Environment): string[] {
  const job = delivery.jobs.find((j) => j.stage === env && j.job === 'deploy')!;
  const step = job.steps.find((s) => s.action === 'smoke-test')!;
  expect(step.result).toBe('success');
  const report = JSON.parse(step.outputs['report']!) as unknown;
  const checks = (Array.isArray(report) ? report : (report as { checks: unknown[] }).checks) as {
    name: string;
  }[];
  return checks.map((c) => c.name);
}

describe('examples/city-data: five services, dev then prod, through the caller workflow', () => {
  let sim: SimHandle;
  const before: Partial<Record<Environment, Record<string, Running>>> = {};
  const released: Partial<Record<Environment, Record<string, Running>>> = {};
  let good: Delivery;
  let digests: Record<string, string>;
  const lines: string[] = [];

  beforeAll(async () => {
    sim = await startSim({ timeScale: 120 });
    await seedCityData(sim, { trust: 'environment', previous: PREVIOUS });
    for (const env of ENVIRONMENTS) before[env] = await running(sim, env);
  }, 60_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it('delivers one build to dev and prod, wave by wave, tagged dev- and prod- on one digest', async () => {
    // What the build job would push: each image under the tag the caller gives the build.
    digests = await pushRelease(sim, [`dev-${GOOD.slice(0, 12)}`], GOOD.slice(0, 12));
    good = await deliver(sim, GOOD, (l) => lines.push(l));
    if (good.result !== 'success') {
      const logs = good.jobs.flatMap((j) =>
        j.steps.filter((st) => st.result === 'failure').map((st) => st.log),
      );
      throw new Error(`the delivery failed:\n${lines.join('\n')}\n${logs.join('\n')}`);
    }
    expect(good.jobs.map((j) => `${j.stage}:${j.result}`)).toEqual([
      'build:success',
      'dev:success',
      'prod:success',
    ]);

    for (const env of ENVIRONMENTS) {
      released[env] = await running(sim, env);
      for (const s of SERVICES) {
        const now = released[env]![s.name]!;
        expect(now.digest).toBe(digests[s.name]);
        expect(now.image).toContain(`/${s.repository}@sha256:`);
        expect(now.taskDefinition).not.toBe(before[env]![s.name]!.taskDefinition);
        expect(now.rolloutState).toBe('COMPLETED');
      }
    }

    // Every AWS call was made by the roles of iam/, under their own policies, and none was refused.
    const calls = await sim.calls();
    const roles = new Set(calls.map((c) => /assumed-role\/([^/]+)\//.exec(c.principal ?? '')?.[1]));
    expect([...roles].filter((r) => r !== undefined).sort()).toEqual([
      'legocity-build',
      'legocity-deploy-dev',
      'legocity-deploy-prod',
    ]);
    expect(calls.filter((c) => /AccessDenied/.test(c.errorCode ?? ''))).toEqual([]);

    // One digest per repository carries both environments' tags; nothing was rebuilt for prod.
    const held = await images(sim);
    for (const s of SERVICES) {
      const release = held[s.name]!.filter((i) => i.imageTags?.includes(`dev-${GOOD.slice(0, 12)}`));
      expect(release).toHaveLength(1);
      expect(release[0]!.imageDigest).toBe(digests[s.name]);
      expect(release[0]!.imageTags!.sort()).toEqual([
        `dev-${GOOD.slice(0, 12)}`,
        `prod-${GOOD.slice(0, 12)}`,
      ]);
      expect(held[s.name]!).toHaveLength(2);
    }
  }, 150_000);

  it("gives prod's tasks prod's SSM parameters, which exist", async () => {
    const prodParameters = await parameterNames(sim, '/legocity/prod');
    expect(prodParameters).toHaveLength(4);
    for (const s of SERVICES) {
      const svc = released.prod![s.name]!;
      const secrets = Object.fromEntries(svc.secrets.map((x) => [x.name, parameterName(x.valueFrom)]));
      expect(secrets).toEqual(
        Object.fromEntries(Object.entries(SECRETS[s.name]!).map(([k, p]) => [k, `/legocity/prod/${p}`])),
      );
      for (const name of Object.values(secrets)) expect(prodParameters).toContain(name);
      // A task naming a missing parameter would have stopped before running.
      expect(svc.runningCount).toBeGreaterThan(0);
    }
  });

  it("rolls out in the plan's order: dashboard; proxy and update worker; broker and CMS; dev before prod", () => {
    const started = (env: Environment, wave: string[]): number[] =>
      wave.map((s) => released[env]![s]!.deployedAt);
    for (const env of ENVIRONMENTS) {
      for (let i = 1; i < WAVES.length; i += 1) {
        expect(Math.min(...started(env, WAVES[i]!))).toBeGreaterThan(
          Math.max(...started(env, WAVES[i - 1]!)),
        );
      }
    }
    expect(Math.min(...started('prod', WAVES.flat()))).toBeGreaterThan(
      Math.max(...started('dev', WAVES.flat())),
    );
  });

  it('smoke-tests the services behind the load balancer, never the update worker or the broker', () => {
    for (const env of ENVIRONMENTS) {
      const checks = smokeChecks(good, env);
      expect(checks).toEqual(
        expect.arrayContaining(['dashboard: home page', 'proxy: health', 'payload: admin login page']),
      );
      expect(checks.filter((c) => /^(update-env|broker)\b/.test(c))).toEqual([]);
    }
  });

  it('stops a release whose CMS crashes in dev before prod, and puts dev back on the last good release', async () => {
    const crash = await pushRelease(sim, [`dev-${CMS_CRASH.slice(0, 12)}`], CMS_CRASH.slice(0, 12));
    await sim.scenario([
      {
        image: `*/legocity-payload@${crash['payload']!}`,
        task: {
          exitCode: 1,
          afterSeconds: 8,
          logs: [
            '[payload] Starting Payload...',
            'Error: missing secret key. A secret key is needed to secure Payload.',
          ],
        },
      },
    ]);
    const run = await deliver(sim, CMS_CRASH, (l) => lines.push(l));
    expect(run.result).toBe('failure');
    expect(run.jobs.map((j) => `${j.stage}:${j.result}`)).toEqual([
      'build:success',
      'dev:failure',
      'prod:skipped',
    ]);
    const deploy = run.jobs.find((j) => j.stage === 'dev')!.steps.find((s) => s.action === 'deploy-ecs')!;
    // The CMS failed with its own words; every service of the release was put back (rollback-scope release).
    const results = JSON.parse(deploy.outputs['services']!) as {
      name: string;
      outcome: string;
      failureReason?: string;
      rollback?: { outcome: string };
    }[];
    const cms = results.find((r) => r.name === 'payload')!;
    expect(cms.outcome).toBe('failed');
    expect(cms.failureReason).toMatch(/payload exited 1.*missing secret key/s);
    expect(results.map((r) => [r.name, r.rollback?.outcome])).toEqual(
      WAVES.flat().map((name) => [name, 'succeeded']),
    );

    // Dev: every service the run changed is back on the last good release; prod never saw the release.
    const dev = await running(sim, 'dev');
    for (const s of SERVICES) expect(dev[s.name]!.taskDefinition).toBe(released.dev![s.name]!.taskDefinition);
    expect(await running(sim, 'prod')).toEqual(released.prod);
    const held = await images(sim);
    for (const s of SERVICES) {
      expect(held[s.name]!.flatMap((i) => i.imageTags ?? [])).not.toContain(`prod-${CMS_CRASH.slice(0, 12)}`);
    }
  }, 150_000);
});

describe('examples/city-data: the folder a team copies', () => {
  const readme = readFileSync(join(EXAMPLE, 'README.md'), 'utf8');

  it("runs the README's commands: this test and the act conformance test", () => {
    const commands = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].flatMap((m) =>
      m[1]!
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#')),
    );
    expect(commands).toEqual([
      'npx jest test/examples/city-data.e2e.test.ts',
      'npx jest --config jest.conformance.config.js test/examples/city-data.act.conformance.test.ts',
    ]);
    for (const c of commands) expect(existsSync(join(REPO_ROOT, c.split(' ').pop()!))).toBe(true);
    expect(commands[0]!.endsWith(`test/examples/${__filename.split('/').pop()!}`)).toBe(true);
  });

  it("names in its table only files that exist, and every file of the example's own", () => {
    const named = [...readme.matchAll(/^\| (`[^|]+`) +\|/gm)].flatMap((m) =>
      [...m[1]!.matchAll(/`([^`]+)`/g)].map((n) => n[1]!),
    );
    const files = (dir: string): string[] =>
      readdirSync(join(EXAMPLE, dir), { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)],
      );
    const all = files('.');
    for (const name of named) {
      const exists = name.includes('*')
        ? all.some((f) => matchesGlob(f, name))
        : existsSync(join(EXAMPLE, name));
      expect([name, exists]).toEqual([name, true]);
    }
    const covered = (f: string): boolean =>
      named.some((n) => f === n || (n.endsWith('/') && f.startsWith(n)) || matchesGlob(f, n));
    expect(all.filter((f) => f !== 'README.md' && !covered(f))).toEqual([]);
  });

  it("derives every role's permission policy from docs/iam.md: no action the documented policy lacks", () => {
    const documented = readDocumentedPolicies(REPO_ROOT);
    const actionsOf = (policy: unknown): string[] =>
      (policy as { Statement: { Action: string | string[] }[] }).Statement.flatMap((s) =>
        Array.isArray(s.Action) ? s.Action : [s.Action],
      );
    for (const role of iamRoles().filter((r) => /-(deploy-\w+|build)$/.test(r.name))) {
      const dir = join(EXAMPLE, 'iam', role.name);
      for (const file of readdirSync(dir).filter((f) => f !== 'trust-policy.json')) {
        const doc = documented.find((d) => d.name === file.replace(/\.json$/, ''))!;
        expect([role.name, file, doc !== undefined]).toEqual([role.name, file, true]);
        const own = actionsOf(JSON.parse(readFileSync(join(dir, file), 'utf8')));
        const allowed = new Set(actionsOf(doc.policy));
        expect(own.filter((a) => !allowed.has(a))).toEqual([]);
      }
    }
    const text = readdirSync(join(EXAMPLE, 'iam'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(join(EXAMPLE, 'iam', f), 'utf8'))
      .join('\n');
    // No placeholder is left: every ARN names the example's account, region, cluster and repository.
    expect(text).not.toMatch(
      /\b(ACCOUNT|SOURCE_ACCOUNT|REGION|CLUSTER|APP|TASK_ROLE|EXECUTION_ROLE|ORG|REPO|ENV)\b/,
    );
  });
});

/** `taskdefs/*.json` style: one `*` within a path segment. */
function matchesGlob(file: string, pattern: string): boolean {
  if (!pattern.includes('*')) return false;
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  return re.test(file);
}
