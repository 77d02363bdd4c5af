import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@ecs-delivery/testkit';

/** The structure rules of eslint.config.mjs fire on what they forbid (`npm run check` runs ESLint on the tree). */
type Case = { code: string; filePath: string } | { files: string[] };

function lint(cases: Case[]): string[][] {
  const out = execFileSync(process.execPath, [join(REPO_ROOT, 'test', 'fixtures', 'lint-probe.mjs')], {
    cwd: REPO_ROOT,
    input: JSON.stringify(cases),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return JSON.parse(out) as string[][];
}

const at = (filePath: string, code: string): Case => ({ code, filePath: join(REPO_ROOT, filePath) });
const PATHS = 'import-x/no-restricted-paths';

it('ESLint forbids cross-action imports, product code in the simulator and testkit, src/ paths, cycles and names not in kebab-case', () => {
  const dir = join(REPO_ROOT, 'test', `.cycle-probe-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b + 1;\n");
    writeFileSync(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = 1;\nexport const c = a;\n");
    const cases: [Case, string[]][] = [
      [
        at('actions/rollback/src/probe.ts', "export { planWaves } from '../../deploy-ecs/src/plan';\n"),
        [PATHS],
      ],
      [at('actions/rollback/src/probe.ts', "export { startSim } from '@ecs-delivery/testkit';\n"), [PATHS]],
      [at('packages/sim/src/probe.ts', "export { runAction } from '@ecs-delivery/shared';\n"), [PATHS]],
      [at('packages/testkit/src/probe.ts', "export { runAction } from '@ecs-delivery/shared';\n"), [PATHS]],
      [at('packages/shared/src/probe.ts', "export { startSim } from '@ecs-delivery/testkit';\n"), [PATHS]],
      [
        at(
          'actions/rollback/src/probe.ts',
          "export { parseDuration } from '@ecs-delivery/shared/src/inputs/duration';\n",
        ),
        ['no-restricted-imports'],
      ],
      [at('actions/rollback/src/probe.ts', "export { parseDuration } from '@ecs-delivery/shared';\n"), []],
      [at('actions/rollback/test/probe.ts', "export { startSim } from '@ecs-delivery/testkit';\n"), []],
      [at('packages/shared/src/ecs/rolloutEngine.ts', 'export const x = 1;\n'), ['local/kebab-case-file']],
      [at('packages/shared/src/ecs/rollout-engine.ts', 'export const x = 1;\n'), []],
      [{ files: [join(dir, 'a.ts')] }, ['import-x/no-cycle']],
    ];
    expect(lint(cases.map(([c]) => c))).toEqual(cases.map(([, expected]) => expected));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 150_000);
