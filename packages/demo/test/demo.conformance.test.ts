import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '@ecs-delivery/testkit';
import { runDemo, type DemoResult } from '../src';

/** `npm run demo`'s work, in process: the example's caller workflow run twice on the simulator. */
describe('the demo', () => {
  let result: DemoResult;
  const lines: string[] = [];
  const out = mkdtempSync(join(tmpdir(), 'ecs-delivery-demo-test-'));

  beforeAll(async () => {
    result = await runDemo({ root: REPO_ROOT, outDir: out, timeScale: 60, log: (l) => lines.push(l) });
  }, 240_000);

  // ECS replaces the crashing tasks and its circuit breaker does not count exits after RUNNING (the simulator's
  // reading of the documentation): deploy-ecs calls the crash loop itself and rolls the release back.
  it('stops release 1.4.0 in staging: deploy-ecs calls the crash loop, rolls back, prod is never touched', () => {
    const [bad] = result.runs;
    expect(bad!.result).toBe('failure');
    const rows = result.rows.filter((r) => r.release === '1.4.0');
    expect(rows.map((r) => [r.stage, r.service, r.outcome])).toEqual([
      ['dev', 'app-api', 'succeeded'],
      ['dev', 'bullmq-workers', 'succeeded'],
      ['staging', 'app-api', 'failed'],
      ['staging', 'bullmq-workers', 'not_started'],
      ['prod', 'app-api', 'not run: an earlier stage failed'],
      ['prod', 'bullmq-workers', 'not run: an earlier stage failed'],
    ]);
    expect(rows[2]!.rollback).toMatch(/tasks of app-api:\d+ exited after they started \(api exited 1/);
  });

  it('delivers release 1.4.1 to every stage on the same digest', () => {
    const good = result.runs[1]!;
    expect(good.result).toBe('success');
    const rows = result.rows.filter((r) => r.release === '1.4.1');
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.outcome))).toEqual(new Set(['succeeded']));
    expect(new Set(rows.map((r) => r.digest))).toEqual(new Set([good.digest.slice(7, 19)]));
    // Each stage deployed the release promoted into its own account's registry.
    const releases = good.jobs
      .filter((j) => j.workflow.endsWith('deploy.yml'))
      .map((j) => j.outputs['release']!);
    expect(releases.map((r) => Object.values(JSON.parse(r) as Record<string, string>)[0])).toEqual(
      ['222222222201', '222222222202', '222222222203'].map((a) =>
        expect.stringContaining(`/${a}/eu-central-1/mobilytics/app-api@${good.digest}`),
      ),
    );
  });

  it("gives every one of this repository's steps exactly the inputs deploy.yml and build.yml declare", () => {
    const declared = (file: string): Record<string, string[]> => {
      const doc = parse(readFileSync(join(REPO_ROOT, '.github', 'workflows', file), 'utf8')) as {
        jobs: Record<string, { steps: { name?: string; uses?: string; with?: Record<string, unknown> }[] }>;
      };
      const steps = Object.values(doc.jobs).flatMap((j) => j.steps);
      return Object.fromEntries(
        steps
          .filter((s) => s.uses?.startsWith('ecs-delivery/') === true)
          .map((s) => [s.name!, Object.keys(s.with ?? {})]),
      );
    };
    const expected = { ...declared('build.yml'), ...declared('deploy.yml') };
    const ran = result.runs[1]!.jobs.flatMap((j) => j.steps).filter(
      (s) => s.action !== undefined && s.result !== 'skipped',
    );
    expect(ran.length).toBe(1 + 3 * 3);
    for (const step of ran)
      expect([step.name, Object.keys(step.inputs)]).toEqual([step.name, expected[step.name]]);
  });

  it('writes one page with every step summary and prints progress and the table', () => {
    const page = readFileSync(result.page, 'utf8');
    expect(page).toContain('data-stage="staging" data-result="failure"');
    expect(page).toContain('data-stage="prod" data-result="success"');
    expect(page).toContain('<table');
    expect(lines.join('\n')).toMatch(/release\s+stage\s+service\s+outcome/);
    expect(lines.some((l) => l.startsWith('[staging]'))).toBe(true);
    // The GitHub token every step was given never shows.
    expect(`${lines.join('\n')}\n${page}`).not.toContain('ghs_demo');
  });
});
