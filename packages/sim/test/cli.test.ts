/**
 * The `ecs-delivery-sim` command as a user starts it: the bin script (which runs the committed dist/cli.js) as
 * a child process, with --port 0, --time-scale and --seed FILE.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', 'bin', 'ecs-delivery-sim.js');

let dir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  /** Resolves with the first line matching `pattern`, or rejects when the process exits first. */
  line(pattern: RegExp): Promise<RegExpExecArray>;
  exit: Promise<{ code: number | null; output: string }>;
}

function start(args: string[]): Started {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const waiters: (() => void)[] = [];
  const onData = (d: Buffer): void => {
    output += d.toString('utf8');
    for (const w of waiters) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, output })),
  );
  return {
    child,
    exit,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = pattern.exec(output);
          if (m) resolve(m);
        };
        waiters.push(check);
        check();
        void exit.then(({ code }) =>
          reject(new Error(`exited ${code} before printing ${pattern}:\n${output}`)),
        );
      }),
  };
}

function seedFile(name: string, doc: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

it('starts on a free port with the time scale and the seed file, answers /_sim/health, and stops on SIGTERM', async () => {
  const seed = seedFile('seed.json', {
    clusters: ['dev'],
    repositories: [{ name: 'shop/api' }],
    rules: [{ api: 'ecs:UpdateService', fault: { throttle: 0.5 } }],
  });
  const sim = start(['--port', '0', '--time-scale', '30', '--seed', seed, '--random-seed', '7']);
  const [, url] = await sim.line(/listening on (http:\/\/127\.0\.0\.1:\d+) \(time scale 30\)/);

  const health = (await (await fetch(`${url}/_sim/health`)).json()) as Record<string, unknown>;
  expect(health).toMatchObject({ status: 'ok', url, timeScale: 30 });
  expect((await (await fetch(`${url}/_sim/scenario`)).json()) as unknown).toEqual({
    rules: [{ api: 'ecs:UpdateService', fault: { throttle: 0.5 } }],
  });
  const state = (await (await fetch(`${url}/_sim/state`)).json()) as {
    ecr: { repositories: Record<string, { name: string }> };
  };
  expect(Object.values(state.ecr.repositories).map((r) => r.name)).toEqual(['shop/api']);

  sim.child.kill('SIGTERM');
  expect((await sim.exit).code).toBe(0);
});

it.each([
  [
    'a time scale that is not positive',
    ['--time-scale', '0'],
    '--time-scale must be a positive number, got 0',
  ],
  ['a port out of range', ['--port', '70000'], '--port must be 0-65535, got 70000'],
])('refuses %s with exit code 2 and the usage', async (_name, args, message) => {
  const { code, output } = await start(args).exit;
  expect(code).toBe(2);
  expect(output).toContain(`ecs-delivery-sim: ${message}`);
  expect(output).toContain('usage: ecs-delivery-sim');
});

it('refuses a seed file with an unknown key, naming it', async () => {
  const seed = seedFile('bad.json', { clusters: ['dev'], rulez: [] });
  const { code, output } = await start(['--port', '0', '--seed', seed]).exit;
  expect(code).toBe(2);
  expect(output).toContain('ecs-delivery-sim: unknown seed key "rulez"');
});
