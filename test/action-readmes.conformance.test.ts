import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runAction, useSim, type SimHandle } from '@ecs-delivery/testkit';
import {
  matchExamples,
  runExample,
  SHA,
  type ExampleRun,
  type Handler,
  type RunContext,
  type Substitution,
} from './readme-examples';
import {
  deployRevision,
  githubDeployments,
  imagesIn,
  oidcRole,
  seedCluster,
  seedImageIn,
  serviceIn,
  tagsOf,
  uriIn,
  type Where,
} from './readme-seeds';

/**
 * Every ```yaml example of the actions' READMEs runs as a workflow on the simulator (through the demo's
 * WorkflowRunner: this repository's actions from their built dist/ on Node 24, as the runner starts them),
 * with what it names seeded first, and its steps' real outcomes and outputs asserted. A block no handler here
 * runs fails the first test, unless a `<!-- readme-examples: skip (why) -->` marker says why it cannot run.
 * Real time goes by in the examples' own smoke-test pacing (`healthy-for: 3` every 5 s, a 30 s warm-up), so
 * this is a conformance-tier suite.
 */

const FILES = [
  'actions/build-push/README.md',
  'actions/deploy-ecs/README.md',
  'actions/smoke-test/README.md',
  'actions/rollback/README.md',
  'actions/cdk-deploy/README.md',
];

/**
 * Everything an example is given that it does not say itself, in one place.
 * - `text`: names this machine cannot reach, replaced in the blocks and in test/fixtures/readme-workspace.
 * - `context`: what the job's contexts (`needs`, `secrets`, `inputs`) and the runner hold.
 */
const SUBSTITUTIONS: Substitution[] = [
  {
    text: 'https://internal-lb.example.com',
    by: (sim) => sim.url,
    why: 'an internal load balancer: the simulator serves HTTP fronts of ECS services, routed by Host as an ALB does',
  },
  {
    text: '111111111111.dkr.ecr.eu-west-1.amazonaws.com',
    by: (sim) => `${new URL(sim.url).host}/111111111111/eu-west-1`,
    why: "ECR's registry host of that account and region: the simulator's repositoryUri names them after its own host",
  },
];
const CONTEXT = [
  [
    'needs.build.outputs.*',
    'an image seeded in the account and region the example reads it from (its digest, image-ref, image)',
  ],
  ['secrets.NPM_TOKEN, secrets.SMOKE_TOKEN', 'values of this test (the step must mask them)'],
  [
    'inputs.* of the workflow_dispatch example',
    'environment prod, service api, a reason; the declared defaults for the rest',
  ],
  [
    'github.*',
    'acme/shop at refs/heads/main, commit SHA, actor octocat, a token for the simulated GitHub API',
  ],
  [
    'actions/checkout',
    'the workspace is already test/fixtures/readme-workspace (deploy/ecs.yml, task definitions, Dockerfile)',
  ],
  [
    'docker buildx and docker/setup-buildx-action',
    "no container engine here: buildx is test/fixtures/buildx-stand-in.cjs, a plugin that pushes a small image of the build context with docker login's credentials and records its arguments; setup-buildx-action then has nothing to do, as on ubuntu-latest",
  ],
  [
    'npm ci of the CDK app in infra/',
    "the cdk-deploy test app (a repository, a cluster, a Fargate service, a log group, a role) as infra/bin/app.js; npm is a stand-in whose `ci` links this repository's node_modules",
  ],
  [
    'ambient AWS credentials (steps without role-to-assume)',
    'static keys of the account, and AWS_REGION, as a configure-aws-credentials step before them exports',
  ],
] as const;

interface ActionExample extends Handler {
  /** Seeds what the example names; returns what its contexts hold. */
  seed: (sim: SimHandle) => Promise<RunContext & { check: (run: ExampleRun) => Promise<void> }>;
}

