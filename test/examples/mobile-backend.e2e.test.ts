/**
 * examples/mobile-backend, end to end: from an empty simulator, the team's AWS account (the example's iam/ roles
 * with their permission policies, enforced; IMMUTABLE repositories; environment files in S3; the API and the CMS on
 * the previous release), then a push to main through the example's caller workflow — build.yml under the image
 * builder role, deploy.yml under the service updater role — run by the demo's WorkflowRunner from the actions'
 * dist/. A release whose task definition names an environment file that is not in S3 stops in the preflight.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { loadWorkflow, WorkflowRunner, type JobRecord } from '@ecs-delivery/demo';
import { REPO_ROOT, startSim, type SimHandle } from '@ecs-delivery/testkit';
import type { CallRecord } from '@ecs-delivery/sim';
import {
  ACCOUNT,
  CLUSTER,
  COMPONENTS,
  CONFIG_BUCKET,
  EXAMPLE,
  exampleJson,
  pushRelease,
  REGION,
  REPOSITORY,
  seedSystem,
} from './mobile-backend.system';

const PREVIOUS = '2025_04';

interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}
const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);
const statements = (path: string): Statement[] => exampleJson<{ Statement: Statement[] }>(path).Statement;

function commitOf(release: string): string {
  return createHash('sha1').update(`${REPOSITORY} ${release}`).digest('hex');
}

/** The demo's runner of GitHub workflows, for one event of the caller repository (a checkout in `workspace`). */
function runnerFor(sim: SimHandle, workspace: string, sha: string, eventName: string): WorkflowRunner {
  return new WorkflowRunner({
    root: REPO_ROOT,
    workspace,
    sim,
    github: {
      repository: REPOSITORY,
      sha,
      ref: 'refs/heads/main',
      actor: 'oky-maintainer',
      token: `ghs_oky${sha.slice(0, 29)}`,
      eventName,
    },
    artifactsDir: join(workspace, '.artifacts'),
    log: () => {},
    stepTimeoutMs: 120_000,
  });
}

interface Delivery {
  result: Record<string, { result: string }>;
  jobs: JobRecord[];
  calls: CallRecord[];
  digests: Record<string, string>;
}

/**
 * A push of `release` to main: the team's build pushes the images under the commit's short SHA (what the build job
 * would build, so it finds them and builds nothing), then the caller workflow runs in a checkout of the example.
 * `change` edits the checkout first (the commit's changes).
 */
async function deliver(
  sim: SimHandle,
  release: string,
  change: (workspace: string) => void = () => {},
): Promise<Delivery> {
  const sha = commitOf(release);
  const digests = await pushRelease(sim, sha.slice(0, 12), release);
  const workspace = mkdtempSync(join(tmpdir(), 'mobile-backend-'));
  try {
    cpSync(EXAMPLE, workspace, { recursive: true });
    change(workspace);
    const since = (await sim.calls()).length;
    const runner = runnerFor(sim, workspace, sha, 'push');
    const workflow = loadWorkflow(workspace, '.github/workflows/delivery.yml');
    // The one difference from a push on GitHub: the smoke checks connect to the simulator's load balancer.
    const deploy = workflow.doc.jobs['deploy']!;
    deploy.with = { ...deploy.with, vars: `api_origin=${sim.url}\ncms_origin=${sim.url}` };
    const result = await runner.runWorkflow(workflow);
    return { result, jobs: runner.jobs, calls: (await sim.calls()).slice(since), digests };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** What each service runs: its task definition, the container's image and environment files. */
async function running(
  sim: SimHandle,
): Promise<Record<string, { taskDefinition: string; image: string; envFiles: string[] }>> {
  const ecs = new ECSClient({
    endpoint: sim.url,
    region: REGION,
    credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' },
  });
  try {
    const out: Record<string, { taskDefinition: string; image: string; envFiles: string[] }> = {};
    const services = (
      await ecs.send(
        new DescribeServicesCommand({ cluster: CLUSTER, services: COMPONENTS.map((c) => c.service) }),
      )
    ).services!;
    for (const c of COMPONENTS) {
      const svc = services.find((s) => s.serviceName === c.service)!;
      const td = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: svc.taskDefinition! })))
        .taskDefinition!;
      const container = td.containerDefinitions![0]!;
      out[c.name] = {
        taskDefinition: svc.taskDefinition!,
        image: container.image!,
        envFiles: (container.environmentFiles ?? []).map((f) => f.value!),
      };
    }
    return out;
  } finally {
    ecs.destroy();
  }
}

const refused = (calls: CallRecord[]): CallRecord[] =>
  calls.filter((c) => /AccessDenied|DENIED/.test(c.errorCode ?? ''));
const roleOf = (c: CallRecord): string | undefined => /assumed-role\/([^/]+)\//.exec(c.principal ?? '')?.[1];

