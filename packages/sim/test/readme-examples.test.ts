/**
 * Every code block of packages/sim/README.md runs, so the README cannot say what the simulator refuses:
 * - a JSON seed document is POSTed to /_sim/seed of a fresh simulator and must be accepted; a document of
 *   `rules` alone is a scenario document, POSTed to /_sim/scenario;
 * - a TypeScript example that calls startSimulator is transpiled and run as an ES module by a child `node` in the
 *   repository root, so `@ecs-delivery/sim` resolves as plain Node resolves it: to the committed dist/index.js;
 * - every `npx ecs-delivery-sim …` line is started with npx on a free port, must answer /_sim/health, and is
 *   stopped.
 * Any other block fails the first test unless it carries a skip marker (see readme-examples.ts).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { startSimulator, type RunningSimulator } from '../src/index';
import { classifyExamples, onFreePort, type Example } from './readme-examples';

const ROOT = join(__dirname, '..', '..', '..');
const README = join(__dirname, '..', 'README.md');
const { examples, skipped, problems } = classifyExamples('README.md', readFileSync(README, 'utf8'));

const of = <K extends Example['kind']>(kind: K): Extract<Example, { kind: K }>[] =>
  examples.filter((e): e is Extract<Example, { kind: K }> => e.kind === kind);

interface Finished {
  code: number | null;
  output: string;
}

/** Runs `node` with `args` in the repository root and collects what it prints. */
function node(args: string[], timeoutMs: number): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * Starts a README command line with npx (in its own process group, as npx starts the bin as a child), waits for
 * the URL it prints, checks /_sim/health there, and stops the whole group.
 */
async function runCommand(args: string[]): Promise<{ health: unknown; output: string }> {
  const child = spawn('npx', args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Never install from a registry: the bin must come from the workspace.
    env: { ...process.env, npm_config_yes: 'false', npm_config_update_notifier: 'false' },
  });
  let output = '';
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await closed;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer): void => {
        output += d.toString('utf8');
        const m = /listening on (http:\/\/\S+)/.exec(output);
        if (m) resolve(m[1]!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void closed.then((code) => reject(new Error(`exited ${code} before listening:\n${output}`)));
    });
    const health = (await (await fetch(`${url}/_sim/health`)).json()) as unknown;
    return { health, output };
  } finally {
    await stop();
  }
}

test('every code block of the README is run by this test, or says why not', () => {
  expect(problems).toEqual([]);
  expect(skipped).toEqual([]);
  // The README shows each kind of example at least once: the classification did not silently drop them.
  expect(of('seed').length).toBeGreaterThan(0);
  expect(of('scenario').length).toBeGreaterThan(0);
  expect(of('program').length).toBeGreaterThan(0);
  expect(of('command').length).toBeGreaterThan(0);
});

test('a block this test cannot run is a problem unless a marker says why it is skipped', () => {
  const md = [
    '```yaml',
    'a: 1',
    '```',
    '```ts',
    "import { pushImage } from '@ecs-delivery/sim';",
    '```',
    '```sh',
    'curl http://127.0.0.1:4566/_sim/health',
    'npx ecs-delivery-sim --port 4566 [--seed FILE]',
    '```',
    '```json',
    '[1]',
    '```',
    '<!-- readme-examples: skip -->',
    '```',
    'no reason given',
    '```',
    '<!-- readme-examples: skip (a transcript, not a command) -->',
    '```text',
    '$ ecs-delivery-sim',
    '```',
  ].join('\n');
  const classified = classifyExamples('X.md', md);
  expect(classified.examples).toEqual([]);
  expect(classified.problems).toEqual([
    'X.md:1 (yaml): no way to run a `yaml` block',
    'X.md:4 (ts): TypeScript examples that do not call startSimulator are not run',
    'X.md:7 (sh), line 1: only `npx ecs-delivery-sim …` command lines are run; "curl http://127.0.0.1:4566/_sim/health" is not one',
    'X.md:7 (sh), line 2: "npx ecs-delivery-sim --port 4566 [--seed FILE]" uses shell syntax; give plain words',
    'X.md:11 (json): a JSON example must be a seed or scenario document (an object)',
    'X.md:15 (no language): a skip marker reads `<!-- readme-examples: skip (why) -->`',
  ]);
  expect(classified.skipped).toEqual([{ where: 'X.md:19 (text)', reason: 'a transcript, not a command' }]);
  expect(onFreePort(['ecs-delivery-sim', '--port', '4566', '--time-scale', '60'])).toEqual([
    'ecs-delivery-sim',
    '--port',
    '0',
    '--time-scale',
    '60',
  ]);
});

describe('JSON documents', () => {
  let running: RunningSimulator | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  test.each(of('seed').map((e) => [e.where, e] as const))(
    'the seed document at %s is accepted',
    async (_where, example) => {
      running = await startSimulator();
      const res = await fetch(`${running.url}/_sim/seed`, {
        method: 'POST',
        body: JSON.stringify(example.doc),
      });
      const body = (await res.json()) as Record<string, unknown>;
      expect({ status: res.status, body }).toMatchObject({ status: 200, body: { seeded: true } });
      if (Array.isArray(example.doc.images)) {
        expect(body.images).toHaveLength(example.doc.images.length);
      }
    },
  );

  test.each(of('scenario').map((e) => [e.where, e] as const))(
    'the scenario rules at %s are accepted by POST /_sim/scenario',
    async (_where, example) => {
      running = await startSimulator();
      const res = await fetch(`${running.url}/_sim/scenario`, {
        method: 'POST',
        body: JSON.stringify(example.doc),
      });
      expect({ status: res.status, body: (await res.json()) as unknown }).toMatchObject({
        status: 200,
        body: { added: example.doc.rules.length },
      });
    },
  );
});

test.each(of('program').map((e) => [e.where, e] as const))(
  'the TypeScript example at %s runs from plain Node against the built package',
  async (_where, example) => {
    const js = ts.transpileModule(example.code, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const { code, output } = await node(['--input-type=module', '-e', js], 20000);
    expect(code === 0 ? 'exit 0' : `exit ${code}:\n${output}`).toBe('exit 0');
  },
);

test.each(of('command').map((e) => [e.where, e] as const))(
  'the command at %s starts and answers /_sim/health',
  async (_where, example) => {
    const { health, output } = await runCommand(onFreePort(example.args));
    expect(health).toMatchObject({ status: 'ok' });
    expect(output).toContain('ecs-delivery simulator listening on');
  },
);