const EU1: Where = { account: '111111111111', region: 'eu-west-1' };
const EU2: Where = { account: '111111111111', region: 'eu-west-2' };
const PROMOTED: Where = { account: '222222222222', region: 'eu-west-1' };
const SHOP_PROD: Where = { account: '123456789012', region: 'eu-west-1' };
/** The manifest's environments (test/fixtures/readme-workspace/deploy/ecs.yml). */
const DEV: Where = EU1;
const STAGING: Where = PROMOTED;
const PROD: Where = { account: '333333333333', region: 'eu-west-1' };

function stepOf(run: ExampleRun, action: string, index = 0): ExampleRun['steps'][number] {
  const step = run.steps.filter((s) => s.action === action)[index];
  if (step === undefined) throw new Error(`no ${action} step ran`);
  return step;
}

/** The step succeeded; on failure the message carries its error annotations. */
function expectSucceeded(step: ExampleRun['steps'][number]): void {
  expect({ result: step.result, errors: step.errors }).toEqual({ result: 'success', errors: [] });
}

const shopSecret = 'npm_readmeExampleToken0000';
const smokeToken = 'smk_readmeExampleToken0000';

const HANDLERS: ActionExample[] = [
  {
    file: 'actions/build-push/README.md',
    match: 'fail-on-severity: HIGH',
    seed: async (sim) => {
      await sim.seed({
        roles: [oidcRole('arn:aws:iam::111111111111:role/image-builder')],
        repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE', scanOnPush: true, ...EU1 }],
      });
      return {
        secrets: { NPM_TOKEN: shopSecret },
        check: async (run) => {
          const step = stepOf(run, 'build-push');
          expectSucceeded(step);
          const digest = step.outputs['digest']!;
          expect(step.outputs).toMatchObject({
            'image-ref': `${uriIn(sim, EU1, 'shop/api')}@${digest}`,
            tags: `dev-${SHA}`,
            pushed: 'true',
          });
          expect(run.results['build']!.outputs).toEqual({ 'image-ref': step.outputs['image-ref'] });
          expect(await tagsOf(sim, EU1, 'shop/api', digest)).toEqual([`dev-${SHA}`]);
          // The build got every option of the example, and the secret as a file, never as an argument.
          expect(run.builds).toHaveLength(1);
          const args = run.builds[0]!.args.join(' ');
          for (const part of [
            '--platform linux/amd64,linux/arm64',
            '--build-arg NODE_VERSION=24',
            '--cache-from type=gha',
            '--cache-to type=gha,mode=max',
            `--tag ${uriIn(sim, EU1, 'shop/api')}:dev-${SHA}`,
          ])
            expect(args).toContain(part);
          expect(args).not.toContain(shopSecret);
          expect(run.builds[0]!.secrets).toEqual({ NPM_TOKEN: shopSecret });
          expect(step.log).toContain('scan');
        },
      };
    },
  },
  {
    file: 'actions/build-push/README.md',
    match: 'source-role-to-assume: arn:aws:iam::111111111111:role/image-reader',
    seed: async (sim) => {
      await sim.seed({
        roles: [
          oidcRole('arn:aws:iam::222222222222:role/image-promoter'),
          oidcRole('arn:aws:iam::111111111111:role/image-reader'),
        ],
        repositories: [
          { name: 'shop/api', imageTagMutability: 'IMMUTABLE', ...EU1 },
          { name: 'shop/api', imageTagMutability: 'IMMUTABLE', ...PROMOTED },
        ],
      });
      const digest = await seedImageIn(sim, EU1, 'shop/api', [`dev-${SHA}`], 'passed dev');
      return {
        needs: { build: { result: 'success', outputs: { digest } } },
        check: async (run) => {
          const step = stepOf(run, 'build-push');
          expectSucceeded(step);
          expect(step.outputs).toMatchObject({
            digest,
            'image-ref': `${uriIn(sim, PROMOTED, 'shop/api')}@${digest}`,
            tags: `prod-${SHA}`,
            pushed: 'true',
          });
          expect(await tagsOf(sim, PROMOTED, 'shop/api', digest)).toEqual([`prod-${SHA}`]);
          expect(run.builds).toEqual([]);
        },
      };
    },
  },
  {
    file: 'actions/build-push/README.md',
    match: '# later, in the staging job:',
    seed: async (sim) => {
      await sim.seed({
        roles: [
          oidcRole('arn:aws:iam::111111111111:role/shop-dev-deploy'),
          oidcRole('arn:aws:iam::222222222222:role/shop-staging-deploy'),
        ],
        repositories: [
          { name: 'shop/api', imageTagMutability: 'IMMUTABLE', ...DEV },
          { name: 'shop/api', imageTagMutability: 'IMMUTABLE', ...STAGING },
        ],
      });
      return {
        check: async (run) => {
          const [build, promote] = run.steps.filter((s) => s.action === 'build-push');
          expectSucceeded(build!);
          expectSucceeded(promote!);
          const digest = build!.outputs['digest']!;
          expect(JSON.parse(build!.outputs['release']!)).toEqual({
            api: `${uriIn(sim, DEV, 'shop/api')}@${digest}`,
          });
          expect(JSON.parse(promote!.outputs['release']!)).toEqual({
            api: `${uriIn(sim, STAGING, 'shop/api')}@${digest}`,
          });
          // Built once, from the manifest's build context, then promoted by digest.
          expect(run.builds).toHaveLength(1);
          expect(run.builds[0]!.args.at(-1)).toBe(`${run.workspace}/api`);
          expect(await tagsOf(sim, DEV, 'shop/api', digest)).toEqual([SHA]);
          expect(await tagsOf(sim, STAGING, 'shop/api', digest)).toEqual([SHA]);
        },
      };
    },
  },
  {
    file: 'actions/deploy-ecs/README.md',
    match: 'migrate-command: npx prisma migrate deploy',
    seed: async (sim) => {
      await sim.seed({
        roles: [oidcRole('arn:aws:iam::111111111111:role/service-updater')],
        repositories: [{ name: 'shop/api', ...EU2 }],
        parameters: [
          { name: '/shop/prod/database-url', value: 'postgres://db', type: 'SecureString', ...EU2 },
        ],
        rules: [
          {
            command: 'npx prisma migrate deploy',
            task: { exitCode: 0, logs: ['All migrations have been successfully applied.'] },
          },
        ],
      });
      const old = await seedImageIn(sim, EU2, 'shop/api', ['v1'], 'api 1');
      await seedCluster(sim, EU2, 'shop-prod', 'prod', { api: `${uriIn(sim, EU2, 'shop/api')}@${old}` });
      const digest = await seedImageIn(sim, EU2, 'shop/api', [SHA.slice(0, 12)], 'api 2');
      const imageRef = `${uriIn(sim, EU2, 'shop/api')}@${digest}`;
      return {
        needs: { build: { result: 'success', outputs: { 'image-ref': imageRef } } },
        check: async (run) => {
          const step = stepOf(run, 'deploy-ecs');
          expectSucceeded(step);
          expect(step.outputs).toMatchObject({
            outcome: 'succeeded',
            'migration-exit-code': '0',
            'deployed-services': 'api',
          });
          expect(step.log).toContain('All migrations have been successfully applied.');
          const service = await serviceIn(sim, EU2, 'shop-prod', 'api');
          expect(service.taskDefinition).toBe(step.outputs['task-definition-arn']);
          // The `if: failure()` step did not run.
          expect(run.steps.map((s) => s.result)).toEqual(['success', 'success', 'skipped']);
          const deployments = await githubDeployments(sim);
          expect(deployments.map((d) => [d.environment, d.statuses.map((s) => s.state)])).toEqual([
            ['shop-prod', ['in_progress', 'success']],
          ]);
        },
      };
    },
  },
  {
    file: 'actions/deploy-ecs/README.md',
    match: 'rollback-scope: release # a failure',
    seed: async (sim) => {
      await sim.seed({
        roles: [oidcRole('arn:aws:iam::222222222222:role/shop-staging-deploy')],
        repositories: [{ name: 'shop/api', ...STAGING }],
        parameters: [{ name: '/shop/staging/database-url', value: 'postgres://db', ...STAGING }],
      });
      const uri = uriIn(sim, STAGING, 'shop/api');
      const old = await seedImageIn(sim, STAGING, 'shop/api', ['v1'], 'api 1');
      await seedCluster(sim, STAGING, 'shop-staging', 'staging', {
        api: `${uri}@${old}`,
        worker: `${uri}@${old}`,
      });
      const digest = await seedImageIn(sim, STAGING, 'shop/api', [SHA], 'api 2');
      return {
        check: async (run) => {
          const step = stepOf(run, 'deploy-ecs');
          expectSucceeded(step);
          expect(step.outputs['outcome']).toBe('succeeded');
          const services = JSON.parse(step.outputs['services']!) as Record<string, unknown>[];
          expect(services.map((s) => [s['name'], s['wave'], s['outcome']])).toEqual([
            ['api', 1, 'succeeded'],
            ['worker', 2, 'succeeded'],
          ]);
          for (const name of ['api', 'worker']) {
            const service = await serviceIn(sim, STAGING, 'shop-staging', name);
            // The tag of the commit, deployed pinned by digest.
            expect(await imagesIn(sim, STAGING, service.taskDefinition!)).toEqual([`${uri}@${digest}`]);
          }
        },
      };
    },
  },
  {
    file: 'actions/smoke-test/README.md',
    match: 'name: login page',
    seed: async (sim) => {
      await sim.seed({ repositories: [{ name: 'shop/api', ...EU1 }] });
      const digest = await seedImageIn(sim, EU1, 'shop/api', ['v2'], 'api 2');
      await seedCluster(sim, EU1, 'shop', 'prod', { api: `${uriIn(sim, EU1, 'shop/api')}@${digest}` });
      // One service answers both hosts behind the balancer, so both serve the build the example expects.
      await sim.seed({
        fronts: ['api.shop.example', 'www.shop.example'].map((host) => ({
          host,
          cluster: 'shop',
          service: 'api',
          ...EU1,
        })),
        rules: [
          { image: `*@${digest}`, http: { paths: { '/login': { status: 200, body: '<h1>Sign in</h1>' } } } },
        ],
      });
      return {
        needs: { build: { result: 'success', outputs: { digest } } },
        secrets: { SMOKE_TOKEN: smokeToken },
        check: async (run) => {
          const step = stepOf(run, 'smoke-test');
          expectSucceeded(step);
          expect(step.outputs['passed']).toBe('true');
          const report = JSON.parse(step.outputs['report']!) as {
            checks: { name: string; verdict: string; host?: string; versionSeen?: string }[];
          };
          expect(report.checks.map((c) => [c.name, c.host, c.verdict])).toEqual(
            expect.arrayContaining([
              ['ready', 'api.shop.example', 'passed'],
              ['login page', 'www.shop.example', 'passed'],
            ]),
          );
          // Every target got a version check, and each saw the expected digest.
          const versions = report.checks.filter((c) => c.versionSeen !== undefined);
          expect(versions.map((c) => [c.host, c.versionSeen])).toEqual(
            expect.arrayContaining([
              ['api.shop.example', expect.stringContaining(digest)],
              ['www.shop.example', expect.stringContaining(digest)],
            ]),
          );
          expect(step.outputs['report']).not.toContain(smokeToken);
        },
      };
    },
  },
  {
    file: 'actions/smoke-test/README.md',
    match: 'warm-up: 30s',
    seed: async (sim) => {
      await sim.seed({ repositories: [{ name: 'shop/api', ...STAGING }] });
      const digest = await seedImageIn(sim, STAGING, 'shop/api', ['v2'], 'api 2');
      await seedCluster(sim, STAGING, 'shop-staging', 'staging', {
        api: `${uriIn(sim, STAGING, 'shop/api')}@${digest}`,
      });
      await sim.seed({
        fronts: [{ host: 'api.staging.shop.example', cluster: 'shop-staging', service: 'api', ...STAGING }],
      });
      return {
        check: async (run) => {
          const step = stepOf(run, 'smoke-test');
          expectSucceeded(step);
          const report = JSON.parse(step.outputs['report']!) as {
            checks: { name: string; verdict: string; host?: string }[];
          };
          expect(report.checks.map((c) => [c.name, c.host, c.verdict])).toEqual([
            ['api: ready', 'api.staging.shop.example', 'passed'],
          ]);
          expect(step.durationMs).toBeGreaterThanOrEqual(30_000);
        },
      };
    },
  },
  {
    file: 'actions/rollback/README.md',
    match: 'reason: Checkout errors since the 14:05 deploy',
    seed: async (sim) => {
      const { first, second } = await seedShopProd(sim);
      return {
        check: async (run) => {
          const step = stepOf(run, 'rollback');
          expectSucceeded(step);
          expect(step.outputs).toMatchObject({
            outcome: 'succeeded',
            'task-definition-arn': first,
            'previous-task-definition-arn': second,
          });
          expect((await serviceIn(sim, SHOP_PROD, 'shop-prod', 'api')).taskDefinition).toBe(first);
          expect(step.summary).toContain('Checkout errors since the 14:05 deploy');
        },
      };
    },
  },
  {
    file: 'actions/rollback/README.md',
    match: 'workflow_dispatch:',
    seed: async (sim) => {
      const { first } = await seedShopProd(sim);
      const reason = 'Checkout errors since the 14:05 deploy';
      return {
        inputs: { environment: 'prod', service: 'api', reason },
        check: async (run) => {
          const step = stepOf(run, 'rollback');
          expectSucceeded(step);
          expect(step.inputs).toMatchObject({
            to: 'previous-successful',
            'dry-run': 'false',
            cluster: 'shop-prod',
          });
          expect(step.outputs['task-definition-arn']).toBe(first);
          expect((await serviceIn(sim, SHOP_PROD, 'shop-prod', 'api')).taskDefinition).toBe(first);
          const [deployment] = await githubDeployments(sim);
          expect(deployment!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
          expect(JSON.stringify(deployment)).toContain(`${reason} (started by octocat)`);
        },
      };
    },
  },
  {
    file: 'actions/rollback/README.md',
    match: "if: failure() && steps.smoke.outcome == 'failure'",
    seed: async (sim) => {
      const { first, uri } = await seedShopProd(sim, { history: false });
      const digest = await seedImageIn(sim, SHOP_PROD, 'shop/api', ['v3'], 'api 3: broken');
      await sim.seed({
        fronts: [{ host: 'api.shop.example', cluster: 'shop-prod', service: 'api', ...SHOP_PROD }],
        rules: [
          {
            image: `*@${digest}`,
            http: { paths: { '/health/ready': { status: 500, body: '{"status":"down"}' } } },
          },
        ],
      });
      return {
        needs: { build: { result: 'success', outputs: { image: `${uri}:v3`, digest } } },
        // No role-to-assume in these steps: the job's ambient credentials.
        env: {
          AWS_ACCESS_KEY_ID: SHOP_PROD.account,
          AWS_SECRET_ACCESS_KEY: 'readme',
          AWS_REGION: SHOP_PROD.region,
        },
        check: async (run) => {
          const [deploy, smoke, rollback] = run.steps;
          expectSucceeded(deploy!);
          expect(deploy!.outputs['outcome']).toBe('succeeded');
          expect(smoke!.result).toBe('failure');
          const report = JSON.parse(smoke!.outputs['report']!) as {
            checks: { name: string; verdict: string; statuses: unknown }[];
          };
          expect(report.checks.find((c) => c.name === 'ready')).toMatchObject({
            verdict: 'failed',
            statuses: { 500: 3 },
          });
          expectSucceeded(rollback!);
          expect(rollback!.outputs['task-definition-arn']).toBe(first);
          expect(rollback!.outputs['previous-task-definition-arn']).toBe(
            deploy!.outputs['task-definition-arn'],
          );
          expect((await serviceIn(sim, SHOP_PROD, 'shop-prod', 'api')).taskDefinition).toBe(first);
        },
      };
    },
  },
  {
    file: 'actions/rollback/README.md',
    match: 'reason: Release 2026.07.3 corrupts carts',
    seed: async (sim) => {
      await sim.seed({
        roles: [oidcRole('arn:aws:iam::333333333333:role/shop-prod-deploy')],
        repositories: [{ name: 'shop/api', ...PROD }],
      });
      const uri = uriIn(sim, PROD, 'shop/api');
      const v1 = `${uri}@${await seedImageIn(sim, PROD, 'shop/api', ['v1'], 'api 1')}`;
      const v2 = `${uri}@${await seedImageIn(sim, PROD, 'shop/api', ['v2'], 'api 2')}`;
      await seedCluster(sim, PROD, 'shop-prod', 'prod', { api: v1, worker: v1 });
      const first: Record<string, string> = {};
      for (const name of ['api', 'worker']) {
        first[name] = (await serviceIn(sim, PROD, 'shop-prod', name)).taskDefinition!;
        await deployRevision(sim, PROD, 'shop-prod', 'prod', name, v2);
      }
      return {
        check: async (run) => {
          const step = stepOf(run, 'rollback');
          expectSucceeded(step);
          const services = JSON.parse(step.outputs['services']!) as Record<string, unknown>[];
          expect(services.map((s) => [s['name'], s['outcome']])).toEqual([
            ['api', 'succeeded'],
            ['worker', 'succeeded'],
          ]);
          for (const name of ['api', 'worker']) {
            expect((await serviceIn(sim, PROD, 'shop-prod', name)).taskDefinition).toBe(first[name]);
          }
        },
      };
    },
  },
  {
    file: 'actions/cdk-deploy/README.md',
    match: 'stacks: ${{ steps.cdk.outputs.stack-outputs }}',
    seed: async (sim) => {
      const files = await seedShopInfra(sim);
      // The image the deploy job names: a build earlier in the pipeline pushed it to the stack's repository.
      await seedImageIn(sim, SHOP_PROD, 'shop/web', [`prod-${SHA}`], 'web prod');
      return {
        files,
        check: async (run) => {
          const infra = stepOf(run, 'cdk-deploy');
          expectSucceeded(infra);
          expect(infra.outputs['has-changes']).toBe('false');
          const stacks = JSON.parse(infra.outputs['stack-outputs']!) as Record<
            string,
            Record<string, string>
          >;
          expect(stacks['ShopInfra']).toMatchObject({ ClusterName: 'shop', ServiceName: 'web' });
          expectSucceeded(stepOf(run, 'deploy-ecs'));
          const service = await serviceIn(sim, SHOP_PROD, 'shop', 'web');
          expect(service.taskDefinition).toMatch(/task-definition\/web:2$/);
        },
      };
    },
  },
  {
    file: 'actions/cdk-deploy/README.md',
    match: 'approve-broadening: ${{ inputs.approve-broadening }}',
    seed: async (sim) => ({
      files: await seedShopInfra(sim, { broaden: true }),
      inputs: { 'approve-broadening': true },
      check: async (run) => {
        const step = stepOf(run, 'cdk-deploy');
        expectSucceeded(step);
        expect(step.outputs['security-changes']).toBe('broadening');
        expect(step.outputs['has-changes']).toBe('true');
      },
    }),
  },
  {
    file: 'actions/cdk-deploy/README.md',
    match: 'app: cdk.out',
    seed: async (sim) => ({
      files: await seedShopInfra(sim),
      check: async (run) => {
        const [synth, deploy] = [stepOf(run, 'cdk-deploy', 0), stepOf(run, 'cdk-deploy', 1)];
        expectSucceeded(synth);
        expectSucceeded(deploy);
        expect(existsSync(join(run.workspace, 'infra', 'cdk.out', 'manifest.json'))).toBe(true);
        expect(deploy.outputs['has-changes']).toBe('false');
      },
    }),
  },
];

/** The cdk-deploy test app, as infra/ of the example's repository. */
const CDK_APP = join(REPO_ROOT, 'actions', 'cdk-deploy', 'test', 'fixtures', 'app');

/**
 * shop-prod's infrastructure deployed once, as a team does before its pipeline runs: the account bootstrapped and
 * the CDK app's first deploy approved (it creates roles, so it broadens). Answers the files of the app that the
 * example's repository holds (`broaden` adds a policy statement to the task role: a broadening change).
 */
async function seedShopInfra(
  sim: SimHandle,
  options: { broaden?: boolean } = {},
): Promise<Record<string, string>> {
  await sim.seed({
    roles: [
      oidcRole('arn:aws:iam::123456789012:role/shop-prod-infra'),
      oidcRole('arn:aws:iam::123456789012:role/shop-prod-deploy'),
    ],
  });
  const ws = mkdtempSync(join(tmpdir(), 'readme-cdk-'));
  mkdirSync(join(ws, 'infra'), { recursive: true });
  copyFileSync(join(CDK_APP, 'cdk.json'), join(ws, 'infra', 'cdk.json'));
  const first = await runAction('cdk-deploy', {
    sim,
    cwd: ws,
    inputs: {
      app: `node ${join(CDK_APP, 'app.js')}`,
      'working-directory': 'infra',
      mode: 'deploy',
      bootstrap: 'true',
      'approve-broadening': 'true',
      'aws-region': SHOP_PROD.region,
    },
    env: {
      AWS_ACCESS_KEY_ID: SHOP_PROD.account,
      AWS_SECRET_ACCESS_KEY: 'readme',
      CDK_HOME: mkdtempSync(join(tmpdir(), 'readme-cdk-home-')),
    },
    timeoutMs: 240_000,
    iamPolicy: false,
  });
  expect({ exit: first.exitCode, errors: first.annotations.filter((a) => a.level === 'error') }).toEqual({
    exit: 0,
    errors: [],
  });
  const config = JSON.parse(readFileSync(join(CDK_APP, 'cdk.json'), 'utf8')) as { context: object };
  const cdkJson = join(ws, 'example-cdk.json');
  writeFileSync(
    cdkJson,
    JSON.stringify({
      ...config,
      context: { ...config.context, ...(options.broaden ? { broaden: 'true' } : {}) },
    }),
  );
  return { 'infra/bin/app.js': join(CDK_APP, 'app.js'), 'infra/cdk.json': cdkJson };
}

/**
 * The rollback examples' shop-prod: service api in account 123456789012, first on v1 (`api:1`), then — with
 * `history` — deployed to v2 (`api:2`), so there is a previous successful deployment to go back to.
 */
async function seedShopProd(
  sim: SimHandle,
  options: { history?: boolean } = {},
): Promise<{ first: string; second: string | undefined; uri: string }> {
  await sim.seed({
    roles: [oidcRole('arn:aws:iam::123456789012:role/shop-prod-deploy')],
    repositories: [{ name: 'shop/api', ...SHOP_PROD }],
  });
  const uri = uriIn(sim, SHOP_PROD, 'shop/api');
  const v1 = await seedImageIn(sim, SHOP_PROD, 'shop/api', ['v1'], 'api 1');
  await seedCluster(sim, SHOP_PROD, 'shop-prod', 'prod', { api: `${uri}@${v1}` });
  const first = (await serviceIn(sim, SHOP_PROD, 'shop-prod', 'api')).taskDefinition!;
  if (options.history === false) return { first, second: undefined, uri };
  const v2 = await seedImageIn(sim, SHOP_PROD, 'shop/api', ['v2'], 'api 2');
  const second = await deployRevision(sim, SHOP_PROD, 'shop-prod', 'prod', 'api', `${uri}@${v2}`);
  return { first, second, uri };
}
const { runs, skipped, problems } = matchExamples(FILES, HANDLERS);
const sim = useSim({ timeScale: 60 });

test('every yaml block of the actions’ READMEs is run here, or says why not', () => {
  expect(problems).toEqual([]);
  expect(skipped).toEqual([]);
  expect(SUBSTITUTIONS.length + CONTEXT.length).toBeGreaterThan(0);
});

test.each(runs.map((r) => [r.example.where, r] as const))('%s', async (_where, { example, handler }) => {
  const { check, ...context } = await handler.seed(sim());
  const run = await runExample(sim(), example.block.body, SUBSTITUTIONS, context);
  await check(run);
});
