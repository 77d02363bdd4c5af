import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithTools, startSim, type SimHandle } from '@ecs-delivery/testkit';
import { parseDocument } from 'yaml';
import {
  actTail,
  callerActArgs,
  commitCaller,
  gitIn,
  pinnedRelease,
  runAct,
  uploadStandIn,
} from '../act-helpers';
import {
  CALLER,
  ENVIRONMENTS,
  EXAMPLE,
  images,
  parameterNames,
  REPOSITORY,
  running,
  seedCityData,
  SERVICES,
  WAVES,
} from './city-data.system';

/**
 * The example's caller with what this machine needs: podman builds the images, and the deploy jobs' smoke checks
 * reach the simulator's fronts (`vars` from a repository variable, as a team would pass an origin).
 */
function callerWorkflow(): string {
  const doc = parseDocument(readFileSync(join(EXAMPLE, CALLER), 'utf8'));
  doc.setIn(['jobs', 'build', 'with', 'container-cli'], 'podman');
  for (const env of ENVIRONMENTS) doc.setIn(['jobs', env, 'with', 'vars'], '${{ vars.SMOKE_VARS }}');
  return doc.toString();
}

/**
 * A repository made of examples/city-data, its caller workflow run by act on a push to main against the simulator:
 * the five images built with podman and pushed once, dev then prod deployed wave by wave, prod tagged on the same
 * digests.
 */
describeWithTools('examples/city-data under act', ['act', 'podman', 'git'], (tools) => {
  let root: string;
  let lib: string;
  let upload: string;
  let caller: string;
  let sim: SimHandle;

  const git = gitIn(tools['git']!, () => caller);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'city-data-act-'));
    lib = await pinnedRelease(root);
    upload = uploadStandIn(root);
    caller = join(root, 'legocity');
    cpSync(EXAMPLE, caller, { recursive: true });
    writeFileSync(join(caller, CALLER), callerWorkflow());
    await commitCaller(git, REPOSITORY, 'dashboard: district layer');
    sim = await startSim({ timeScale: 60 });
    // act gives every job of a run the same OIDC token, so the roles trust the repository rather than one
    // GitHub environment (the npm test tier runs them with iam/'s own trust policies).
    await seedCityData(sim, { trust: 'repository', previous: '5d0c2a9e41b7f3c8a6e2d0b9c4f1a7e3d5b8c2f0' });
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it('builds each image once and deploys it to dev then prod, wave by wave', async () => {
    const sha = await git('rev-parse', 'HEAD');
    const oidc = await sim.oidcContext({
      repository: REPOSITORY,
      ref: 'refs/heads/main',
      sha,
      job_workflow_ref: 'ecs-delivery/ecs-delivery/.github/workflows/deploy.yml@refs/tags/v1.0.0',
    });
    const result = await runAct(
      tools['act']!,
      callerActArgs({
        event: ['push'],
        workflow: CALLER,
        lib,
        upload,
        simUrl: sim.url,
        oidc,
        artifactDir: join(root, 'artifacts'),
        vars: { SMOKE_VARS: `origin=${sim.url}` },
        token: 'ghs_actCityDataToken0000000000000000',
      }),
      caller,
    );
    if (!result.ok) throw new Error(`act failed:\n${actTail(result)}`);

    // Each repository holds the build under dev-<short-sha> and prod-<short-sha>, one digest, which both environments run.
    const held = await images(sim);
    const dev = await running(sim, 'dev');
    const prod = await running(sim, 'prod');
    for (const s of SERVICES) {
      const build = held[s.name]!.filter((i) => i.imageTags?.includes(`dev-${sha.slice(0, 12)}`));
      expect(build).toHaveLength(1);
      expect(build[0]!.imageTags!.sort()).toEqual([`dev-${sha.slice(0, 12)}`, `prod-${sha.slice(0, 12)}`]);
      expect(dev[s.name]!.digest).toBe(build[0]!.imageDigest);
      expect(prod[s.name]!.digest).toBe(build[0]!.imageDigest);
      expect(prod[s.name]!.rolloutState).toBe('COMPLETED');
    }

    // prod's containers read prod's parameters, which exist.
    const prodParameters = await parameterNames(sim, '/legocity/prod');
    for (const s of SERVICES) {
      for (const secret of prod[s.name]!.secrets) {
        const name = secret.valueFrom.replace(/^arn:aws:ssm:[^:]+:\d+:parameter/, '');
        expect(name).toMatch(/^\/legocity\/prod\//);
        expect(prodParameters).toContain(name);
      }
    }

    // The waves, in order, in both environments; prod after dev.
    for (const env of [dev, prod]) {
      for (let i = 1; i < WAVES.length; i += 1) {
        const earlier = Math.max(...WAVES[i - 1]!.map((s) => env[s]!.deployedAt));
        expect(Math.min(...WAVES[i]!.map((s) => env[s]!.deployedAt))).toBeGreaterThan(earlier);
      }
    }
    expect(Math.min(...SERVICES.map((s) => prod[s.name]!.deployedAt))).toBeGreaterThan(
      Math.max(...SERVICES.map((s) => dev[s.name]!.deployedAt)),
    );
    // The smoke checks ran (the e2e test shows which: none for the worker or the broker).
    expect(result.log).toMatch(/dashboard: home page/);
  }, 900_000);
});