describe('examples/mobile-backend', () => {
  let sim: SimHandle;
  let before: Awaited<ReturnType<typeof running>>;
  let good: Delivery;
  let after: Awaited<ReturnType<typeof running>>;

  beforeAll(async () => {
    sim = await startSim({ timeScale: 120 });
    await seedSystem(sim, PREVIOUS);
    before = await running(sim);
    good = await deliver(sim, '2025_05');
    after = await running(sim);
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it("gives the roles the plan's image builder and service updater policies, scoped to this system", () => {
    const builder = statements('iam/oky-image-builder/image-builder-policy.json');
    const repositories = COMPONENTS.map((c) => `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${c.repository}`);
    expect(builder.find((s) => s.Sid === 'AllowECRAuth')).toMatchObject({
      Action: ['ecr:GetAuthorizationToken'],
      Resource: '*',
    });
    expect(builder.find((s) => s.Sid === 'AllowECRImagePush')).toMatchObject({
      Action: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:CompleteLayerUpload',
        'ecr:InitiateLayerUpload',
        'ecr:PutImage',
        'ecr:UploadLayerPart',
      ],
      Resource: repositories,
    });
    const updater = statements('iam/oky-service-updater/service-updater-policy.json');
    const services = COMPONENTS.map(
      (c) => `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${CLUSTER}/${c.service}`,
    );
    expect(list(updater.find((s) => s.Sid === 'AllowECSServiceUpdate')!.Resource)).toEqual(services);
    expect(list(updater.find((s) => s.Sid === 'AllowECSTaskDefinitionManagement')!.Action)).toEqual([
      'ecs:DescribeTaskDefinition',
      'ecs:RegisterTaskDefinition',
    ]);
    expect(updater.find((s) => s.Sid === 'AllowPassRoleForECSTasks')).toMatchObject({
      Resource: [
        `arn:aws:iam::${ACCOUNT}:role/project-oky-ecs-api-task-role`,
        `arn:aws:iam::${ACCOUNT}:role/project-oky-ecs-cms-task-role`,
        `arn:aws:iam::${ACCOUNT}:role/project-oky-ecs-task-execution-role`,
      ],
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
    // Nothing outside this system: every resource names its cluster, repositories, roles, logs or bucket, and
    // `*` only where IAM has no resource to scope (or a condition scopes it to the cluster).
    const unscoped = new Set([
      'ecr:GetAuthorizationToken',
      'ecs:DescribeTaskDefinition',
      'ecs:RegisterTaskDefinition',
    ]);
    for (const s of [...builder, ...updater]) {
      for (const resource of list(s.Resource)) {
        if (resource === '*') {
          const scoped = s.Condition !== undefined || list(s.Action).every((a) => unscoped.has(a));
          expect({ sid: s.Sid, scoped }).toEqual({ sid: s.Sid, scoped: true });
        } else {
          expect(resource).toMatch(
            /project-oky-ecs-(cluster|api-task|cms-task|task-execution-role|config\/)|repository\/oky\/(api|cms)_en$|^arn:aws:logs:eu-west-2:111111111111:log-group:\*$/,
          );
        }
      }
    }
    // No placeholder of docs/iam.md is left.
    const text = ['image-builder', 'service-updater'].map((n) =>
      readFileSync(join(EXAMPLE, 'iam', `oky-${n}`, `${n}-policy.json`), 'utf8'),
    );
    for (const t of text)
      expect(t).not.toMatch(/\b(ACCOUNT|REGION|CLUSTER|APP|TASK_ROLE|ENV_FILES_BUCKET)\b/);
  });

  it('builds under the image builder role and deploys under the service updater role, with no call refused', () => {
    expect(good.result).toEqual({
      build: expect.objectContaining({ result: 'success' }),
      deploy: expect.objectContaining({ result: 'success' }),
    });
    expect(refused(good.calls)).toEqual([]);
    const byRole = (role: string): string[] =>
      good.calls.filter((c) => roleOf(c) === role).map((c) => `${c.service}:${c.action}`);
    expect(byRole('oky-image-builder')).toEqual(expect.arrayContaining(['ecr:DescribeRepositories']));
    expect(byRole('oky-image-builder').some((a) => a.startsWith('ecs:'))).toBe(false);
    expect(byRole('oky-service-updater')).toEqual(
      expect.arrayContaining(['ecs:RegisterTaskDefinition', 'ecs:UpdateService', 's3:HeadObject']),
    );
    // Every AWS call of the run was made by one of the two roles (authentication aside).
    const others = good.calls.filter(
      (c) => c.service !== 'github' && c.service !== 'sts' && roleOf(c) === undefined,
    );
    expect(others.map((c) => `${c.service}:${c.action} ${c.principal ?? ''}`)).toEqual([]);
  });

  it('puts the API and the CMS on new task definitions with the pushed digests and their environment files', () => {
    for (const c of COMPONENTS) {
      expect(after[c.name]!.taskDefinition).not.toBe(before[c.name]!.taskDefinition);
      expect(after[c.name]!.taskDefinition).toMatch(new RegExp(`task-definition/${c.family}:2$`));
      const repository = before[c.name]!.image.slice(0, before[c.name]!.image.lastIndexOf(':'));
      expect(after[c.name]!.image).toBe(`${repository}@${good.digests[c.name]}`);
      expect(after[c.name]!.envFiles).toEqual([`arn:aws:s3:::${CONFIG_BUCKET}/${c.envFile}`]);
    }
    // The preflight looked at each environment file, without reading it.
    const heads = good.calls.filter((c) => c.service === 's3');
    expect(heads.map((c) => c.action)).toEqual(['HeadObject', 'HeadObject']);
  });

  it('keeps the repositories IMMUTABLE: the previous tag still names its image, the new one its own', async () => {
    const ecr = new ECRClient({
      endpoint: sim.url,
      region: REGION,
      credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' },
    });
    try {
      const repos = await ecr.send(
        new DescribeRepositoriesCommand({ repositoryNames: COMPONENTS.map((c) => c.repository) }),
      );
      expect(repos.repositories!.map((r) => r.imageTagMutability)).toEqual(['IMMUTABLE', 'IMMUTABLE']);
      for (const c of COMPONENTS) {
        const images = (await ecr.send(new DescribeImagesCommand({ repositoryName: c.repository })))
          .imageDetails!;
        const tagged = images.find((i) => i.imageTags?.includes(commitOf('2025_05').slice(0, 12)));
        expect(tagged?.imageDigest).toBe(good.digests[c.name]);
        expect(images.find((i) => i.imageTags?.includes(PREVIOUS))?.imageDigest).not.toBe(
          good.digests[c.name],
        );
      }
    } finally {
      ecr.destroy();
    }
  });

  it('stops a release whose task definition names a missing environment file in the preflight, changing nothing', async () => {
    const missing = `arn:aws:s3:::${CONFIG_BUCKET}/project_oky_api_task_configuration.2025_06.env`;
    const bad = await deliver(sim, '2025_06', (workspace) => {
      const file = join(workspace, 'deploy', 'taskdefs', 'api.json');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace('configuration.env', 'configuration.2025_06.env'),
      );
    });
    expect(bad.result['build']!.result).toBe('success');
    expect(bad.result['deploy']!.result).toBe('failure');
    const deployStep = bad.jobs.flatMap((j) => j.steps).find((s) => s.action === 'deploy-ecs')!;
    expect(deployStep.result).toBe('failure');
    expect(deployStep.errors.join('\n')).toContain(
      `Container "api" loads the environment file ${missing}, which does not exist`,
    );
    expect(deployStep.outputs['outcome']).not.toBe('succeeded');
    // Nothing registered, run or updated; both services still on the release that worked.
    expect(
      bad.calls.filter((c) => /^(RegisterTaskDefinition|UpdateService|RunTask)$/.test(c.action)),
    ).toEqual([]);
    expect(await running(sim)).toEqual(after);
    expect(refused(bad.calls)).toEqual([]);
  });
  it('puts the CMS back on the release before, through rollback.yml dispatched from the Actions tab', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'mobile-backend-'));
    try {
      cpSync(EXAMPLE, workspace, { recursive: true });
      const runner = runnerFor(sim, workspace, commitOf('2025_06'), 'workflow_dispatch');
      const since = (await sim.calls()).length;
      const result = await runner.runWorkflow(loadWorkflow(workspace, '.github/workflows/rollback.yml'), {
        inputs: { services: 'cms', reason: 'CMS editors see a blank page after 2025_05' },
      });
      expect(result['rollback']!.result).toBe('success');
      const now = await running(sim);
      expect(now['cms']!.taskDefinition).toBe(before['cms']!.taskDefinition);
      expect(now['api']).toEqual(after['api']);
      const calls = (await sim.calls()).slice(since);
      expect(refused(calls)).toEqual([]);
      expect(calls.filter((c) => c.action === 'UpdateService').map(roleOf)).toEqual(['oky-service-updater']);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it("runs the README's commands: each names this test or the act conformance test, which exist", () => {
    const readme = readFileSync(join(EXAMPLE, 'README.md'), 'utf8');
    const commands = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].flatMap((m) =>
      m[1]!.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')),
    );
    expect(commands).toEqual([
      'npx jest test/examples/mobile-backend.e2e.test.ts',
      'npx jest --config jest.conformance.config.js test/examples/mobile-backend.act.conformance.test.ts',
    ]);
    for (const command of commands) {
      const file = command.split(' ').pop()!;
      expect(existsSync(join(REPO_ROOT, file))).toBe(true);
    }
    // The first is this file; the second runs the same caller workflow under act.
    expect(commands[0]!.endsWith(__filename.slice(REPO_ROOT.length + 1))).toBe(true);
    // Every file the README's table names exists.
    const files = [...readme.matchAll(/^\| (`[^|]+`) +\|/gm)].flatMap((m) =>
      [...m[1]!.matchAll(/`([^`]+)`/g)].map((f) => f[1]!),
    );
    expect(files).toContain('iam/oky-service-updater/service-updater-policy.json');
    for (const file of files) expect([file, existsSync(join(EXAMPLE, file))]).toEqual([file, true]);
  });
});
