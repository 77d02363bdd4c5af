import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSim, type SimHandle } from '@ecs-delivery/testkit';
import { htmlPage, serviceRows, shortDigest, textTable, type ReleaseRun, type ServiceRow } from './report';
import {
  EXAMPLE,
  IMAGE_REPOSITORY,
  MIGRATION_RULE,
  pushRelease,
  REGION,
  REPOSITORY,
  SERVICES,
  seedSystem,
  STAGES,
} from './system';
import { WorkflowRunner, seconds } from './workflow-runner';

/** The example system the demo delivers, and its caller workflow. */
export { EXAMPLE };
export const CALLER = { path: '.github/workflows/delivery.yml', job: 'delivery' };
/** The release the caller's `@v1` resolves to: the workflows run with their references pinned to it. */
export const RELEASE_TAG = 'v1.0.0';

/**
 * This repository's reusable workflows as a release has them (`scripts/release.mjs --pin`), in a new folder under
 * `into`: every `ecs-delivery/ecs-delivery/…@main` they name becomes `@<tag>`, so each job's OIDC token names
 * `deploy.yml@refs/tags/<tag>` as on GitHub, which the example's trust policies require. Returns the folder.
 */
export function releasedWorkflows(root: string, into: string, tag = RELEASE_TAG): string {
  const dir = mkdtempSync(join(into, 'ecs-delivery-release-'));
  cpSync(join(root, '.github', 'workflows'), join(dir, '.github', 'workflows'), { recursive: true });
  execFileSync(process.execPath, [join(root, 'scripts', 'release.mjs'), '--pin', tag, '--dir', dir]);
  return dir;
}

export interface DemoOptions {
  /** This repository's checkout. */
  root: string;
  /** Where the page, the table and the artifacts go. */
  outDir: string;
  /** How much faster than real time the simulator's clock runs. */
  timeScale: number;
  log: (line: string) => void;
  /** Attach to this simulator instead of starting one. */
  simUrl?: string;
}

export interface DemoResult {
  runs: ReleaseRun[];
  rows: ServiceRow[];
  page: string;
  simulator: string;
}

interface ReleaseSpec {
  version: string;
  title: string;
  /** Log lines of a release that crashes on staging's configuration. */
  crashOnStaging?: string[];
}

const RELEASES: ReleaseSpec[] = [
  {
    version: '1.4.0',
    title: 'Release 1.4.0: crashes on staging',
    crashOnStaging: [
      '[Nest] 1  - LOG [NestFactory] Starting Nest application...',
      '[Nest] 1  - ERROR [ExceptionHandler] Config validation error: "QUEUE_PREFIX" is required',
    ],
  },
  { version: '1.4.1', title: 'Release 1.4.1: the fix' },
];

/** A commit's SHA, stable for a version. */
function commitOf(version: string): string {
  return createHash('sha1').update(`mobilytics/platform ${version}`).digest('hex');
}

async function deliver(
  sim: SimHandle,
  options: DemoOptions,
  workflows: string,
  spec: ReleaseSpec,
  digest: string,
  sha: string,
): Promise<ReleaseRun> {
  const workspace = mkdtempSync(join(tmpdir(), 'ecs-delivery-demo-'));
  try {
    cpSync(join(options.root, EXAMPLE), workspace, { recursive: true });
    const runner = new WorkflowRunner({
      root: workflows,
      workspace,
      sim,
      github: {
        repository: REPOSITORY,
        sha,
        ref: 'refs/heads/main',
        actor: 'mobilytics-release-bot',
        token: `ghs_demo${sha.slice(0, 28)}`,
        eventName: 'push',
      },
      artifactsDir: join(options.outDir, 'artifacts', spec.version),
      log: options.log,
      stepTimeoutMs: 120_000,
    });
    const started = Date.now();
    // The demo's one difference from a push on GitHub: the smoke checks reach the simulator's load balancer.
    const result = await runner.runCaller(CALLER.path, CALLER.job, { vars: `api_origin=${sim.url}` });
    return {
      title: spec.title,
      version: spec.version,
      sha,
      digest,
      result: result.result,
      jobs: runner.jobs,
      durationMs: Date.now() - started,
    };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/**
 * The demo: the api-and-workers system on the simulator, then two pushes to main through the example's caller
 * workflow — `promote.yml` and the workflows it calls, step by step, each of this repository's actions run from
 * its built dist/ with the inputs the workflow gives it. Release 1.4.0 crashes in staging (ECS keeps replacing the
 * tasks; deploy-ecs calls the crash loop at the circuit breaker's threshold, rolls the release back and explains
 * why; prod is never touched); 1.4.1 goes through to prod.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const log = options.log;
  mkdirSync(options.outDir, { recursive: true });
  const workflows = releasedWorkflows(options.root, tmpdir());
  const sim = await startSim({
    timeScale: options.timeScale,
    ...(options.simUrl ? { url: options.simUrl } : {}),
  });
  try {
    log(`Simulator at ${sim.url} (clock ×${options.timeScale}).`);
    await seedSystem(sim, { trust: 'environment', previous: '1.3.0', root: options.root });
    log(
      `Seeded ${STAGES.map((s) => `${s.name} (${s.account})`).join(', ')}: ${SERVICES.join(' and ')} on release 1.3.0.`,
    );
    const runs: ReleaseRun[] = [];
    for (const spec of RELEASES) {
      const sha = commitOf(spec.version);
      const dev = STAGES[0]!;
      const digest = await pushRelease(sim, dev.account, [sha.slice(0, 12)], `app-api ${spec.version}\n`);
      log('');
      log(`${spec.title}: commit ${sha.slice(0, 12)}, image ${shortDigest(digest)} pushed to ${dev.name}.`);
      if (spec.crashOnStaging !== undefined) {
        const staging = STAGES[1]!;
        await sim.scenario([
          {
            image: `*/${staging.account}/${REGION}/${IMAGE_REPOSITORY}@${digest}`,
            task: { exitCode: 1, afterSeconds: 8, logs: spec.crashOnStaging },
          },
          // Later rules win: the release's migrations still run, its service tasks crash.
          MIGRATION_RULE,
        ]);
      }
      const run = await deliver(sim, options, workflows, spec, digest, sha);
      runs.push(run);
      log(
        `${spec.title}: ${run.result === 'success' ? 'delivered to prod' : 'stopped'} in ${seconds(run.durationMs)}.`,
      );
    }
    const rows = serviceRows(runs, SERVICES);
    const page = join(options.outDir, 'index.html');
    writeFileSync(page, htmlPage(runs, rows, { simulator: sim.url }));
    writeFileSync(join(options.outDir, 'results.json'), `${JSON.stringify({ runs, rows }, null, 2)}\n`);
    log('');
    log(textTable(rows));
    log('');
    log(`Every step's job summary: ${page}`);
    return { runs, rows, page, simulator: sim.url };
  } finally {
    rmSync(workflows, { recursive: true, force: true });
    await sim.stop();
  }
}
