/**
 * The code blocks of packages/shared/README.md are one action: `src/main.ts` and its `action.yml`. Here they are
 * written into a folder of that package (so `@ecs-delivery/shared` resolves as from the package), type-checked
 * under the repository's tsconfig, bundled to `dist/index.js` with esbuild as `npm run bundle` bundles the
 * actions, and run as the runner runs an action, against the simulator.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { build } from 'esbuild';
import {
  CLUSTER,
  describeService,
  REPO_ROOT,
  runAction,
  seedServices,
  useSim,
  withEcs,
  type ActionRun,
} from '../src';
import {
  matchCodeBlocks,
  typeErrors,
  writeExample,
  type BlockHandler,
  type ExampleFile,
} from '@ecs-delivery/testkit/readme-examples';

const PACKAGE = join(REPO_ROOT, 'packages', 'shared');
const README = readFileSync(join(PACKAGE, 'README.md'), 'utf8');

const HANDLERS = [{ match: 'void runAction(main);' }, { match: 'name: wait-for-service' }] as const;
const { runs, skipped, problems } = matchCodeBlocks<BlockHandler>('README.md', README, HANDLERS);
const bodyOf = (handler: BlockHandler): string => runs.find((r) => r.handler === handler)?.block.body ?? '';

const sim = useSim();
let example: ExampleFile;

beforeAll(async () => {
  example = writeExample(PACKAGE, 'src/main.ts', bodyOf(HANDLERS[0]));
  writeFileSync(join(example.dir, 'action.yml'), bodyOf(HANDLERS[1]));
  mkdirSync(join(example.dir, 'dist'));
  await build({
    entryPoints: [example.file],
    outfile: join(example.dir, 'dist', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    conditions: ['@ecs-delivery/source'],
    logLevel: 'silent',
  });
});

afterAll(() => example?.remove());

/** Starts a new deployment of `web` whose tasks take `startSeconds` (simulated) to start. */
async function redeployWeb(startSeconds: number): Promise<void> {
  await seedServices(sim(), [{ name: 'web', tags: ['v1'] }]);
  await sim().scenario([{ image: '*/shop/web:v1', task: { startSeconds } }]);
  await withEcs(sim(), (ecs) =>
    ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'web', forceNewDeployment: true })),
  );
}

function waitForWeb(timeout: string): Promise<ActionRun> {
  return runAction(
    { dir: example.dir },
    { sim: sim(), inputs: { cluster: CLUSTER, service: 'web', timeout } },
  );
}

test('both code blocks of the README are run here', () => {
  expect(problems).toEqual([]);
  expect(skipped).toEqual([]);
  expect(runs.map((r) => r.block.lang)).toEqual(['ts', 'yaml']);
});

test('the README names every entry package.json exports', () => {
  const { exports } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  const intro = README.split('\n\n')[1] ?? '';
  const named = [...intro.matchAll(/`(?:@ecs-delivery\/shared)?(\/[a-z]+)`/g)].map((m) => `.${m[1]!}`);
  const entries = Object.keys(exports).filter((e) => e !== '.' && e !== './package.json');
  expect(named.sort()).toEqual(entries.sort());
});

test('src/main.ts type-checks under the repository tsconfig', async () => {
  expect(await typeErrors([example.file])).toEqual([]);
});

test('the action waits until the new deployment has completed and says so', async () => {
  // At the simulator's 60×, tasks that take two minutes to start take two seconds.
  await redeployWeb(120);
  const run = await waitForWeb('5m');
  expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
  expect(run.exitCode).toBe(0);
  expect(run.outputs['rollout-state']).toBe('COMPLETED');
  expect(run.log).toContain('web: still rolling out (check 1)');
  const primary = (await describeService(sim(), 'web')).deployments?.find((d) => d.status === 'PRIMARY');
  expect(primary?.rolloutState).toBe('COMPLETED');
});

test('past its timeout the action fails the step, naming the service and the timeout', async () => {
  await redeployWeb(36_000);
  const run = await waitForWeb('2s');
  expect(run.exitCode).toBe(1);
  expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
    'web did not finish within 2s',
  ]);
  expect(run.outputs['rollout-state']).toBeUndefined();
});
