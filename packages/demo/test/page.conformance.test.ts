import { execFile } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describeWithTools, REPO_ROOT } from '@ecs-delivery/testkit';
import { runDemo, type DemoResult } from '../src';

const run = promisify(execFile);

/** The demo's page as a person opens it: headless Chromium (Debian's `chromium`). */
describeWithTools('the demo page in Chromium', ['chromium'], (tools) => {
  const out = mkdtempSync(join(tmpdir(), 'ecs-delivery-demo-page-'));
  let result: DemoResult;
  const chromium = (...args: string[]): Promise<{ stdout: string; stderr: string }> =>
    run(
      tools['chromium']!,
      ['--headless', '--no-sandbox', '--disable-gpu', '--enable-logging=stderr', '--v=0', ...args],
      { maxBuffer: 32 * 1024 * 1024, timeout: 60_000 },
    );

  beforeAll(async () => {
    result = await runDemo({ root: REPO_ROOT, outDir: out, timeScale: 60, log: () => undefined });
  }, 240_000);

  it('renders every stage with its outcome and logs no console error', async () => {
    const { stdout: dom, stderr } = await chromium('--dump-dom', `file://${result.page}`);
    expect(stderr).not.toMatch(/CONSOLE\(|Uncaught|Failed to load resource/);
    const stages = [
      ...dom.matchAll(/<section class="stage" data-stage="([^"]+)" data-result="([^"]+)"/g),
    ].map((m) => `${m[1]!}:${m[2]!}`);
    expect(stages).toEqual([
      'build:success',
      'dev:success',
      'staging:failure',
      'prod:skipped',
      'build:success',
      'dev:success',
      'staging:success',
      'prod:success',
    ]);
    expect(dom).toContain('<table class="services">');
    expect(dom).toMatch(/exited after they started/);
  }, 90_000);

  it('takes a screenshot of it', async () => {
    const shot = join(out, 'page.png');
    await chromium(`--screenshot=${shot}`, '--window-size=1200,1600', `file://${result.page}`);
    expect(statSync(shot).size).toBeGreaterThan(10_000);
  }, 90_000);
});
