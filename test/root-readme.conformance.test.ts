import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { REPO_ROOT } from '@ecs-delivery/testkit';

/**
 * Every command of the root README is run here, or by `.ci/run` (which runs the commands it names verbatim). The
 * changes made to run them are few and listed: the simulator listens on a free port instead of 4566 (and later
 * commands get that port), the demo and the bundler write to a temporary folder instead of the repository.
 */
const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const CI_RUN = readFileSync(join(REPO_ROOT, '.ci', 'run'), 'utf8');

interface Block {
  line: number;
  lang: string;
  body: string;
  /** The `## ` heading it is under. */
  section: string;
}

function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  const lines = markdown.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i += 1) {
    const heading = /^## (.+)$/.exec(lines[i]!);
    if (heading) section = heading[1]!;
    const open = /^```(\S*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l === '```');
    found.push({ line: i + 1, lang: open[1]!, body: lines.slice(i + 1, end).join('\n'), section });
    i = end;
  }
  return found;
}

/** A block's commands: continuation lines joined, comments and blank lines dropped. */
function commandsOf(body: string): string[] {
  return body
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** The commands of the scripts table ("Other scripts"). */
function tableCommands(markdown: string): string[] {
  return [...markdown.matchAll(/^\| `((?:npm|bash) [^`]+)` +\|/gm)].map((m) => m[1]!);
}

const shBlocks = blocks(README).filter((b) => b.lang === 'sh');
const commands = [...shBlocks.flatMap((b) => commandsOf(b.body)), ...tableCommands(README)];

/** How each command is run. `ci`: .ci/run runs it verbatim on a clean clone (the regex finds it there). */
const RUNS: { command: RegExp; how: 'ci' | 'entry' | 'demo' | 'bundle' | 'sim' | 'shell'; ci?: RegExp }[] = [
  { command: /^npm ci$/, how: 'ci', ci: /^if ! npm ci /m },
  { command: /^npm test$/, how: 'ci', ci: /^run_jest \S+ test$/m },
  { command: /^npm run check$/, how: 'ci', ci: /^npm run check /m },
  { command: /^npm run test:conformance$/, how: 'ci', ci: /^run_jest \S+ test:conformance$/m },
  { command: /^bash \.ci\/run$/, how: 'entry' },
  { command: /^npm run demo$/, how: 'demo' },
  { command: /^npm run bundle$/, how: 'bundle' },
  { command: /^npm run sim( -- .*)?$/, how: 'sim' },
  { command: /^(export|touch|env|cat) /, how: 'shell' },
];

function howOf(command: string): (typeof RUNS)[number] | undefined {
  return RUNS.find((r) => r.command.test(command));
}

/** Runs a command line without a shell; resolves with its exit code and output. */
function runCommand(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(args[0]!, args.slice(1), {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the root README', () => {
  it('has no command that is not run (by this test or by .ci/run)', () => {
    expect(shBlocks.length).toBeGreaterThanOrEqual(4);
    expect(commands.filter((c) => howOf(c) === undefined)).toEqual([]);
    for (const c of commands) {
      const how = howOf(c)!;
      if (how.ci) expect({ command: c, inCiRun: how.ci.test(CI_RUN) }).toEqual({ command: c, inCiRun: true });
    }
    // Every kind of command is there: the classification did not drop a block.
    expect(new Set(commands.map((c) => howOf(c)!.how))).toEqual(
      new Set(['ci', 'entry', 'demo', 'bundle', 'sim', 'shell']),
    );
  });

  it('`bash .ci/run` is the CI entry point: valid bash that ends on the counts line', async () => {
    const syntax = await runCommand(['bash', '-n', '.ci/run'], { timeoutMs: 10_000 });
    expect(syntax).toEqual({ code: 0, output: '' });
    expect(CI_RUN).toMatch(/echo "\$passed passed, \$failed failed"/);
  });

  it('`npm run demo` promotes both releases and writes the page', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ecs-delivery-readme-demo-'));
    const result = await runCommand(['npm', 'run', 'demo', '--', '--out', out], { timeoutMs: 300_000 });
    expect(result.output).toMatch(/Release 1\.4\.0[^\n]*: stopped in/);
    expect(result.output).toMatch(/Release 1\.4\.1[^\n]*: delivered to prod in/);
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/data-stage="prod"/);
  }, 320_000);

  it('`npm run bundle` writes the bundles that are committed', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ecs-delivery-readme-bundle-'));
    const result = await runCommand(['npm', 'run', 'bundle', '--', '--out-dir', out], { timeoutMs: 300_000 });
    expect(result.code).toBe(0);
    for (const name of ['build-push', 'deploy-ecs', 'smoke-test', 'rollback']) {
      const file = join('actions', name, 'dist', 'index.js');
      expect(readFileSync(join(out, file)).equals(readFileSync(join(REPO_ROOT, file)))).toBe(true);
    }
  }, 320_000);

  describe('the simulator, its exports and one action by hand', () => {
    let sim: ChildProcessWithoutNullStreams | undefined;
    let url: string;
    let closed: Promise<void>;

    beforeAll(async () => {
      const line = commandsOf(shBlocks.find((b) => b.section === 'The simulator')!.body)[0]!;
      expect(line).toMatch(/^npm run sim -- --port 4566 /);
      const args = line.split(/\s+/).map((a, i, all) => (all[i - 1] === '--port' ? '0' : a));
      sim = spawn(args[0]!, args.slice(1), { cwd: REPO_ROOT, detached: true });
      closed = new Promise((resolve) => sim!.on('close', () => resolve()));
      let output = '';
      url = await new Promise<string>((resolve, reject) => {
        const onData = (d: Buffer): void => {
          output += d.toString('utf8');
          const m = /listening on (http:\/\/\S+)/.exec(output);
          if (m) resolve(m[1]!);
        };
        sim!.stdout.on('data', onData);
        sim!.stderr.on('data', onData);
        void closed.then(() => reject(new Error(`the simulator stopped before listening:\n${output}`)));
      });
      expect(output).toMatch(/time scale 60/);
    }, 60_000);

    afterAll(async () => {
      if (sim?.pid !== undefined && sim.exitCode === null) process.kill(-sim.pid, 'SIGTERM');
      await closed;
    });

    it('runs deploy-ecs, then rollback, from their bundles as the runner would', async () => {
      const port = new URL(url).port;
      const onPort = (text: string): string => text.replaceAll('127.0.0.1:4566', `127.0.0.1:${port}`);
      const exports = shBlocks.find((b) => b.section === 'The simulator' && /^export /m.test(b.body))!;
      const byHand = shBlocks.find((b) => b.section === 'Running one action by hand')!;
      const tmp = mkdtempSync(join(tmpdir(), 'ecs-delivery-readme-hand-'));
      const script = `set -e\n${onPort(exports.body)}\n${onPort(byHand.body)}\n`;
      const clean = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !/^(AWS_|GITHUB_|INPUT_|ACTIONS_)/.test(k)),
      );
      const result = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
        const child = spawn('bash', ['-c', script], { cwd: REPO_ROOT, env: { ...clean, TMPDIR: tmp } });
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
        child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, output }));
      });
      expect(result.output).toMatch(/Deployed: api → shop-api:2 \(succeeded\)/);
      expect(result.code).toBe(0);
      const summary = readFileSync(join(tmp, 'summary.md'), 'utf8');
      expect(summary).toMatch(/\| Reason \| tried by hand \|/);
      expect(summary).toMatch(/\| Rolled back to \| shop-api:1 \|/);
      expect(existsSync(join(tmp, 'outputs.txt'))).toBe(true);
      expect(readFileSync(join(tmp, 'outputs.txt'), 'utf8')).toMatch(
        /task-definition-arn<<.*\n.*shop-api:2\n/,
      );
      const ecs = new ECSClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      try {
        const svc = (await ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] })))
          .services![0]!;
        expect(svc.taskDefinition).toBe('arn:aws:ecs:us-east-1:000000000000:task-definition/shop-api:1');
      } finally {
        ecs.destroy();
      }
    }, 120_000);
  });
});
