import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeBlocks, REPO_ROOT } from '@ecs-delivery/testkit';

/**
 * Every command of bench/README.md's first `sh` block is run here, as written, with `--json FILE` added so the
 * figures can be read back. The benchmarks' figures are not asserted (no test asserts a time): only that each
 * section ran and printed every figure it names, with a value.
 */
const README = readFileSync(join(REPO_ROOT, 'bench', 'README.md'), 'utf8');
const block = codeBlocks(README).find((b) => b.lang === 'sh');
const commands = (block?.body ?? '')
  .split('\n')
  .map((l) => l.replace(/\s+#.*$/, '').trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

interface BenchJson {
  sections: { title: string; figures: { name: string; value: string; target?: string; met?: boolean }[] }[];
}

function run(command: string, json: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `${command} --json ${json}`], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 280_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('bench/README.md', () => {
  it('shows quick bench runs that cover every section', () => {
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const c of commands) expect(c).toMatch(/npm run bench -- --quick --only [a-z-]+(,[a-z-]+)*$/);
    const named = commands.flatMap((c) => /--only (\S+)$/.exec(c)![1]!.split(','));
    const main = readFileSync(join(REPO_ROOT, 'bench', 'src', 'main.ts'), 'utf8');
    const registered = [...main.matchAll(/^ {2}'?([a-z-]+)'?: \(\) => import\(/gm)].map((m) => m[1]);
    expect(registered.length).toBeGreaterThanOrEqual(6);
    expect([...named].sort()).toEqual([...registered].sort());
  });

  it.each(commands)('`%s` runs and prints every figure with a value', async (command) => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    try {
      const json = join(dir, 'bench.json');
      const { code, output } = await run(command, json);
      expect({ code, tail: output.slice(-2000) }).toMatchObject({ code: 0 });
      const result = JSON.parse(readFileSync(json, 'utf8')) as BenchJson;
      const sections = /--only (\S+)$/.exec(command)![1]!.split(',');
      expect(result.sections).toHaveLength(sections.length);
      for (const s of result.sections) {
        expect(s.figures.length).toBeGreaterThan(0);
        for (const f of s.figures) {
          expect(f.value).not.toMatch(/^(n\/a|NaN.*)?$/);
          // Each figure printed in the table, as the JSON has it.
          expect(output).toContain(f.name);
          if (f.target !== undefined) expect(typeof f.met).toBe('boolean');
        }
      }
      expect(output).toMatch(/every target met|figure\(s\) miss their target/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
