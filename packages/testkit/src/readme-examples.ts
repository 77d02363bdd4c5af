import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { codeBlocks, type CodeBlock } from './readme';
import { REPO_ROOT } from './run-action';

/**
 * Running the code blocks of a README in a test. Each block is matched to the one handler that runs it, found by a
 * line only that block has; a block that no handler runs and no `<!-- readme-examples: skip (why) -->` marker
 * excuses is a problem, and so is a handler that matches no block or more than one.
 */

/** A way to run one block. */
export interface BlockHandler {
  /** Text only that block contains. */
  match: string;
}

export interface MatchedBlocks<H extends BlockHandler> {
  runs: { where: string; block: CodeBlock; handler: H }[];
  skipped: { where: string; reason: string }[];
  problems: string[];
}

/** Matches every code block of `markdown` (`file` names it in messages) to `handlers`. */
export function matchCodeBlocks<H extends BlockHandler>(
  file: string,
  markdown: string,
  handlers: readonly H[],
): MatchedBlocks<H> {
  const out: MatchedBlocks<H> = { runs: [], skipped: [], problems: [] };
  const used = new Map<H, number>();
  for (const block of codeBlocks(markdown)) {
    const where = `${file}:${block.line} (${block.lang || 'no language'})`;
    if (block.malformedMarker) {
      out.problems.push(`${where}: a skip marker reads \`<!-- readme-examples: skip (why) -->\``);
    } else if (block.skip !== undefined) {
      out.skipped.push({ where, reason: block.skip });
    } else {
      const found = handlers.filter((h) => block.body.includes(h.match));
      if (found.length === 1) {
        used.set(found[0]!, (used.get(found[0]!) ?? 0) + 1);
        out.runs.push({ where, block, handler: found[0]! });
      } else {
        out.problems.push(
          found.length === 0
            ? `${where}: no test runs this block, and no skip marker says why`
            : `${where}: ${found.length} handlers match this block`,
        );
      }
    }
  }
  for (const h of handlers) {
    const n = used.get(h) ?? 0;
    if (n !== 1) out.problems.push(`the handler for "${h.match}" matches ${n} blocks of ${file}, not one`);
  }
  return out;
}

/** A TypeScript example written to a file. */
export interface ExampleFile {
  /** Its folder, `<package>/.tmp/readme-…/` (gitignored). */
  dir: string;
  file: string;
  remove(): void;
}

/**
 * Writes `body` to `<packageDir>/.tmp/readme-…/<name>`, so its imports resolve as they do from the package's own
 * files (`@ecs-delivery/…` through the workspace, the package's dependencies), as a reader's file would.
 */
export function writeExample(packageDir: string, name: string, body: string): ExampleFile {
  const parent = join(packageDir, '.tmp');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'readme-'));
  const file = join(dir, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, body);
  return { dir, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Type-checks the files given as arguments under the repository's tsconfig.json and prints the errors as JSON.
 * Run in a child process: a check takes seconds of CPU, and blocking this process would stall an in-process
 * simulator (its idle connections time out under a waiting client).
 */
const TYPE_CHECK = `
const ts = require(process.env.TYPESCRIPT);
const { join, relative } = require('node:path');
const root = process.env.REPO_ROOT;
const configFile = join(root, 'tsconfig.json');
const { config } = ts.readConfigFile(configFile, (p) => ts.sys.readFile(p));
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
const files = process.argv.slice(1);
const program = ts.createProgram(files, { ...options, noEmit: true });
const errors = files.flatMap((file) =>
  ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\\n');
    if (d.file === undefined || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return relative(root, d.file.fileName) + ':' + (line + 1) + ':' + (character + 1) + ': ' + message;
  }),
);
process.stdout.write(JSON.stringify(errors));
`;

/**
 * The type errors of `files` under the repository's tsconfig.json (strict, `exactOptionalPropertyTypes`, …), as
 * `path:line:column: message` with the path relative to the repository: what a reader pasting the example into
 * this repository would be told.
 */
export async function typeErrors(files: readonly string[]): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', TYPE_CHECK, ...files], {
    cwd: REPO_ROOT,
    env: { ...process.env, TYPESCRIPT: require.resolve('typescript'), REPO_ROOT },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as string[];
}

/**
 * Loads a test file while jest collects tests (through jest's transform, as jest loads a test file), so its
 * `test(…)`s become tests of the calling file, and returns their names: a caller can then tell that the file
 * defined the tests it expects, not none.
 */
export function registerTests(file: string): string[] {
  const names: string[] = [];
  const scope = globalThis as { test: jest.It; it: jest.It };
  const real = { test: scope.test, it: scope.it };
  const collecting = (register: jest.It): jest.It =>
    Object.assign((name: string, fn?: jest.ProvidesCallback, timeout?: number): void => {
      names.push(name);
      register(name, fn, timeout);
    }, register);
  scope.test = collecting(real.test);
  scope.it = collecting(real.it);
  try {
    jest.requireActual(file);
  } finally {
    scope.test = real.test;
    scope.it = real.it;
  }
  return names;
}
